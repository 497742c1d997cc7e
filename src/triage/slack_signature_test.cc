#include "triage/slack_signature.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

// Slack's worked example in "Verifying requests from Slack" (docs.slack.dev): its secret, timestamp,
// slash-command body and the signature Slack computed for them.
const Secret kSecret("8f742231b10e8888abcd99yyyzzz85a5");
constexpr const char* kTimestamp = "1531420618";
constexpr int64_t kThen = 1531420618;
constexpr const char* kBody =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name="
    "foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks."
    "slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015."
    "47445629121.803a0bc887a14d10d2c447fce8b6703c";
constexpr const char* kSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

TEST(SlackSignatureTest, SlacksPublishedExampleVerifies) {
  EXPECT_EQ(SlackSignature(kSecret, kTimestamp, kBody), kSignature);
  EXPECT_TRUE(VerifySlackSignature(kSecret, kTimestamp, kSignature, kBody, kThen).ok());
  EXPECT_TRUE(VerifySlackSignature(kSecret, kTimestamp, kSignature, kBody, kThen + 300).ok());
  EXPECT_TRUE(VerifySlackSignature(kSecret, kTimestamp, kSignature, kBody, kThen - 300).ok());
}

TEST(SlackSignatureTest, AnythingElseIsRefused) {
  auto refused = [](const Status& s) { return s.code() == Code::kPermissionDenied; };
  EXPECT_TRUE(refused(VerifySlackSignature(kSecret, kTimestamp, kSignature, kBody, kThen + 301)));
  EXPECT_TRUE(refused(VerifySlackSignature(kSecret, kTimestamp, kSignature, kBody, kThen - 301)));
  EXPECT_TRUE(refused(VerifySlackSignature(kSecret, kTimestamp, kSignature, std::string(kBody) + "x", kThen)));
  EXPECT_TRUE(refused(VerifySlackSignature(Secret("other"), kTimestamp, kSignature, kBody, kThen)));
  EXPECT_TRUE(refused(VerifySlackSignature(kSecret, "1531420619", kSignature, kBody, kThen)));
  EXPECT_TRUE(refused(VerifySlackSignature(kSecret, kTimestamp, "", kBody, kThen)));
  EXPECT_TRUE(refused(VerifySlackSignature(kSecret, "", kSignature, kBody, kThen)));
  EXPECT_TRUE(refused(VerifySlackSignature(kSecret, "15314206x8", kSignature, kBody, kThen)));
  EXPECT_TRUE(refused(VerifySlackSignature(kSecret, kTimestamp, std::string(kSignature) + "0", kBody, kThen)));
  std::string upper = kSignature;
  upper[3] = 'A';  // hex is lower-case: a changed byte is a different signature
  EXPECT_TRUE(refused(VerifySlackSignature(kSecret, kTimestamp, upper, kBody, kThen)));
  // Without a secret nothing can be verified: a configuration error, never an acceptance.
  EXPECT_EQ(VerifySlackSignature(Secret(), kTimestamp, kSignature, kBody, kThen).code(), Code::kConfig);
}

TEST(SlackSignatureTest, TheMessageNeverShowsTheSecretOrSignature) {
  const Status s = VerifySlackSignature(kSecret, kTimestamp, "v0=" + std::string(64, '0'), kBody, kThen);
  EXPECT_EQ(s.message().find("8f742231"), std::string::npos);
  EXPECT_EQ(s.message().find("a2114d57"), std::string::npos);
}

TEST(ReplayGuardTest, ASignatureIsAcceptedOncePerWindow) {
  ReplayGuard guard(2);
  EXPECT_TRUE(guard.FirstSeen("v0=a", kThen, kThen));
  EXPECT_FALSE(guard.FirstSeen("v0=a", kThen, kThen + 10));
  EXPECT_TRUE(guard.FirstSeen("v0=b", kThen + 1, kThen + 10));
  // Full: the oldest is forgotten to make room.
  EXPECT_TRUE(guard.FirstSeen("v0=c", kThen + 2, kThen + 10));
  EXPECT_FALSE(guard.FirstSeen("v0=b", kThen + 1, kThen + 10));
  // Past the window an entry is dropped (the timestamp check refuses such a request anyway).
  EXPECT_TRUE(guard.FirstSeen("v0=c", kThen + 400, kThen + 400 + 400));
}

}  // namespace
}  // namespace gdslack
