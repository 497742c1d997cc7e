#include "lambda/runtime_client.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <utility>

#include <nlohmann/json.hpp>

#include "base/log.h"

namespace gdslack {
namespace {

// Protocol strings, named once (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html).
constexpr std::string_view kApiVersionPath = "/2018-06-01";
constexpr std::string_view kNextPath = "/runtime/invocation/next";
constexpr std::string_view kInvocationPath = "/runtime/invocation/";
constexpr std::string_view kResponseSuffix = "/response";
constexpr std::string_view kErrorSuffix = "/error";
constexpr std::string_view kInitErrorPath = "/runtime/init/error";
constexpr std::string_view kRequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
constexpr std::string_view kDeadlineHeader = "Lambda-Runtime-Deadline-Ms";
constexpr std::string_view kFunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
constexpr std::string_view kTraceIdHeader = "Lambda-Runtime-Trace-Id";
constexpr std::string_view kErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
constexpr const char* kTraceEnv = "_X_AMZN_TRACE_ID";
constexpr long kHttpOk = 200;
constexpr long kHttpAccepted = 202;

int64_t ParseEpochMs(const std::string& text) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) return 0;
  return value;
}

}  // namespace

bool IsValidErrorType(std::string_view error_type) {
  std::string_view rest;
  if (error_type.substr(0, 8) == "Runtime.") {
    rest = error_type.substr(8);
  } else if (error_type.substr(0, 9) == "Function.") {
    rest = error_type.substr(9);
  } else {
    return false;
  }
  if (rest.empty() || !std::isupper(static_cast<unsigned char>(rest[0]))) return false;
  return std::ranges::all_of(rest, [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
}

RetryPolicy NextRetryPolicy() {
  return RetryPolicy{.max_attempts = 3, .base_ms = 100, .cap_ms = 1000, .attempt_timeout_ms = 0};
}

RuntimeClient::RuntimeClient(HttpClient& http, std::string_view runtime_api, Sleeper& sleeper,
                             RuntimeClientOptions options, RandomSource random)
    : http_(http),
      base_url_("http://" + std::string(runtime_api) + std::string(kApiVersionPath)),
      options_(options),
      // /next has no deadline, so the wall clock never decides anything here.
      next_retrier_(SystemClock::Instance(), sleeper, options.next, std::move(random)) {}

Result<Invocation> RuntimeClient::Next() {
  HttpRequest request;
  request.method = "GET";
  request.url = base_url_ + std::string(kNextPath);

  Status last;
  Invocation invocation;
  const RetryRun run = next_retrier_.Run(
      kNoDeadline,
      [&](int /*attempt*/, int64_t timeout_ms) {
        // 0 here: no timeout. Lambda freezes the sandbox between events, for any length of time, while
        // this request is open; a client-side timeout would fire on thaw and lose the event being handed
        // out (docs/reference/lambda.md, "Runtime API").
        request.timeout_ms = timeout_ms;
        Result<HttpResponse> response = http_.Send(request);
        if (!response) {
          last = Status(response.error().code(), "runtime API /next: " + response.error().message());
        } else if (response->status != kHttpOk) {
          last = Status(Code::kUnavailable, "runtime API /next answered HTTP " + std::to_string(response->status));
        } else if (response->Header(kRequestIdHeader).empty()) {
          last = Status(Code::kInternal, "runtime API /next answered without a request id");
        } else {
          invocation.request_id = response->Header(kRequestIdHeader);
          invocation.deadline_ms = ParseEpochMs(response->Header(kDeadlineHeader));
          invocation.invoked_function_arn = response->Header(kFunctionArnHeader);
          invocation.trace_id = response->Header(kTraceIdHeader);
          invocation.body = std::move(response->body);
          return AttemptOutcome{RetryDecision::kSuccess, std::nullopt};
        }
        // Every failure is retried: the Runtime API is local, and giving up ends the sandbox.
        return AttemptOutcome{RetryDecision::kRetry, std::nullopt};
      },
      [&](int attempt, int64_t /*wait_ms*/) {
        Log(LogLevel::kWarn, "runtime API /next failed", {{"attempt", attempt}, {"error", last.ToString()}});
      });
  if (run.end != RetryEnd::kSuccess) {
    Log(LogLevel::kWarn, "runtime API /next failed", {{"attempt", run.attempts}, {"error", last.ToString()}});
    return last;
  }
  // X-Ray SDKs read the trace id from the environment; a stale one from the previous event must not leak
  // into this one.
  if (invocation.trace_id.empty()) {
    unsetenv(kTraceEnv);
  } else {
    setenv(kTraceEnv, invocation.trace_id.c_str(), 1);
  }
  return invocation;
}

Status RuntimeClient::PostResponse(std::string_view request_id, std::string_view body) {
  const std::string url =
      base_url_ + std::string(kInvocationPath) + std::string(request_id) + std::string(kResponseSuffix);
  return Post(url, {{"Content-Type", "application/json"}}, std::string(body), "response");
}

Status RuntimeClient::PostError(std::string_view request_id, std::string_view error_type, std::string_view message) {
  const std::string url =
      base_url_ + std::string(kInvocationPath) + std::string(request_id) + std::string(kErrorSuffix);
  return PostErrorTo(url, error_type, message);
}

Status RuntimeClient::PostInitError(std::string_view error_type, std::string_view message) {
  return PostErrorTo(base_url_ + std::string(kInitErrorPath), error_type, message);
}

Status RuntimeClient::PostErrorTo(const std::string& url, std::string_view error_type, std::string_view message) {
  const std::string type(IsValidErrorType(error_type) ? error_type : kErrorUnknown);
  nlohmann::json body = {{"errorMessage", std::string(message)}, {"errorType", type}};
  // replace: a message may quote untrusted text that is not valid UTF-8; dump() would throw on it.
  std::string text = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return Post(url, {{"Content-Type", "application/json"}, {std::string(kErrorTypeHeader), type}}, std::move(text),
              "error");
}

Status RuntimeClient::Post(const std::string& url, HttpHeaders headers, std::string body, std::string_view what) {
  HttpRequest request;
  request.method = "POST";
  request.url = url;
  request.headers = std::move(headers);
  request.body = std::move(body);
  request.timeout_ms = options_.post_timeout_ms;
  Result<HttpResponse> response = http_.Send(request);
  if (!response) {
    return Status(response.error().code(), "runtime API " + std::string(what) + " post: " + response.error().message());
  }
  if (response->status != kHttpAccepted) {
    // 400 unknown id, 403 wrong state, 413 too large, 500 non-recoverable: none is fixed by retrying.
    return Status(Code::kInternal,
                  "runtime API " + std::string(what) + " post answered HTTP " + std::to_string(response->status));
  }
  return Status::Ok();
}

}  // namespace gdslack
