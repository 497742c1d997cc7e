// StateStore: the shared memory of what was posted per finding id, and the claim that makes one finding
// version be handled by one invocation at a time across sandboxes. A claim is a lease on the finding id:
// taken with a conditional write, given back when the work is done (Complete) or failed (Release), and
// void by itself once `lease_until` passes, so a sandbox that dies mid-post blocks nobody for long.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "notify/update_policy.h"

namespace gdslack {

struct ClaimTicket {
  enum class Kind {
    kClaimed,         // ours until lease_until: decide, deliver, then Complete or Release
    kAlreadyHandled,  // this version was handled before (by anyone): nothing to do
    kBusy,            // another invocation holds the finding id right now: wait and try again
  };
  Kind kind = Kind::kBusy;
  std::string finding_id;
  std::string token;                  // proves the lease is ours (kClaimed)
  PostedState posted;                 // what the message shows (kClaimed)
  std::vector<std::string> versions;  // recently handled version keys, oldest first (kClaimed)
};

class StateStore {
 public:
  virtual ~StateStore() = default;
  // Claims `finding_id` for handling `version` until `lease_until_unix_ms`. Errors (throttling, outage,
  // permissions) come back as Status: the caller must then deliver without the table, never drop.
  virtual Result<ClaimTicket> Claim(const std::string& finding_id, const std::string& version,
                                    int64_t lease_until_unix_ms, int64_t deadline_unix_ms) = 0;
  // Records `version` as handled and `posted` as what the message now shows, and ends the lease.
  virtual Status Complete(const ClaimTicket& ticket, const std::string& version, const PostedState& posted,
                          int64_t deadline_unix_ms) = 0;
  // Ends the lease without recording anything (the delivery failed): the next attempt may claim at once.
  virtual Status Release(const ClaimTicket& ticket, int64_t deadline_unix_ms) = 0;
  // False for a store in this process's memory: its calls cost no time, so no time is kept for them.
  virtual bool remote() const { return true; }
};

// How many recently handled version keys a finding id remembers (bounds the item size; an older version
// arriving later than this many newer ones is judged by the update policy as superseded).
inline constexpr std::size_t kRememberedVersions = 32;

}  // namespace gdslack
