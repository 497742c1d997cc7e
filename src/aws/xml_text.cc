#include "aws/xml_text.h"
#include "base/strings.h"

#include <cstdint>
#include <utility>

namespace gdslack {
namespace {

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Position just after the opening tag `<tag>` or `<tag ...>` at or after `from`; `*self_closing` for
// `<tag/>`. npos when absent.
std::size_t FindOpen(std::string_view xml, std::string_view tag, std::size_t from, bool* self_closing) {
  const std::string open = "<" + std::string(tag);
  while (true) {
    std::size_t p = xml.find(open, from);
    if (p == std::string_view::npos) return p;
    std::size_t after = p + open.size();
    if (after >= xml.size()) return std::string_view::npos;
    char c = xml[after];
    if (c == '>' || c == ' ' || c == '/' || c == '\t' || c == '\n' || c == '\r') {
      std::size_t gt = xml.find('>', after);
      if (gt == std::string_view::npos) return gt;
      *self_closing = xml[gt - 1] == '/';
      return gt + 1;
    }
    from = after;  // a longer name sharing the prefix (<CodeX>)
  }
}

}  // namespace

std::string XmlDecodeEntities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out.push_back(text[i]);
      continue;
    }
    std::size_t semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back('&');
      continue;
    }
    std::string_view name = text.substr(i + 1, semi - i - 1);
    static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
        {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}};
    std::string decoded;
    for (const auto& [entity, text_value] : kNamed) {
      if (name == entity) decoded = text_value;
    }
    if (decoded.empty() && name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      std::string_view digits = name.substr(hex ? 2 : 1);
      uint32_t cp = 0;
      bool ok = !digits.empty();
      for (char c : digits) {
        const int d = HexDigitValue(c);
        if (d < 0 || (!hex && d > 9)) {
          ok = false;
          break;
        }
        cp = cp * (hex ? 16u : 10u) + static_cast<uint32_t>(d);
        if (cp > 0x10FFFF) {
          ok = false;
          break;
        }
      }
      if (ok && cp != 0 && !(cp >= 0xD800 && cp <= 0xDFFF)) AppendUtf8(cp, &decoded);
    }
    if (decoded.empty()) {
      out.push_back('&');
      continue;
    }
    out += decoded;
    i = semi;
  }
  return out;
}

std::optional<std::string> XmlElementText(std::string_view xml, std::string_view tag, std::string_view within) {
  std::size_t from = 0;
  bool self_closing = false;
  if (!within.empty()) {
    from = FindOpen(xml, within, 0, &self_closing);
    if (from == std::string_view::npos || self_closing) return std::nullopt;
  }
  std::size_t start = FindOpen(xml, tag, from, &self_closing);
  if (start == std::string_view::npos) return std::nullopt;
  if (self_closing) return std::string();
  const std::string close = "</" + std::string(tag) + ">";
  std::size_t end = xml.find(close, start);
  if (end == std::string_view::npos) return std::nullopt;
  return XmlDecodeEntities(xml.substr(start, end - start));
}

}  // namespace gdslack
