#include "base/log.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

TEST(LogTest, FormatsOneJsonObjectPerLine) {
  std::string line =
      FormatLogLine(LogLevel::kInfo, "delivered", {{"finding_id", "abc"}, {"attempts", 2}, {"ok", true}});
  EXPECT_EQ(line, R"({"level":"info","msg":"delivered","finding_id":"abc","attempts":2,"ok":true})");
}

TEST(LogTest, ReplacesInvalidUtf8InsteadOfThrowing) {
  std::string line = FormatLogLine(LogLevel::kWarn, "bad \xff byte", {});
  EXPECT_NE(line.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(LogTest, SinkCapturesAndLevelFilters) {
  std::vector<std::string> lines;
  SetLogSink([&](const std::string& l) { lines.push_back(l); });
  SetLogLevel(LogLevel::kWarn);
  Log(LogLevel::kInfo, "dropped");
  Log(LogLevel::kError, "kept");
  SetLogLevel(LogLevel::kInfo);
  SetLogSink(nullptr);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], R"({"level":"error","msg":"kept"})");
}

}  // namespace
}  // namespace gdslack

namespace gdslack {
namespace {

TEST(LogTest, LevelNamesAndFallback) {
  EXPECT_EQ(LogLevelNamed("debug", LogLevel::kWarn), LogLevel::kDebug);
  EXPECT_EQ(LogLevelNamed("info", LogLevel::kWarn), LogLevel::kInfo);
  EXPECT_EQ(LogLevelNamed("warn", LogLevel::kInfo), LogLevel::kWarn);
  EXPECT_EQ(LogLevelNamed("error", LogLevel::kInfo), LogLevel::kError);
  EXPECT_EQ(LogLevelNamed("loud", LogLevel::kInfo), LogLevel::kInfo);
}

}  // namespace
}  // namespace gdslack
