// DynamoStateStore's requests over a FakeHttpClient (the real table semantics are exercised against
// dynalite in tests/state).
#include "state/dynamo_state_store.h"

#include <gtest/gtest.h>

#include "base/fake_clock.h"

#include "http/fake_http_client.h"

namespace gdslack {
namespace {

constexpr int64_t kNow = 1700000000000;
const char* kConditionFailed =
    R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"})";

class DynamoStateStoreTest : public ::testing::Test {
 protected:
  DynamoStateStoreTest()
      : clock_(kNow),
        provider_(Credentials{"AKID", Secret("secret-value-xyz"), Secret(), {}}),
        db_(AwsClient(http_, clock_, clock_, provider_,
                      *ResolveEndpoint(AwsService::kDynamoDb, "eu-west-1", MapEnvironment({})),
                      AwsStandardRetryPolicy(), [] { return 0.5; })),
        store_(db_, clock_, "gd-state") {}
  nlohmann::json Sent(std::size_t i) { return nlohmann::json::parse(http_.requests().at(i).body); }
  FakeHttpClient http_;
  FakeClock clock_;
  StaticCredentialsProvider provider_;
  DynamoDbClient db_;
  DynamoStateStore store_;
};

TEST_F(DynamoStateStoreTest, ClaimIsOneConditionalUpdate) {
  http_.Push(200, R"({"Attributes":{"pk":{"S":"slack#f1"},"posted":{"BOOL":true},"count":{"N":"5"},)"
                  R"("severity":{"N":"5.000"},"updated_at":{"S":"t5"},"ts":{"S":"1.2"},"channel":{"S":"C1"},)"
                  R"("versions":{"L":[{"S":"t1|1"},{"S":"t5|5"}]}}})");
  Result<ClaimTicket> t = store_.Claim("f1", "t9|9", kNow + 30000, kNow + 3000);
  ASSERT_TRUE(t.has_value()) << t.error().message();
  EXPECT_EQ(t->kind, ClaimTicket::Kind::kClaimed);
  EXPECT_EQ(t->posted.count, 5);
  EXPECT_EQ(t->posted.ts, "1.2");
  EXPECT_EQ(t->versions, (std::vector<std::string>{"t1|1", "t5|5"}));
  const nlohmann::json sent = Sent(0);
  EXPECT_EQ(sent["Key"], (nlohmann::json{{"pk", {{"S", "slack#f1"}}}}));
  EXPECT_EQ(sent["ConditionExpression"],
            "(attribute_not_exists(lease_until) OR lease_until < :now) AND NOT contains(versions, :v)");
  EXPECT_EQ(sent["ExpressionAttributeValues"][":v"], (nlohmann::json{{"S", "t9|9"}}));
  EXPECT_EQ(sent["ExpressionAttributeValues"][":until"], (nlohmann::json{{"N", std::to_string(kNow + 30000)}}));
  EXPECT_EQ(sent["ExpressionAttributeValues"][":ttl"],
            (nlohmann::json{{"N", std::to_string(kNow / 1000 + 90 * 24 * 3600)}}));
}

TEST_F(DynamoStateStoreTest, FailedConditionIsExplainedByAConsistentRead) {
  http_.Push(400, kConditionFailed);
  http_.Push(200, R"({"Item":{"pk":{"S":"slack#f1"},"versions":{"L":[{"S":"t1|1"}]}}})");
  Result<ClaimTicket> t = store_.Claim("f1", "t1|1", kNow + 30000, kNow + 3000);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->kind, ClaimTicket::Kind::kAlreadyHandled);
  EXPECT_EQ(Sent(1)["ConsistentRead"], true);

  http_.Push(400, kConditionFailed);
  http_.Push(200, R"({"Item":{"pk":{"S":"slack#f1"},"lease_until":{"N":")" + std::to_string(kNow + 5000) +
                      R"("},"versions":{"L":[{"S":"t1|1"}]}}})");
  t = store_.Claim("f1", "t2|2", kNow + 30000, kNow + 3000);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->kind, ClaimTicket::Kind::kBusy);
}

TEST_F(DynamoStateStoreTest, CompleteRecordsWhatIsShownAndKeepsTheLastVersions) {
  ClaimTicket t;
  t.kind = ClaimTicket::Kind::kClaimed;
  t.finding_id = "f1";
  t.token = "tok";
  for (int i = 0; i < 40; ++i) t.versions.push_back("v" + std::to_string(i));
  http_.Push(200, "{}");
  PostedState shown;
  shown.exists = true;
  shown.severity = 8.0;
  shown.count = 50;
  shown.updated_at = "t50";
  shown.channel = "C1";
  shown.ts = "1.2";
  ASSERT_TRUE(store_.Complete(t, "v40", shown, kNow + 3000).ok());
  const nlohmann::json sent = Sent(0);
  EXPECT_EQ(sent["ConditionExpression"], "lease_owner = :owner");
  const nlohmann::json& versions = sent["ExpressionAttributeValues"][":versions"]["L"];
  ASSERT_EQ(versions.size(), kRememberedVersions);
  EXPECT_EQ(versions.back(), (nlohmann::json{{"S", "v40"}}));
  EXPECT_EQ(versions.front(), (nlohmann::json{{"S", "v9"}}));
  EXPECT_EQ(sent["ExpressionAttributeValues"][":ts"], (nlohmann::json{{"S", "1.2"}}));
  EXPECT_NE(sent["UpdateExpression"].get<std::string>().find("REMOVE lease_until, lease_owner"), std::string::npos);
  // A lapsed lease (someone else's now) is reported, not overwritten.
  http_.Push(400, kConditionFailed);
  EXPECT_EQ(store_.Complete(t, "v41", shown, kNow + 3000).code(), Code::kTimeout);
}

TEST_F(DynamoStateStoreTest, OutageIsAnError) {
  for (int i = 0; i < 3; ++i) http_.PushError(Status(Code::kUnavailable, "connection refused"));
  Result<ClaimTicket> t = store_.Claim("f1", "t1|1", kNow + 30000, kNow + 3000);
  ASSERT_FALSE(t.has_value());
  EXPECT_EQ(t.error().code(), Code::kUnavailable);
}

}  // namespace
}  // namespace gdslack
