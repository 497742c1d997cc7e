#include "app/delivered_cache.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

TEST(DeliveredCacheTest, RemembersKeys) {
  DeliveredCache cache(4);
  EXPECT_FALSE(cache.Contains("a"));
  cache.Remember("a");
  EXPECT_TRUE(cache.Contains("a"));
  cache.Remember("a");
  EXPECT_EQ(cache.size(), 1u);
}

TEST(DeliveredCacheTest, EvictsLeastRecentlyUsed) {
  DeliveredCache cache(2);
  cache.Remember("a");
  cache.Remember("b");
  EXPECT_TRUE(cache.Contains("a"));  // a is now the most recent
  cache.Remember("c");               // evicts b
  EXPECT_TRUE(cache.Contains("a"));
  EXPECT_FALSE(cache.Contains("b"));
  EXPECT_TRUE(cache.Contains("c"));
  EXPECT_EQ(cache.size(), 2u);
}

TEST(DeliveredCacheTest, KeySeparatesUpdatesButNotEnvelopes) {
  Finding finding;
  finding.id = "f1";
  finding.updated_at.text = "2025-01-01T00:00:00Z";
  finding.event_id = "e-1";
  Finding updated = finding;
  updated.updated_at.text = "2025-01-02T00:00:00Z";
  Finding republished = finding;
  republished.event_id = "e-2";
  EXPECT_NE(DeliveredCache::KeyFor(finding), DeliveredCache::KeyFor(updated));
  // The same finding version under another envelope (a second rule, an SNS copy) is the same message.
  EXPECT_EQ(DeliveredCache::KeyFor(finding), DeliveredCache::KeyFor(republished));
  EXPECT_EQ(DeliveredCache::KeyFor(finding), DeliveredCache::KeyFor(Finding(finding)));
}

}  // namespace
}  // namespace gdslack
