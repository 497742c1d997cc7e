#include "aws/ini_file.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

TEST(IniTest, ParsesCommentsWhitespaceAndCase) {
  Result<IniSections> ini = ParseIni(
      "# leading comment\n"
      "; another\n"
      "[default]\r\n"
      "  AWS_Access_Key_ID   =  AKID1  \n"
      "aws_secret_access_key=abc/def+ghi ; inline comment\n"
      "\n"
      "[ profile dev ]  # trailing\n"
      "role_arn = arn:aws:iam::123456789012:role/r\n"
      "s3 =\n"
      "  max_concurrency = 5\n"
      "region=eu-west-1\n"
      "url = https://x/#frag\n");
  ASSERT_TRUE(ini.has_value()) << ini.error().message();
  EXPECT_EQ(ini->at("default").at("aws_access_key_id"), "AKID1");
  EXPECT_EQ(ini->at("default").at("aws_secret_access_key"), "abc/def+ghi");
  EXPECT_EQ(ini->at("profile dev").at("role_arn"), "arn:aws:iam::123456789012:role/r");
  EXPECT_EQ(ini->at("profile dev").at("region"), "eu-west-1");
  EXPECT_EQ(ini->at("profile dev").count("max_concurrency"), 0u);
  EXPECT_EQ(ini->at("profile dev").at("url"), "https://x/#frag");
}

TEST(IniTest, ReportsMalformedLines) {
  Result<IniSections> a = ParseIni("[default]\nnot a setting\n");
  ASSERT_FALSE(a.has_value());
  EXPECT_EQ(a.error().message(), "line 2: expected 'key = value'");
  Result<IniSections> b = ParseIni("key = v\n");
  ASSERT_FALSE(b.has_value());
  EXPECT_EQ(b.error().message(), "line 1: setting outside any [section]");
  Result<IniSections> c = ParseIni("[default\n");
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error().message(), "line 1: section header without ']'");
}

}  // namespace
}  // namespace gdslack
