// bootstrap: the Lambda custom runtime, and nothing else. It is its own executable (not a mode of the CLI) so
// the package carries only the code Lambda runs: no command-line parser, no demo events, no CLI commands
// (docs/PERFORMANCE.md §6: a smaller binary starts faster and keeps fewer pages resident).
#include <cstdio>
#include <optional>
#include <string>

#include "http/curl_http_client.h"
#include "lambda/init_boundary.h"
#include "lambda/lambda_entry.h"

int main() {
  gdslack::EnvLookup env = gdslack::ProcessEnvironment();
  const std::optional<std::string> runtime_api = env("AWS_LAMBDA_RUNTIME_API");
  if (!runtime_api) {
    // Started by hand: there is no Runtime API to report to, so say so and stop (exit 2, as for bad usage).
    std::fputs(
        "bootstrap: AWS_LAMBDA_RUNTIME_API is not set; this program is started by AWS Lambda "
        "(use guardduty-slack for the command line)\n",
        stderr);
    return 2;
  }
  // Last-resort boundary: an exception in init still reaches /runtime/init/error.
  gdslack::CurlHttpClient init_error_http;
  return gdslack::RunLambdaGuarded(*runtime_api, init_error_http,
                                   [&env] { return gdslack::RunLambdaFromEnvironment(env); });
}
