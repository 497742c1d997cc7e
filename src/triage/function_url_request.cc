#include "triage/function_url_request.h"

#include "base/strings.h"
#include "base/url.h"

namespace gdslack {

std::string InboundRequest::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? "" : it->second;
}

nlohmann::json InboundResponse::ToJson() const {
  return {{"statusCode", status}, {"headers", {{"content-type", content_type}}}, {"body", body}};
}

bool IsFunctionUrlEvent(const nlohmann::json& event) {
  if (!event.is_object() || event.value("version", "") != "2.0") return false;
  auto rc = event.find("requestContext");
  if (rc == event.end() || !rc->is_object()) return false;
  auto http = rc->find("http");
  return http != rc->end() && http->is_object() && http->contains("method") && (*http)["method"].is_string();
}

Result<std::string> Base64Decode(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  if (text.size() % 4 != 0) return Result<std::string>(Code::kInvalidInput, "the body is not base64");
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = text[i + static_cast<std::size_t>(k)];
      const bool last_group = i + 4 == text.size();
      if (c == '=' && last_group && k >= 2 && (k == 3 || text[i + 3] == '=')) {
        v[k] = 0;
        ++pad;
        continue;
      }
      v[k] = value(c);
      if (v[k] < 0 || pad > 0) return Result<std::string>(Code::kInvalidInput, "the body is not base64");
    }
    const unsigned n = (unsigned(v[0]) << 18) | (unsigned(v[1]) << 12) | (unsigned(v[2]) << 6) | unsigned(v[3]);
    out.push_back(static_cast<char>((n >> 16) & 0xff));
    if (pad < 2) out.push_back(static_cast<char>((n >> 8) & 0xff));
    if (pad < 1) out.push_back(static_cast<char>(n & 0xff));
  }
  return out;
}

Result<ParsedRequest> ReadFunctionUrlEvent(const nlohmann::json& event) {
  if (!IsFunctionUrlEvent(event)) return Result<ParsedRequest>(Code::kInvalidInput, "not a function URL event");
  ParsedRequest out;
  out.request.method = event["requestContext"]["http"]["method"].get<std::string>();
  if (event.contains("headers") && event["headers"].is_object()) {
    for (const auto& [name, value] : event["headers"].items()) {
      if (value.is_string()) out.request.headers[AsciiLower(name)] = value.get<std::string>();
    }
  }
  std::string body = event.contains("body") && event["body"].is_string() ? event["body"].get<std::string>() : "";
  const bool base64 = event.value("isBase64Encoded", false);
  // Checked before decoding: base64 is a third longer than what it holds.
  if (body.size() > (base64 ? kMaxInteractionBodyBytes / 3 * 4 + 4 : kMaxInteractionBodyBytes)) {
    out.oversized = true;
    return out;
  }
  if (base64) {
    Result<std::string> decoded = Base64Decode(body);
    if (!decoded) return decoded.error();
    body = std::move(*decoded);
  }
  out.oversized = body.size() > kMaxInteractionBodyBytes;
  out.request.body = std::move(body);
  return out;
}

Result<std::string> FormValue(std::string_view body, std::string_view name) {
  std::size_t pos = 0;
  while (pos <= body.size()) {
    std::size_t amp = body.find('&', pos);
    if (amp == std::string_view::npos) amp = body.size();
    const std::string_view pair = body.substr(pos, amp - pos);
    const std::size_t eq = pair.find('=');
    if (pair.substr(0, eq) == name && eq != std::string_view::npos) {
      std::string raw(pair.substr(eq + 1));
      for (char& c : raw) {
        if (c == '+') c = ' ';
      }
      return PercentDecode(raw);
    }
    pos = amp + 1;
  }
  return Result<std::string>(Code::kNotFound, "no " + std::string(name) + " field in the form");
}

}  // namespace gdslack
