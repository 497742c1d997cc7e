// FakeClock: test-only Clock and Sleeper in one. Time moves only when told to, and sleeping advances it,
// so backoff, deadlines and SigV4 timestamps are deterministic. Never linked into a shipped binary.
#pragma once

#include <cstdint>

#include "base/clock.h"

namespace gdslack {

class FakeClock : public Clock, public Sleeper {
 public:
  explicit FakeClock(int64_t unix_ms = 1700000000000) : now_(unix_ms) {}
  int64_t NowUnixMs() const override { return now_; }
  int64_t MonotonicMs() const override { return now_; }
  void SleepMs(int64_t ms) override {
    if (ms > 0) {
      now_ += ms;
      slept_ += ms;
    }
  }
  void Advance(int64_t ms) { now_ += ms; }
  int64_t total_slept_ms() const { return slept_; }

 private:
  int64_t now_;
  int64_t slept_ = 0;
};

}  // namespace gdslack
