#include "base/url.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

TEST(UrlTest, SplitsEveryPart) {
  const Url u = SplitUrl("HTTPS://user:pa@ss@Example.com:8443/a/b?x=1&y=2#frag");
  EXPECT_EQ(u.scheme, "https");
  EXPECT_TRUE(u.has_userinfo);
  EXPECT_EQ(u.userinfo, "user:pa@ss");
  EXPECT_EQ(u.host, "Example.com");
  EXPECT_EQ(u.port, "8443");
  EXPECT_EQ(u.path, "/a/b");
  EXPECT_EQ(u.query, "x=1&y=2");
  EXPECT_EQ(u.fragment, "frag");
  EXPECT_EQ(u.AfterAuthority(), "/a/b?x=1&y=2#frag");
}

TEST(UrlTest, MissingPartsStayEmpty) {
  const Url u = SplitUrl("https://example.com");
  EXPECT_EQ(u.host, "example.com");
  EXPECT_FALSE(u.has_userinfo);
  EXPECT_EQ(u.port, "");
  EXPECT_EQ(u.path, "");
  EXPECT_EQ(u.query, "");
  EXPECT_EQ(u.AfterAuthority(), "");
  const Url empty = SplitUrl("");
  EXPECT_EQ(empty.scheme, "");
  EXPECT_EQ(empty.host, "");
}

TEST(UrlTest, Ipv6LiteralKeepsBracketsAndPort) {
  const Url u = SplitUrl("http://[::1]:9000/p");
  EXPECT_EQ(u.host, "[::1]");
  EXPECT_EQ(u.port, "9000");
  EXPECT_EQ(SplitUrl("http://[::1]/p").port, "");
}

TEST(UrlTest, HostHeaderDropsOnlyTheSchemesDefaultPort) {
  EXPECT_EQ(SplitUrl("https://h.example:443/").HostHeader(), "h.example");
  EXPECT_EQ(SplitUrl("http://h.example:80/").HostHeader(), "h.example");
  EXPECT_EQ(SplitUrl("http://h.example:443/").HostHeader(), "h.example:443");
  EXPECT_EQ(SplitUrl("http://127.0.0.1:8080").HostHeader(), "127.0.0.1:8080");
}

TEST(UrlTest, QueryWithoutPath) {
  const Url u = SplitUrl("https://example.com?token=abc");
  EXPECT_EQ(u.host, "example.com");
  EXPECT_EQ(u.path, "");
  EXPECT_EQ(u.query, "token=abc");
}

TEST(PercentEncodeTest, KeepsLettersDigitsAndTheGivenBytes) {
  EXPECT_EQ(PercentEncode("a b/c~d*e", "-_.~"), "a%20b%2Fc~d%2Ae");
  EXPECT_EQ(PercentEncode("a/b", "-_.~/"), "a/b");
  EXPECT_EQ(PercentEncode("{\"k\":\"é!\"}", "-_.!~*'()"), "%7B%22k%22%3A%22%C3%A9!%22%7D");
  EXPECT_EQ(PercentEncode("", ""), "");
}

TEST(PercentEncodeTest, DecodeIsTheInverseAndLenient) {
  const std::string all = [] {
    std::string s;
    for (int c = 0; c < 256; ++c) s.push_back(static_cast<char>(c));
    return s;
  }();
  EXPECT_EQ(PercentDecode(PercentEncode(all, "")), all);
  EXPECT_EQ(PercentDecode("a%2fb%2Fc"), "a/b/c");
  EXPECT_EQ(PercentDecode("100%"), "100%");
  EXPECT_EQ(PercentDecode("%zz%4"), "%zz%4");
}

TEST(HostOfTest, ReturnsHostOnly) {
  EXPECT_EQ(HostOf("https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX"), "hooks.slack.com");
  EXPECT_EQ(HostOf("http://127.0.0.1:8080/x"), "127.0.0.1");
  EXPECT_EQ(HostOf("https://user:pass@example.com:443/p?q=1"), "example.com");
  EXPECT_EQ(HostOf("https://[::1]:9000/p"), "[::1]");
  EXPECT_EQ(HostOf("https://example.com?token=abc"), "example.com");
  EXPECT_EQ(HostOf("localhost:9001/2018-06-01/runtime"), "localhost");
  EXPECT_EQ(HostOf(""), "");
}

}  // namespace
}  // namespace gdslack
