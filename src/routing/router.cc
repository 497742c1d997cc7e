#include "routing/router.h"

#include <algorithm>

#include "base/text_builder.h"
#include "routing/matcher.h"
#include "routing/mute.h"
#include "routing/summary_scope.h"

namespace gdslack {
namespace {

std::string Num(double v) {
  TextBuilder out;
  out << v;
  return out.str();
}

void AddDestination(const Route& route, const std::string& d, RoutingDecision& decision) {
  const bool seen = std::any_of(decision.deliveries.begin(), decision.deliveries.end(),
                                [&](const Delivery& x) { return x.destination == d; });
  if (!seen) decision.deliveries.push_back({&route, d});
}

// A to_tag route goes to the destination its account's tag names; else (no tag, unknown name) to its `to`.
void AddDeliveries(const RoutingConfig& config, const Route& route, const Finding& f, RoutingDecision& decision) {
  if (!route.to_tag.empty()) {
    auto tag = f.account_tags.find(route.to_tag);
    std::string why;
    if (tag == f.account_tags.end()) {
      why = "account " + f.account_id + " has no tag " + route.to_tag;
    } else if (!config.destinations.contains(tag->second)) {
      why = "tag " + route.to_tag + " of account " + f.account_id + " names no destination of this configuration";
    } else {
      decision.trace.push_back("  to_tag " + route.to_tag + "=" + tag->second + " -> destination " + tag->second);
      AddDestination(route, tag->second, decision);
      return;
    }
    decision.trace.push_back("  to_tag " + route.to_tag + ": " + why + "; falling back to the route's to");
    decision.notes.push_back("route " + route.name + ": " + why + "; sent to its to: instead");
  }
  for (const std::string& d : route.to) {
    AddDestination(route, d, decision);
  }
}

// Tries `routes` in order; returns true when any matched. Deliveries and the trace accumulate.
bool TryRoutes(const RoutingConfig& config, const std::vector<Route>& routes, const Finding& f, int depth,
               RoutingDecision& decision, std::vector<const Route*>& taken) {
  bool any = false;
  for (const Route& route : routes) {
    const bool hit = Matches(route.match, f);
    decision.trace.push_back(std::string(static_cast<std::size_t>(depth) * 2, ' ') + route.name + " [" +
                             Describe(route.match) + "]: " + (hit ? "matched" : "no match"));
    if (!hit) continue;
    any = true;
    if (!TryRoutes(config, route.routes, f, depth + 1, decision, taken)) {
      taken.push_back(&route);
      if (!route.drop) AddDeliveries(config, route, f, decision);
    }
    if (!route.continue_matching) break;
  }
  return any;
}

void DescribeRoute(const Route& route, int depth, TextBuilder& out) {
  out << std::string(static_cast<std::size_t>(depth) * 2, ' ') << "- " << route.name;
  if (route.line > 0) out << " (line " << route.line << ")";
  out << ": match " << Describe(route.match);
  if (route.drop) {
    out << " -> drop";
  } else if (!route.to.empty()) {
    out << " -> ";
    if (!route.to_tag.empty()) out << "the destination named by tag " << route.to_tag << ", else ";
    for (std::size_t i = 0; i < route.to.size(); ++i) out << (i == 0 ? "" : ", ") << route.to[i];
  }
  if (!route.mention.empty()) out << " mention " << route.mention;
  out << " update_policy " << UpdatePolicyName(route.update_policy);
  if (route.update_policy == UpdatePolicy::kEscalations) {
    out << " steps";
    for (int64_t s : route.escalation_steps) out << ' ' << s;
  }
  if (route.continue_matching) out << " (continue)";
  out << "\n";
  for (const Route& child : route.routes) DescribeRoute(child, depth + 1, out);
}

}  // namespace

RoutingDecision RouteFinding(const RoutingConfig& config, const Finding& f, int64_t now_unix_s) {
  RoutingDecision decision;
  const Filters& filters = config.filters;
  if (filters.min_severity && f.severity < *filters.min_severity) {
    decision.kind = RoutingDecision::Kind::kFiltered;
    decision.reason = "severity " + Num(f.severity) + " is below min_severity " + Num(*filters.min_severity);
    return decision;
  }
  if (filters.skip_samples && f.sample) {
    decision.kind = RoutingDecision::Kind::kFiltered;
    decision.reason = "sample finding (skip_samples)";
    return decision;
  }
  if (filters.skip_archived && f.archived) {
    decision.kind = RoutingDecision::Kind::kFiltered;
    decision.reason = "archived finding (skip_archived)";
    return decision;
  }
  if (const Mute* mute = ActiveMute(config.mutes, f, now_unix_s)) {
    decision.kind = RoutingDecision::Kind::kMuted;
    decision.mute = mute;
    decision.reason = "muted until " + mute->until_text + ": " + mute->reason;
    return decision;
  }
  std::vector<const Route*> taken;
  if (!TryRoutes(config, config.routes, f, 0, decision, taken)) {
    decision.trace.push_back("default: used (no route matched)");
    taken.push_back(&config.default_route);
    if (!config.default_route.drop) AddDeliveries(config, config.default_route, f, decision);
  }
  std::string names;
  for (const Route* r : taken) names += (names.empty() ? "" : ", ") + r->name;
  if (decision.deliveries.empty()) {
    decision.kind = RoutingDecision::Kind::kDropped;
    decision.reason = "dropped by route " + names;
    return decision;
  }
  decision.kind = RoutingDecision::Kind::kDeliver;
  decision.reason = "route " + names;
  return decision;
}

std::string DescribeRoutingTree(const RoutingConfig& config) {
  TextBuilder out;
  out << "configuration " << config.source << "\n";
  out << "filters:";
  if (config.filters.min_severity) out << " min_severity " << *config.filters.min_severity;
  if (config.filters.skip_samples) out << " skip_samples";
  if (config.filters.skip_archived) out << " skip_archived";
  if (!config.filters.min_severity && !config.filters.skip_samples && !config.filters.skip_archived) out << " none";
  out << "\ndestinations:\n";
  for (const auto& [name, d] : config.destinations) {
    out << "  " << name << ": ";
    if (d.kind == DestinationKind::kSns) {
      out << "sns " << d.topic_arn;
    } else if (d.kind == DestinationKind::kSlackApp) {
      out << "slack app, channel " << d.channel << ", token from "
          << (!d.token_parameter.empty() ? "SSM parameter " + d.token_parameter
              : !d.token_secret.empty()  ? "secret " + d.token_secret
                                         : std::string("the environment (SLACK_BOT_TOKEN*)"));
      out << ", pace " << d.pace_burst << " then 1/" << d.pace_interval_ms << "ms";
    } else {
      out << "slack webhook from "
          << (!d.url_parameter.empty() ? "SSM parameter " + d.url_parameter
              : !d.url_secret.empty()  ? "secret " + d.url_secret
              : !d.url.empty()         ? std::string("inline url (not shown)")
                                       : std::string("the environment (SLACK_URL*)"));
      if (d.digest_after > 0) out << ", digest after " << d.digest_after;
      out << ", pace " << d.pace_burst << " then 1/" << d.pace_interval_ms << "ms";
    }
    if (d.daily_summary) out << ", summary daily of " << DescribeSummaryScope(SummaryScopeFor(config, name));
    out << "\n";
  }
  out << "routes:\n";
  for (const Route& r : config.routes) DescribeRoute(r, 1, out);
  DescribeRoute(config.default_route, 1, out);
  if (!config.owner_tags.empty()) {
    out << "owner_tags:";
    for (const std::string& key : config.owner_tags) out << ' ' << key;
    out << "\n";
  }
  if (!config.runbooks.empty()) out << "runbooks (first match; else AWS's remediation guide per finding family):\n";
  for (const Runbook& rb : config.runbooks) out << "  - type " << rb.type << " -> " << rb.url << "\n";
  if (WantsDailySummary(config)) {
    out << "summary_regions:";
    for (const std::string& region : config.summary_regions) out << ' ' << region;
    if (config.summary_regions.empty()) out << " SUMMARY_REGIONS, else the function's own Region";
    out << "\n";
  }
  out << "mutes:" << (config.mutes.empty() ? " none" : "") << "\n";
  for (const Mute& m : config.mutes) {
    out << "  - " << Describe(m.match) << " until " << m.until_text << ": " << m.reason << "\n";
  }
  return out.str();
}

}  // namespace gdslack
