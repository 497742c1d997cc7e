// StatefulNotifier: the Notifier decorator that gives a destination memory. For each finding version it
// claims the finding id in the state table, asks the update policy what the version deserves (a new
// message, an in-place update plus a thread reply, or nothing), delivers it, and records what the message
// now shows. A version is so delivered at most once across sandboxes and retries; a failed delivery gives
// the claim back (or lets it lapse) so a retry can deliver it. The table never costs a finding: when it
// throttles or fails, the finding is posted without it and the log says so. Without a store, the policy
// judges by the event alone (StatelessWantsPost).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "base/clock.h"
#include "notify/notifier.h"
#include "notify/update_policy.h"
#include "state/destination.h"
#include "state/state_store.h"

namespace gdslack {

struct StatefulOptions {
  int64_t state_budget_ms = 3000;    // each table call gives up after this, leaving the rest for Slack
  int64_t lease_guard_ms = 5000;     // the lease outlives the delivery deadline by this much
  int64_t busy_wait_max_ms = 15000;  // how long to wait for another invocation's lease before failing
  int64_t busy_poll_ms = 100;        // first pause between claims of a busy finding; doubles up to 1 s
  int64_t reserve_ms = 1000;         // time kept for delivery when waiting or talking to the table
};

class StatefulNotifier : public Notifier {
 public:
  // `store` may be null (no table). All references must outlive the notifier.
  StatefulNotifier(StateStore* store, Destination& destination, PolicyConfig policy, const Clock& clock,
                   Sleeper& sleeper, StatefulOptions options = {});

  NotifyOutcome Notify(const Finding& finding, int64_t deadline_unix_ms) override;
  // Digest members: claimed and judged like Notify; a member that needs a new message joins the digest and keeps
  // its claim until FinishDigestMember records it (posted) or gives it back (the digest failed).
  DigestAdmission AdmitToDigest(const Finding& finding, int64_t deadline_unix_ms) override;
  void FinishDigestMember(const Finding& finding, bool posted, int64_t deadline_unix_ms) override;

 private:
  // The claim of one finding version: a ticket, or the outcome that ends the delivery without one, or neither
  // when the table failed (post without it).
  struct Claimed {
    std::optional<ClaimTicket> ticket;
    std::optional<NotifyOutcome> done;
  };
  Claimed ClaimVersion(const Finding& finding, int64_t deadline_unix_ms, int64_t start);
  NotifyOutcome Stateless(const Finding& finding, int64_t deadline_unix_ms, bool fallback);
  NotifyOutcome Apply(const Finding& finding, const ClaimTicket& ticket, int64_t deadline_unix_ms);
  NotifyOutcome NoTimeToClaim(const Finding& finding, int64_t start) const;
  void ReplyBestEffort(const Finding& finding, const MessageRef& ref, const Decision& decision,
                       int64_t deadline_unix_ms, NotifyOutcome& outcome);
  int64_t StateDeadline(int64_t deadline_unix_ms) const;

  StateStore* store_;
  Destination& destination_;
  PolicyConfig policy_;
  const Clock& clock_;
  Sleeper& sleeper_;
  StatefulOptions options_;
  std::map<std::string, ClaimTicket> digest_claims_;  // by finding id + version: members awaiting their digest
};

}  // namespace gdslack
