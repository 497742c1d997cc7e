// UTF-8 hygiene for untrusted text: replace invalid sequences, and cut to a byte budget without splitting
// a code point. Pure functions; no allocation beyond the result.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gdslack {

// U+FFFD REPLACEMENT CHARACTER, 3 bytes.
inline constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";
// U+2026 HORIZONTAL ELLIPSIS, 3 bytes: marks visible truncation.
inline constexpr std::string_view kEllipsis = "\xE2\x80\xA6";

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Copy of `s` with every maximal invalid subsequence replaced by U+FFFD (WHATWG/Unicode "substitution of
// maximal subparts").
std::string SanitizeUtf8(std::string_view s);

// Length of the longest prefix of valid UTF-8 `s` that is at most `max_bytes` and ends on a code-point
// boundary. REQUIRES: s is valid UTF-8.
std::size_t Utf8PrefixLength(std::string_view s, std::size_t max_bytes);

// `s` if it fits in max_bytes; otherwise the longest code-point-aligned prefix followed by "…" such that
// the whole result is at most max_bytes. REQUIRES: s is valid UTF-8, max_bytes >= 3.
std::string TruncateUtf8(std::string_view s, std::size_t max_bytes);

}  // namespace gdslack
