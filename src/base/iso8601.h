// ISO-8601 timestamps, both ways, for every module: parsing what GuardDuty, STS and hand-edited samples
// write, and formatting for messages (Slack date-token fallbacks), logs and SigV4's X-Amz-Date. Calendar
// arithmetic is C++20 <chrono> (year_month_day, sys_days); libstdc++ 12 has no chrono::parse/format, so
// only the digits are read and written here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gdslack {

// Milliseconds since 1970-01-01T00:00:00Z for "YYYY-MM-DD(T|t| )HH:MM:SS[.fraction][Z|z|+HH:MM|+HHMM|-…]"
// (no zone means UTC; the fraction, any number of digits, is truncated to milliseconds; second 60 is
// accepted for a leap second). nullopt for anything else, an impossible date (2023-02-29) included.
std::optional<int64_t> ParseIso8601Ms(std::string_view text);

// The same, in whole seconds (rounded down, also before 1970).
std::optional<int64_t> ParseIso8601Seconds(std::string_view text);

// "YYYY-MM-DDTHH:MM:SSZ" for seconds since 1970. REQUIRES: a year in [-9999, 9999] (four digits).
std::string FormatIso8601Utc(int64_t unix_seconds);

// "YYYYMMDDTHHMMSSZ" (ISO-8601 basic format, SigV4's X-Amz-Date) for milliseconds since 1970.
std::string FormatIso8601BasicUtc(int64_t unix_ms);

}  // namespace gdslack
