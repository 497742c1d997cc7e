// guardduty-slack: the CLI, and — when started by AWS Lambda (AWS_LAMBDA_RUNTIME_API set, no arguments) —
// the custom runtime. The package's `bootstrap` is this same program.
#include <iostream>

#include "cli/cli_app.h"
#include "cli/lambda_entry.h"

int main(int argc, char** argv) {
  gdslack::EnvLookup env = gdslack::ProcessEnvironment();
  if (argc == 1 && env("AWS_LAMBDA_RUNTIME_API")) return gdslack::RunLambdaFromEnvironment(env);
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return gdslack::RunCli(args, std::cout, std::cerr, env);
  } catch (const std::exception& e) {
    // Last-resort boundary: no input may crash the program.
    std::cerr << "guardduty-slack: internal error: " << e.what() << "\n";
    return gdslack::kExitBadInput;
  }
}
