// FakeStateStore (tests only): an in-memory StateStore with the same lease and version rules as the
// DynamoDB one, and scripted failures.
#pragma once

#include <algorithm>
#include <map>
#include <string>

#include "base/clock.h"
#include "state/state_store.h"

namespace gdslack {

class FakeStateStore : public StateStore {
 public:
  struct Item {
    int64_t lease_until = 0;
    std::string owner;
    std::vector<std::string> versions;
    PostedState posted;
  };
  explicit FakeStateStore(const Clock& clock) : clock_(clock) {}

  Result<ClaimTicket> Claim(const std::string& id, const std::string& version, int64_t lease_until, int64_t) override {
    ++claims;
    if (!fail_claims.ok()) return fail_claims;
    Item& item = items[id];
    ClaimTicket t;
    t.finding_id = id;
    if (std::find(item.versions.begin(), item.versions.end(), version) != item.versions.end()) {
      t.kind = ClaimTicket::Kind::kAlreadyHandled;
      return t;
    }
    if (!item.owner.empty() && item.lease_until >= clock_.NowUnixMs()) {
      t.kind = ClaimTicket::Kind::kBusy;
      return t;
    }
    item.owner = "token" + std::to_string(claims);
    item.lease_until = lease_until;
    t.kind = ClaimTicket::Kind::kClaimed;
    t.token = item.owner;
    t.posted = item.posted;
    t.versions = item.versions;
    return t;
  }
  Status Complete(const ClaimTicket& t, const std::string& version, const PostedState& posted, int64_t) override {
    ++completes;
    if (!fail_writes.ok()) return fail_writes;
    Item& item = items[t.finding_id];
    if (item.owner != t.token) return Status(Code::kTimeout, "lease lost");
    item.versions.push_back(version);
    item.posted = posted;
    item.owner.clear();
    return Status::Ok();
  }
  Status Release(const ClaimTicket& t, int64_t) override {
    ++releases;
    if (!fail_writes.ok()) return fail_writes;
    Item& item = items[t.finding_id];
    if (item.owner == t.token) item.owner.clear();
    return Status::Ok();
  }

  std::map<std::string, Item> items;
  Status fail_claims;
  Status fail_writes;
  int claims = 0, completes = 0, releases = 0;

 private:
  const Clock& clock_;
};

}  // namespace gdslack
