#include "state/memory_state_store.h"

#include <gtest/gtest.h>

#include "base/fake_clock.h"

namespace gdslack {
namespace {

constexpr int64_t kFar = 1LL << 50;

TEST(MemoryStateStoreTest, AVersionIsHandledOnceAndALeaseBlocksOthers) {
  FakeClock clock;
  MemoryStateStore store(clock);
  Result<ClaimTicket> a = store.Claim("f1", "v1", clock.NowUnixMs() + 1000, kFar);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->kind, ClaimTicket::Kind::kClaimed);
  EXPECT_EQ(store.Claim("f1", "v1", clock.NowUnixMs() + 1000, kFar)->kind, ClaimTicket::Kind::kBusy);
  PostedState shown;
  shown.exists = true;
  shown.count = 3;
  ASSERT_TRUE(store.Complete(*a, "v1", shown, kFar).ok());
  EXPECT_EQ(store.Claim("f1", "v1", clock.NowUnixMs() + 1000, kFar)->kind, ClaimTicket::Kind::kAlreadyHandled);
  Result<ClaimTicket> next = store.Claim("f1", "v2", clock.NowUnixMs() + 1000, kFar);
  EXPECT_EQ(next->kind, ClaimTicket::Kind::kClaimed);
  EXPECT_EQ(next->posted.count, 3);
  // A stale ticket cannot complete once the lease moved on.
  EXPECT_FALSE(store.Complete(*a, "v2", shown, kFar).ok());
}

TEST(MemoryStateStoreTest, ALapsedLeaseOrAReleaseFreesTheFinding) {
  FakeClock clock;
  MemoryStateStore store(clock);
  Result<ClaimTicket> a = store.Claim("f1", "v1", clock.NowUnixMs() + 1000, kFar);
  clock.Advance(1001);
  Result<ClaimTicket> b = store.Claim("f1", "v1", clock.NowUnixMs() + 1000, kFar);
  EXPECT_EQ(b->kind, ClaimTicket::Kind::kClaimed);
  ASSERT_TRUE(store.Release(*b, kFar).ok());
  EXPECT_EQ(store.Claim("f1", "v1", clock.NowUnixMs() + 1000, kFar)->kind, ClaimTicket::Kind::kClaimed);
}

TEST(MemoryStateStoreTest, RemembersAtMostItsCapacityLeastRecentlyUsedFirst) {
  FakeClock clock;
  MemoryStateStore store(clock, 2);
  for (const char* id : {"a", "b"}) {
    Result<ClaimTicket> t = store.Claim(id, "v", clock.NowUnixMs() + 1000, kFar);
    ASSERT_TRUE(store.Complete(*t, "v", PostedState{}, kFar).ok());
  }
  EXPECT_EQ(store.Claim("a", "v", 0, kFar)->kind, ClaimTicket::Kind::kAlreadyHandled);  // a is now the newer
  Result<ClaimTicket> c = store.Claim("c", "v", clock.NowUnixMs() + 1000, kFar);        // evicts b
  ASSERT_TRUE(store.Complete(*c, "v", PostedState{}, kFar).ok());
  EXPECT_EQ(store.Claim("a", "v", 0, kFar)->kind, ClaimTicket::Kind::kAlreadyHandled);
  EXPECT_EQ(store.Claim("b", "v", 0, kFar)->kind, ClaimTicket::Kind::kClaimed);  // forgotten: new again
}

TEST(MemoryStateStoreTest, KeepsOnlyTheRecentVersions) {
  FakeClock clock;
  MemoryStateStore store(clock);
  for (std::size_t i = 0; i <= kRememberedVersions; ++i) {
    Result<ClaimTicket> t = store.Claim("f", "v" + std::to_string(i), clock.NowUnixMs() + 1000, kFar);
    ASSERT_EQ(t->kind, ClaimTicket::Kind::kClaimed);
    ASSERT_TRUE(store.Complete(*t, "v" + std::to_string(i), PostedState{}, kFar).ok());
  }
  Result<ClaimTicket> t = store.Claim("f", "new", clock.NowUnixMs() + 1000, kFar);
  EXPECT_EQ(t->versions.size(), kRememberedVersions);
  EXPECT_EQ(t->versions.front(), "v1");
}

}  // namespace
}  // namespace gdslack
