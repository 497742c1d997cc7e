#include "http/http_client.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

TEST(HostOfTest, ReturnsHostOnly) {
  EXPECT_EQ(HostOf("https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX"), "hooks.slack.com");
  EXPECT_EQ(HostOf("http://127.0.0.1:8080/x"), "127.0.0.1");
  EXPECT_EQ(HostOf("https://user:pass@example.com:443/p?q=1"), "example.com");
  EXPECT_EQ(HostOf("https://[::1]:9000/p"), "[::1]");
  EXPECT_EQ(HostOf("https://example.com?token=abc"), "example.com");
  EXPECT_EQ(HostOf("localhost:9001/2018-06-01/runtime"), "localhost");
  EXPECT_EQ(HostOf(""), "");
}

TEST(HttpResponseTest, HeaderIsCaseInsensitive) {
  HttpResponse r;
  r.headers = {{"Content-Type", "text/html"}, {"retry-after", "2"}};
  EXPECT_EQ(r.Header("content-type"), "text/html");
  EXPECT_EQ(r.Header("Retry-After"), "2");
  EXPECT_EQ(r.Header("X-Missing"), "");
}

}  // namespace
}  // namespace gdslack
