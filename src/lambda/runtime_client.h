// RuntimeClient: the Lambda Runtime API (2018-06-01) over an HttpClient — fetch the next invocation and
// answer it (response, error, init error). It knows the wire protocol only; what an event means is the
// handler's business. Not thread-safe: one runtime loop owns it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "http/http_client.h"
#include "http/retry.h"

namespace gdslack {

// errorType values we send. Lambda (and the emulator) keep only names matching
// (Runtime|Function)\.[A-Z][a-zA-Z]+ and turn anything else into Runtime.Unknown
// (docs/reference/lambda.md#runtime-api).
inline constexpr std::string_view kErrorDeliveryFailed = "Function.DeliveryFailed";
inline constexpr std::string_view kErrorInvalidEvent = "Function.InvalidEvent";
inline constexpr std::string_view kErrorHandlerCrashed = "Runtime.HandlerCrashed";
inline constexpr std::string_view kErrorConfig = "Runtime.ConfigError";
inline constexpr std::string_view kErrorInit = "Runtime.InitError";
inline constexpr std::string_view kErrorUnknown = "Runtime.Unknown";

// True when `error_type` matches (Runtime|Function)\.[A-Z][a-zA-Z]+.
bool IsValidErrorType(std::string_view error_type);

// One event handed out by GET /runtime/invocation/next.
struct Invocation {
  std::string request_id;            // Lambda-Runtime-Aws-Request-Id
  int64_t deadline_ms = 0;           // Lambda-Runtime-Deadline-Ms, Unix epoch ms; 0 = header absent
  std::string invoked_function_arn;  // Lambda-Runtime-Invoked-Function-Arn
  std::string trace_id;              // Lambda-Runtime-Trace-Id
  std::string body;                  // the event, untrusted
};

// GET /next: 3 tries before Next() gives up (the process then exits), 100 ms .. 1 s full-jitter backoff,
// no per-attempt timeout and no deadline (see runtime_client.cc on why /next never times out).
RetryPolicy NextRetryPolicy();

struct RuntimeClientOptions {
  RetryPolicy next = NextRetryPolicy();
  int64_t post_timeout_ms = 5000;
};

class RuntimeClient {
 public:
  // `runtime_api` is AWS_LAMBDA_RUNTIME_API ("host:port"). `http` and `sleeper` must outlive the client. `random`
  // drives jitter; null = DefaultRandomSource().
  RuntimeClient(HttpClient& http, std::string_view runtime_api, Sleeper& sleeper, RuntimeClientOptions options = {},
                RandomSource random = nullptr);

  // Blocks (no timeout) until Lambda hands out an event, and sets _X_AMZN_TRACE_ID for it.
  // Transport failures, non-200 answers and answers without a request id are retried up to
  // `options.next.max_attempts` tries in all; then the last error is returned (kUnavailable or kInternal).
  Result<Invocation> Next();

  // POST /runtime/invocation/{id}/response. Error when the API does not answer 202.
  Status PostResponse(std::string_view request_id, std::string_view body);

  // POST /runtime/invocation/{id}/error with {"errorMessage","errorType"} and the error-type header.
  // An `error_type` not matching the pattern above is sent as Runtime.Unknown.
  Status PostError(std::string_view request_id, std::string_view error_type, std::string_view message);

  // POST /runtime/init/error, for configuration that cannot work; the caller exits afterwards.
  Status PostInitError(std::string_view error_type, std::string_view message);

 private:
  Status PostErrorTo(const std::string& url, std::string_view error_type, std::string_view message);
  Status Post(const std::string& url, HttpHeaders headers, std::string body, std::string_view what);

  HttpClient& http_;
  std::string base_url_;
  RuntimeClientOptions options_;
  Retrier next_retrier_;
};

}  // namespace gdslack
