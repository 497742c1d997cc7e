#include "http/curl_http_client.h"
#include "base/strings.h"

#include "http/lazy_ca_bundle.h"

#include <curl/curl.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <utility>

namespace gdslack {
namespace {

bool IsHttpUrl(std::string_view url) {
  return StartsWithIgnoreAsciiCase(url, "http://") || StartsWithIgnoreAsciiCase(url, "https://");
}

// Bodies above this are refused (the largest we expect is a Lambda event, 6 MB).
constexpr std::size_t kMaxBodyBytes = 16 * 1024 * 1024;
// Keep the parsed CA store for a day: with OpenSSL 3 parsing a bundle costs milliseconds of CPU per
// handshake otherwise (docs/reference/lambda.md#packaging). Needs libcurl >= 7.87.
constexpr long kCaCacheTimeoutSeconds = 24 * 60 * 60;
constexpr const char* kAmazonLinuxBundle = "/etc/pki/tls/certs/ca-bundle.crt";
constexpr const char* kDebianBundle = "/etc/ssl/certs/ca-certificates.crt";

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using EasyPtr = std::unique_ptr<CURL, EasyDeleter>;
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

// curl_global_init is not thread-safe; a function-local static runs it exactly once per process.
// OpenSSL is initialised first, without reading openssl.cnf (OPENSSLDIR is Debian's /usr/lib/ssl, absent on
// Amazon Linux: nothing here is configured through it), without its error-string tables (libcurl only
// formats them into CURLOPT_ERRORBUFFER, never set here), and without the legacy name table of every cipher
// (OBJ_NAME_add for each EVP_CIPHER: ~380 k of init's 1.6 M instructions). OpenSSL 3's TLS code fetches its
// ciphers from the provider by name (EVP_CIPHER_fetch), not through that table; OpenSslInitTest pins that the
// client still offers exactly OpenSSL's default suites. The digest table stays: certificate verification looks
// digests up by it (EVP_get_digestbynid in ASN1_item_verify), and without it a chain signed by a CA fails
// (docs/PERFORMANCE.md §6; the package test's CA-signed sink proves it on x86_64 and arm64). OpenSSL runs each
// step once per process, so curl's own OPENSSL_init_ssl(OPENSSL_INIT_LOAD_CONFIG) afterwards is a no-op.
bool GlobalInit() {
  static const bool ok = OPENSSL_init_ssl(OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_NO_LOAD_SSL_STRINGS |
                                              OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS | OPENSSL_INIT_NO_ADD_ALL_CIPHERS,
                                          nullptr) == 1 &&
                         curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  return ok;
}

bool HasLineBreak(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

}  // namespace

std::string FindCaBundle() {
  for (const char* var : {"SSL_CERT_FILE", "CURL_CA_BUNDLE"}) {
    const char* value = std::getenv(var);
    if (value != nullptr && value[0] != '\0') return value;
  }
  for (const char* path : {kAmazonLinuxBundle, kDebianBundle}) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) return path;
  }
  return "";
}

struct CurlHttpClient::Impl {
  CurlHttpClientOptions options;
  EasyPtr easy;
  Status init_error;
  // The response being received; the callbacks below write here.
  HttpResponse response;
  bool body_too_large = false;

  // Every new TLS connection: trust anchors from the CA bundle, parsed on demand. An unreadable or empty
  // bundle fails the transfer as libcurl would for CURLOPT_CAINFO.
  static CURLcode OnSslContext(CURL* /*easy*/, void* ssl_ctx, void* user) {
    auto* self = static_cast<Impl*>(user);
    const Status added = AddLazyCaBundle(SSL_CTX_get_cert_store(static_cast<SSL_CTX*>(ssl_ctx)), self->options.ca_file);
    return added.ok() ? CURLE_OK : CURLE_SSL_CACERT_BADFILE;
  }

  static size_t OnBody(char* data, size_t size, size_t count, void* user) {
    auto* self = static_cast<Impl*>(user);
    const size_t n = size * count;
    if (self->response.body.size() + n > kMaxBodyBytes) {
      self->body_too_large = true;
      return 0;  // makes curl fail with CURLE_WRITE_ERROR
    }
    self->response.body.append(data, n);
    return n;
  }

  static size_t OnHeader(char* data, size_t size, size_t count, void* user) {
    auto* self = static_cast<Impl*>(user);
    const size_t n = size * count;
    const std::string_view line(data, n);
    if (line.rfind("HTTP/", 0) == 0) {
      // A new status line (after "100 Continue", say): earlier headers belonged to another response.
      self->response.headers.clear();
      return n;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return n;  // the blank line ending the headers
    self->response.headers.emplace_back(std::string(TrimWhitespace(line.substr(0, colon))),
                                        std::string(TrimWhitespace(line.substr(colon + 1))));
    return n;
  }

  void Setup() {
    if (!GlobalInit()) {
      init_error = Status(Code::kInternal, "libcurl global initialisation failed");
      return;
    }
    easy.reset(curl_easy_init());
    if (!easy) {
      init_error = Status(Code::kInternal, "libcurl could not create a handle");
      return;
    }
    CURL* h = easy.get();
    CURLcode rc = CURLE_OK;
    auto set = [&rc](CURLcode r) {
      if (rc == CURLE_OK) rc = r;
    };
    // Never curl's debug output: it would print the URL and every header.
    set(curl_easy_setopt(h, CURLOPT_VERBOSE, 0L));
    // Signals are unsafe in a multi-threaded process; timeouts still work with the threaded resolver.
    set(curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L));
    // A redirect would carry the request elsewhere; Slack's own client refuses them too
    // (docs/reference/slack.md#request).
    set(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L));
    set(curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https"));
    set(curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"));
    // HTTP/1.1 on one kept-alive connection per peer: posts are sequential, so HTTP/2's multiplexing gains
    // nothing, and the Lambda package links no HTTP/2 library (src/lambda_link/http2_stubs.c).
    set(curl_easy_setopt(h, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1)));
    set(curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L));
    set(curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L));
    set(curl_easy_setopt(h, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2)));
    if (!options.ca_file.empty()) {
      // Explicit, because Debian's built-in OpenSSL directory does not exist on Amazon Linux
      // (docs/reference/lambda.md#packaging).
      // Not CURLOPT_CAINFO: that parses the whole bundle at the first handshake; the lookup added in
      // OnSslContext parses only the roots the chain needs (http/lazy_ca_bundle.h).
      set(curl_easy_setopt(h, CURLOPT_CAINFO, static_cast<const char*>(nullptr)));
      set(curl_easy_setopt(h, CURLOPT_CAPATH, static_cast<const char*>(nullptr)));
      set(curl_easy_setopt(h, CURLOPT_SSL_CTX_FUNCTION, &Impl::OnSslContext));
      set(curl_easy_setopt(h, CURLOPT_SSL_CTX_DATA, this));
    }
#if LIBCURL_VERSION_NUM >= 0x075700
    set(curl_easy_setopt(h, CURLOPT_CA_CACHE_TIMEOUT, kCaCacheTimeoutSeconds));
#endif
    set(curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L));
    set(curl_easy_setopt(h, CURLOPT_USERAGENT, options.user_agent.c_str()));
    set(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &Impl::OnBody));
    set(curl_easy_setopt(h, CURLOPT_WRITEDATA, this));
    set(curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &Impl::OnHeader));
    set(curl_easy_setopt(h, CURLOPT_HEADERDATA, this));
    if (rc != CURLE_OK) {
      init_error = Status(Code::kInternal, std::string("libcurl rejected an option: ") + curl_easy_strerror(rc));
    }
  }
};

CurlHttpClient::CurlHttpClient() : CurlHttpClient(CurlHttpClientOptions{}) {}

// The handle is made at the first Send: a Lambda sandbox builds clients for Slack, AWS and its init error at
// init, but only the Runtime API's is used before the first GET /next (docs/PERFORMANCE.md §6).
CurlHttpClient::CurlHttpClient(CurlHttpClientOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  if (impl_->options.ca_file.empty()) impl_->options.ca_file = FindCaBundle();
}

CurlHttpClient::~CurlHttpClient() = default;

const std::string& CurlHttpClient::ca_file() const { return impl_->options.ca_file; }

Result<HttpResponse> CurlHttpClient::Send(const HttpRequest& request) {
  if (!impl_->easy && impl_->init_error.ok()) impl_->Setup();
  if (!impl_->init_error.ok()) return impl_->init_error;
  const std::string host = HostOf(request.url);
  const std::string what = request.method + " to " + host;
  CURL* h = impl_->easy.get();

  // Build the header list first: a bad header fails before anything is sent.
  SlistPtr headers;
  auto append = [&headers](const std::string& line) {
    curl_slist* next = curl_slist_append(headers.get(), line.c_str());
    if (next == nullptr) return false;
    (void)headers.release();  // curl_slist_append returned the same list, now longer
    headers.reset(next);
    return true;
  };
  for (const auto& [name, value] : request.headers) {
    if (name.empty() || HasLineBreak(name) || HasLineBreak(value) || name.find(':') != std::string::npos) {
      // Names only, never values: a value may be a credential.
      return Status(Code::kInvalidInput, what + ": invalid request header " + (HasLineBreak(name) ? "" : name));
    }
    // "Name;" is curl's way to send a header with an empty value.
    if (!append(value.empty() ? name + ";" : name + ": " + value)) return Status(Code::kInternal, "out of memory");
  }
  const bool has_body = request.method != "GET" && request.method != "HEAD";
  // Without this curl sends "Expect: 100-continue" for larger bodies and waits up to a second for an answer.
  if (has_body && !append("Expect:")) return Status(Code::kInternal, "out of memory");

  CURLcode rc = CURLE_OK;
  auto set = [&rc](CURLcode r) {
    if (rc == CURLE_OK) rc = r;
  };
  set(curl_easy_setopt(h, CURLOPT_URL, request.url.c_str()));
  set(curl_easy_setopt(h, CURLOPT_NOBODY, 0L));
  set(curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, static_cast<const char*>(nullptr)));
  if (request.method == "GET") {
    set(curl_easy_setopt(h, CURLOPT_HTTPGET, 1L));
  } else if (request.method == "HEAD") {
    set(curl_easy_setopt(h, CURLOPT_NOBODY, 1L));
  } else {
    set(curl_easy_setopt(h, CURLOPT_POST, 1L));
    set(curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size())));
    set(curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data()));
    if (request.method != "POST") set(curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str()));
  }
  set(curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get()));
  const long timeout_ms = request.timeout_ms > 0 ? static_cast<long>(request.timeout_ms) : 0L;
  long connect_ms = static_cast<long>(std::max<int64_t>(impl_->options.connect_timeout_ms, 1));
  if (timeout_ms > 0) connect_ms = std::min(connect_ms, timeout_ms);
  set(curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms));
  set(curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, connect_ms));

  impl_->response = HttpResponse{};
  impl_->body_too_large = false;
  if (rc == CURLE_OK) rc = curl_easy_perform(h);

  // The handle outlives this call; do not leave it pointing at our list or the caller's body.
  (void)curl_easy_setopt(h, CURLOPT_HTTPHEADER, static_cast<curl_slist*>(nullptr));  // cannot fail
  if (has_body) (void)curl_easy_setopt(h, CURLOPT_POSTFIELDS, static_cast<const char*>(nullptr));

  if (rc != CURLE_OK) {
    std::string message = what + " failed: " + curl_easy_strerror(rc);
    switch (rc) {
      case CURLE_OPERATION_TIMEDOUT: return Status(Code::kTimeout, message);
      case CURLE_UNSUPPORTED_PROTOCOL:
        // For an http(s) URL the scheme was fine: curl says this when the answer itself is not HTTP (it refuses
        // HTTP/0.9), a fault of the peer or of something in between, which a retry may not meet again.
        if (IsHttpUrl(request.url)) return Status(Code::kUnavailable, what + " failed: the answer was not HTTP");
        return Status(Code::kConfig, message + " (check the URL)");
      case CURLE_URL_MALFORMAT: return Status(Code::kConfig, message + " (check the URL)");
      case CURLE_SSL_CACERT_BADFILE:
        return Status(Code::kConfig, message + " (CA bundle: " + impl_->options.ca_file + ")");
      case CURLE_PEER_FAILED_VERIFICATION:
        // The peer's certificate does not verify against our trust store: a wrong CA bundle or someone in
        // the middle. Retrying cannot change either, so it is permanent (kConfig), never transient.
        return Status(Code::kConfig, message + " (CA bundle: " +
                                         (impl_->options.ca_file.empty() ? "libcurl default" : impl_->options.ca_file) +
                                         ")");
      case CURLE_SSL_CONNECT_ERROR:
        return Status(Code::kUnavailable,
                      message + " (CA bundle: " +
                          (impl_->options.ca_file.empty() ? "libcurl default" : impl_->options.ca_file) + ")");
      case CURLE_WRITE_ERROR:
        if (impl_->body_too_large) {
          return Status(Code::kUnavailable,
                        what + " failed: response body larger than " + std::to_string(kMaxBodyBytes) + " bytes");
        }
        return Status(Code::kUnavailable, message);
      default: return Status(Code::kUnavailable, message);
    }
  }
  long status = 0;
  (void)curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);  // cannot fail after a successful perform
  impl_->response.status = status;
  return std::move(impl_->response);
}

}  // namespace gdslack
