// Input for the CLI: the files named on the command line ("-" = standard input), read whole.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "base/result.h"
#include "finding/finding.h"

namespace gdslack {

struct InputText {
  std::string name;  // the path as given, or "<stdin>"
  std::string text;
};

// Reads one path ("-" = stdin). Errors are one line: "missing.json: No such file or directory".
Result<InputText> ReadInput(const std::string& path);

// Reads and parses every input (none = stdin) and hands each finding to `on_finding`. Reports bad input on
// `err` as one line each, and skipped non-finding GuardDuty events. Returns false when any input or item was bad.
bool ForEachFinding(const std::vector<std::string>& files, std::ostream& err,
                    const std::function<void(const Finding&)>& on_finding);

}  // namespace gdslack
