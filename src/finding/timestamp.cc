#include "finding/timestamp.h"

#include "base/iso8601.h"

namespace gdslack::finding_internal {

// Epoch numbers: API `timestamp` fields are seconds (docs/reference/guardduty.md#fields); values past year
// 5138 are taken as milliseconds, which some exporters write.
std::optional<int64_t> EpochFromNumber(double d) {
  if (std::fabs(d) > 1e11) d /= 1000.0;
  // Keep FormatIso8601Utc's year within four digits.
  if (d < -6.2e10 || d > 2.5e11) return std::nullopt;
  return ToInt64(d);
}

Timestamp TimestampFrom(const json* j) {
  Timestamp t;
  if (j == nullptr) return t;
  if (const auto* s = j->get_ptr<const json::string_t*>()) {
    t.text = *s;
    t.epoch = ParseIso8601Seconds(*s);
    if (!t.epoch) {
      if (auto n = ParseDouble(*s)) t.epoch = EpochFromNumber(*n);
    }
    return t;
  }
  if (auto n = Num(j)) {
    t.epoch = EpochFromNumber(*n);
    if (t.epoch) t.text = FormatIso8601Utc(*t.epoch);
  }
  return t;
}

}  // namespace gdslack::finding_internal
