#include "state/memory_state_store.h"

#include <algorithm>

namespace gdslack {

void MemoryStateStore::EvictIfFull() {
  if (items_.size() < capacity_) return;
  const int64_t now = clock_.NowUnixMs();
  auto oldest = items_.end();
  for (auto it = items_.begin(); it != items_.end(); ++it) {
    const bool leased = !it->second.owner.empty() && it->second.lease_until >= now;
    if (!leased && (oldest == items_.end() || it->second.used < oldest->second.used)) oldest = it;
  }
  if (oldest != items_.end()) items_.erase(oldest);
}

Result<ClaimTicket> MemoryStateStore::Claim(const std::string& finding_id, const std::string& version,
                                            int64_t lease_until_unix_ms, int64_t /*deadline_unix_ms*/) {
  if (!items_.contains(finding_id)) EvictIfFull();
  Item& item = items_[finding_id];
  item.used = ++tick_;
  ClaimTicket t;
  t.finding_id = finding_id;
  if (std::find(item.versions.begin(), item.versions.end(), version) != item.versions.end()) {
    t.kind = ClaimTicket::Kind::kAlreadyHandled;
    return t;
  }
  if (!item.owner.empty() && item.lease_until >= clock_.NowUnixMs()) {
    t.kind = ClaimTicket::Kind::kBusy;
    return t;
  }
  item.owner = "lease-" + std::to_string(++tokens_);
  item.lease_until = lease_until_unix_ms;
  t.kind = ClaimTicket::Kind::kClaimed;
  t.token = item.owner;
  t.posted = item.posted;
  t.versions = item.versions;
  return t;
}

Status MemoryStateStore::Complete(const ClaimTicket& ticket, const std::string& version, const PostedState& posted,
                                  int64_t /*deadline_unix_ms*/) {
  auto it = items_.find(ticket.finding_id);
  if (it == items_.end() || it->second.owner != ticket.token) return Status(Code::kTimeout, "lease lost");
  Item& item = it->second;
  item.versions.push_back(version);
  if (item.versions.size() > kRememberedVersions) item.versions.erase(item.versions.begin());
  item.posted = posted;
  item.owner.clear();
  return Status::Ok();
}

Status MemoryStateStore::Release(const ClaimTicket& ticket, int64_t /*deadline_unix_ms*/) {
  auto it = items_.find(ticket.finding_id);
  if (it != items_.end() && it->second.owner == ticket.token) it->second.owner.clear();
  return Status::Ok();
}

}  // namespace gdslack
