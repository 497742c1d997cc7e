#include "app/pipeline.h"

#include <algorithm>
#include <deque>
#include <limits>
#include <map>
#include <set>

#include "app/enrichment.h"
#include "base/iso8601.h"
#include "base/log.h"
#include "notify/update_policy.h"
#include "routing/digest.h"
#include "routing/router.h"
#include "state/triage_store.h"

namespace gdslack {
namespace {

// One (finding version, destination) pair: the unit that is claimed, sent and recorded.
struct Delivery {
  std::size_t finding = 0;  // index into the batch
  std::string destination;
  const Route* route = nullptr;
};

// One message to one destination: a single delivery, or a digest of several.
struct Send {
  std::string destination;
  std::vector<Delivery> members;
  bool digest = false;
};

struct Queue {
  std::string destination;
  Pacer* pacer = nullptr;
  std::deque<Send> sends;
};

// Why a delivery was not planned although routing chose it: a sandbox already made it, or another copy of the
// same version earlier in this batch carries it.
std::string AlreadyReason(const std::string& destination, bool in_batch) {
  return destination + (in_batch ? ": another copy of this version in the batch carries it"
                                 : ": this version was already delivered from this sandbox");
}

// The steps of Pipeline::Process over one batch: plan -> schedule -> send -> record. Each step reads what the
// previous one left in the members below.
class BatchRun {
 public:
  BatchRun(const RoutingConfig& config, DestinationSet& destinations, AccountNameLookup* names, const Clock& clock,
           const PipelineOptions& options, DeliveredCache& ledger, const Pipeline& pipeline,
           const std::vector<Finding>& input, int64_t deadline_unix_ms)
      : config_(config),
        destinations_(destinations),
        names_(names),
        clock_(clock),
        options_(options),
        ledger_(ledger),
        pipeline_(pipeline),
        findings_(input),
        results_(input.size()),
        notes_(input.size()),
        deadline_(deadline_unix_ms) {}

  // The triage store's active mutes; none when there is no store or it cannot be read (a table error never
  // holds a finding back: a duplicate alert is better than a lost one).
  std::vector<TriageMute> TriageMutes(int64_t now_s) const {
    if (options_.triage == nullptr) return {};
    Result<std::vector<TriageMute>> mutes = options_.triage->ActiveMutes(now_s, deadline_);
    if (mutes) return std::move(*mutes);
    Log(LogLevel::kWarn, "triage mutes unavailable; not applied to this batch",
        {{"error_code", std::string(CodeName(mutes.error().code()))}});
    return {};
  }

  std::vector<FindingResult> Run() {
    Plan();
    Schedule();
    SendAll();
    Finish();
    return std::move(results_);
  }

 private:
  // Plan: route each finding, then turn each destination it goes to into a delivery, unless the stateless
  // update policy says no, this sandbox already made it, or an earlier copy in the batch carries it.
  void Plan() {
    const int64_t now_s = clock_.NowUnixMs() / 1000;
    const std::vector<TriageMute> triage_mutes = TriageMutes(now_s);
    std::set<std::string> planned;
    for (std::size_t i = 0; i < findings_.size(); ++i) {
      Finding& f = findings_[i];
      EnrichFinding(config_, names_, f, deadline_);  // names, tags and OU first: routes may match on them
      RoutingDecision decision = RouteFinding(config_, f, now_s);
      for (const std::string& note : decision.notes) {
        Log(LogLevel::kInfo, "routing fell back", {{"finding_id", f.id}, {"note", note}});
      }
      FindingResult& r = results_[i];
      r.reason = decision.reason;
      switch (decision.kind) {
        case RoutingDecision::Kind::kFiltered: r.outcome = FindingResult::Outcome::kFiltered; continue;
        case RoutingDecision::Kind::kMuted: r.outcome = FindingResult::Outcome::kMuted; continue;
        case RoutingDecision::Kind::kDropped: r.outcome = FindingResult::Outcome::kDropped; continue;
        case RoutingDecision::Kind::kDeliver: break;
      }
      if (const TriageMute* m = f.kind == EventKind::kGuardDutyFinding
                                    ? MatchingTriageMute(triage_mutes, f.type, f.account_id, TriageResourceOf(f), now_s)
                                    : nullptr) {
        r.outcome = FindingResult::Outcome::kMuted;
        r.reason = "muted from Slack by " + m->user_id + " until " + FormatIso8601Utc(m->until_unix_s);
        continue;
      }
      int planned_here = 0;
      int already = 0;
      for (const gdslack::Delivery& d : decision.deliveries) {
        if (!destinations_.decorated() && !StatelessWantsPost(PolicyOf(*d.route), f)) continue;
        const std::string key = LedgerKey(f, d.destination);
        if (!key.empty() && (ledger_.Contains(key) || planned.contains(key))) {
          Note(i, AlreadyReason(d.destination, planned.contains(key)));
          ++already;
          continue;
        }
        if (!key.empty()) planned.insert(key);
        if (!work_.contains(d.destination)) order_.push_back(d.destination);
        work_[d.destination].push_back(Delivery{i, d.destination, d.route});
        ++planned_here;
      }
      if (planned_here > 0) {
        r.outcome = FindingResult::Outcome::kDelivered;  // until a send fails
      } else if (already > 0) {
        r.outcome = FindingResult::Outcome::kDuplicate;
      } else {
        r.outcome = FindingResult::Outcome::kUnchanged;
        r.reason += "; update_policy " +
                    std::string(UpdatePolicyName(decision.deliveries.front().route->update_policy)) + ": count " +
                    std::to_string(f.count) + " is not worth a new message";
      }
    }
  }

  // Schedule: per destination, High and Critical alone; the rest as one digest when there are more than the
  // destination's digest_after.
  void Schedule() {
    for (const std::string& dest : order_) {
      const std::vector<Delivery>& items = work_[dest];
      Queue q{dest, destinations_.PacerFor(dest), {}};
      const auto cfg = config_.destinations.find(dest);
      const int digest_after = cfg == config_.destinations.end() ? 0 : cfg->second.digest_after;
      const bool digesting = digest_after > 0 && static_cast<int>(items.size()) > digest_after &&
                             destinations_.DigestNotifier(dest) != nullptr;
      Send digest{dest, {}, true};
      for (const Delivery& d : items) {
        if (digesting && !AlwaysPostAlone(findings_[d.finding])) {
          digest.members.push_back(d);
        } else {
          q.sends.push_back(Send{dest, {d}, false});
        }
      }
      if (digest.members.size() == 1) digest.digest = false;  // a digest of one is a single post
      if (!digest.members.empty()) q.sends.push_back(std::move(digest));
      queues_.push_back(std::move(q));
    }
  }

  // Send: round robin by readiness, always the destination whose pacer frees first, so one slow webhook does
  // not hold back the others. Sends that cannot start before the deadline fail (retried by Lambda/SQS).
  void SendAll() {
    while (Queue* next = NextReady()) {
      const int64_t delay = next->pacer == nullptr ? 0 : next->pacer->DelayMs();
      if (clock_.NowUnixMs() + delay >= deadline_) {
        FailRemaining(delay);
        return;
      }
      Send send = std::move(next->sends.front());
      next->sends.pop_front();
      if (next->pacer != nullptr) next->pacer->Wait();
      Record(send, SendOne(send));
    }
  }

  Queue* NextReady() {
    Queue* next = nullptr;
    int64_t best = std::numeric_limits<int64_t>::max();
    for (Queue& q : queues_) {
      if (q.sends.empty()) continue;
      const int64_t delay = q.pacer == nullptr ? 0 : q.pacer->DelayMs();
      if (delay < best) {
        best = delay;
        next = &q;
      }
    }
    return next;
  }

  void FailRemaining(int64_t delay) {
    for (Queue& q : queues_) {
      for (const Send& s : q.sends) {
        for (const Delivery& d : s.members)
          Fail(d, s.digest,
               Status(Code::kTimeout, delay > 0 ? "no time left before the deadline to post to " + s.destination +
                                                      " (paced to Slack's rate)"
                                                : std::string("no time left before the deadline")));
      }
      q.sends.clear();
    }
  }

  // One outcome per member of `send`.
  std::vector<NotifyOutcome> SendOne(const Send& send) {
    int64_t deadline = deadline_;
    if (options_.per_send_budget_ms > 0)
      deadline = std::min(deadline, clock_.NowUnixMs() + options_.per_send_budget_ms);
    if (send.digest) return SendDigest(send, deadline);
    const Delivery& d = send.members.front();
    Notifier* notifier = destinations_.For(*d.route, send.destination);
    if (notifier == nullptr) {
      NotifyOutcome outcome;
      outcome.status = Status(Code::kInternal, "no notifier for destination " + send.destination);
      return {outcome};
    }
    return {notifier->Notify(findings_[d.finding], deadline)};
  }

  // A digest: each member is admitted by its own (route, destination) notifier, which claims and judges it as a
  // single post; the members that join go out as one message, and each is then recorded or its claim released.
  std::vector<NotifyOutcome> SendDigest(const Send& send, int64_t deadline) {
    std::vector<NotifyOutcome> outcomes(send.members.size());
    std::vector<std::size_t> joined;
    std::vector<const Finding*> members;
    std::vector<const Route*> routes;
    for (std::size_t k = 0; k < send.members.size(); ++k) {
      const Delivery& d = send.members[k];
      Notifier* notifier = destinations_.For(*d.route, send.destination);
      Notifier::DigestAdmission admission =
          notifier == nullptr ? Notifier::DigestAdmission{} : notifier->AdmitToDigest(findings_[d.finding], deadline);
      if (!admission.join) {
        outcomes[k] = std::move(admission.outcome);
        continue;
      }
      joined.push_back(k);
      members.push_back(&findings_[d.finding]);
      routes.push_back(d.route);
    }
    if (members.empty()) return outcomes;
    const NotifyOutcome posted =
        destinations_.DigestNotifier(send.destination)->NotifyDigest(members, DigestMention(routes), deadline);
    for (std::size_t k : joined) {
      outcomes[k] = posted;
      const Delivery& d = send.members[k];
      if (Notifier* notifier = destinations_.For(*d.route, send.destination)) {
        notifier->FinishDigestMember(findings_[d.finding], posted.status.ok(), deadline);
      }
    }
    return outcomes;
  }

  // Record: each member's result, and in the sandbox's ledger each delivery that was made (or deliberately held
  // back by the state layer, which has recorded it), so a retry redoes only what failed.
  void Record(const Send& send, const std::vector<NotifyOutcome>& outcomes) {
    bool all_ok = true;
    for (std::size_t k = 0; k < send.members.size(); ++k) {
      const Delivery& d = send.members[k];
      const NotifyOutcome& outcome = outcomes[k];
      FindingResult& r = results_[d.finding];
      r.delivery.attempts += outcome.attempts;
      r.delivery.latency_ms += outcome.latency_ms;
      r.delivery.http_status = outcome.http_status;
      if (!outcome.status.ok()) {
        all_ok = false;
        Fail(d, send.digest, outcome.status);
        continue;
      }
      if (!outcome.held_back.empty()) {
        Note(d.finding, send.destination + ": " + outcome.held_back);
      } else {
        r.destinations.push_back(send.destination);
        r.digested = r.digested || send.digest;
      }
      const std::string key = LedgerKey(findings_[d.finding], send.destination);
      if (!key.empty()) ledger_.Remember(key);
    }
    if (pipeline_.on_send) {
      pipeline_.on_send(send.destination, destinations_.Where(send.destination), send.members.size(), all_ok);
    }
  }

  void Fail(const Delivery& d, bool digest, const Status& status) {
    FindingResult& r = results_[d.finding];
    if (r.outcome != FindingResult::Outcome::kFailed) r.status = status;
    r.outcome = FindingResult::Outcome::kFailed;
    r.digested = r.digested || digest;
  }

  // Finish: a finding every destination held back (the state layer's update policy, or a version already
  // handled) was not posted, and its outcome must not say delivered.
  void Finish() {
    for (std::size_t i = 0; i < results_.size(); ++i) {
      FindingResult& r = results_[i];
      r.delivery.status = r.status;
      const bool nothing_posted = r.destinations.empty() && !notes_[i].empty();
      if (r.outcome == FindingResult::Outcome::kDelivered && nothing_posted) {
        r.outcome = FindingResult::Outcome::kUnchanged;
      }
      if (!notes_[i].empty() && r.outcome != FindingResult::Outcome::kFailed) r.reason += "; " + notes_[i];
    }
  }

  void Note(std::size_t i, const std::string& why) { notes_[i] += (notes_[i].empty() ? "" : "; ") + why; }

  // The mention of a digest: the first route's (members of one destination share its routes in practice).
  static std::string DigestMention(const std::vector<const Route*>& routes) {
    for (const Route* r : routes) {
      if (r != nullptr && !r->mention.empty()) return r->mention;
    }
    return "";
  }

  const RoutingConfig& config_;
  DestinationSet& destinations_;
  AccountNameLookup* names_;
  const Clock& clock_;
  const PipelineOptions& options_;
  DeliveredCache& ledger_;
  const Pipeline& pipeline_;
  std::vector<Finding> findings_;
  std::vector<FindingResult> results_;
  std::vector<std::string> notes_;  // per finding: deliveries not made on purpose, and why
  int64_t deadline_;
  std::vector<std::string> order_;  // destinations in order of first use
  std::map<std::string, std::vector<Delivery>> work_;
  std::vector<Queue> queues_;
};

}  // namespace

const char* OutcomeName(FindingResult::Outcome outcome) {
  switch (outcome) {
    case FindingResult::Outcome::kDelivered: return "delivered";
    case FindingResult::Outcome::kDuplicate: return "duplicate";
    case FindingResult::Outcome::kFiltered: return "filtered";
    case FindingResult::Outcome::kMuted: return "muted";
    case FindingResult::Outcome::kDropped: return "dropped";
    case FindingResult::Outcome::kUnchanged: return "unchanged";
    case FindingResult::Outcome::kFailed: return "failed";
  }
  return "failed";
}

std::string LedgerKey(const Finding& finding, const std::string& destination) {
  if (finding.id.empty()) return "";  // no identity to de-duplicate on: always delivered
  return DeliveredCache::KeyFor(finding) + '\n' + destination;
}

Pipeline::Pipeline(const RoutingConfig& config, DestinationSet& destinations, AccountNameLookup* names,
                   const Clock& clock, PipelineOptions options)
    : config_(config),
      destinations_(destinations),
      names_(names),
      clock_(clock),
      options_(options),
      ledger_(options.ledger_capacity) {}

std::vector<FindingResult> Pipeline::Process(const std::vector<Finding>& input, int64_t deadline_unix_ms) {
  BatchRun run(config_, destinations_, names_, clock_, options_, ledger_, *this, input, deadline_unix_ms);
  return run.Run();
}

}  // namespace gdslack
