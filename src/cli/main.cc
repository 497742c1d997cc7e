// guardduty-slack: the command line (render, send, route, check-config). The Lambda runtime is its own
// executable, src/lambda/main.cc (`bootstrap`).
#include <unistd.h>

#include <iostream>
#include <new>

#include "cli/cli_app.h"
#include "cli/redacting_stream.h"

int main(int argc, char** argv) {
  gdslack::EnvLookup env = gdslack::ProcessEnvironment();
  std::vector<std::string> args(argv + 1, argv + argc);
  // stderr echoes what was typed; a webhook URL typed as a file name or flag value must not come back.
  gdslack::RedactingStreamBuf redacted(std::cerr.rdbuf());
  std::ostream err(&redacted);
  try {
    return gdslack::RunCli(args, std::cout, err, env, ::isatty(STDERR_FILENO) == 1);
  } catch (const std::bad_alloc&) {
    // Last-resort boundary: no input may crash the program. what() is not printed: it may quote input,
    // and input may hold a secret.
    err << "guardduty-slack: out of memory\n";
    return gdslack::kExitBadInput;
  } catch (const std::exception&) {
    err << "guardduty-slack: internal error (exception)\n";
    return gdslack::kExitBadInput;
  }
}
