// Typed, non-throwing reads of finding JSON (internal to src/finding/): every lookup tolerates a missing key,
// null or the wrong JSON type. The one header outside parser.cc that names nlohmann::json; nothing outside
// src/finding/ includes it (the public model is finding.h).
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "base/strings.h"

namespace gdslack::finding_internal {

using json = nlohmann::json;

inline const json* Get(const json* obj, std::string_view key) {
  if (obj == nullptr || !obj->is_object()) return nullptr;
  auto it = obj->find(key);
  if (it == obj->end() || it->is_null()) return nullptr;
  return &*it;
}

inline const json* At(const json* obj, std::initializer_list<std::string_view> path) {
  for (std::string_view key : path) {
    obj = Get(obj, key);
    if (obj == nullptr) return nullptr;
  }
  return obj;
}

inline const json* AsObject(const json* j) { return j != nullptr && j->is_object() ? j : nullptr; }
inline const json* AsArray(const json* j) { return j != nullptr && j->is_array() ? j : nullptr; }

// Integral tests by a round trip through int64_t rather than std::floor: floor is the only libm function the
// program would import, and the Lambda bootstrap then loads no libm.so.6 at all (docs/PERFORMANCE.md §6).
inline std::string FormatDouble(double d) {
  if (std::isfinite(d) && std::fabs(d) < 1e15 && d == static_cast<double>(static_cast<int64_t>(d))) {
    return std::to_string(static_cast<int64_t>(d));
  }
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.15g", d);
  return buf;
}

// Text of a scalar: strings as is, numbers and booleans formatted; objects, arrays and null -> "".
inline std::string Str(const json* j) {
  if (j == nullptr) return "";
  if (const auto* s = j->get_ptr<const json::string_t*>()) return *s;
  if (const auto* i = j->get_ptr<const json::number_integer_t*>()) return std::to_string(*i);
  if (const auto* u = j->get_ptr<const json::number_unsigned_t*>()) return std::to_string(*u);
  if (const auto* f = j->get_ptr<const json::number_float_t*>()) return FormatDouble(*f);
  if (const auto* b = j->get_ptr<const json::boolean_t*>()) return *b ? "true" : "false";
  return "";
}

inline std::string StrAt(const json* obj, std::initializer_list<std::string_view> path) { return Str(At(obj, path)); }

inline std::optional<double> ParseDouble(std::string_view s) {
  s = TrimWhitespace(s);
  if (s.empty()) return std::nullopt;
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

// A JSON number, or a string holding one (hand-edited samples and some exporters quote numbers).
inline std::optional<double> Num(const json* j) {
  if (j == nullptr) return std::nullopt;
  if (const auto* i = j->get_ptr<const json::number_integer_t*>()) return static_cast<double>(*i);
  if (const auto* u = j->get_ptr<const json::number_unsigned_t*>()) return static_cast<double>(*u);
  if (const auto* f = j->get_ptr<const json::number_float_t*>()) return *f;
  if (const auto* s = j->get_ptr<const json::string_t*>()) return ParseDouble(*s);
  return std::nullopt;
}

// Range-checked: casting an out-of-range double to an integer is undefined behaviour.
inline std::optional<int64_t> ToInt64(double d) {
  if (!std::isfinite(d) || d < -9.0e18 || d > 9.0e18) return std::nullopt;
  auto whole = static_cast<int64_t>(d);  // toward zero; floor rounds a negative fraction down one more
  if (static_cast<double>(whole) > d) --whole;
  return whole;
}

inline std::optional<bool> Bool(const json* j) {
  if (j == nullptr) return std::nullopt;
  if (const auto* b = j->get_ptr<const json::boolean_t*>()) return *b;
  if (const auto* s = j->get_ptr<const json::string_t*>()) {
    if (*s == "true") return true;
    if (*s == "false") return false;
  }
  return std::nullopt;
}

}  // namespace gdslack::finding_internal
