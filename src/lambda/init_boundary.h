// The exception boundary of Lambda mode. Init (reading configuration and secrets, building the clients) runs
// outside the per-invocation boundary of InvocationHandler; an exception there would terminate the process
// with no /runtime/init/error, and Lambda would show only "Runtime.ExitError" with no reason. This turns
// it into an init error with a clear errorType (Runtime.InitError) before exiting.
#pragma once

#include <functional>
#include <string_view>

#include "http/http_client.h"

namespace gdslack {

// Runs `lambda_main` (init, then the Runtime API loop) and returns its exit code. If it throws, posts
// Runtime.InitError to /runtime/init/error through `runtime_http` and returns non-zero. The message names
// the kind of failure only ("out of memory", "exception"), never what() text, which may quote input.
// Invocations cannot throw this far (InvocationHandler catches), so anything caught here came from init.
int RunLambdaGuarded(std::string_view runtime_api, HttpClient& runtime_http, const std::function<int()>& lambda_main);

}  // namespace gdslack
