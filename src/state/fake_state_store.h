// FakeStateStore (tests only): the in-memory store (memory_state_store.h) with scripted failures and call
// counts, and its items open to the test.
#pragma once

#include <map>
#include <string>

#include "state/memory_state_store.h"

namespace gdslack {

class FakeStateStore : public MemoryStateStore {
 public:
  explicit FakeStateStore(const Clock& clock) : MemoryStateStore(clock) {}

  Result<ClaimTicket> Claim(const std::string& id, const std::string& version, int64_t lease_until,
                            int64_t deadline) override {
    ++claims;
    if (!fail_claims.ok()) return fail_claims;
    return MemoryStateStore::Claim(id, version, lease_until, deadline);
  }
  Status Complete(const ClaimTicket& t, const std::string& version, const PostedState& posted,
                  int64_t deadline) override {
    ++completes;
    if (!fail_writes.ok()) return fail_writes;
    return MemoryStateStore::Complete(t, version, posted, deadline);
  }
  Status Release(const ClaimTicket& t, int64_t deadline) override {
    ++releases;
    if (!fail_writes.ok()) return fail_writes;
    return MemoryStateStore::Release(t, deadline);
  }

  bool remote() const override { return true; }  // it plays the table, whose calls take time

  std::map<std::string, Item>& items = items_;
  Status fail_claims;
  Status fail_writes;
  int claims = 0, completes = 0, releases = 0;
};

}  // namespace gdslack
