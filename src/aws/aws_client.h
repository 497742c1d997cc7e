// AwsClient: one signed call to one AWS service endpoint, in either of the two wire protocols our APIs use
// (JSON 1.1: POST / with X-Amz-Target; Query: form POST, XML reply; REST-JSON: method and path name the operation),
// with the SDK "standard" retry mode through the shared RetryPolicy (http/retry.h): at most 3 attempts, full-jitter
// exponential backoff, throttling/5xx/transport retried, never past the caller's deadline. Errors come back as Status
// (see aws_errors.h) with messages that never contain a credential, a header value or a request body. Thread-compatible
// (one call at a time per instance).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/credentials_provider.h"
#include "aws/endpoints.h"
#include "base/clock.h"
#include "base/result.h"
#include "http/http_client.h"
#include "http/retry.h"

namespace gdslack {

inline constexpr std::string_view kJson11ContentType = "application/x-amz-json-1.1";
// DynamoDB speaks JSON 1.0: the same POST / with X-Amz-Target, another content type.
inline constexpr std::string_view kJson10ContentType = "application/x-amz-json-1.0";
inline constexpr std::string_view kFormContentType = "application/x-www-form-urlencoded; charset=utf-8";

// The AWS SDKs' "standard" retry mode: 3 attempts in all; retry n waits uniform(0, min(2 s, 100 ms * 2^(n-1)))
// (docs/reference/aws-apis.md, "Retries"); 5 s per HTTP attempt, further capped by the deadline.
RetryPolicy AwsStandardRetryPolicy();

using QueryParams = std::vector<std::pair<std::string, std::string>>;

class AwsClient {
 public:
  // All references must outlive the client. `random` drives jitter; null = DefaultRandomSource().
  AwsClient(HttpClient& http, const Clock& clock, Sleeper& sleeper, CredentialsProvider& credentials, Endpoint endpoint,
            RetryPolicy policy = AwsStandardRetryPolicy(), RandomSource random = nullptr);

  // JSON 1.1: POSTs `json_body` with X-Amz-Target `target` ("AmazonSSM.GetParameter"); returns the 2xx
  // reply body. Errors: codes per CodeForAwsError; kTimeout when the deadline passes first; the message
  // reads "<service>:<Operation> failed: <AwsCode>: <AWS message> (HTTP <status>)".
  // `content_type`: kJson11ContentType, or kJson10ContentType for DynamoDB.
  Result<std::string> CallJson(std::string_view target, std::string json_body, int64_t deadline_unix_ms,
                               std::string_view content_type = kJson11ContentType);

  // Query: POSTs Action=<action>&Version=<version>&<params> form-encoded; returns the 2xx XML body.
  Result<std::string> CallQuery(std::string_view action, std::string_view version, const QueryParams& params,
                                int64_t deadline_unix_ms);

  // REST-JSON (GuardDuty): `method` on `path` ("/detector/abc/findings/archive", no query string, every segment
  // already safe in a URL) with `json_body` ("" sends no body); returns the 2xx reply body. `operation` names the
  // call in messages. Errors as CallJson (REST-JSON errors carry x-amzn-ErrorType and {"message"} like JSON 1.1).
  Result<std::string> CallRest(std::string_view operation, std::string_view method, std::string_view path,
                               std::string json_body, int64_t deadline_unix_ms);

  const Endpoint& endpoint() const { return endpoint_; }
  // HTTP attempts made by the last call (tests, logs).
  int last_attempts() const { return last_attempts_; }
  // AWS error code of the last failed call ("AccessDeniedException"); "" after success or a transport error.
  const std::string& last_error_code() const { return last_error_code_; }

 private:
  enum class Protocol { kJson, kQuery };
  Result<std::string> Call(Protocol protocol, std::string_view operation, HttpRequest request,
                           int64_t deadline_unix_ms);

  HttpClient& http_;
  const Clock& clock_;
  CredentialsProvider& credentials_;
  Endpoint endpoint_;
  Retrier retrier_;
  int last_attempts_ = 0;
  std::string last_error_code_;
};

// application/x-www-form-urlencoded encoding of Query parameters (RFC 3986 unreserved kept, rest %XX).
std::string FormEncode(const QueryParams& params);

}  // namespace gdslack
