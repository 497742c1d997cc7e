#include "finding/json_text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace gdslack {
namespace {

TEST(JsonTextTest, ReplacesLoneSurrogateEscapes) {
  EXPECT_EQ(ReplaceLoneSurrogateEscapes(R"("\udc00")"), R"("\ufffd")");
  EXPECT_EQ(ReplaceLoneSurrogateEscapes(R"("\ud800x")"), R"("\ufffdx")");
  EXPECT_EQ(ReplaceLoneSurrogateEscapes(R"("\uD800")"), R"("\ufffd")");
  EXPECT_EQ(ReplaceLoneSurrogateEscapes(R"("\udbff\udbff\udfff")"), R"("\ufffd\udbff\udfff")");
  EXPECT_EQ(ReplaceLoneSurrogateEscapes(R"("\ud800\u0041")"), R"("\ufffd\u0041")");
  EXPECT_EQ(ReplaceLoneSurrogateEscapes(R"(["\ud800"])"), R"(["\ufffd"])");  // at the very end of a string
}

TEST(JsonTextTest, LeavesEverythingElseAlone) {
  for (const std::string text : {R"("\ud83d\ude00")", R"("\u00e9\n\t\"\\")", R"("\\udc00")", R"("\\\\ud800")",
                                 R"("\u12")", R"("\udc0")", "\"\\", "", "plain", R"({"a":"\uD83D\uDE00"})"}) {
    EXPECT_EQ(ReplaceLoneSurrogateEscapes(text), text) << text;
  }
  // An escaped backslash followed by "u": the \u is text, not an escape.
  EXPECT_EQ(ReplaceLoneSurrogateEscapes(R"("\\\udc00")"), R"("\\\ufffd")");
}

TEST(JsonTextTest, KeepsByteLengthAndMakesNlohmannAccept) {
  const std::string text = R"({"ua":"curl\udc00/\ud800x","ok":"\ud83d\ude00"})";
  EXPECT_TRUE(nlohmann::json::parse(text, nullptr, false).is_discarded());  // what the rewrite is for
  const std::string fixed = ReplaceLoneSurrogateEscapes(text);
  EXPECT_EQ(fixed.size(), text.size());
  const nlohmann::json parsed = nlohmann::json::parse(fixed, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded());
  EXPECT_EQ(parsed["ua"], "curl\xEF\xBF\xBD/\xEF\xBF\xBDx");
  EXPECT_EQ(parsed["ok"], "\xF0\x9F\x98\x80");
}

}  // namespace
}  // namespace gdslack
