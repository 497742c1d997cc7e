#include "base/scrub.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

TEST(ScrubSecretsTest, ReplacesEveryOccurrence) {
  EXPECT_EQ(ScrubSecrets("key=wJalrXUtnFEMI and wJalrXUtnFEMI again", {"wJalrXUtnFEMI"}), "key=*** and *** again");
}

TEST(ScrubSecretsTest, LongerSecretFirstSoAUrlGoesBeforeItsPath) {
  const std::string url = "https://hooks.slack.com/services/T0/B0/abcdefgh";
  const std::string path = "/services/T0/B0/abcdefgh";
  EXPECT_EQ(ScrubSecrets("posting to " + url + " failed; path " + path, {path, url}),
            "posting to *** failed; path ***");
}

TEST(ScrubSecretsTest, IgnoresEmptyAndShortValues) {
  EXPECT_EQ(ScrubSecrets("a b c abc", {"", "abc", "1234567"}), "a b c abc");
  EXPECT_EQ(ScrubSecrets("x12345678x", {"12345678"}), "x***x");
}

TEST(ScrubSecretsTest, ReplacementTextIsNotScannedAgain) {
  // A secret that contains "***" must not loop forever.
  EXPECT_EQ(ScrubSecrets("<***secret***>", {"***secret***"}), "<***>");
}

TEST(DropTrailingPartialSecretTest, DropsTheStartOfASecretAtTheEnd) {
  EXPECT_EQ(DropTrailingPartialSecret("error: /services/T0/B", {"/services/T0/B0/abcdefgh"}), "error: ");
  // Fewer than kMinScrubbedSecretLength bytes of it: kept (too short to tell from ordinary text).
  EXPECT_EQ(DropTrailingPartialSecret("error: /serv", {"/services/T0/B0/abcdefgh"}), "error: /serv");
  EXPECT_EQ(DropTrailingPartialSecret("nothing here", {"/services/T0/B0/abcdefgh"}), "nothing here");
}

}  // namespace
}  // namespace gdslack
