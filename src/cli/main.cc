// guardduty-slack: the CLI, and — when started by AWS Lambda (AWS_LAMBDA_RUNTIME_API set, no arguments) —
// the custom runtime. The package's `bootstrap` is this same program.
#include <iostream>
#include <new>

#include "cli/cli_app.h"
#include "cli/init_boundary.h"
#include "cli/lambda_entry.h"
#include "http/curl_http_client.h"

int main(int argc, char** argv) {
  gdslack::EnvLookup env = gdslack::ProcessEnvironment();
  if (argc == 1 && env("AWS_LAMBDA_RUNTIME_API")) {
    // Lambda mode's last-resort boundary: an exception in init still reaches /runtime/init/error.
    gdslack::CurlHttpClient init_error_http;
    return gdslack::RunLambdaGuarded(*env("AWS_LAMBDA_RUNTIME_API"), init_error_http,
                                     [&env] { return gdslack::RunLambdaFromEnvironment(env); });
  }
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return gdslack::RunCli(args, std::cout, std::cerr, env);
  } catch (const std::bad_alloc&) {
    // Last-resort boundary: no input may crash the program. what() is not printed: it may quote input,
    // and input may hold a secret.
    std::cerr << "guardduty-slack: out of memory\n";
    return gdslack::kExitBadInput;
  } catch (const std::exception&) {
    std::cerr << "guardduty-slack: internal error (exception)\n";
    return gdslack::kExitBadInput;
  }
}
