// Pacer: spaces sends to at most one per interval (Slack: about 1 message per second per webhook,
// "short bursts allowed"; docs/reference/slack.md#responses). Uses the monotonic clock; thread-compatible.
#pragma once

#include <cstdint>

#include "base/clock.h"

namespace gdslack {

class Pacer {
 public:
  // References must outlive the pacer. interval_ms <= 0 disables pacing.
  Pacer(const Clock& clock, Sleeper& sleeper, int64_t interval_ms);

  // Returns at once on the first call; afterwards sleeps until at least interval_ms has passed since the
  // previous call returned.
  void Wait();

 private:
  const Clock& clock_;
  Sleeper& sleeper_;
  int64_t interval_ms_;
  bool started_ = false;
  int64_t last_ms_ = 0;
};

}  // namespace gdslack
