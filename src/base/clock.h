// Clock and Sleeper: time behind small interfaces so backoff, deadlines and SigV4 timestamps are
// deterministic in tests (leveldb Env::NowMicros). Real implementations use the system clocks.
#pragma once

#include <chrono>
#include <cstdint>

namespace gdslack {

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall clock, Unix epoch milliseconds (deadlines from Lambda, SigV4 dates, Slack timestamps).
  virtual int64_t NowUnixMs() const = 0;
  // Monotonic milliseconds (latency measurement, pacing).
  virtual int64_t MonotonicMs() const = 0;
};

class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual void SleepMs(int64_t ms) = 0;
};

class SystemClock : public Clock {
 public:
  int64_t NowUnixMs() const override;
  int64_t MonotonicMs() const override;
  static SystemClock& Instance();
};

class RealSleeper : public Sleeper {
 public:
  void SleepMs(int64_t ms) override;
  static RealSleeper& Instance();
};

// For tests: time moves only when told to, and sleeping advances it.
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
