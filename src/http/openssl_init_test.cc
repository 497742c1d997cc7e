// GlobalInit (curl_http_client.cc) initialises OpenSSL itself, with fewer steps than its default, to start faster.
// This pins that the TLS client still enables exactly the cipher suites OpenSSL's own command line lists.
#include <gtest/gtest.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>

#include "http/curl_http_client.h"

namespace gdslack {
namespace {

std::set<std::string> OpenSslCommandLineSuites() {
  std::set<std::string> suites;
  // Without a configuration file, as the program runs (Debian's openssl.cnf would set its own level).
  FILE* p = popen("OPENSSL_CONF=/dev/null openssl ciphers -s 2>/dev/null", "r");
  if (p == nullptr) return suites;
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  pclose(p);
  out.erase(std::remove(out.begin(), out.end(), '\n'), out.end());
  std::size_t start = 0;
  while (start < out.size()) {
    const std::size_t colon = out.find(':', start);
    suites.insert(out.substr(start, colon - start));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return suites;
}

TEST(OpenSslInitTest, TheTlsClientEnablesTheSameCipherSuitesAsOpenSsl) {
  // The client's first Send runs the process's one OpenSSL and curl initialisation (GlobalInit), whatever the
  // request: an ftp:// URL is refused by curl before anything is sent.
  CurlHttpClient client;
  HttpRequest request;
  request.method = "GET";
  request.url = "ftp://127.0.0.1/";
  const Result<HttpResponse> refused = client.Send(request);
  ASSERT_FALSE(refused);
  // curl's own refusal: the handle was set up, so GlobalInit ran (not an earlier check of ours).
  EXPECT_NE(refused.error().message().find("Unsupported protocol"), std::string::npos) << refused.error().message();
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  ASSERT_NE(ctx, nullptr);
  SSL* ssl = SSL_new(ctx);
  ASSERT_NE(ssl, nullptr);
  std::set<std::string> ours;
  STACK_OF(SSL_CIPHER)* supported = SSL_get1_supported_ciphers(ssl);
  for (int i = 0; i < sk_SSL_CIPHER_num(supported); ++i) {
    ours.insert(SSL_CIPHER_get_name(sk_SSL_CIPHER_value(supported, i)));
  }
  sk_SSL_CIPHER_free(supported);
  SSL_free(ssl);
  SSL_CTX_free(ctx);
  const std::set<std::string> reference = OpenSslCommandLineSuites();
  ASSERT_GE(reference.size(), 20u) << "openssl ciphers -s gave too little (is the openssl command installed?)";
  EXPECT_EQ(ours, reference);
  for (const char* must : {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                           "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384"}) {
    EXPECT_TRUE(ours.contains(must)) << must;
  }
}

}  // namespace
}  // namespace gdslack
