// guardduty-slack: the CLI, and — when started by AWS Lambda (AWS_LAMBDA_RUNTIME_API set, no arguments) —
// the custom runtime. The package's `bootstrap` is this same program.
#include <iostream>
#include <new>

#include "cli/cli_app.h"
#include "cli/init_boundary.h"
#include "cli/lambda_entry.h"
#include "cli/redacting_stream.h"
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
  // stderr echoes what was typed; a webhook URL typed as a file name or flag value must not come back.
  gdslack::RedactingStreamBuf redacted(std::cerr.rdbuf());
  std::ostream err(&redacted);
  try {
    return gdslack::RunCli(args, std::cout, err, env);
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
