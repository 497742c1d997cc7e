#include "aws/aws_errors.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

TEST(AwsErrorsTest, NormalizesCodes) {
  EXPECT_EQ(NormalizeAwsErrorCode("com.amazonaws.organizations#AccessDeniedException"), "AccessDeniedException");
  EXPECT_EQ(NormalizeAwsErrorCode("ThrottlingException:http://internal.amazon.com/coral/"), "ThrottlingException");
  EXPECT_EQ(NormalizeAwsErrorCode("aws.protocoltests#FooError:http://x#y"), "FooError");
  EXPECT_EQ(NormalizeAwsErrorCode("ParameterNotFound"), "ParameterNotFound");
}

TEST(AwsErrorsTest, ParsesJsonErrorHeaderFirst) {
  HttpResponse r;
  r.status = 400;
  r.headers = {{"X-Amzn-ErrorType", "ResourceNotFoundException:http://x/"}};
  r.body = R"({"__type":"other#Ignored","message":"Secrets Manager can't find the specified secret.\nline2"})";
  AwsError e = ParseJsonError(r);
  EXPECT_EQ(e.code, "ResourceNotFoundException");
  EXPECT_EQ(e.message, "Secrets Manager can't find the specified secret.");
  r.headers.clear();
  EXPECT_EQ(ParseJsonError(r).code, "Ignored");
  r.body = "not json";
  EXPECT_EQ(ParseJsonError(r).code, "");
}

TEST(AwsErrorsTest, ParsesQueryError) {
  HttpResponse r;
  r.status = 403;
  r.body =
      "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
      "<Code>AccessDenied</Code><Message>User: arn:aws:sts::1:x is not authorized &amp; so on</Message></Error>"
      "<RequestId>1</RequestId></ErrorResponse>";
  AwsError e = ParseQueryError(r);
  EXPECT_EQ(e.code, "AccessDenied");
  EXPECT_EQ(e.message, "User: arn:aws:sts::1:x is not authorized & so on");
}

TEST(AwsErrorsTest, MapsCodes) {
  EXPECT_EQ(CodeForAwsError("AccessDeniedException", 400), Code::kPermissionDenied);
  EXPECT_EQ(CodeForAwsError("AccessDenied", 403), Code::kPermissionDenied);
  EXPECT_EQ(CodeForAwsError("AuthorizationError", 403), Code::kPermissionDenied);
  EXPECT_EQ(CodeForAwsError("UnrecognizedClientException", 400), Code::kPermissionDenied);
  EXPECT_EQ(CodeForAwsError("InvalidClientTokenId", 403), Code::kPermissionDenied);
  EXPECT_EQ(CodeForAwsError("InvalidSignatureException", 400), Code::kPermissionDenied);
  EXPECT_EQ(CodeForAwsError("SignatureDoesNotMatch", 403), Code::kPermissionDenied);
  EXPECT_EQ(CodeForAwsError("ParameterNotFound", 400), Code::kNotFound);
  EXPECT_EQ(CodeForAwsError("ResourceNotFoundException", 400), Code::kNotFound);
  EXPECT_EQ(CodeForAwsError("AccountNotFoundException", 400), Code::kNotFound);
  EXPECT_EQ(CodeForAwsError("NotFound", 404), Code::kNotFound);
  EXPECT_EQ(CodeForAwsError("ThrottlingException", 400), Code::kThrottled);
  EXPECT_EQ(CodeForAwsError("TooManyRequestsException", 400), Code::kThrottled);
  EXPECT_EQ(CodeForAwsError("Throttled", 400), Code::kThrottled);
  EXPECT_EQ(CodeForAwsError("RequestLimitExceeded", 400), Code::kThrottled);
  EXPECT_EQ(CodeForAwsError("", 429), Code::kThrottled);
  EXPECT_EQ(CodeForAwsError("InternalServerError", 500), Code::kUnavailable);
  EXPECT_EQ(CodeForAwsError("", 503), Code::kUnavailable);
  EXPECT_EQ(CodeForAwsError("", 403), Code::kPermissionDenied);
  EXPECT_EQ(CodeForAwsError("InvalidParameter", 400), Code::kInvalidInput);
  EXPECT_TRUE(IsRetryable(Code::kThrottled));
  EXPECT_TRUE(IsRetryable(Code::kUnavailable));
  EXPECT_FALSE(IsRetryable(Code::kPermissionDenied));
}

}  // namespace
}  // namespace gdslack
