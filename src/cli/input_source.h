// Input for the CLI: the files named on the command line ("-" = standard input), read whole.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"

namespace gdslack {

struct InputText {
  std::string name;  // the path as given, or "<stdin>"
  std::string text;
};

// Reads one path ("-" = stdin). Errors are one line: "missing.json: No such file or directory".
Result<InputText> ReadInput(const std::string& path);

}  // namespace gdslack
