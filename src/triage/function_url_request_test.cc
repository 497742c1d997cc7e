#include "triage/function_url_request.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

nlohmann::json Event(const std::string& body, bool base64) {
  return {{"version", "2.0"},
          {"rawPath", "/"},
          {"headers", {{"Content-Type", "application/x-www-form-urlencoded"}, {"x-slack-signature", "v0=ab"}}},
          {"requestContext", {{"http", {{"method", "POST"}, {"path", "/"}}}}},
          {"body", body},
          {"isBase64Encoded", base64}};
}

TEST(FunctionUrlRequestTest, ReadsMethodHeadersAndTheRawBody) {
  Result<ParsedRequest> r = ReadFunctionUrlEvent(Event("payload=%7B%7D", false));
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(r->oversized);
  EXPECT_EQ(r->request.method, "POST");
  EXPECT_EQ(r->request.Header("content-type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(r->request.Header("x-slack-signature"), "v0=ab");
  EXPECT_EQ(r->request.body, "payload=%7B%7D");

  r = ReadFunctionUrlEvent(Event("cGF5bG9hZD0lN0IlN0Q=", true));  // base64 of the same body
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->request.body, "payload=%7B%7D");
}

TEST(FunctionUrlRequestTest, OtherEventsBadBase64AndOversizedBodiesAreTold) {
  EXPECT_FALSE(IsFunctionUrlEvent(nlohmann::json::parse(R"({"detail-type":"GuardDuty Finding"})")));
  EXPECT_FALSE(IsFunctionUrlEvent(nlohmann::json::parse(R"({"Records":[]})")));
  EXPECT_TRUE(IsFunctionUrlEvent(Event("", false)));
  EXPECT_FALSE(ReadFunctionUrlEvent(Event("not base64!", true)).has_value());
  Result<ParsedRequest> big = ReadFunctionUrlEvent(Event(std::string(kMaxInteractionBodyBytes + 1, 'a'), false));
  ASSERT_TRUE(big.has_value());
  EXPECT_TRUE(big->oversized);
}

TEST(FunctionUrlRequestTest, Base64FollowsRfc4648) {
  EXPECT_EQ(*Base64Decode(""), "");
  EXPECT_EQ(*Base64Decode("Zg=="), "f");
  EXPECT_EQ(*Base64Decode("Zm8="), "fo");
  EXPECT_EQ(*Base64Decode("Zm9v"), "foo");
  EXPECT_EQ(*Base64Decode("Zm9vYmFy"), "foobar");
  for (const char* bad : {"Zg=", "Z===", "Zg==Zg==", "Zm9*", "=Zm9"})
    EXPECT_FALSE(Base64Decode(bad).has_value()) << bad;
}

TEST(FunctionUrlRequestTest, FormValuesAreDecoded) {
  EXPECT_EQ(*FormValue("a=1&payload=%7B%22x%22%3A+1%7D&b=2", "payload"), "{\"x\": 1}");
  EXPECT_EQ(FormValue("payloadx=1", "payload").error().code(), Code::kNotFound);
  EXPECT_EQ(FormValue("", "payload").error().code(), Code::kNotFound);
}

TEST(FunctionUrlRequestTest, TheResponseIsLambdasHttpObject) {
  InboundResponse r{401, "text/plain", "no"};
  EXPECT_EQ(r.ToJson(),
            nlohmann::json::parse(R"({"statusCode":401,"headers":{"content-type":"text/plain"},"body":"no"})"));
}

}  // namespace
}  // namespace gdslack
