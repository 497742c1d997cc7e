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

AwsClient::AwsClient(HttpClient& http, const Clock& clock, Sleeper& sleeper, CredentialsProvider& credentials,
                     Endpoint endpoint, AwsRetryPolicy policy)
    : http_(http),
      clock_(clock),
      sleeper_(sleeper),
      credentials_(credentials),
      endpoint_(std::move(endpoint)),
      policy_(policy),
      rng_(policy.jitter_seed != 0 ? policy.jitter_seed : std::random_device{}()) {}

Result<std::string> AwsClient::CallJson(std::string_view target, std::string json_body, int64_t deadline_unix_ms) {
  HttpRequest req;
  req.method = "POST";
  req.url = endpoint_.url + "/";
  req.headers = {{"Content-Type", std::string(kJson11ContentType)}, {"X-Amz-Target", std::string(target)}};
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

Result<std::string> AwsClient::Call(Protocol protocol, std::string_view operation, HttpRequest request,
                                    int64_t deadline_unix_ms) {
  const std::string what = endpoint_.signing_name + ":" + std::string(operation);
  last_attempts_ = 0;
  last_error_code_.clear();
  Status last_error;
  for (int attempt = 1; attempt <= policy_.max_attempts; ++attempt) {
    const int64_t now = clock_.NowUnixMs();
    if (now >= deadline_unix_ms) {
      if (!last_error.ok()) return last_error;
      return Status(Code::kTimeout, what + " not attempted: the deadline had passed");
    }
    Result<Credentials> creds = credentials_.Get(deadline_unix_ms);
    if (!creds) return creds.error();
    // Signed per attempt: the timestamp must be fresh (AWS rejects requests older than 5 minutes).
    Status signed_ok = SignHttpRequest(&request, *creds, endpoint_.signing_region, endpoint_.signing_name, now);
    if (!signed_ok.ok()) return signed_ok;
    request.timeout_ms = std::min(policy_.max_attempt_timeout_ms, deadline_unix_ms - now);
    ++last_attempts_;

    Result<HttpResponse> resp = http_.Send(request);
    last_error_code_.clear();
    if (!resp) {
      // Transport failure: the HttpClient's message names at most the host.
      last_error = Status(resp.error().code(), what + " failed: could not reach " + HostOf(endpoint_.url) + ": " +
                                                   Scrub(resp.error().message(), *creds));
      if (resp.error().code() != Code::kUnavailable && resp.error().code() != Code::kTimeout) return last_error;
    } else if (resp->status >= 200 && resp->status < 300) {
      return std::move(resp->body);
    } else {
      AwsError err = protocol == Protocol::kJson ? ParseJsonError(*resp) : ParseQueryError(*resp);
      const Code code = CodeForAwsError(err.code, resp->status);
      last_error_code_ = err.code;
      std::string msg = what + " failed: " + (err.code.empty() ? std::string("HTTP error") : err.code);
      if (!err.message.empty()) msg += ": " + err.message;
      msg += " (HTTP " + std::to_string(resp->status) + ")";
      last_error = Status(code, Scrub(std::move(msg), *creds));
      if (!IsRetryable(code)) return last_error;
    }
    if (attempt == policy_.max_attempts) break;
    // Full jitter: uniform(0, min(max, base * 2^(attempt-1))) (AWS SDK "standard" retry mode).
    const int64_t cap = std::min(policy_.max_backoff_ms, policy_.base_backoff_ms << (attempt - 1));
    std::uniform_int_distribution<int64_t> dist(0, std::max<int64_t>(cap, 0));
    const int64_t delay = dist(rng_);
    if (clock_.NowUnixMs() + delay >= deadline_unix_ms) break;  // no time for another attempt
    sleeper_.SleepMs(delay);
  }
  return last_error;
}

}  // namespace gdslack
