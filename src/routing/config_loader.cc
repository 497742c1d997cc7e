#include "routing/config_loader.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <vector>

#include "base/file.h"
#include "base/iso8601.h"
#include "render/mention.h"
#include "routing/webhook_url.h"
#include "routing/yaml_reader.h"

namespace gdslack {
namespace {

// Small fixed-format checks. std::regex would do, but compiling one costs about a million instructions at init
// (docs/PERFORMANCE.md §6), and every routing file is read by every cold start.
bool IsUpperOrDigit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool IsAlnum(char c) { return IsUpperOrDigit(c) || (c >= 'a' && c <= 'z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// `text` is `lo` to `hi` characters, each satisfying `ok`.
template <typename Pred>
bool RunOf(std::string_view text, std::size_t lo, std::size_t hi, Pred ok) {
  return text.size() >= lo && text.size() <= hi && std::all_of(text.begin(), text.end(), ok);
}

// arn:PARTITION:sns:REGION:ACCOUNT:NAME, partition aws, aws-cn or aws-us-gov; a 12-digit account; a topic name of
// letters, digits, '_', '.', '-' (1-256).
bool IsTopicArn(std::string_view arn) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t colon = arn.find(':', start);
    parts.push_back(arn.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  return parts.size() == 6 && parts[0] == "arn" &&
         (parts[1] == "aws" || parts[1] == "aws-cn" || parts[1] == "aws-us-gov") && parts[2] == "sns" &&
         RunOf(parts[3], 1, 64, [](char c) { return (c >= 'a' && c <= 'z') || IsDigit(c) || c == '-'; }) &&
         RunOf(parts[4], 12, 12, IsDigit) &&
         RunOf(parts[5], 1, 256, [](char c) { return IsAlnum(c) || c == '_' || c == '.' || c == '-'; });
}

// Dot-separated labels of letters, digits and inner hyphens.
bool IsHostName(std::string_view host) {
  for (std::size_t start = 0;;) {
    const std::size_t dot = host.find('.', start);
    const std::string_view label =
        host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!RunOf(label, 1, 63, [](char c) { return IsAlnum(c) || c == '-'; }) || label.front() == '-' ||
        label.back() == '-') {
      return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

// https://HOST[:PORT][/PATH]: a host of letters, digits, '.' and '-'; a port of 1-5 digits; a path of printable
// ASCII without spaces.
bool IsHttpsUrl(std::string_view url) {
  constexpr std::string_view kScheme = "https://";
  if (url.substr(0, kScheme.size()) != kScheme) return false;
  url.remove_prefix(kScheme.size());
  const std::size_t slash = url.find('/');
  const std::string_view authority = url.substr(0, slash);
  const std::string_view path = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
  const std::size_t colon = authority.find(':');
  const std::string_view host = authority.substr(0, colon);
  if (!RunOf(host, 1, 253, [](char c) { return IsAlnum(c) || c == '.' || c == '-'; })) return false;
  if (colon != std::string_view::npos && !RunOf(authority.substr(colon + 1), 1, 5, IsDigit)) return false;
  return std::all_of(path.begin(), path.end(), [](char c) { return c >= '!' && c <= '~'; });
}

// <!here>, <!channel>, <!everyone>, <!subteam^ID>, <@UID> / <@WID> (ids: 2-20 upper-case letters or digits).
bool IsOneMention(std::string_view w) {
  if (w == "<!here>" || w == "<!channel>" || w == "<!everyone>") return true;
  if (w.size() < 2 || w.back() != '>') return false;
  auto id_after = [&](std::string_view prefix) {
    return w.substr(0, prefix.size()) == prefix &&
           RunOf(w.substr(prefix.size(), w.size() - prefix.size() - 1), 2, 20, IsUpperOrDigit);
  };
  return id_after("<!subteam^") || id_after("<@U") || id_after("<@W");
}

Result<std::vector<SeverityBand>> Bands(const YamlReader& r, const YamlNode& node, const std::string& key) {
  Result<std::vector<std::string>> names = r.Strings(node, key);
  if (!names) return names.error();
  std::vector<SeverityBand> bands;
  for (const std::string& n : *names) {
    std::optional<double> floor = ParseSeverityFloor(n);
    if (!floor || (n.find_first_of("0123456789") != std::string::npos)) {
      return r.Error(node, key, "expected low, medium, high or critical (use min_severity for numbers)");
    }
    bands.push_back(BandFor(*floor));
  }
  return bands;
}

Result<double> Severity(const YamlReader& r, const YamlNode& node, const std::string& key) {
  std::optional<double> value = node.IsScalar() ? ParseSeverityFloor(node.Scalar()) : std::nullopt;
  if (!value) return r.Error(node, key, "expected low, medium, high, critical or a number from 0 to 10");
  return *value;
}

// account_tag: {KEY: VALUE-glob, ...}: every key must be present with a matching value.
Result<std::map<std::string, std::string>> TagGlobs(const YamlReader& r, const YamlNode& node,
                                                    const std::string& path) {
  if (!node.IsMap() || node.size() == 0) return r.Error(node, path, "expected a mapping {tag-key: value-glob}");
  std::map<std::string, std::string> out;
  for (const auto& kv : node.entries()) {
    const std::string tag = kv.first.Scalar();
    const std::string where = YamlReader::Sub(path, tag);
    Result<std::string> glob = r.String(kv.second, where);
    if (!glob) return glob.error();
    if (tag.empty() || glob->empty()) return r.Error(kv.second, where, "empty tag key or value");
    out[tag] = *glob;
  }
  return out;
}

Status ReadMatcher(const YamlReader& r, const YamlNode& node, const std::string& path, Matcher& m) {
  Status keys = r.CheckKeys(node, path,
                            {"severity", "min_severity", "max_severity", "account", "region", "type", "resource_type",
                             "finding_id", "sample", "archived", "account_tag", "ou"});
  if (!keys.ok()) return keys;
  for (const auto& kv : node.entries()) {
    const std::string name = kv.first.Scalar();
    const std::string key = YamlReader::Sub(path, name);
    const YamlNode& v = kv.second;
    Status st = Status::Ok();
    auto take = [&st](auto result, auto& field) {
      if (!result) {
        st = result.error();
      } else {
        field = std::move(*result);
      }
    };
    if (name == "severity") take(Bands(r, v, key), m.bands);
    if (name == "min_severity") take(Severity(r, v, key), m.min_severity);
    if (name == "max_severity") take(Severity(r, v, key), m.max_severity);
    if (name == "account") take(r.Strings(v, key), m.accounts);
    if (name == "region") take(r.Strings(v, key), m.regions);
    if (name == "type") take(r.Strings(v, key), m.types);
    if (name == "resource_type") take(r.Strings(v, key), m.resource_types);
    if (name == "finding_id") take(r.Strings(v, key), m.finding_ids);
    if (name == "sample") take(r.Bool(v, key), m.sample);
    if (name == "archived") take(r.Bool(v, key), m.archived);
    if (name == "ou") take(r.Strings(v, key), m.ous);
    if (name == "account_tag") take(TagGlobs(r, v, key), m.account_tags);
    if (!st.ok()) return st;
  }
  if (m.min_severity && m.max_severity && *m.min_severity >= *m.max_severity) {
    return r.Error(node, YamlReader::Sub(path, "max_severity"), "must be above min_severity");
  }
  return Status::Ok();
}

// slack: {url | url_parameter | url_secret} is an incoming webhook (none of them: the environment's); slack:
// {channel: C..., token_parameter | token_secret} is a Slack app posting with a bot token (none: the environment's).
Status ReadSlack(const YamlReader& r, const YamlNode& slack, const std::string& sp,
                 const std::vector<std::string>& allowed_hosts, DestinationConfig& d) {
  d.kind = DestinationKind::kSlackWebhook;
  if (slack.IsNull()) return Status::Ok();
  Status sk =
      r.CheckKeys(slack, sp, {"url", "url_parameter", "url_secret", "channel", "token_parameter", "token_secret"});
  if (!sk.ok()) return sk;
  std::map<std::string, std::string> values;
  for (const auto& kv : slack.entries()) {
    const std::string k = kv.first.Scalar();
    Result<std::string> value = r.String(kv.second, YamlReader::Sub(sp, k));
    if (!value) return value.error();
    if (value->empty()) return r.Error(kv.second, YamlReader::Sub(sp, k), "must not be empty");
    values[k] = *value;
  }
  const int url_sources =
      static_cast<int>(values.count("url") + values.count("url_parameter") + values.count("url_secret"));
  if (url_sources > 1) return r.Error(slack, sp, "give one of url, url_parameter, url_secret");
  if (values.contains("token_parameter") && values.contains("token_secret")) {
    return r.Error(slack, sp, "give one of token_parameter, token_secret");
  }
  if (values.contains("channel")) {
    if (url_sources > 0)
      return r.Error(slack, sp, "a Slack destination has a webhook url or a channel (app), not both");
    // chat.update and thread replies need the channel's id, which chat.postMessage returns only for ids.
    const std::string& channel = values["channel"];
    if (channel.empty() || (channel[0] != 'C' && channel[0] != 'G' && channel[0] != 'D') ||
        !RunOf(std::string_view(channel).substr(1), 6, 20, IsUpperOrDigit)) {
      return r.Error(Get(slack, "channel"), sp + ".channel", "expected a channel id such as C0123456789");
    }
    d.kind = DestinationKind::kSlackApp;
    d.channel = values["channel"];
    d.token_parameter = values["token_parameter"];
    d.token_secret = values["token_secret"];
    return Status::Ok();
  }
  if (values.contains("token_parameter") || values.contains("token_secret")) {
    return r.Error(slack, sp, "a bot token needs channel: (the Slack app's channel id)");
  }
  if (values.contains("url")) {
    // The same rule init applies (routing/webhook_url.h), so check-config refuses what init refuses.
    Status url_ok = CheckWebhookUrl(values["url"], allowed_hosts);
    if (!url_ok.ok()) return r.Error(Get(slack, "url"), sp + ".url", url_ok.message());
    d.url = Secret(values["url"]);
  }
  d.url_parameter = values["url_parameter"];
  d.url_secret = values["url_secret"];
  return Status::Ok();
}

Status ReadDestination(const YamlReader& r, const std::string& name, const YamlNode& node,
                       const std::vector<std::string>& allowed_hosts, DestinationConfig& d) {
  const std::string path = "destinations." + name;
  Status keys = r.CheckKeys(node, path, {"slack", "sns", "digest_after", "pace", "summary"});
  if (!keys.ok()) return keys;
  d.name = name;
  d.line = node.line() + 1;
  if (Get(node, "slack") && Get(node, "sns"))
    return r.Error(node, path, "a destination is either slack or sns, not both");
  if (const YamlNode slack = Get(node, "slack")) {
    Status st = ReadSlack(r, slack, path + ".slack", allowed_hosts, d);
    if (!st.ok()) return st;
  } else if (const YamlNode sns = Get(node, "sns")) {
    const std::string sp = path + ".sns";
    Status sk = r.CheckKeys(sns, sp, {"topic_arn"});
    if (!sk.ok()) return sk;
    if (!Get(sns, "topic_arn")) return r.Error(sns, sp + ".topic_arn", "required");
    Result<std::string> arn = r.String(Get(sns, "topic_arn"), sp + ".topic_arn");
    if (!arn) return arn.error();
    if (!IsTopicArn(*arn)) return r.Error(Get(sns, "topic_arn"), sp + ".topic_arn", "not an SNS topic ARN");
    d.kind = DestinationKind::kSns;
    d.topic_arn = *arn;
  } else {
    return r.Error(node, path, "needs slack: or sns:");
  }
  if (Get(node, "digest_after")) {
    Result<int64_t> n = r.Int(Get(node, "digest_after"), path + ".digest_after", 0, 1000);
    if (!n) return n.error();
    if (d.kind != DestinationKind::kSlackWebhook && *n > 0) {
      return r.Error(Get(node, "digest_after"), path + ".digest_after", "digests are for Slack webhook destinations");
    }
    d.digest_after = static_cast<int>(*n);
  }
  if (const YamlNode summary = Get(node, "summary")) {
    if (!summary.IsScalar() || summary.Scalar() != "daily") {
      return r.Error(summary, path + ".summary", "expected daily (the only schedule)");
    }
    // An SMS cannot hold a summary; refused here rather than skipped without a word at 08:00.
    if (d.kind == DestinationKind::kSns) {
      return r.Error(summary, path + ".summary", "summaries are for Slack destinations (an SMS cannot hold one)");
    }
    d.daily_summary = true;
  }
  if (const YamlNode pace = Get(node, "pace")) {
    Status pk = r.CheckKeys(pace, path + ".pace", {"interval_ms", "burst"});
    if (!pk.ok()) return pk;
    if (Get(pace, "interval_ms")) {
      Result<int64_t> ms = r.Int(Get(pace, "interval_ms"), path + ".pace.interval_ms", 0, 60000);
      if (!ms) return ms.error();
      d.pace_interval_ms = *ms;
    }
    if (Get(pace, "burst")) {
      Result<int64_t> burst = r.Int(Get(pace, "burst"), path + ".pace.burst", 1, 100);
      if (!burst) return burst.error();
      d.pace_burst = static_cast<int>(*burst);
    }
  }
  return Status::Ok();
}

// Slack's special mentions only (https://docs.slack.dev/messaging/formatting-message-text): channel-wide,
// a user group, a user. Anything else could be a link or arbitrary markup.
bool ValidMention(const std::string& mention) {
  constexpr std::string_view kSpace = " \t\n\v\f\r";  // what `istream >> word` splits on in the C locale
  const std::string_view text(mention);
  int n = 0;
  for (std::size_t pos = text.find_first_not_of(kSpace); pos != std::string_view::npos;
       pos = text.find_first_not_of(kSpace, pos)) {
    const std::size_t end = std::min(text.find_first_of(kSpace, pos), text.size());
    if (!IsOneMention(text.substr(pos, end - pos))) return false;
    ++n;
    pos = end;
  }
  return n > 0;
}

Status ReadRoute(const YamlReader& r, const YamlNode& node, const std::string& path, const Route* parent,
                 const RoutingConfig& config, Route& route) {
  Status keys = r.CheckKeys(
      node, path,
      {"name", "match", "to", "to_tag", "drop", "continue", "mention", "update_policy", "escalation_steps", "routes"});
  if (!keys.ok()) return keys;
  route.line = node.line() + 1;
  if (parent != nullptr) {  // children inherit what they do not set
    route.to = parent->to;
    route.to_tag = parent->to_tag;
    route.mention = parent->mention;
    route.update_policy = parent->update_policy;
    route.escalation_steps = parent->escalation_steps;
  }
  route.name = path;
  if (Get(node, "name")) {
    Result<std::string> name = r.String(Get(node, "name"), path + ".name");
    if (!name) return name.error();
    route.name = *name;
  }
  if (Get(node, "match")) {
    Status st = ReadMatcher(r, Get(node, "match"), path + ".match", route.match);
    if (!st.ok()) return st;
  }
  if (Get(node, "to")) {
    Result<std::vector<std::string>> to = r.Strings(Get(node, "to"), path + ".to");
    if (!to) return to.error();
    for (const std::string& d : *to) {
      if (!config.destinations.contains(d))
        return r.Error(Get(node, "to"), path + ".to", "unknown destination \"" + d + "\"");
    }
    route.to = *to;
  }
  if (Get(node, "to_tag")) {
    Result<std::string> tag = r.String(Get(node, "to_tag"), path + ".to_tag");
    if (!tag) return tag.error();
    if (tag->empty()) return r.Error(Get(node, "to_tag"), path + ".to_tag", "must not be empty");
    route.to_tag = *tag;
  }
  for (const auto& [key, field] : {std::pair<const char*, bool*>{"drop", &route.drop},
                                   std::pair<const char*, bool*>{"continue", &route.continue_matching}}) {
    if (!Get(node, key)) continue;
    Result<bool> b = r.Bool(Get(node, key), YamlReader::Sub(path, key));
    if (!b) return b.error();
    *field = *b;
  }
  if (route.drop && Get(node, "to"))
    return r.Error(Get(node, "drop"), path + ".drop", "a route either drops or has to:");
  if (route.drop && Get(node, "to_tag"))
    return r.Error(Get(node, "drop"), path + ".drop", "a route either drops or has to_tag:");
  if (Get(node, "to_tag") && route.to.empty()) {
    return r.Error(Get(node, "to_tag"), path + ".to_tag",
                   "needs to: as well (where untagged accounts and unknown destination names go)");
  }
  if (route.drop && parent == nullptr && path != "default" && route.match.MatchesEverything()) {
    return r.Error(Get(node, "drop"), path + ".drop",
                   "drops every finding (give match:, or use default: {drop: true} for what no route matched)");
  }
  if (route.drop) {
    route.to.clear();
    route.to_tag.clear();
  }
  if (Get(node, "mention")) {
    Result<std::string> mention = r.String(Get(node, "mention"), path + ".mention");
    if (!mention) return mention.error();
    if (!ValidMention(*mention)) {
      return r.Error(Get(node, "mention"), path + ".mention",
                     "expected <!here>, <!channel>, <!subteam^ID> or <@USERID> (space-separated)");
    }
    route.mention = *mention;
  }
  if (Get(node, "update_policy")) {
    Result<std::string> policy = r.String(Get(node, "update_policy"), path + ".update_policy");
    if (!policy) return policy.error();
    Result<UpdatePolicy> parsed = ParseUpdatePolicy(*policy);
    if (!parsed)
      return r.Error(Get(node, "update_policy"), path + ".update_policy", "expected all, first or escalations");
    route.update_policy = *parsed;
  }
  if (const YamlNode steps = Get(node, "escalation_steps")) {
    if (!steps.IsSequence() || steps.size() == 0)
      return r.Error(steps, path + ".escalation_steps", "expected a list of counts");
    route.escalation_steps.clear();
    for (std::size_t i = 0; i < steps.size(); ++i) {
      Result<int64_t> n = r.Int(steps[i], YamlReader::At(path + ".escalation_steps", i), 2, 1000000000);
      if (!n) return n.error();
      if (!route.escalation_steps.empty() && *n <= route.escalation_steps.back()) {
        return r.Error(steps[i], YamlReader::At(path + ".escalation_steps", i), "steps must be ascending");
      }
      route.escalation_steps.push_back(*n);
    }
  }
  if (route.update_policy == UpdatePolicy::kEscalations && route.escalation_steps.empty()) {
    route.escalation_steps = {10, 100, 1000};
  }
  if (const YamlNode children = Get(node, "routes")) {
    if (!children.IsSequence()) return r.Error(children, path + ".routes", "expected a list of routes");
    for (std::size_t i = 0; i < children.size(); ++i) {
      Route child;
      Status st = ReadRoute(r, children[i], YamlReader::At(path + ".routes", i), &route, config, child);
      if (!st.ok()) return st;
      route.routes.push_back(std::move(child));
    }
  }
  if (!route.drop && route.to.empty() && route.routes.empty()) {
    return r.Error(node, path, "needs to: (destinations), drop: true, or routes:");
  }
  return Status::Ok();
}

Status ReadMute(const YamlReader& r, const YamlNode& node, const std::string& path, Mute& mute) {
  Status keys = r.CheckKeys(node, path, {"reason", "match", "finding_id", "until"});
  if (!keys.ok()) return keys;
  mute.line = node.line() + 1;
  if (!Get(node, "reason")) return r.Error(node, path + ".reason", "required (it is logged when the mute applies)");
  Result<std::string> reason = r.String(Get(node, "reason"), path + ".reason");
  if (!reason) return reason.error();
  mute.reason = *reason;
  if (!Get(node, "until")) return r.Error(node, path + ".until", "required: a mute always expires");
  Result<std::string> until = r.String(Get(node, "until"), path + ".until");
  if (!until) return until.error();
  std::optional<int64_t> when = ParseMuteUntil(*until);
  if (!when)
    return r.Error(Get(node, "until"), path + ".until", "expected a date (2026-12-31) or time (2026-12-31T18:00:00Z)");
  mute.until_unix_s = *when;
  mute.until_text = *until;
  if (Get(node, "match")) {
    Status st = ReadMatcher(r, Get(node, "match"), path + ".match", mute.match);
    if (!st.ok()) return st;
  }
  if (Get(node, "finding_id")) {
    Result<std::vector<std::string>> ids = r.Strings(Get(node, "finding_id"), path + ".finding_id");
    if (!ids) return ids.error();
    mute.match.finding_ids.insert(mute.match.finding_ids.end(), ids->begin(), ids->end());
  }
  if (mute.match.empty()) return r.Error(node, path, "needs match: or finding_id: (a mute never silences everything)");
  if (mute.match.MatchesEverything()) {
    return r.Error(Get(node, "match") ? Get(node, "match") : node, path + ".match",
                   "matches every finding (a mute never silences everything)");
  }
  return Status::Ok();
}

// A runbook is a button in every matching message: https only, a host, no spaces, within Slack's button URL limit.
Result<Runbook> ReadRunbook(const YamlReader& r, const YamlNode& node, const std::string& path) {
  Status keys = r.CheckKeys(node, path, {"type", "url"});
  if (!keys.ok()) return keys;
  Runbook runbook;
  runbook.line = node.line() + 1;
  if (!Get(node, "type") || !Get(node, "url")) return r.Error(node, path, "needs type: (a glob) and url:");
  Result<std::string> type = r.String(Get(node, "type"), path + ".type");
  if (!type) return type.error();
  Result<std::string> url = r.String(Get(node, "url"), path + ".url");
  if (!url) return url.error();
  if (url->size() > 3000 || !IsHttpsUrl(*url)) {
    return r.Error(Get(node, "url"), path + ".url", "expected an https:// URL (at most 3000 characters, no spaces)");
  }
  if (type->empty()) return r.Error(Get(node, "type"), path + ".type", "must not be empty");
  runbook.type = *type;
  runbook.url = *url;
  return runbook;
}

// Route names appear in logs, `route` output and mutes' reasons: two routes with one name would make a log line
// ambiguous. Names given explicitly must be unique across the whole tree (generated ones are paths, unique).
Status UniqueRouteNames(const YamlReader& r, const YamlNode& root, const RoutingConfig& config) {
  std::map<std::string, int> seen;  // name -> line
  std::vector<const Route*> stack;
  for (const Route& route : config.routes) stack.push_back(&route);
  stack.push_back(&config.default_route);
  while (!stack.empty()) {
    const Route* route = stack.back();
    stack.pop_back();
    if (auto [it, inserted] = seen.emplace(route->name, route->line); !inserted) {
      return Status(Code::kConfig, r.source() + ":" + std::to_string(std::max(route->line, it->second)) +
                                       ": routes: the route name \"" + route->name + "\" is used twice");
    }
    for (const Route& child : route->routes) stack.push_back(&child);
  }
  (void)root;
  return Status::Ok();
}

Result<RoutingConfig> Load(const YamlReader& r, const YamlNode& root) {
  RoutingConfig config;
  config.source = r.source();
  Status keys =
      r.CheckKeys(root, "",
                  {"version", "min_severity", "skip_samples", "skip_archived", "destinations", "routes", "default",
                   "mutes", "allowed_webhook_hosts", "owner_tags", "runbooks", "summary_regions", "triage"});
  if (!keys.ok()) return keys;
  if (const YamlNode triage = Get(root, "triage")) {
    Status triage_keys = r.CheckKeys(triage, "triage", {"allowed_users"});
    if (!triage_keys.ok()) return triage_keys;
    if (const YamlNode users = Get(triage, "allowed_users")) {
      Result<std::vector<std::string>> list = r.Strings(users, "triage.allowed_users");
      if (!list) return list.error();
      for (const std::string& u : *list) {
        if (!IsSlackUserId(u)) {
          return r.Error(users, "triage.allowed_users", "not a Slack user id (U0123ABCD): " + u);
        }
      }
      config.triage_allowed_users = *list;
    }
  }
  if (Get(root, "version") && Get(root, "version").Scalar() != "1")
    return r.Error(Get(root, "version"), "version", "only version 1 exists");
  if (Get(root, "min_severity")) {
    Result<double> floor = Severity(r, Get(root, "min_severity"), "min_severity");
    if (!floor) return floor.error();
    config.filters.min_severity = *floor;
  }
  for (const auto& [key, field] : {std::pair<const char*, bool*>{"skip_samples", &config.filters.skip_samples},
                                   std::pair<const char*, bool*>{"skip_archived", &config.filters.skip_archived}}) {
    if (!Get(root, key)) continue;
    Result<bool> b = r.Bool(Get(root, key), key);
    if (!b) return b.error();
    *field = *b;
  }
  const YamlNode destinations = Get(root, "destinations");
  if (!destinations || !destinations.IsMap() || destinations.size() == 0) {
    return r.Error(destinations ? destinations : root, "destinations", "required: at least one named destination");
  }
  if (const YamlNode hosts = Get(root, "allowed_webhook_hosts")) {
    Result<std::vector<std::string>> list = r.Strings(hosts, "allowed_webhook_hosts");
    if (!list) return list.error();
    for (const std::string& h : *list) {
      if (!IsHostName(h)) return r.Error(hosts, "allowed_webhook_hosts", "not a host name: " + h);
    }
    config.allowed_webhook_hosts = *list;
  }
  for (const auto& kv : destinations.entries()) {
    DestinationConfig d;
    Status st = ReadDestination(r, kv.first.Scalar(), kv.second, config.allowed_webhook_hosts, d);
    if (!st.ok()) return st;
    if (config.destinations.contains(d.name)) {
      return r.Error(kv.first, "destinations." + d.name, "defined twice");
    }
    config.destinations.emplace(d.name, std::move(d));
  }
  if (const YamlNode routes = Get(root, "routes")) {
    if (!routes.IsSequence()) return r.Error(routes, "routes", "expected a list of routes");
    for (std::size_t i = 0; i < routes.size(); ++i) {
      Route route;
      Status st = ReadRoute(r, routes[i], YamlReader::At("routes", i), nullptr, config, route);
      if (!st.ok()) return st;
      config.routes.push_back(std::move(route));
    }
  }
  if (const YamlNode owners = Get(root, "owner_tags")) {
    Result<std::vector<std::string>> keys_list = r.Strings(owners, "owner_tags");
    if (!keys_list) return keys_list.error();
    config.owner_tags = *keys_list;
  }
  if (const YamlNode regions = Get(root, "summary_regions")) {
    Result<std::vector<std::string>> list = r.Strings(regions, "summary_regions");
    if (!list) return list.error();
    for (const std::string& region : *list) {
      if (!IsRegionName(region)) return r.Error(regions, "summary_regions", "not a Region name: " + region);
    }
    config.summary_regions = *list;
  }
  if (const YamlNode runbooks = Get(root, "runbooks")) {
    if (!runbooks.IsSequence()) return r.Error(runbooks, "runbooks", "expected a list of {type: GLOB, url: URL}");
    for (std::size_t i = 0; i < runbooks.size(); ++i) {
      Result<Runbook> runbook = ReadRunbook(r, runbooks[i], YamlReader::At("runbooks", i));
      if (!runbook) return runbook.error();
      config.runbooks.push_back(std::move(*runbook));
    }
  }
  const YamlNode def = Get(root, "default");
  if (!def) return r.Error(root, "default", "required (default: {drop: true} drops what no route matched)");
  if (Get(def, "match") || Get(def, "continue"))
    return r.Error(def, "default", "the default route takes no match: or continue:");
  Status st = ReadRoute(r, def, "default", nullptr, config, config.default_route);
  if (!st.ok()) return st;
  if (!Get(def, "name")) config.default_route.name = "default";
  if (Status names = UniqueRouteNames(r, root, config); !names.ok()) return names;
  if (const YamlNode mutes = Get(root, "mutes")) {
    if (!mutes.IsSequence()) return r.Error(mutes, "mutes", "expected a list of mutes");
    for (std::size_t i = 0; i < mutes.size(); ++i) {
      Mute mute;
      Status ms = ReadMute(r, mutes[i], YamlReader::At("mutes", i), mute);
      if (!ms.ok()) return ms;
      config.mutes.push_back(std::move(mute));
    }
  }
  return config;
}

}  // namespace

std::vector<std::string> ConfigWarnings(const RoutingConfig& config, int64_t now_unix_s) {
  std::vector<std::string> warnings;
  if (!config.summary_regions.empty() && !WantsDailySummary(config)) {
    warnings.push_back(config.source +
                       ": summary_regions is set but no destination has summary: daily; no summary is posted");
  }
  for (std::size_t i = 0; i < config.mutes.size(); ++i) {
    const Mute& m = config.mutes[i];
    if (m.until_unix_s <= now_unix_s) {
      warnings.push_back(config.source + ":" + std::to_string(m.line) + ": " + YamlReader::At("mutes", i) +
                         ": expired (until " + m.until_text + "); it no longer applies, remove it");
    }
  }
  return warnings;
}

std::optional<int64_t> ParseMuteUntil(const std::string& text) {
  bool is_date = text.size() == 10;
  for (std::size_t k = 0; is_date && k < text.size(); ++k)
    is_date = (k == 4 || k == 7) ? text[k] == '-' : IsDigit(text[k]);
  if (is_date) {
    std::optional<int64_t> start = ParseIso8601Seconds(text + "T00:00:00Z");
    if (!start) return std::nullopt;
    return *start + 86400;  // the named day is included
  }
  return ParseIso8601Seconds(text);
}

Result<RoutingConfig> LoadRoutingConfig(const std::string& text, const std::string& source) {
  const YamlReader reader(source);
  Result<YamlDocument> doc = YamlDocument::Parse(text, source);
  if (!doc) return doc.error();
  const YamlNode root = doc->root();
  if (!root.IsMap())
    return reader.Error(root, "(top level)", "expected a mapping with destinations:, routes:, default:");
  return Load(reader, root);
}

Result<RoutingConfig> LoadRoutingConfigFile(const std::string& path) {
  std::optional<std::string> text = ReadWholeFile(path);
  if (!text) return Status(Code::kConfig, path + ": cannot read the configuration file");
  return LoadRoutingConfig(*text, path);
}

RoutingConfig DefaultRoutingConfig() {
  RoutingConfig config;
  config.source = "environment";
  DestinationConfig slack;
  slack.name = "slack";
  config.destinations.emplace(slack.name, slack);
  config.default_route.name = "default";
  config.default_route.to = {"slack"};
  return config;
}

}  // namespace gdslack
