// The INI dialect of the AWS shared credentials and config files, parsed into sections. Pure: no file
// access (profile.h reads the files). Values can be secrets: error messages carry line numbers, never text.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "base/result.h"

namespace gdslack {

// A parsed INI file: section name (trimmed, case kept) -> key (lower-cased) -> value (trimmed).
// Lines starting with '#' or ';' are comments, as is " #..." / " ;..." after a value; indented lines
// under an empty-valued key (nested s3 settings) are skipped. Later duplicates win.
using IniSections = std::map<std::string, std::map<std::string, std::string>>;
// kConfig with the line number when a line is neither a section, a key = value, a comment nor blank.
Result<IniSections> ParseIni(std::string_view text);

}  // namespace gdslack
