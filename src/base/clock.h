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

}  // namespace gdslack
