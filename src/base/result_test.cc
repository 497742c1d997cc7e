#include "base/result.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

TEST(StatusTest, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, ErrorCarriesCodeAndMessage) {
  Status s(Code::kInvalidInput, "bad.json: byte 3: syntax error");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Code::kInvalidInput);
  EXPECT_EQ(s.ToString(), "InvalidInput: bad.json: byte 3: syntax error");
}

TEST(ResultTest, HoldsValueOrError) {
  Result<int> good(42);
  ASSERT_TRUE(good.has_value());
  EXPECT_EQ(*good, 42);
  Result<int> bad(Code::kNotFound, "no such account");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), Code::kNotFound);
  EXPECT_EQ(bad.error().message(), "no such account");
}

}  // namespace
}  // namespace gdslack
