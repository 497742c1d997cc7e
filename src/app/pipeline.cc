#include "app/pipeline.h"

#include <algorithm>
#include <deque>
#include <limits>

#include "routing/digest.h"
#include "routing/router.h"
#include "state/update_policy.h"

namespace gdslack {
namespace {

// One message to one destination: a single finding (with the route it came through) or a digest.
struct Send {
  std::string destination;
  std::vector<std::size_t> findings;  // indexes into the batch
  const Route* route = nullptr;       // single finding: the route that chose this destination
  bool digest = false;
};

struct Queue {
  std::string destination;
  Pacer* pacer = nullptr;
  std::deque<Send> sends;
};

}  // namespace

const char* OutcomeName(FindingResult::Outcome outcome) {
  switch (outcome) {
    case FindingResult::Outcome::kDelivered: return "delivered";
    case FindingResult::Outcome::kFiltered: return "filtered";
    case FindingResult::Outcome::kMuted: return "muted";
    case FindingResult::Outcome::kDropped: return "dropped";
    case FindingResult::Outcome::kUnchanged: return "unchanged";
    case FindingResult::Outcome::kFailed: return "failed";
  }
  return "failed";
}

Pipeline::Pipeline(const RoutingConfig& config, DestinationSet& destinations, AccountNameLookup* names,
                   const Clock& clock, PipelineOptions options)
    : config_(config), destinations_(destinations), names_(names), clock_(clock), options_(options) {}

std::vector<FindingResult> Pipeline::Process(const std::vector<Finding>& input, int64_t deadline_unix_ms) {
  std::vector<Finding> findings = input;
  std::vector<FindingResult> results(findings.size());
  std::vector<std::string> held_back(findings.size());  // per finding: why a destination posted nothing
  // Destination -> (finding, route) in batch order; destinations in order of first use.
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::pair<std::size_t, const Route*>>> work;
  std::vector<int> pending(findings.size(), 0);

  const int64_t now_s = clock_.NowUnixMs() / 1000;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    Finding& f = findings[i];
    // Names first: routes may match on them.
    if (names_ != nullptr && f.account_name.empty() && !f.account_id.empty()) {
      f.account_name = names_->Lookup(f.account_id, deadline_unix_ms);
    }
    RoutingDecision decision = RouteFinding(config_, f, now_s);
    FindingResult& r = results[i];
    r.reason = decision.reason;
    switch (decision.kind) {
      case RoutingDecision::Kind::kFiltered: r.outcome = FindingResult::Outcome::kFiltered; continue;
      case RoutingDecision::Kind::kMuted: r.outcome = FindingResult::Outcome::kMuted; continue;
      case RoutingDecision::Kind::kDropped: r.outcome = FindingResult::Outcome::kDropped; continue;
      case RoutingDecision::Kind::kDeliver: break;
    }
    for (const Delivery& d : decision.deliveries) {
      if (!destinations_.decorated() && !StatelessWantsPost(PolicyOf(*d.route), f)) {
        continue;
      }
      if (!work.contains(d.destination)) order.push_back(d.destination);
      work[d.destination].emplace_back(i, d.route);
      ++pending[i];
    }
    if (pending[i] == 0) {
      r.outcome = FindingResult::Outcome::kUnchanged;
      r.reason += "; update_policy " + std::string(UpdatePolicyName(decision.deliveries.front().route->update_policy)) +
                  ": count " + std::to_string(f.count) + " is not worth a new message";
    } else {
      r.outcome = FindingResult::Outcome::kDelivered;  // until a send fails
    }
  }

  // Per destination: High and Critical alone; the rest as one digest when there are more than digest_after.
  std::vector<Queue> queues;
  for (const std::string& dest : order) {
    const auto& items = work[dest];
    Queue q{dest, destinations_.PacerFor(dest), {}};
    const auto cfg = config_.destinations.find(dest);
    const int digest_after = cfg == config_.destinations.end() ? 0 : cfg->second.digest_after;
    Send digest{dest, {}, nullptr, true};
    const bool digesting = digest_after > 0 && static_cast<int>(items.size()) > digest_after &&
                           destinations_.DigestNotifier(dest) != nullptr;
    for (const auto& [i, route] : items) {
      if (digesting && !AlwaysPostAlone(findings[i])) {
        digest.findings.push_back(i);
      } else {
        q.sends.push_back(Send{dest, {i}, route, false});
      }
    }
    if (digest.findings.size() == 1) {
      const std::size_t i = digest.findings.front();
      const auto it = std::find_if(items.begin(), items.end(), [&](const auto& x) { return x.first == i; });
      q.sends.push_back(Send{dest, {i}, it->second, false});
    } else if (!digest.findings.empty()) {
      q.sends.push_back(std::move(digest));
    }
    queues.push_back(std::move(q));
  }

  auto fail = [&](const Send& s, const Status& status) {
    for (std::size_t i : s.findings) {
      FindingResult& r = results[i];
      if (r.outcome != FindingResult::Outcome::kFailed) r.status = status;
      r.outcome = FindingResult::Outcome::kFailed;
      r.digested = r.digested || s.digest;
    }
  };

  // Round robin by readiness: always the destination whose pacer frees first, so one slow webhook does not
  // hold back the others.
  while (true) {
    Queue* next = nullptr;
    int64_t best = std::numeric_limits<int64_t>::max();
    for (Queue& q : queues) {
      if (q.sends.empty()) continue;
      const int64_t delay = q.pacer == nullptr ? 0 : q.pacer->DelayMs();
      if (delay < best) {
        best = delay;
        next = &q;
      }
    }
    if (next == nullptr) break;
    if (clock_.NowUnixMs() + best >= deadline_unix_ms) {
      // Paced sends that cannot start in time go back to the caller as failures (retried by Lambda/SQS).
      for (Queue& q : queues) {
        for (const Send& s : q.sends) {
          fail(s, Status(Code::kTimeout, best > 0 ? "no time left before the deadline to post to " + s.destination +
                                                        " (paced to Slack's rate)"
                                                  : std::string("no time left before the deadline")));
        }
        q.sends.clear();
      }
      break;
    }
    Send send = std::move(next->sends.front());
    next->sends.pop_front();
    if (next->pacer != nullptr) next->pacer->Wait();
    int64_t deadline = deadline_unix_ms;
    if (options_.per_send_budget_ms > 0)
      deadline = std::min(deadline, clock_.NowUnixMs() + options_.per_send_budget_ms);

    NotifyOutcome outcome;
    if (send.digest) {
      std::vector<const Finding*> members;
      for (std::size_t i : send.findings) members.push_back(&findings[i]);
      outcome = destinations_.DigestNotifier(send.destination)->NotifyDigest(GroupForDigest(members), deadline);
    } else {
      Notifier* notifier = destinations_.For(*send.route, send.destination);
      if (notifier == nullptr) {
        outcome.status = Status(Code::kInternal, "no notifier for destination " + send.destination);
      } else {
        outcome = notifier->Notify(findings[send.findings.front()], deadline);
      }
    }
    for (std::size_t i : send.findings) {
      FindingResult& r = results[i];
      r.delivery.attempts += outcome.attempts;
      r.delivery.latency_ms += outcome.latency_ms;
      r.delivery.http_status = outcome.http_status;
      if (outcome.status.ok() && !outcome.held_back.empty()) {
        held_back[i] += (held_back[i].empty() ? "" : "; ") + send.destination + ": " + outcome.held_back;
      } else if (outcome.status.ok()) {
        r.destinations.push_back(send.destination);
        r.digested = r.digested || send.digest;
      }
    }
    if (!outcome.status.ok()) fail(send, outcome.status);
    if (on_send)
      on_send(send.destination, destinations_.Where(send.destination), send.findings.size(), outcome.status.ok());
  }
  for (std::size_t i = 0; i < results.size(); ++i) {
    FindingResult& r = results[i];
    r.delivery.status = r.status;
    // Every destination held it back (the state layer's update policy, or a version already handled): nothing
    // was posted, and the log must not say delivered.
    if (r.outcome == FindingResult::Outcome::kDelivered && r.destinations.empty() && !held_back[i].empty()) {
      r.outcome = FindingResult::Outcome::kUnchanged;
      r.reason += "; " + held_back[i];
    }
  }
  return results;
}

}  // namespace gdslack
