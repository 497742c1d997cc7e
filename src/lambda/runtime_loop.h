// The Lambda custom-runtime loop: Next -> handle -> response or error, until /next gives up; and
// RunLambda, the entry point the program's main calls in Lambda mode with dependencies it has already
// built (or the init error that stopped it building them). Owns no configuration or secrets.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "http/http_client.h"
#include "lambda/invocation_handler.h"
#include "lambda/runtime_client.h"
#include "notify/notifier.h"

namespace gdslack {

struct LoopOptions {
  int64_t max_invocations = 0;  // stop after this many (tests); 0 = forever
};

// Runs invocations until Next() fails for good (returns that error) or `max_invocations` were handled
// (returns OK). A failed /response or /error post is logged and the loop goes on: the next /next
// tells whether the Runtime API is still there.
Status RunLoop(RuntimeClient& client, InvocationHandler& handler, LoopOptions options = {});

// The errorType posted to /runtime/init/error for an init failure with `code`
// (kConfig -> Runtime.ConfigError, anything else -> Runtime.InitError).
std::string_view InitErrorType(Code code);

struct LambdaOptions {
  const Clock* clock = nullptr;  // nullptr = SystemClock::Instance()
  Sleeper* sleeper = nullptr;    // nullptr = RealSleeper::Instance()
  RuntimeClientOptions client;
  HandlerOptions handler;
  LoopOptions loop;
  InvocationHandler::SummaryJob summary_job;  // the daily summary's run (lambda_entry.cc); empty = none opted in
};

// Lambda mode. `runtime_api` is AWS_LAMBDA_RUNTIME_API; `runtime_http` talks to the Runtime API only
// (it must honour timeout_ms <= 0 as "no timeout"); `notifier` delivers findings. Returns the process
// exit code: non-zero when the Runtime API stopped answering (Lambda then restarts the sandbox).
int RunLambda(std::string_view runtime_api, HttpClient& runtime_http, Notifier& notifier,
              const LambdaOptions& options = {});

// Lambda mode with routing: findings go through `pipeline` (app/pipeline.h).
int RunLambda(std::string_view runtime_api, HttpClient& runtime_http, Pipeline& pipeline,
              const LambdaOptions& options = {});

// Lambda mode when init failed (missing configuration, unreadable secret): posts `init_error` to
// /runtime/init/error and returns non-zero. REQUIRES: !init_error.ok(). The message must hold no secret.
// `error_type` overrides InitErrorType(code) when not empty (Runtime.InvalidConfiguration).
int RunLambda(std::string_view runtime_api, HttpClient& runtime_http, const Status& init_error,
              const LambdaOptions& options = {}, std::string_view error_type = {});

}  // namespace gdslack
