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
//   probe --stub-selftest SERVER_URL
//                           prove the "not supported" back-end stubs (src/lambda_link/*_stubs.c) answer:
//                           rtmp, ldap, scp, sftp, HTTP/2, brotli, zstd and a non-ASCII host name must each
//                           fail cleanly; HTTP Negotiate auth must end with the 401 and the cookie engine
//                           without a suffix list with the 200. Every case must move the stub call counter
//                           (a real library would not). Exit 0 on pass.
//   probe --fenv-selftest   the recipe's fegetround/fesetround (src/lambda_link/fenv_rounding.c). Exit 0 on pass.
//   probe --prefault-selftest   the recipe's start-up prefault (src/lambda_link/prefault.c): each range found
//                           and populated, or refused only as a kernel without MADV_POPULATE_* refuses it.
//
// CAFILE defaults to /etc/pki/tls/certs/ca-bundle.crt (Amazon Linux); the probe never falls back to
// Debian's /etc/ssl/certs or OpenSSL's compiled-in OPENSSLDIR, so a pass proves the path is honoured.
#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include "lambda_link/prefault.h"
// Weak: probe_plain_runtime links the same source without the recipe's prefault.c.
extern "C" __attribute__((weak)) struct gdslack_prefault_report gdslack_prefault_result;

#include <cerrno>
#include <cfenv>
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

struct Case {
  const char* name;
  std::string url;
  long auth = 0;                          // CURLOPT_HTTPAUTH (Negotiate reaches the GSS-API stubs)
  long http_version = 0;                  // CURLOPT_HTTP_VERSION (HTTP/2 reaches the nghttp2 stubs)
  const char* accept_encoding = nullptr;  // CURLOPT_ACCEPT_ENCODING (reaches the zstd/brotli stubs)
  bool cookies = false;                   // the cookie engine (reaches the libpsl stubs)
  bool expect_ok = false;  // true: the transfer completes with expect_status; false: a clean libcurl error
  long expect_status = 0;
};

CURLcode perform_any(const Case& c, long* status) {
  CURL* h = curl_easy_init();
  if (h == nullptr) return CURLE_FAILED_INIT;
  std::string sink;
  curl_easy_setopt(h, CURLOPT_URL, c.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "all");
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  if (c.auth != 0) {
    curl_easy_setopt(h, CURLOPT_HTTPAUTH, c.auth);
    curl_easy_setopt(h, CURLOPT_USERPWD, ":");
  }
  if (c.http_version != 0) curl_easy_setopt(h, CURLOPT_HTTP_VERSION, c.http_version);
  if (c.accept_encoding != nullptr) curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, c.accept_encoding);
  if (c.cookies) curl_easy_setopt(h, CURLOPT_COOKIEFILE, "");
  const CURLcode rc = curl_easy_perform(h);
  *status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
  curl_easy_cleanup(h);
  return rc;
}

// SERVER_URL: http://127.0.0.1:PORT/negotiate on the chroot test's helper server, which answers 401 +
// "WWW-Authenticate: Negotiate" there, a body with "Content-Encoding: br" / "zstd" at /br and /zstd, and a
// cookie for Domain=localhost at /cookie (tests/package/test_chroot.sh).
int stub_selftest(const std::string& server_url) {
  if (&gdslack_lambda_stub_calls == nullptr) {
    std::printf("stub-selftest: no stubs linked\n");
    return 1;
  }
  const std::string base = server_url.substr(0, server_url.rfind('/'));  // http://127.0.0.1:PORT
  const std::string host_port = base.substr(base.find("//") + 2);
  const std::string port = host_port.substr(host_port.find(':'));  // ":PORT"
  curl_global_init(CURL_GLOBAL_DEFAULT);
  int failures = 0;
  const Case cases[] = {
      {.name = "rtmp", .url = "rtmp://127.0.0.1:1/app/stream"},
      {.name = "ldap", .url = "ldap://127.0.0.1:1/dc=example,dc=com"},
      {.name = "gssapi", .url = server_url, .auth = CURLAUTH_NEGOTIATE, .expect_ok = true, .expect_status = 401},
      // A listening port, so libcurl gets as far as starting the SSH session.
      {.name = "scp", .url = "scp://127.0.0.1" + port + "/etc/hostname"},
      {.name = "sftp", .url = "sftp://127.0.0.1" + port + "/etc/hostname"},
      {.name = "http2", .url = server_url, .http_version = CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE},
      {.name = "brotli", .url = base + "/br", .accept_encoding = "br"},
      {.name = "zstd", .url = base + "/zstd", .accept_encoding = "zstd"},
      {.name = "idn",
       .url = "http://b\xc3\xbc"
              "cher.invalid" +
              port + "/"},
      {.name = "psl",
       .url = "http://localhost" + port + "/cookie",
       .cookies = true,
       .expect_ok = true,
       .expect_status = 200},
  };
  for (const Case& c : cases) {
    const unsigned before = stub_calls();
    long status = 0;
    const CURLcode rc = perform_any(c, &status);
    const bool stub_hit = stub_calls() > before;
    const bool pass = stub_hit && (c.expect_ok ? (rc == CURLE_OK && status == c.expect_status) : rc != CURLE_OK);
    std::printf("stub-selftest %-6s rc=%d (%s) status=%ld stub_calls+=%u %s\n", c.name, static_cast<int>(rc),
                curl_easy_strerror(rc), status, stub_calls() - before, pass ? "PASS" : "FAIL");
    failures += pass ? 0 : 1;
  }
  curl_global_cleanup();
  return failures == 0 ? 0 : 1;
}

// fegetround/fesetround as the Lambda recipe defines them (src/lambda_link/fenv_rounding.c): each mode set
// must read back and change how a division rounds. Exit 0 on pass.
int fenv_selftest() {
  volatile double one = 1.0;
  volatile double three = 3.0;
  const int modes[] = {FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO, FE_TONEAREST};
  double results[4] = {};
  int failures = 0;
  for (int i = 0; i < 4; ++i) {
    const int set = fesetround(modes[i]);
    results[i] = one / three;
    const bool pass = set == 0 && fegetround() == modes[i];
    std::printf("fenv-selftest mode=%#x set=%d get=%#x %s\n", static_cast<unsigned>(modes[i]), set,
                static_cast<unsigned>(fegetround()), pass ? "PASS" : "FAIL");
    failures += pass ? 0 : 1;
  }
  fesetround(FE_TONEAREST);
  const bool rounding = results[0] < results[1] && results[2] == results[0];  // down < up; toward zero == down
  std::printf("fenv-selftest 1/3 rounds down < up, toward zero == down: %s\n", rounding ? "PASS" : "FAIL");
  const bool invalid = fesetround(0x12345) != 0;
  std::printf("fenv-selftest an unknown mode is refused: %s\n", invalid ? "PASS" : "FAIL");
  return failures == 0 && rounding && invalid ? 0 : 1;
}

int prefault_selftest() {
  const gdslack_prefault_report* volatile linked = &gdslack_prefault_result;  // null when not linked
  if (linked == nullptr) {
    std::printf("prefault-selftest: src/lambda_link/prefault.c is not linked: FAIL\n");
    return 1;
  }
  const gdslack_prefault_report& r = *linked;
  struct Range {
    const char* name;
    int rc;
    std::size_t bytes;
    std::size_t max_bytes;
  };
  const Range ranges[] = {{"text", r.text_rc, r.text_bytes, std::size_t{4} << 20},
                          {"data", r.data_rc, r.data_bytes, std::size_t{4} << 20},
                          {"heap", r.heap_rc, r.heap_bytes, std::size_t{64} << 20}};
  int failures = 0;
  for (const Range& range : ranges) {
    // EINVAL is a kernel before 5.14 (no MADV_POPULATE_*): the pages then fault in as without the prefault.
    const bool ok = range.bytes > 0 && range.bytes <= range.max_bytes && (range.rc == 0 || range.rc == EINVAL);
    failures += ok ? 0 : 1;
    std::printf("prefault-selftest %-5s rc=%d bytes=%zu %s\n", range.name, range.rc, range.bytes, ok ? "PASS" : "FAIL");
  }
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
  if (std::string(argv[1]) == "--fenv-selftest") return fenv_selftest();
  if (std::string(argv[1]) == "--prefault-selftest") return prefault_selftest();
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
