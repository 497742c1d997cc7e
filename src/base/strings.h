// Small ASCII string helpers used across modules, each named for what it does. ASCII only on purpose:
// protocol tokens (HTTP header names, AWS codes, INI keys) are ASCII; text for people goes through utf8.h.
#pragma once

#include <string>
#include <string_view>

namespace gdslack {

// `s` without leading and trailing ASCII whitespace (space, tab, CR, LF, vertical tab, form feed).
std::string_view TrimWhitespace(std::string_view s);

// `s` with 'A'-'Z' mapped to 'a'-'z'; other bytes unchanged.
std::string AsciiLower(std::string_view s);

// True when `a` and `b` are equal ignoring ASCII case.
bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b);

// True when `s` begins with `prefix` ignoring ASCII case.
bool StartsWithIgnoreAsciiCase(std::string_view s, std::string_view prefix);

// The value of a hexadecimal digit ('0'-'9', 'a'-'f', 'A'-'F'); -1 for any other byte.
int HexDigitValue(char c);

}  // namespace gdslack
