// Update policy: given what was last posted for a finding id (or nothing), decide what a new version of the
// finding deserves — a new message, an in-place update, a thread reply, or nothing. Pure: no I/O.
//   all          every version (today's behaviour); in app mode an update plus a reply per recurrence
//   first        only the first time a finding id is seen
//   escalations  the first time, then when the severity band rises or the count crosses a step (10, 100,
//                1000 by default); in app mode every version still updates the message in place (silently),
//                and an escalation or archiving adds a thread reply
// Without the state table only the event itself can be judged: see StatelessWantsPost.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "finding/finding.h"

namespace gdslack {

enum class UpdatePolicy { kAll, kFirst, kEscalations };

struct PolicyConfig {
  UpdatePolicy policy = UpdatePolicy::kAll;
  std::vector<int64_t> steps = {10, 100, 1000};  // ascending, > 1
  bool thread_replies = true;                    // app mode: reply in the thread on recurrences
};

// "all" | "first" | "escalations" (case-insensitive); kConfig otherwise.
Result<UpdatePolicy> ParseUpdatePolicy(std::string_view text);
std::string_view UpdatePolicyName(UpdatePolicy policy);
// "10,100,1000": positive integers > 1, strictly ascending; kConfig otherwise.
Result<std::vector<int64_t>> ParseEscalationSteps(std::string_view text);

// What the message for a finding id shows (the table's record of the last post or update).
struct PostedState {
  bool exists = false;  // false: nothing posted for this finding id yet
  double severity = 0;
  int64_t count = 0;
  std::string updated_at;  // the finding's updatedAt text
  bool archived = false;
  std::string channel;  // app mode: where the message is
  std::string ts;       // app mode: its timestamp (id); empty in webhook mode
};

struct Decision {
  bool post = false;       // post a new message
  bool update = false;     // update the message in place (app mode, posted.ts known)
  std::string reply;       // non-empty: a thread reply with this text (app mode, after the update)
  bool broadcast = false;  // the reply is also sent to the channel (the severity band rose: people must be told)
  std::string reason;      // for the log: "new", "escalation: count crossed 10", "no escalation", ...
};

// The decision for `finding` given the last posted state. `can_update`: the destination can edit and
// thread (Slack app mode).
Decision Decide(const PolicyConfig& config, const PostedState& posted, const Finding& finding, bool can_update);

// Without a state table: whether to post `finding` judging by the event alone. all: always; first: count <= 1;
// escalations: count <= 1 or the count equals a step exactly (GuardDuty aggregates occurrences, so a count
// that jumps past a step is missed: use the table for exact escalations).
bool StatelessWantsPost(const PolicyConfig& config, const Finding& finding);

// The de-duplication key of one finding version: "<updatedAt>|<count>".
std::string VersionKey(const Finding& finding);

// What the message now shows after posting or updating it with `finding`.
PostedState PostedFrom(const Finding& finding, std::string channel, std::string ts);

}  // namespace gdslack
