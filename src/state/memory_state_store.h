// MemoryStateStore: the state store of one sandbox (or one CLI run) when there is no state table. Same lease
// and version rules as the DynamoDB store, so every update policy is judged against what this process posted:
// `first` and `escalations` never skip a finding for good (a finding this process has not seen yet is new to
// it and posts), and a repeat within the process is recognised. Other sandboxes keep their own memory, so a
// finding may post once per sandbox: only the table makes that exactly once (docs/STATE.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/clock.h"
#include "state/state_store.h"

namespace gdslack {

class MemoryStateStore : public StateStore {
 public:
  struct Item {
    int64_t lease_until = 0;
    std::string owner;  // the lease's token; "" = not leased
    std::vector<std::string> versions;
    PostedState posted;
    uint64_t used = 0;  // for evicting the least recently used item
  };

  // Remembers at most `capacity` finding ids (the least recently used one not under lease goes first).
  explicit MemoryStateStore(const Clock& clock, std::size_t capacity = 4096) : clock_(clock), capacity_(capacity) {}

  Result<ClaimTicket> Claim(const std::string& finding_id, const std::string& version, int64_t lease_until_unix_ms,
                            int64_t deadline_unix_ms) override;
  Status Complete(const ClaimTicket& ticket, const std::string& version, const PostedState& posted,
                  int64_t deadline_unix_ms) override;
  Status Release(const ClaimTicket& ticket, int64_t deadline_unix_ms) override;
  bool remote() const override { return false; }

 protected:
  std::map<std::string, Item> items_;

 private:
  void EvictIfFull();

  const Clock& clock_;
  std::size_t capacity_;
  uint64_t tick_ = 0;
  uint64_t tokens_ = 0;
};

}  // namespace gdslack
