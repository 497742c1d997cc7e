#include "aws/ini_file.h"

#include "base/strings.h"

namespace gdslack {
namespace {

// Cuts an inline comment: '#' or ';' preceded by whitespace (AWS secret keys never hold spaces, so a
// value cannot legitimately contain " #").
std::string_view StripInlineComment(std::string_view v) {
  for (std::size_t i = 1; i < v.size(); ++i) {
    if ((v[i] == '#' || v[i] == ';') && (v[i - 1] == ' ' || v[i - 1] == '\t')) return TrimWhitespace(v.substr(0, i));
  }
  return v;
}

}  // namespace

Result<IniSections> ParseIni(std::string_view text) {
  IniSections out;
  std::string section;
  bool in_section = false;
  bool last_key_empty = false;  // an empty value opens a nested block of indented lines
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view raw = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    const bool indented = !raw.empty() && (raw.front() == ' ' || raw.front() == '\t');
    std::string_view line = TrimWhitespace(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      line = StripInlineComment(line);
      if (line.back() != ']') {
        return Status(Code::kConfig, "line " + std::to_string(line_no) + ": section header without ']'");
      }
      section = std::string(TrimWhitespace(line.substr(1, line.size() - 2)));
      in_section = true;
      last_key_empty = false;
      out[section];
      continue;
    }
    if (indented && last_key_empty) continue;  // nested sub-setting (e.g. s3 = \n  max_concurrency = 5)
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      return Status(Code::kConfig, "line " + std::to_string(line_no) + ": expected 'key = value'");
    }
    if (!in_section) {
      return Status(Code::kConfig, "line " + std::to_string(line_no) + ": setting outside any [section]");
    }
    std::string key = AsciiLower(TrimWhitespace(line.substr(0, eq)));
    std::string_view value = StripInlineComment(TrimWhitespace(line.substr(eq + 1)));
    last_key_empty = value.empty();
    out[section][key] = std::string(value);
  }
  return out;
}

}  // namespace gdslack
