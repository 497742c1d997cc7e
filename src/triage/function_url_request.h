// A Lambda function URL request (payload format 2.0) and the answer to it. Headers arrive lower-cased;
// the body is text or base64 (`isBase64Encoded`). The answer is Lambda's HTTP response object
// {"statusCode", "headers", "body"}. Pure.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.h"

namespace gdslack {

// The most the endpoint reads of a body (Slack's block_actions payloads are a few tens of KB: the message
// they carry holds at most 50 blocks).
inline constexpr std::size_t kMaxInteractionBodyBytes = 256 * 1024;

struct InboundRequest {
  std::string method;                          // "POST"
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;                            // decoded: the raw bytes Slack signed
  std::string Header(const std::string& lower_name) const;
};

struct InboundResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  nlohmann::json ToJson() const;  // {"statusCode":..,"headers":{"content-type":..},"body":..}
};

// True when `event` has the shape of a function URL / HTTP API payload 2.0 event
// (version "2.0" and requestContext.http.method).
bool IsFunctionUrlEvent(const nlohmann::json& event);

// The request in `event`: kInvalidInput when it is not such an event or its base64 body does not decode; a body
// over kMaxInteractionBodyBytes is not read (`oversized`, for a 413).
struct ParsedRequest {
  InboundRequest request;
  bool oversized = false;
};
Result<ParsedRequest> ReadFunctionUrlEvent(const nlohmann::json& event);

// Standard base64 (RFC 4648 §4, padding required) -> bytes; kInvalidInput when it is not.
Result<std::string> Base64Decode(std::string_view text);

// The value of `name` in an application/x-www-form-urlencoded body ('+' is a space, %XX decoded);
// kNotFound when absent.
Result<std::string> FormValue(std::string_view body, std::string_view name);

}  // namespace gdslack
