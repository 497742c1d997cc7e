#include "http/pacer.h"
#include "base/fake_clock.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

TEST(PacerTest, FirstCallIsImmediateThenOnePerInterval) {
  FakeClock clock;
  Pacer pacer(clock, clock, 1000);
  pacer.Wait();
  EXPECT_EQ(clock.total_slept_ms(), 0);
  pacer.Wait();
  EXPECT_EQ(clock.total_slept_ms(), 1000);
  clock.Advance(400);  // a send took 400 ms
  pacer.Wait();
  EXPECT_EQ(clock.total_slept_ms(), 1600);
  clock.Advance(5000);  // long gap: no wait
  pacer.Wait();
  EXPECT_EQ(clock.total_slept_ms(), 1600);
}

TEST(PacerTest, ZeroIntervalNeverSleeps) {
  FakeClock clock;
  Pacer pacer(clock, clock, 0);
  for (int i = 0; i < 5; ++i) pacer.Wait();
  EXPECT_EQ(clock.total_slept_ms(), 0);
}

}  // namespace
}  // namespace gdslack

namespace gdslack {
namespace {

TEST(PacerTest, BurstThenSteadyRate) {
  FakeClock clock;
  Pacer pacer(clock, clock, 1000, 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(pacer.DelayMs(), 0) << i;
    pacer.Wait();
  }
  EXPECT_EQ(clock.total_slept_ms(), 0);  // three back to back
  EXPECT_EQ(pacer.DelayMs(), 1000);      // then one per second
  pacer.Wait();
  EXPECT_EQ(clock.total_slept_ms(), 1000);
  clock.Advance(10000);  // idle: the burst refills, but never beyond three
  for (int i = 0; i < 3; ++i) pacer.Wait();
  EXPECT_EQ(clock.total_slept_ms(), 1000);
  pacer.Wait();
  EXPECT_EQ(clock.total_slept_ms(), 2000);
}

}  // namespace
}  // namespace gdslack
