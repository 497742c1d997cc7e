// DynamoDB JSON 1.0 client over a FakeHttpClient: request shapes, condition failures as answers, throttling
// retried, and the DynamoDB endpoint with its AWS_ENDPOINT_URL_DYNAMODB override.
#include "aws/dynamodb.h"

#include <gtest/gtest.h>

#include "base/fake_clock.h"

#include "aws/aws_errors.h"
#include "http/fake_http_client.h"

namespace gdslack {
namespace {

constexpr int64_t kNow = 1700000000000;
const HttpHeaders kJson10 = {{"Content-Type", "application/x-amz-json-1.0"}};

class DynamoDbTest : public ::testing::Test {
 protected:
  DynamoDbTest() : clock_(kNow), provider_(Credentials{"AKID", Secret("secret-value-xyz"), Secret(), {}}) {}
  DynamoDbClient Client() {
    Result<Endpoint> ep = ResolveEndpoint(AwsService::kDynamoDb, "eu-west-1", MapEnvironment({}));
    return DynamoDbClient(
        AwsClient(http_, clock_, clock_, provider_, *ep, AwsStandardRetryPolicy(), [] { return 0.5; }));
  }
  static nlohmann::json Key() { return {{"pk", DynamoS("finding#abc")}}; }
  nlohmann::json Sent(std::size_t i) { return nlohmann::json::parse(http_.requests().at(i).body); }
  std::string Header(std::size_t i, const std::string& name) {
    for (const auto& [k, v] : http_.requests().at(i).headers) {
      if (k == name) return v;
    }
    return "";
  }
  FakeHttpClient http_;
  FakeClock clock_;
  StaticCredentialsProvider provider_;
};

TEST_F(DynamoDbTest, EndpointAndOverride) {
  Result<Endpoint> ep = ResolveEndpoint(AwsService::kDynamoDb, "eu-west-1", MapEnvironment({}));
  ASSERT_TRUE(ep.has_value());
  EXPECT_EQ(ep->url, "https://dynamodb.eu-west-1.amazonaws.com");
  EXPECT_EQ(ep->signing_name, "dynamodb");
  Result<Endpoint> local = ResolveEndpoint(AwsService::kDynamoDb, "eu-west-1",
                                           MapEnvironment({{"AWS_ENDPOINT_URL", "http://127.0.0.1:1"},
                                                           {"AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:2/"}}));
  ASSERT_TRUE(local.has_value());
  EXPECT_EQ(local->url, "http://127.0.0.1:2");
  EXPECT_EQ(local->signing_region, "eu-west-1");
}

TEST_F(DynamoDbTest, GetItemSendsJson10AndReadsTheItem) {
  http_.Push(200, R"({"Item":{"pk":{"S":"finding#abc"},"count":{"N":"50"},"severity":{"N":"7.5"}}})", kJson10);
  DynamoDbClient db = Client();
  Result<std::optional<nlohmann::json>> item = db.GetItem("gd-state", Key(), true, kNow + 5000);
  ASSERT_TRUE(item.has_value()) << item.error().message();
  ASSERT_TRUE(item->has_value());
  EXPECT_EQ(DynamoString(**item, "pk"), "finding#abc");
  EXPECT_EQ(DynamoInt(**item, "count"), 50);
  EXPECT_DOUBLE_EQ(DynamoDouble(**item, "severity"), 7.5);
  EXPECT_EQ(DynamoInt(**item, "missing", -1), -1);
  EXPECT_EQ(Header(0, "X-Amz-Target"), "DynamoDB_20120810.GetItem");
  EXPECT_EQ(Header(0, "Content-Type"), "application/x-amz-json-1.0");
  EXPECT_EQ(Sent(0), (nlohmann::json{{"TableName", "gd-state"}, {"Key", Key()}, {"ConsistentRead", true}}));
  // The signature scope names the service.
  EXPECT_NE(Header(0, "Authorization").find("/eu-west-1/dynamodb/aws4_request"), std::string::npos);
}

TEST_F(DynamoDbTest, GetItemAbsent) {
  http_.Push(200, "{}");
  Result<std::optional<nlohmann::json>> item = Client().GetItem("gd-state", Key(), false, kNow + 5000);
  ASSERT_TRUE(item.has_value());
  EXPECT_FALSE(item->has_value());
}

TEST_F(DynamoDbTest, UpdateItemWithConditionReturnsNewItem) {
  http_.Push(200, R"({"Attributes":{"pk":{"S":"finding#abc"},"lease_owner":{"S":"t1"}}})");
  DynamoExpression expr;
  expr.condition = "attribute_not_exists(#l) OR #l < :now";
  expr.names = {{"#l", "lease_until"}};
  expr.values = {{":now", DynamoN(5)}, {":o", DynamoS("t1")}};
  Result<DynamoWrite> w = Client().UpdateItem("gd-state", Key(), "SET #l = :now, lease_owner = :o", expr, kNow + 5000);
  ASSERT_TRUE(w.has_value()) << w.error().message();
  EXPECT_FALSE(w->condition_failed);
  EXPECT_EQ(DynamoString(w->attributes, "lease_owner"), "t1");
  const nlohmann::json sent = Sent(0);
  EXPECT_EQ(Header(0, "X-Amz-Target"), "DynamoDB_20120810.UpdateItem");
  EXPECT_EQ(sent["UpdateExpression"], "SET #l = :now, lease_owner = :o");
  EXPECT_EQ(sent["ConditionExpression"], expr.condition);
  EXPECT_EQ(sent["ExpressionAttributeNames"], expr.names);
  EXPECT_EQ(sent["ExpressionAttributeValues"], expr.values);
  EXPECT_EQ(sent["ReturnValues"], "ALL_NEW");
}

TEST_F(DynamoDbTest, ConditionFailureIsAnAnswerNotRetried) {
  http_.Push(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",)"
                  R"("message":"The conditional request failed"})");
  DynamoExpression expr;
  expr.condition = "attribute_not_exists(pk)";
  Result<DynamoWrite> w = Client().PutItem("gd-state", Key(), expr, kNow + 5000);
  ASSERT_TRUE(w.has_value()) << w.error().message();
  EXPECT_TRUE(w->condition_failed);
  EXPECT_EQ(http_.requests().size(), 1u);
  EXPECT_EQ(Sent(0)["Item"], Key());
  // Unconditional: no empty expression members are sent.
  http_.Push(200, "{}");
  ASSERT_TRUE(Client().DeleteItem("gd-state", Key(), {}, kNow + 5000).has_value());
  EXPECT_EQ(Sent(1), (nlohmann::json{{"TableName", "gd-state"}, {"Key", Key()}}));
}

TEST_F(DynamoDbTest, ThrottlingIsRetriedThenReported) {
  EXPECT_EQ(CodeForAwsError("ProvisionedThroughputExceededException", 400), Code::kThrottled);
  for (int i = 0; i < 3; ++i) {
    http_.Push(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",)"
                    R"("message":"The level of configured provisioned throughput for the table was exceeded."})");
  }
  Result<DynamoWrite> w = Client().UpdateItem("gd-state", Key(), "SET a = :a", {}, kNow + 60000);
  ASSERT_FALSE(w.has_value());
  EXPECT_EQ(w.error().code(), Code::kThrottled);
  EXPECT_EQ(http_.requests().size(), 3u);
  EXPECT_NE(w.error().message().find("dynamodb:UpdateItem failed: ProvisionedThroughputExceededException"),
            std::string::npos);
  EXPECT_EQ(w.error().message().find("secret-value-xyz"), std::string::npos);
}

TEST_F(DynamoDbTest, ResourceNotFoundIsNotFound) {
  http_.Push(
      400,
      R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"})");
  Result<std::optional<nlohmann::json>> item = Client().GetItem("nope", Key(), true, kNow + 5000);
  ASSERT_FALSE(item.has_value());
  EXPECT_EQ(item.error().code(), Code::kNotFound);
}

}  // namespace
}  // namespace gdslack
