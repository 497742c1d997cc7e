#include "aws/aws_client.h"

#include <algorithm>

#include "aws/aws_errors.h"
#include "aws/sigv4.h"
#include "base/scrub.h"

namespace gdslack {
namespace {

// A last guard in case a peer echoes a header back in its error message.
std::string Scrub(std::string text, const Credentials& c) {
  return ScrubSecrets(std::move(text), {c.secret_access_key.Reveal(), c.session_token.Reveal()});
}

}  // namespace

std::string FormEncode(const QueryParams& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out.push_back('&');
    out += UriEncode(k, true);
    out.push_back('=');
    out += UriEncode(v, true);
  }
  return out;
}

RetryPolicy AwsStandardRetryPolicy() {
  return RetryPolicy{.max_attempts = 3, .base_ms = 100, .cap_ms = 2000, .attempt_timeout_ms = 5000};
}

AwsClient::AwsClient(HttpClient& http, const Clock& clock, Sleeper& sleeper, CredentialsProvider& credentials,
                     Endpoint endpoint, RetryPolicy policy, RandomSource random)
    : http_(http),
      clock_(clock),
      credentials_(credentials),
      endpoint_(std::move(endpoint)),
      retrier_(clock, sleeper, policy, std::move(random)) {}

Result<std::string> AwsClient::CallJson(std::string_view target, std::string json_body, int64_t deadline_unix_ms,
                                        std::string_view content_type) {
  HttpRequest req;
  req.method = "POST";
  req.url = endpoint_.url + "/";
  req.headers = {{"Content-Type", std::string(content_type)}, {"X-Amz-Target", std::string(target)}};
  req.body = std::move(json_body);
  std::size_t dot = target.rfind('.');
  std::string_view operation = dot == std::string_view::npos ? target : target.substr(dot + 1);
  return Call(Protocol::kJson, operation, std::move(req), deadline_unix_ms);
}

Result<std::string> AwsClient::CallQuery(std::string_view action, std::string_view version, const QueryParams& params,
                                         int64_t deadline_unix_ms) {
  QueryParams all = {{"Action", std::string(action)}, {"Version", std::string(version)}};
  all.insert(all.end(), params.begin(), params.end());
  HttpRequest req;
  req.method = "POST";
  req.url = endpoint_.url + "/";
  req.headers = {{"Content-Type", std::string(kFormContentType)}};
  req.body = FormEncode(all);
  return Call(Protocol::kQuery, action, std::move(req), deadline_unix_ms);
}

Result<std::string> AwsClient::CallRest(std::string_view operation, std::string_view method, std::string_view path,
                                        std::string json_body, int64_t deadline_unix_ms) {
  HttpRequest req;
  req.method = std::string(method);
  req.url = endpoint_.url + std::string(path);
  if (!json_body.empty()) req.headers = {{"Content-Type", "application/json"}};
  req.body = std::move(json_body);
  return Call(Protocol::kJson, operation, std::move(req), deadline_unix_ms);
}

Result<std::string> AwsClient::Call(Protocol protocol, std::string_view operation, HttpRequest request,
                                    int64_t deadline_unix_ms) {
  const std::string what = endpoint_.signing_name + ":" + std::string(operation);
  last_attempts_ = 0;
  last_error_code_.clear();
  Status last_error;
  std::string body;
  auto fail = [&](Status status, RetryDecision decision) {
    last_error = std::move(status);
    AttemptOutcome outcome;
    outcome.decision = decision;
    return outcome;
  };
  const RetryRun run = retrier_.Run(deadline_unix_ms, [&](int /*attempt*/, int64_t timeout_ms) {
    Result<Credentials> creds = credentials_.Get(deadline_unix_ms);
    if (!creds) return fail(creds.error(), RetryDecision::kPermanent);
    // Signed per attempt: the timestamp must be fresh (AWS rejects requests older than 5 minutes).
    Status signed_ok =
        SignHttpRequest(&request, *creds, endpoint_.signing_region, endpoint_.signing_name, clock_.NowUnixMs());
    if (!signed_ok.ok()) return fail(std::move(signed_ok), RetryDecision::kPermanent);
    request.timeout_ms = timeout_ms;
    ++last_attempts_;

    Result<HttpResponse> resp = http_.Send(request);
    last_error_code_.clear();
    if (!resp) {
      // Transport failure: the HttpClient's message names at most the host.
      const Code code = resp.error().code();
      return fail(
          Status(code, what + " failed: could not reach " + HostOf(endpoint_.url) + ": " +
                           Scrub(resp.error().message(), *creds)),
          code == Code::kUnavailable || code == Code::kTimeout ? RetryDecision::kRetry : RetryDecision::kPermanent);
    }
    if (resp->status >= 200 && resp->status < 300) {
      body = std::move(resp->body);
      return AttemptOutcome{RetryDecision::kSuccess, std::nullopt};
    }
    AwsError err = protocol == Protocol::kJson ? ParseJsonError(*resp) : ParseQueryError(*resp);
    const Code code = CodeForAwsError(err.code, resp->status);
    last_error_code_ = err.code;
    std::string msg = what + " failed: " + (err.code.empty() ? std::string("HTTP error") : err.code);
    if (!err.message.empty()) msg += ": " + err.message;
    msg += " (HTTP " + std::to_string(resp->status) + ")";
    AttemptOutcome outcome = fail(Status(code, Scrub(std::move(msg), *creds)),
                                  IsRetryable(code) ? RetryDecision::kRetry : RetryDecision::kPermanent);
    // A 429's Retry-After is honoured like any peer's (AWS mostly throttles with 400 and no header).
    if (resp->status == 429) outcome.retry_after = resp->Header("Retry-After");
    return outcome;
  });
  if (run.end == RetryEnd::kSuccess) return body;
  if (run.end == RetryEnd::kNoTimeToStart) {
    return Status(Code::kTimeout,
                  what + " not attempted: " + std::to_string(run.time_left_ms) + " ms left before the deadline");
  }
  return last_error;
}

}  // namespace gdslack
