// CurlHttpClient: HttpClient over libcurl. One easy handle lives as long as the client and is reused by
// every Send(), so a warm Lambda keeps its TLS connection and its parsed CA store (CURLOPT_CA_CACHE_TIMEOUT).
// TLS verification is always on; redirects are never followed; only http and https are allowed; curl's
// verbose mode is never enabled. Errors name the host and curl's short error, never the URL.
// Thread-compatible: use one client per thread. No libcurl type appears in this header.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "http/http_client.h"

namespace gdslack {

struct CurlHttpClientOptions {
  // CA bundle (PEM). Empty: FindCaBundle().
  std::string ca_file;
  // Upper bound for connecting (TCP + TLS handshake); also bounded by the request's timeout_ms.
  int64_t connect_timeout_ms = 5000;
  std::string user_agent = "guardduty-slack/0.1";
};

class CurlHttpClient : public HttpClient {
 public:
  CurlHttpClient();
  explicit CurlHttpClient(CurlHttpClientOptions options);
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  // See HttpClient. Errors: kTimeout (timeout_ms or connect timeout passed); kConfig (malformed URL, a
  // scheme other than http/https, unreadable CA file); kUnavailable (anything else: refused, reset, TLS).
  Result<HttpResponse> Send(const HttpRequest& request) override;

  // The CA bundle this client verifies peers with; empty when none was found (libcurl's default then).
  const std::string& ca_file() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The CA bundle to trust: $SSL_CERT_FILE, else $CURL_CA_BUNDLE (when set and non-empty), else the first
// existing of /etc/pki/tls/certs/ca-bundle.crt (Amazon Linux) and /etc/ssl/certs/ca-certificates.crt
// (Debian); empty when none applies.
std::string FindCaBundle();

}  // namespace gdslack
