#include "finding/timestamp.h"

namespace gdslack::finding_internal {
namespace {

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int64_t DaysInMonth(int64_t y, int64_t m) {
  static constexpr int64_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, int64_t* m, int64_t* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2 ? 1 : 0);
}

bool Digits(std::string_view s, std::size_t pos, std::size_t n, int64_t* out) {
  if (pos + n > s.size()) return false;
  int64_t v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

// "2023-03-20T15:25:59Z", with optional fractional seconds and a Z, +HH:MM or +HHMM zone (none = UTC).
std::optional<int64_t> ParseIso8601(std::string_view s) {
  int64_t y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (!Digits(s, 0, 4, &y) || s.size() < 19 || s[4] != '-' || !Digits(s, 5, 2, &mo) || s[7] != '-' ||
      !Digits(s, 8, 2, &d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !Digits(s, 11, 2, &h) || s[13] != ':' ||
      !Digits(s, 14, 2, &mi) || s[16] != ':' || !Digits(s, 17, 2, &se)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, mo) || h > 23 || mi > 59 || se > 60) return std::nullopt;
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    const std::size_t start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  int64_t offset = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int64_t sign = s[pos] == '-' ? -1 : 1;
    int64_t oh = 0, om = 0;
    if (!Digits(s, pos + 1, 2, &oh)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == ':') ++pos;
    if (!Digits(s, pos, 2, &om)) return std::nullopt;
    pos += 2;
    if (oh > 23 || om > 59) return std::nullopt;
    offset = sign * (oh * 3600 + om * 60);
  }
  if (pos != s.size()) return std::nullopt;
  return DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - offset;
}

std::string FormatIso8601(int64_t epoch) {
  const int64_t days = (epoch >= 0 ? epoch : epoch - 86399) / 86400;
  const int64_t secs = epoch - days * 86400;
  int64_t y = 0, m = 0, d = 0;
  CivilFromDays(days, &y, &m, &d);
  char buf[96];  // sized for the widest int64 fields, so GCC's -Wformat-truncation can prove it fits
  std::snprintf(buf, sizeof(buf), "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(secs / 3600),
                static_cast<long long>(secs % 3600 / 60), static_cast<long long>(secs % 60));
  return buf;
}

// Epoch numbers: API `timestamp` fields are seconds (FACTS.md a.3); values past year 5138 are taken as
// milliseconds, which some exporters write.
std::optional<int64_t> EpochFromNumber(double d) {
  if (std::fabs(d) > 1e11) d /= 1000.0;
  // Keep FormatIso8601's year within four digits.
  if (d < -6.2e10 || d > 2.5e11) return std::nullopt;
  return ToInt64(d);
}

Timestamp TimestampFrom(const json* j) {
  Timestamp t;
  if (j == nullptr) return t;
  if (const auto* s = j->get_ptr<const json::string_t*>()) {
    t.text = *s;
    t.epoch = ParseIso8601(*s);
    if (!t.epoch) {
      if (auto n = ParseDouble(*s)) t.epoch = EpochFromNumber(*n);
    }
    return t;
  }
  if (auto n = Num(j)) {
    t.epoch = EpochFromNumber(*n);
    if (t.epoch) t.text = FormatIso8601(*t.epoch);
  }
  return t;
}

}  // namespace gdslack::finding_internal
