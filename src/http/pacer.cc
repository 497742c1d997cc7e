#include "http/pacer.h"

#include <algorithm>

namespace gdslack {

Pacer::Pacer(const Clock& clock, Sleeper& sleeper, int64_t interval_ms, int burst)
    : clock_(clock), sleeper_(sleeper), interval_ms_(interval_ms), burst_(std::max(burst, 1)) {}

int64_t Pacer::DelayMs() const {
  if (!started_ || interval_ms_ <= 0) return 0;
  // A send may go when it is at most burst-1 intervals ahead of the steady rate.
  return std::max<int64_t>(0, tat_ms_ - (burst_ - 1) * interval_ms_ - clock_.MonotonicMs());
}

void Pacer::Wait() {
  const int64_t wait = DelayMs();
  if (wait > 0) sleeper_.SleepMs(wait);
  const int64_t now = clock_.MonotonicMs();
  tat_ms_ = (started_ ? std::max(tat_ms_, now) : now) + interval_ms_;
  started_ = true;
}

}  // namespace gdslack
