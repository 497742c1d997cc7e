#include "cli/redacting_stream.h"

#include <gtest/gtest.h>

#include <sstream>

namespace gdslack {
namespace {

TEST(RedactUrlPathsTest, KeepsSchemeAndHostOnly) {
  EXPECT_EQ(RedactUrlPaths("guardduty-slack: https://hooks.slack.com/services/T0/B0/secretToken: No such file"),
            "guardduty-slack: https://hooks.slack.com/***: No such file");
  EXPECT_EQ(RedactUrlPaths("--format must be blocks or text, not \"http://127.0.0.1:8080/services/T/B/x?y=1\""),
            "--format must be blocks or text, not \"http://127.0.0.1:8080/***\"");
  EXPECT_EQ(RedactUrlPaths("not expected: https://a.example/x --interval-ms https://b.example/y#z"),
            "not expected: https://a.example/*** --interval-ms https://b.example/***");
  EXPECT_EQ(RedactUrlPaths("Value https://h.example?token=abc not in range"),
            "Value https://h.example/*** not in range");
  // A password in the authority goes too, even with no path.
  EXPECT_EQ(RedactUrlPaths("x https://user:pw@h.example:8443 y"), "x https://h.example:8443/*** y");
}

TEST(RedactUrlPathsTest, LeavesOtherTextAlone) {
  for (const char* text : {"sent 3/3 to 127.0.0.1", "no scheme ://x/y", "https://hooks.slack.com", "https://h.example/",
                           "preview f1: https://app.slack.com/block-kit-builder/#%7B%22blocks%22%7D", "", "a/b/c"}) {
    EXPECT_EQ(RedactUrlPaths(text), text);
  }
}

TEST(RedactingStreamBufTest, RedactsEachLineAndThePartialOneOnFlush) {
  std::ostringstream target;
  {
    RedactingStreamBuf buf(target.rdbuf());
    std::ostream err(&buf);
    err << "one https://h.example/secret1\nprogress 1/2\r";
    EXPECT_EQ(target.str(), "one https://h.example/***\nprogress 1/2\r");
    err << "tail https://h.example/sec"
        << "ret2" << std::flush;
    EXPECT_EQ(target.str(), "one https://h.example/***\nprogress 1/2\rtail https://h.example/***");
    err << "last https://h.example/secret3";
  }
  EXPECT_EQ(target.str().find("secret"), std::string::npos) << target.str();
}

}  // namespace
}  // namespace gdslack
