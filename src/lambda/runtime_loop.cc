#include "lambda/runtime_loop.h"

#include "base/log.h"

namespace gdslack {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitRuntimeFailure = 1;

const Clock& ClockOf(const LambdaOptions& options) {
  return options.clock != nullptr ? *options.clock : SystemClock::Instance();
}

Sleeper& SleeperOf(const LambdaOptions& options) {
  return options.sleeper != nullptr ? *options.sleeper : RealSleeper::Instance();
}

}  // namespace

Status RunLoop(RuntimeClient& client, InvocationHandler& handler, LoopOptions options) {
  for (int64_t handled = 0; options.max_invocations <= 0 || handled < options.max_invocations; ++handled) {
    Result<Invocation> invocation = client.Next();
    if (!invocation) {
      Log(LogLevel::kError, "runtime API unavailable, exiting", {{"error", invocation.error().ToString()}});
      return invocation.error();
    }
    InvocationResult result = handler.Handle(*invocation);
    Status posted = result.ok ? client.PostResponse(invocation->request_id, result.response_body)
                              : client.PostError(invocation->request_id, result.error_type, result.error_message);
    if (!posted.ok()) {
      Log(LogLevel::kError, "runtime API did not accept the answer",
          {{"request_id", invocation->request_id}, {"error", posted.ToString()}});
    }
    if (!result.ok) {
      Log(LogLevel::kError, "invocation failed",
          {{"request_id", invocation->request_id}, {"error_type", result.error_type}, {"error", result.error_message}});
    }
  }
  return Status::Ok();
}

std::string_view InitErrorType(Code code) { return code == Code::kConfig ? kErrorConfig : kErrorInit; }

int RunLambda(std::string_view runtime_api, HttpClient& runtime_http, Notifier& notifier,
              const LambdaOptions& options) {
  RuntimeClient client(runtime_http, runtime_api, SleeperOf(options), options.client);
  InvocationHandler handler(notifier, ClockOf(options), options.handler);
  Status status = RunLoop(client, handler, options.loop);
  return status.ok() ? kExitOk : kExitRuntimeFailure;
}

int RunLambda(std::string_view runtime_api, HttpClient& runtime_http, Pipeline& pipeline,
              const LambdaOptions& options) {
  RuntimeClient client(runtime_http, runtime_api, SleeperOf(options), options.client);
  InvocationHandler handler(pipeline, ClockOf(options), options.handler);
  handler.set_summary_job(options.summary_job);
  Status status = RunLoop(client, handler, options.loop);
  return status.ok() ? kExitOk : kExitRuntimeFailure;
}

int RunLambda(std::string_view runtime_api, HttpClient& runtime_http, const Status& init_error,
              const LambdaOptions& options, std::string_view error_type) {
  RuntimeClient client(runtime_http, runtime_api, SleeperOf(options), options.client);
  Log(LogLevel::kError, "init failed", {{"error", init_error.ToString()}});
  Status posted =
      client.PostInitError(error_type.empty() ? InitErrorType(init_error.code()) : error_type, init_error.ToString());
  if (!posted.ok()) {
    // Nothing more to do: Lambda reports the exit as Runtime.ExitError on its own.
    Log(LogLevel::kError, "runtime API did not accept the init error", {{"error", posted.ToString()}});
  }
  return kExitRuntimeFailure;
}

}  // namespace gdslack
