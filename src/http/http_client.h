// HttpClient: the one seam for HTTP. Transport failure is not an HTTP status: Send() succeeds with a
// Response for any status the peer answered (a 500 included) and fails only when no answer came
// (connect/reset -> kUnavailable, deadline -> kTimeout). Retry policy lives above (retry.h).
// URLs may be secrets (a Slack webhook): no implementation puts a URL, a header value or a body into an
// error message; at most the host name.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "base/url.h"  // HostOf: what messages may show of a URL

namespace gdslack {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "POST";
  std::string url;      // may be a secret; never logged
  HttpHeaders headers;  // may hold secrets (Authorization, X-Amz-Security-Token); never logged
  std::string body;
  int64_t timeout_ms = 10000;  // whole request, connect included; <= 0 means no timeout (Runtime API /next)
};

struct HttpResponse {
  long status = 0;
  HttpHeaders headers;  // names as received
  std::string body;
  // Case-insensitive lookup; empty when absent.
  std::string Header(std::string_view name) const;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

}  // namespace gdslack
