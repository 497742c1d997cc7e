#include "state/stateful_notifier.h"

#include <algorithm>

#include "base/log.h"

namespace gdslack {
namespace {

constexpr int64_t kMaxBusyPollMs = 1000;

// Nothing posted, on purpose: `why` goes to the caller (NotifyOutcome::held_back).
NotifyOutcome Nothing(const Clock& clock, int64_t start, std::string why) {
  NotifyOutcome o;
  o.latency_ms = clock.MonotonicMs() - start;
  o.held_back = std::move(why);
  return o;
}

// Errors a retry of the same call may cure; anything else means the call itself cannot work.
bool IsTransient(Code code) { return code == Code::kUnavailable || code == Code::kThrottled || code == Code::kTimeout; }

void Add(NotifyOutcome& total, const NotifyOutcome& step) {
  total.status = step.status;
  total.attempts += step.attempts;
  total.http_status = step.http_status;
}

}  // namespace

StatefulNotifier::StatefulNotifier(StateStore* store, Destination& destination, PolicyConfig policy, const Clock& clock,
                                   Sleeper& sleeper, StatefulOptions options)
    : store_(store),
      destination_(destination),
      policy_(std::move(policy)),
      clock_(clock),
      sleeper_(sleeper),
      options_(options) {}

int64_t StatefulNotifier::StateDeadline(int64_t deadline_unix_ms) const {
  return std::min(clock_.NowUnixMs() + options_.state_budget_ms, deadline_unix_ms - options_.reserve_ms);
}

NotifyOutcome StatefulNotifier::Stateless(const Finding& finding, int64_t deadline_unix_ms, bool fallback) {
  const int64_t start = clock_.MonotonicMs();
  // A fallback posts whatever the policy: without the table nothing tells a repeat from an escalation,
  // and a duplicate is better than a lost alert.
  if (!fallback && !StatelessWantsPost(policy_, finding)) {
    Log(LogLevel::kInfo, "finding not posted",
        {{"finding_id", finding.id},
         {"policy", UpdatePolicyName(policy_.policy)},
         {"reason", "not the first occurrence or a step (judged from the event; no state table)"},
         {"count", finding.count}});
    return Nothing(clock_, start,
                   "update_policy " + std::string(UpdatePolicyName(policy_.policy)) + ": count " +
                       std::to_string(finding.count) + " is not the first occurrence or a step (no state table)");
  }
  NotifyOutcome outcome = destination_.Post(finding, deadline_unix_ms).outcome;
  outcome.latency_ms = clock_.MonotonicMs() - start;
  return outcome;
}

StatefulNotifier::Claimed StatefulNotifier::ClaimVersion(const Finding& finding, int64_t deadline_unix_ms,
                                                         int64_t start) {
  const std::string version = VersionKey(finding);
  int64_t poll_ms = options_.busy_poll_ms;
  const int64_t wait_until =
      std::min(clock_.NowUnixMs() + options_.busy_wait_max_ms, deadline_unix_ms - options_.reserve_ms);
  for (;;) {
    // A claim that cannot even start before the deadline is not a table failure: posting without the table
    // would bypass exactly-once. The delivery fails and Lambda's retry (or the next run) makes it.
    // (A store in memory answers at once: nothing to keep time for.)
    const int64_t state_deadline = store_->remote() ? StateDeadline(deadline_unix_ms) : deadline_unix_ms;
    const bool cut_by_deadline =
        deadline_unix_ms - options_.reserve_ms <= clock_.NowUnixMs() + options_.state_budget_ms;
    if (store_->remote() && state_deadline <= clock_.NowUnixMs()) return {std::nullopt, NoTimeToClaim(finding, start)};
    Result<ClaimTicket> ticket =
        store_->Claim(finding.id, version, deadline_unix_ms + options_.lease_guard_ms, state_deadline);
    if (!ticket && ticket.error().code() == Code::kTimeout && cut_by_deadline) {
      return {std::nullopt, NoTimeToClaim(finding, start)};
    }
    if (!ticket) {
      Log(LogLevel::kWarn, "state table unavailable; posting without it",
          {{"finding_id", finding.id},
           {"error_code", std::string(CodeName(ticket.error().code()))},
           {"error", ticket.error().message()}});
      return {};
    }
    if (ticket->kind == ClaimTicket::Kind::kAlreadyHandled) {
      Log(LogLevel::kInfo, "finding version already handled",
          {{"finding_id", finding.id}, {"version", version}, {"outcome", "duplicate"}});
      return {std::nullopt, Nothing(clock_, start, "this version was already handled (state table)")};
    }
    if (ticket->kind == ClaimTicket::Kind::kClaimed) return {std::move(*ticket), std::nullopt};
    // Busy: another invocation is delivering this finding id. Wait for it, within reason.
    if (clock_.NowUnixMs() + poll_ms >= wait_until) {
      NotifyOutcome outcome;
      outcome.status = Status(Code::kUnavailable,
                              "finding " + finding.id + " is being delivered by another invocation; retry later");
      outcome.latency_ms = clock_.MonotonicMs() - start;
      return {std::nullopt, outcome};
    }
    sleeper_.SleepMs(poll_ms);
    poll_ms = std::min(poll_ms * 2, kMaxBusyPollMs);
  }
}

NotifyOutcome StatefulNotifier::Notify(const Finding& finding, int64_t deadline_unix_ms) {
  // A finding without an id has no identity to remember: the event alone decides.
  if (store_ == nullptr || finding.id.empty()) return Stateless(finding, deadline_unix_ms, false);
  const int64_t start = clock_.MonotonicMs();
  Claimed claimed = ClaimVersion(finding, deadline_unix_ms, start);
  NotifyOutcome outcome = claimed.done     ? *claimed.done
                          : claimed.ticket ? Apply(finding, *claimed.ticket, deadline_unix_ms)
                                           : Stateless(finding, deadline_unix_ms, true);
  outcome.latency_ms = clock_.MonotonicMs() - start;
  return outcome;
}

Notifier::DigestAdmission StatefulNotifier::AdmitToDigest(const Finding& finding, int64_t deadline_unix_ms) {
  const int64_t start = clock_.MonotonicMs();
  if (store_ == nullptr || finding.id.empty()) {
    if (StatelessWantsPost(policy_, finding)) return {};
    return {false, Nothing(clock_, start,
                           "update_policy " + std::string(UpdatePolicyName(policy_.policy)) + ": count " +
                               std::to_string(finding.count) + " is not the first occurrence or a step")};
  }
  Claimed claimed = ClaimVersion(finding, deadline_unix_ms, start);
  if (claimed.done) return {false, *claimed.done};
  if (!claimed.ticket) return {};  // the table failed: the digest posts it without the table
  const Decision decision = Decide(policy_, claimed.ticket->posted, finding, destination_.CanUpdate());
  if (decision.post && !decision.update) {
    digest_claims_[finding.id + '\n' + VersionKey(finding)] = std::move(*claimed.ticket);
    return {};
  }
  // An in-place update of its own message, or nothing: that is no digest member.
  NotifyOutcome outcome = Apply(finding, *claimed.ticket, deadline_unix_ms);
  outcome.latency_ms = clock_.MonotonicMs() - start;
  return {false, outcome};
}

void StatefulNotifier::FinishDigestMember(const Finding& finding, bool posted, int64_t deadline_unix_ms) {
  auto it = digest_claims_.find(finding.id + '\n' + VersionKey(finding));
  if (it == digest_claims_.end()) return;  // admitted without a claim (no table, or the table failed)
  const ClaimTicket ticket = std::move(it->second);
  digest_claims_.erase(it);
  // A digest shows the finding but is no message of its own: the next version posts (or is judged) anew.
  const Status st = posted ? store_->Complete(ticket, VersionKey(finding), PostedFrom(finding, "", ""),
                                              StateDeadline(deadline_unix_ms))
                           : store_->Release(ticket, StateDeadline(deadline_unix_ms));
  if (!st.ok()) {
    Log(LogLevel::kWarn,
        posted ? "digest posted, but the state table did not record the member"
               : "could not release a digest member's claim; it lapses by itself",
        {{"finding_id", finding.id}, {"error", st.message()}});
  }
}

// The message already shows the new version; a reply only adds to it. Its failure is logged, never a failed
// finding (which would post the update again on the retry).
void StatefulNotifier::ReplyBestEffort(const Finding& finding, const MessageRef& ref, const Decision& decision,
                                       int64_t deadline_unix_ms, NotifyOutcome& outcome) {
  const NotifyOutcome reply = destination_.Reply(ref, decision.reply, decision.broadcast, deadline_unix_ms);
  outcome.attempts += reply.attempts;
  if (!reply.status.ok()) {
    Log(LogLevel::kWarn, "thread reply failed; the message itself was updated",
        {{"finding_id", finding.id}, {"error", reply.status.message()}});
  }
}

NotifyOutcome StatefulNotifier::NoTimeToClaim(const Finding& finding, int64_t start) const {
  Log(LogLevel::kWarn, "no time left to claim the finding in the state table; failing it for a retry",
      {{"finding_id", finding.id}});
  NotifyOutcome outcome;
  outcome.status = Status(Code::kTimeout, "no time left before the deadline to claim finding " + finding.id +
                                              " in the state table; retry later");
  outcome.latency_ms = clock_.MonotonicMs() - start;
  return outcome;
}

NotifyOutcome StatefulNotifier::Apply(const Finding& finding, const ClaimTicket& ticket, int64_t deadline_unix_ms) {
  const Decision decision = Decide(policy_, ticket.posted, finding, destination_.CanUpdate());
  NotifyOutcome outcome;
  PostedState shown = ticket.posted;
  bool delivered = true;

  if (decision.update) {
    const MessageRef ref{ticket.posted.channel, ticket.posted.ts};
    Add(outcome, destination_.Update(ref, finding, deadline_unix_ms));
    if (outcome.status.ok()) {
      shown = PostedFrom(finding, ref.channel, ref.ts);
      if (!decision.reply.empty()) ReplyBestEffort(finding, ref, decision, deadline_unix_ms, outcome);
    } else if (!IsTransient(outcome.status.code())) {
      // The message cannot be edited any more (deleted, past Slack's edit window, its channel archived or
      // left): post anew in the configured channel and point the state at the new message, rather than fail
      // this finding on every re-publication.
      Log(LogLevel::kWarn, "message cannot be updated; posting a new one",
          {{"finding_id", finding.id}, {"error", outcome.status.message()}});
      PostResult posted = destination_.Post(finding, deadline_unix_ms);
      Add(outcome, posted.outcome);
      if (outcome.status.ok()) shown = PostedFrom(finding, posted.ref.channel, posted.ref.ts);
      delivered = outcome.status.ok();
    } else {
      delivered = false;
    }
  } else if (decision.post) {
    PostResult posted = destination_.Post(finding, deadline_unix_ms);
    Add(outcome, posted.outcome);
    delivered = outcome.status.ok();
    if (delivered) shown = PostedFrom(finding, posted.ref.channel, posted.ref.ts);
  } else {
    Log(LogLevel::kInfo, "finding not posted",
        {{"finding_id", finding.id},
         {"policy", UpdatePolicyName(policy_.policy)},
         {"reason", decision.reason},
         {"count", finding.count}});
    outcome.held_back = "update_policy " + std::string(UpdatePolicyName(policy_.policy)) + ": " + decision.reason;
  }

  if (!delivered) {
    // Give the claim back so Lambda's retry (or another sandbox) can deliver it; if even that fails, the
    // lease lapses by itself shortly after the deadline.
    Status released = ticket.token.empty() ? Status::Ok() : store_->Release(ticket, StateDeadline(deadline_unix_ms));
    if (!released.ok()) {
      Log(LogLevel::kWarn, "could not release the claim; it lapses by itself",
          {{"finding_id", finding.id}, {"error", released.message()}});
    }
    return outcome;
  }
  Status recorded = store_->Complete(ticket, VersionKey(finding), shown, StateDeadline(deadline_unix_ms));
  if (!recorded.ok()) {
    Log(LogLevel::kWarn, "delivered, but the state table did not record it; a retry may post it again",
        {{"finding_id", finding.id}, {"error", recorded.message()}});
  } else if (decision.post || decision.update) {
    Log(LogLevel::kDebug, "finding state recorded",
        {{"finding_id", finding.id}, {"action", decision.update ? "update" : "post"}, {"reason", decision.reason}});
  }
  return outcome;
}

}  // namespace gdslack
