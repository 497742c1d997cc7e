// AWS error replies -> our Status codes. JSON 1.1 services answer {"__type": ..., "message": ...} and/or
// the x-amzn-ErrorType header; Query services answer <ErrorResponse><Error><Code>. Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "http/http_client.h"

namespace gdslack {

struct AwsError {
  std::string code;     // normalized: "AccessDeniedException"; "" when the reply named none
  std::string message;  // AWS's message, first line only, at most 200 bytes
};

// Strips a "namespace#" prefix and a ":url" suffix: "com.amazon#ThrottlingException:http://x" ->
// "ThrottlingException".
std::string NormalizeAwsErrorCode(std::string_view raw);

// Error of a non-2xx JSON 1.1 reply (header first, then body).
AwsError ParseJsonError(const HttpResponse& response);
// Error of a non-2xx Query (XML) reply.
AwsError ParseQueryError(const HttpResponse& response);

// AccessDenied*, AuthorizationError, UnrecognizedClient*, InvalidClientTokenId, InvalidSignature*,
// SignatureDoesNotMatch, IncompleteSignature, MissingAuthenticationToken, ExpiredToken* -> kPermissionDenied;
// *NotFound* -> kNotFound; Throttling*, TooManyRequests*, Throttled*, RequestLimitExceeded,
// ProvisionedThroughputExceededException (DynamoDB), HTTP 429 ->
// kThrottled; other 5xx -> kUnavailable; a bare 403 -> kPermissionDenied; everything else kInvalidInput.
Code CodeForAwsError(std::string_view code, long http_status);

// Whether a failure is worth another attempt (SDK "standard" retry mode): throttling and transient.
bool IsRetryable(Code code);

}  // namespace gdslack
