// Pacer: spaces sends to one per interval on average, allowing a short burst (Slack: about 1 message per
// second per webhook, "short bursts allowed"; docs/reference/slack.md#responses). A token bucket in its GCRA form:
// `burst` sends may go back to back, then one per interval. Uses the monotonic clock; thread-compatible. The one pacing
// mechanism: the CLI and the Lambda pipeline both use it (app/pipeline.h), one pacer per webhook.
#pragma once

#include <cstdint>

#include "base/clock.h"

namespace gdslack {

class Pacer {
 public:
  // References must outlive the pacer. interval_ms <= 0 disables pacing. burst >= 1 (1 = strict spacing).
  Pacer(const Clock& clock, Sleeper& sleeper, int64_t interval_ms, int burst = 1);

  // How long Wait() would sleep now (0 = a send may go at once). Lets a caller with a deadline decide
  // not to wait at all.
  int64_t DelayMs() const;

  // Sleeps DelayMs(), then counts one send.
  void Wait();

 private:
  const Clock& clock_;
  Sleeper& sleeper_;
  int64_t interval_ms_;
  int64_t burst_;
  bool started_ = false;
  int64_t tat_ms_ = 0;  // theoretical arrival time of the next send at the steady rate
};

}  // namespace gdslack
