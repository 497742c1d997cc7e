// TextBuilder: appends text and numbers to a string with `<<`, printing numbers as std::ostream does by default
// (integers in decimal, doubles as "%g": six significant digits), for the routing descriptions and reasons.
// Not an std::ostringstream: a stream brings the C++ locale machinery into the Lambda bootstrap (~40 libc
// symbols bound at every start and ~100 KB of package, docs/PERFORMANCE.md §6), and nothing here needs a locale.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <type_traits>

namespace gdslack {

class TextBuilder {
 public:
  TextBuilder& operator<<(std::string_view text) {
    out_.append(text);
    return *this;
  }
  TextBuilder& operator<<(char c) {
    out_.push_back(c);
    return *this;
  }
  TextBuilder& operator<<(double v) {
    char buf[32];
    const int n = std::snprintf(buf, sizeof buf, "%g", v);
    if (n > 0) out_.append(buf, static_cast<std::size_t>(n));
    return *this;
  }
  template <typename Int, std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, char>, int> = 0>
  TextBuilder& operator<<(Int v) {
    static_assert(!std::is_same_v<Int, bool>, "say what a bool means instead of printing 1 or 0");
    out_.append(std::to_string(v));
    return *this;
  }

  const std::string& str() const { return out_; }

 private:
  std::string out_;
};

}  // namespace gdslack
