// The `guardduty-slack` command line: render, send, demo. In-process and stream-based so tests can run it
// without spawning (ninja's "library plus main()"). Exit codes are part of the interface (README).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "aws/environment.h"

namespace gdslack {

enum ExitCode : int {
  kExitOk = 0,
  kExitDeliveryFailed = 1,  // some finding could not be delivered after retries (wins over kExitBadInput)
  kExitBadInput = 2,        // bad input or usage; the other findings were still processed
};

// Runs the CLI. `args` excludes argv[0]. `err_is_terminal`: `send` keeps a progress line on `err`.
int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const EnvLookup& env,
           bool err_is_terminal = false);

}  // namespace gdslack
