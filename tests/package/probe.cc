// Packaging probe for the provided.al2023 link recipe (see docs/PACKAGING.md).
//
// Linked with exactly the same recipe as the Lambda `bootstrap` (gdslack_lambda_link in
// cmake/LambdaPackage.cmake), it exercises every runtime piece the real program relies on:
// libcurl + OpenSSL (HTTPS POST, certificate verification against the Amazon Linux CA bundle
// path), libstdc++ (std::string, exceptions, <random>), nlohmann-json.
//
//   probe URL [CAFILE]      POST a small JSON "finding" to URL over HTTPS; print "status=<code> body=<body>"
//                           exit 0 on HTTP 2xx, 2 on HTTP error, 3 on transport error, 4 on usage error.
//   probe --version         print the curl/OpenSSL versions linked in and exit 0 (no network).
//   probe --stub-selftest NEGOTIATE_URL
//                           prove the "not supported" back-end stubs (src/lambda_link/curl_backend_stubs.c)
//                           answer: rtmp:// and ldap:// must fail cleanly, and HTTP Negotiate auth against
//                           NEGOTIATE_URL (a server answering 401 + "WWW-Authenticate: Negotiate") must end
//                           with the 401, no crash; the stub call counter must have moved. Exit 0 on pass.
//
// CAFILE defaults to /etc/pki/tls/certs/ca-bundle.crt (Amazon Linux); the probe never falls back to
// Debian's /etc/ssl/certs or OpenSSL's compiled-in OPENSSLDIR, so a pass proves the path is honoured.
#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <random>
#include <stdexcept>
#include <string>

namespace {

size_t collect(char* data, size_t size, size_t nmemb, void* user) {
  static_cast<std::string*>(user)->append(data, size * nmemb);
  return size * nmemb;
}

// Exercises the libstdc++ paths docs/reference/lambda.md#packaging names (exceptions -> unwinder, std::random_device ->
// arc4random/getrandom), so the link gate sees them even in this small program.
std::string request_id() {
  std::random_device rd;
  std::uniform_int_distribution<unsigned> dist(0, 0xffff);
  try {
    throw std::runtime_error("unwinder self-test");
  } catch (const std::exception& e) {
    return "probe-" + std::to_string(dist(rd)) + "-" + std::string(e.what()).substr(0, 8);
  }
}

// Defined (hidden) by curl_backend_stubs.c when the Lambda recipe links the stubs; weak so the probe also
// links without them (then the address is null and the self-test reports "no stubs").
extern "C" __attribute__((weak, visibility("hidden"))) unsigned gdslack_lambda_stub_calls;

unsigned stub_calls() { return &gdslack_lambda_stub_calls != nullptr ? gdslack_lambda_stub_calls : 0U; }

CURLcode perform_any(const char* url, long auth, long* status) {
  CURL* h = curl_easy_init();
  if (h == nullptr) return CURLE_FAILED_INIT;
  std::string sink;
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "all");
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  if (auth != 0) {
    curl_easy_setopt(h, CURLOPT_HTTPAUTH, auth);
    curl_easy_setopt(h, CURLOPT_USERPWD, ":");
  }
  const CURLcode rc = curl_easy_perform(h);
  *status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
  curl_easy_cleanup(h);
  return rc;
}

int stub_selftest(const char* negotiate_url) {
  if (&gdslack_lambda_stub_calls == nullptr) {
    std::printf("stub-selftest: no stubs linked\n");
    return 1;
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  int failures = 0;
  struct Case {
    const char* name;
    const char* url;
    long auth;
    bool expect_ok;  // true: transfer completes (with the 401); false: a clean libcurl error
  } cases[] = {
      {"rtmp", "rtmp://127.0.0.1:1/app/stream", 0, false},
      {"ldap", "ldap://127.0.0.1:1/dc=example,dc=com", 0, false},
      {"gssapi", negotiate_url, CURLAUTH_NEGOTIATE, true},
  };
  for (const Case& c : cases) {
    const unsigned before = stub_calls();
    long status = 0;
    const CURLcode rc = perform_any(c.url, c.auth, &status);
    const bool stub_hit = stub_calls() > before;
    const bool pass = stub_hit && (c.expect_ok ? (rc == CURLE_OK && status == 401) : rc != CURLE_OK);
    std::printf("stub-selftest %-6s rc=%d (%s) status=%ld stub_calls+=%u %s\n", c.name, static_cast<int>(rc),
                curl_easy_strerror(rc), status, stub_calls() - before, pass ? "PASS" : "FAIL");
    failures += pass ? 0 : 1;
  }
  curl_global_cleanup();
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s URL [CAFILE] | --version\n", argv[0]);
    return 4;
  }
  if (std::string(argv[1]) == "--version") {
    std::printf("%s\n", curl_version());
    return 0;
  }
  if (std::string(argv[1]) == "--stub-selftest") {
    if (argc < 3) return 4;
    return stub_selftest(argv[2]);
  }
  const char* url = argv[1];
  const char* cafile = argc > 2 ? argv[2] : "/etc/pki/tls/certs/ca-bundle.crt";

  nlohmann::json finding = {
      {"text", "GuardDuty finding (packaging probe)"},
      {"id", request_id()},
      {"severity", 8.0},
  };
  const std::string body = finding.dump();

  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    std::fprintf(stderr, "curl_global_init failed\n");
    return 3;
  }
  CURL* h = curl_easy_init();
  if (h == nullptr) {
    std::fprintf(stderr, "curl_easy_init failed\n");
    return 3;
  }
  std::string response;
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_CAINFO, cafile);
  curl_easy_setopt(h, CURLOPT_CAPATH, nullptr);  // never consult a hashed cert directory
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https,http");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);

  const CURLcode rc = curl_easy_perform(h);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(h);
  curl_global_cleanup();

  if (rc != CURLE_OK) {
    std::printf("error=%s\n", curl_easy_strerror(rc));
    return 3;
  }
  std::printf("status=%ld body=%s\n", status, response.c_str());
  return status >= 200 && status < 300 ? 0 : 2;
}
