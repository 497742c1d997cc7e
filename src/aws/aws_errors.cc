#include "aws/aws_errors.h"

#include <nlohmann/json.hpp>

#include "aws/xml_text.h"
#include "base/strings.h"

namespace gdslack {
namespace {

// AWS messages can be long and, for signature errors of some services, multi-line with the canonical
// request in it (which would carry the session token): keep the first line, bounded.
std::string FirstLineBounded(std::string_view m) {
  constexpr std::size_t kMaxMessageBytes = 200;
  std::size_t nl = m.find_first_of("\r\n");
  if (nl != std::string_view::npos) m = m.substr(0, nl);
  if (m.size() > kMaxMessageBytes) {
    std::size_t cut = kMaxMessageBytes;
    while (cut > 0 && (static_cast<unsigned char>(m[cut]) & 0xC0) == 0x80) --cut;  // code-point boundary
    return std::string(m.substr(0, cut)) + "...";
  }
  return std::string(m);
}

}  // namespace

std::string NormalizeAwsErrorCode(std::string_view raw) {
  std::size_t colon = raw.find(':');
  if (colon != std::string_view::npos) raw = raw.substr(0, colon);
  std::size_t hash = raw.rfind('#');
  if (hash != std::string_view::npos) raw = raw.substr(hash + 1);
  return std::string(TrimWhitespace(raw));
}

AwsError ParseJsonError(const HttpResponse& response) {
  AwsError e;
  e.code = NormalizeAwsErrorCode(response.Header("x-amzn-ErrorType"));
  // Never throws: parse failures are "discarded" values (STYLE.md, errors).
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  if (!body.is_discarded() && body.is_object()) {
    if (e.code.empty()) {
      for (const char* key : {"__type", "code", "Code"}) {
        auto it = body.find(key);
        if (it != body.end() && it->is_string()) {
          e.code = NormalizeAwsErrorCode(it->get<std::string>());
          break;
        }
      }
    }
    for (const char* key : {"message", "Message", "errorMessage"}) {
      auto it = body.find(key);
      if (it != body.end() && it->is_string()) {
        e.message = FirstLineBounded(it->get<std::string>());
        break;
      }
    }
  }
  return e;
}

AwsError ParseQueryError(const HttpResponse& response) {
  AwsError e;
  if (auto code = XmlElementText(response.body, "Code", "Error")) e.code = NormalizeAwsErrorCode(*code);
  if (auto msg = XmlElementText(response.body, "Message", "Error")) e.message = FirstLineBounded(*msg);
  if (e.code.empty()) e.code = NormalizeAwsErrorCode(response.Header("x-amzn-ErrorType"));
  return e;
}

Code CodeForAwsError(std::string_view code, long http_status) {
  if (code.starts_with("AccessDenied") || code == "AuthorizationError" || code.starts_with("UnrecognizedClient") ||
      code == "InvalidClientTokenId" || code.starts_with("InvalidSignature") || code == "SignatureDoesNotMatch" ||
      code.starts_with("IncompleteSignature") || code.starts_with("MissingAuthenticationToken") ||
      code.starts_with("ExpiredToken")) {
    return Code::kPermissionDenied;
  }
  if (code.find("NotFound") != std::string_view::npos) return Code::kNotFound;
  if (code.starts_with("Throttling") || code.starts_with("TooManyRequests") || code.starts_with("Throttled") ||
      code == "RequestLimitExceeded" || code == "ProvisionedThroughputExceededException" || http_status == 429) {
    return Code::kThrottled;
  }
  if (http_status >= 500) return Code::kUnavailable;
  if (http_status == 403 && code.empty()) return Code::kPermissionDenied;
  return Code::kInvalidInput;
}

bool IsRetryable(Code code) { return code == Code::kThrottled || code == Code::kUnavailable; }

}  // namespace gdslack
