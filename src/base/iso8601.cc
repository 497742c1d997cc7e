#include "base/iso8601.h"

#include <chrono>
#include <cstdio>

namespace gdslack {
namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_time;

// Reads `n` ASCII digits at `pos`; false when they are not all there.
bool Digits(std::string_view s, std::size_t pos, std::size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

struct Civil {
  std::chrono::year_month_day date;
  std::chrono::hh_mm_ss<seconds> time;
};

Civil ToCivil(sys_time<milliseconds> tp) {
  const sys_days day = floor<days>(tp);
  return {std::chrono::year_month_day{day}, std::chrono::hh_mm_ss<seconds>{floor<seconds>(tp - day)}};
}

}  // namespace

std::optional<int64_t> ParseIso8601Ms(std::string_view text) {
  const std::string_view s = text;
  int y = 0;
  int mo = 0;
  int d = 0;
  int h = 0;
  int mi = 0;
  int se = 0;
  if (s.size() < 19 || !Digits(s, 0, 4, &y) || s[4] != '-' || !Digits(s, 5, 2, &mo) || s[7] != '-' ||
      !Digits(s, 8, 2, &d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !Digits(s, 11, 2, &h) || s[13] != ':' ||
      !Digits(s, 14, 2, &mi) || s[16] != ':' || !Digits(s, 17, 2, &se)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                         std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok() || h > 23 || mi > 59 || se > 60) return std::nullopt;

  std::size_t pos = 19;
  int64_t fraction_ms = 0;
  if (pos < s.size() && s[pos] == '.') {
    const std::size_t start = ++pos;
    int64_t scale = 100;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      fraction_ms += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  minutes offset{0};
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int sign = s[pos] == '-' ? -1 : 1;
    int oh = 0;
    int om = 0;
    if (!Digits(s, pos + 1, 2, &oh)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == ':') ++pos;
    if (!Digits(s, pos, 2, &om)) return std::nullopt;
    pos += 2;
    if (oh > 23 || om > 59) return std::nullopt;
    offset = minutes{sign * (oh * 60 + om)};
  }
  if (pos != s.size()) return std::nullopt;
  const sys_time<milliseconds> tp =
      sys_days{date} + hours{h} + minutes{mi} + seconds{se} + milliseconds{fraction_ms} - offset;
  return tp.time_since_epoch().count();
}

std::optional<int64_t> ParseIso8601Seconds(std::string_view text) {
  const std::optional<int64_t> ms = ParseIso8601Ms(text);
  if (!ms) return std::nullopt;
  return floor<seconds>(milliseconds{*ms}).count();
}

std::string FormatIso8601Utc(int64_t unix_seconds) {
  const Civil c = ToCivil(sys_time<milliseconds>{seconds{unix_seconds}});
  char buf[48];  // sized for the widest int fields, so GCC's -Wformat-truncation can prove it fits
  std::snprintf(buf, sizeof(buf), "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(c.date.year()),
                static_cast<unsigned>(c.date.month()), static_cast<unsigned>(c.date.day()),
                static_cast<int>(c.time.hours().count()), static_cast<int>(c.time.minutes().count()),
                static_cast<int>(c.time.seconds().count()));
  return buf;
}

std::string FormatIso8601BasicUtc(int64_t unix_ms) {
  const Civil c = ToCivil(sys_time<milliseconds>{milliseconds{unix_ms}});
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(c.date.year()),
                static_cast<unsigned>(c.date.month()), static_cast<unsigned>(c.date.day()),
                static_cast<int>(c.time.hours().count()), static_cast<int>(c.time.minutes().count()),
                static_cast<int>(c.time.seconds().count()));
  return buf;
}

}  // namespace gdslack
