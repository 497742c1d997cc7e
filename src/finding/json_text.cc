#include "finding/json_text.h"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace gdslack {
namespace {

constexpr std::string_view kReplacementEscape = "\\ufffd";
constexpr std::size_t kEscapeLength = 6;  // \uXXXX

std::optional<uint32_t> HexValue(char c) {
  if (c >= '0' && c <= '9') return static_cast<uint32_t>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<uint32_t>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<uint32_t>(c - 'A' + 10);
  return std::nullopt;
}

// The code unit of a complete `\uXXXX` escape starting at text[at], or nullopt.
std::optional<uint32_t> UnicodeEscapeAt(std::string_view text, std::size_t at) {
  if (at + kEscapeLength > text.size() || text[at] != '\\' || text[at + 1] != 'u') return std::nullopt;
  uint32_t unit = 0;
  for (std::size_t i = at + 2; i < at + kEscapeLength; ++i) {
    std::optional<uint32_t> digit = HexValue(text[i]);
    if (!digit) return std::nullopt;
    unit = unit * 16 + *digit;
  }
  return unit;
}

bool IsHighSurrogate(uint32_t unit) { return unit >= 0xD800 && unit <= 0xDBFF; }
bool IsLowSurrogate(uint32_t unit) { return unit >= 0xDC00 && unit <= 0xDFFF; }

}  // namespace

std::string ReplaceLoneSurrogateEscapes(std::string_view text) {
  std::string out(text);
  // A backslash always starts a two-character escape (or a six-character \u escape) inside a string, so
  // walking escape by escape never mistakes an escaped backslash followed by "u" for a \u escape. Outside a
  // string a backslash is a syntax error either way; rewriting there cannot make bad JSON good.
  std::size_t i = text.find('\\');
  while (i != std::string_view::npos && i + 1 < text.size()) {
    std::optional<uint32_t> unit = UnicodeEscapeAt(text, i);
    if (!unit) {
      i = text.find('\\', i + 2);
      continue;
    }
    if (IsHighSurrogate(*unit)) {
      std::optional<uint32_t> next = UnicodeEscapeAt(text, i + kEscapeLength);
      if (next && IsLowSurrogate(*next)) {
        i = text.find('\\', i + 2 * kEscapeLength);
        continue;
      }
      out.replace(i, kEscapeLength, kReplacementEscape);
    } else if (IsLowSurrogate(*unit)) {
      out.replace(i, kEscapeLength, kReplacementEscape);
    }
    i = text.find('\\', i + kEscapeLength);
  }
  return out;
}

}  // namespace gdslack
