#include "http/http_client.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

TEST(HttpResponseTest, HeaderIsCaseInsensitive) {
  HttpResponse r;
  r.headers = {{"Content-Type", "text/html"}, {"retry-after", "2"}};
  EXPECT_EQ(r.Header("content-type"), "text/html");
  EXPECT_EQ(r.Header("Retry-After"), "2");
  EXPECT_EQ(r.Header("X-Missing"), "");
}

}  // namespace
}  // namespace gdslack
