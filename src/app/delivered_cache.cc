#include "app/delivered_cache.h"

#include <string>

namespace gdslack {

DeliveredCache::DeliveredCache(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

std::string DeliveredCache::KeyFor(const Finding& finding) {
  // One Slack message per finding version: GuardDuty keeps the id across updates and moves updatedAt (and
  // count) forward, so id + updatedAt + count names a version. The envelope id is left out on purpose: the
  // same version re-delivered under another envelope (a second rule, an SNS copy) must not post twice.
  // '\n' cannot occur in an id or a timestamp that parsed, so the parts cannot run into each other.
  return finding.id + '\n' + finding.updated_at.text + '\n' + std::to_string(finding.count);
}

bool DeliveredCache::Contains(const std::string& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return false;
  order_.splice(order_.begin(), order_, it->second);
  return true;
}

void DeliveredCache::Remember(const std::string& key) {
  if (Contains(key)) return;
  if (index_.size() >= capacity_) {
    index_.erase(order_.back());
    order_.pop_back();
  }
  order_.push_front(key);
  index_.emplace(key, order_.begin());
}

}  // namespace gdslack
