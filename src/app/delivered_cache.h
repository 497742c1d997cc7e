// DeliveredCache: the keys of deliveries (finding version, destination) already made from this warm sandbox, so an
// event Lambda hands out twice (async retries, at-least-once delivery, docs/reference/lambda.md#invocation-paths) is
// not posted twice. Bounded LRU; it lives only as long as the sandbox, so it narrows duplicates but cannot rule them
// out. Not thread-safe.
#pragma once

#include <cstddef>
#include <list>
#include <string>
#include <unordered_map>

#include "finding/finding.h"

namespace gdslack {

class DeliveredCache {
 public:
  // REQUIRES: capacity > 0
  explicit DeliveredCache(std::size_t capacity);

  // The de-duplication key: finding id + updatedAt + count (one finding version). Empty id = never
  // de-duplicated by the caller.
  static std::string KeyFor(const Finding& finding);

  // True when `key` was remembered; marks it most recently used.
  bool Contains(const std::string& key);
  // Remembers `key`, evicting the least recently used key when full.
  void Remember(const std::string& key);

  std::size_t size() const { return index_.size(); }

 private:
  std::size_t capacity_;
  std::list<std::string> order_;  // most recently used first
  std::unordered_map<std::string, std::list<std::string>::iterator> index_;
};

}  // namespace gdslack
