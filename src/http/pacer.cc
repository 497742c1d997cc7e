#include "http/pacer.h"

namespace gdslack {

Pacer::Pacer(const Clock& clock, Sleeper& sleeper, int64_t interval_ms)
    : clock_(clock), sleeper_(sleeper), interval_ms_(interval_ms) {}

void Pacer::Wait() {
  if (started_ && interval_ms_ > 0) {
    const int64_t wait = last_ms_ + interval_ms_ - clock_.MonotonicMs();
    if (wait > 0) sleeper_.SleepMs(wait);
  }
  started_ = true;
  last_ms_ = clock_.MonotonicMs();
}

}  // namespace gdslack
