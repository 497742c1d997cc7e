// AWS Signature Version 4 (header signing), as a pure function of the request, the key and a time passed
// in: no clock reads, no I/O. Intermediate strings are returned so tests pin them against AWS's published
// vectors (testdata/sigv4/<case>/).
//
// Why our own ~200-line signer rather than libcurl's CURLOPT_AWS_SIGV4: curl reads the wall clock itself
// (no injected time, so no golden vectors and no FakeClock tests), decides the signed header set on its own
// (it does not sign x-amz-security-token or x-amz-target the way the SDKs do), differs between curl
// releases, and would tie signing to one HttpClient. SigV4 is small, fully specified and pinned here by
// AWS's published examples; hashing and HMAC come from OpenSSL (crypto.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "aws/credentials.h"
#include "base/result.h"
#include "base/secret.h"
#include "http/http_client.h"

namespace gdslack {

inline constexpr std::string_view kSigV4Algorithm = "AWS4-HMAC-SHA256";

struct SigV4Input {
  std::string method = "POST";
  std::string path = "/";  // as sent; "" means "/"
  std::string query;       // raw query string without '?'
  HttpHeaders headers;     // exactly the headers to sign, as sent (Host and X-Amz-Date included)
  std::string body;
  std::string amz_date;  // "YYYYMMDD'T'HHMMSS'Z'"
  std::string region;
  std::string service;
};

struct SigV4Output {
  std::string canonical_request;
  std::string string_to_sign;
  std::string credential_scope;  // 20150830/us-east-1/iam/aws4_request
  std::string signed_headers;    // content-type;host;x-amz-date
  std::string signature;         // hex
  std::string authorization;     // the full Authorization header value
};

// Computes every SigV4 step for `input`. Pure.
SigV4Output ComputeSigV4(const SigV4Input& input, std::string_view access_key_id, const Secret& secret_access_key);

// Hex of the derived signing key (HMAC chain "AWS4"+secret -> date -> region -> service -> aws4_request).
std::string SigV4SigningKeyHex(const Secret& secret_access_key, std::string_view date, std::string_view region,
                               std::string_view service);

// RFC 3986 percent-encoding as SigV4 requires: unreserved A-Z a-z 0-9 - _ . ~ kept, everything else %XX
// (upper-case hex); '/' kept unless `encode_slash`.
std::string UriEncode(std::string_view s, bool encode_slash);
// Canonical query string: parameters decoded, re-encoded, sorted by name then value.
std::string CanonicalQueryString(std::string_view raw_query);
// "20150830T123600Z" for a Unix time in milliseconds (UTC).
std::string FormatAmzDate(int64_t unix_ms);

// Signs an outgoing request in place: sets Host (host[:port] of request->url, the port only when not the
// scheme's default), X-Amz-Date, X-Amz-Security-Token (when the credentials carry one) and Authorization.
// Signed: host, x-amz-date, and when present content-type, x-amz-target, x-amz-security-token.
// kInvalidInput when the URL cannot be parsed.
Status SignHttpRequest(HttpRequest* request, const Credentials& credentials, std::string_view region,
                       std::string_view service, int64_t now_unix_ms);

}  // namespace gdslack
