// Both TriageStores: the memory store's rules, and the DynamoDB store's requests over a FakeHttpClient
// (tests/triage runs it against dynalite).
#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "http/fake_http_client.h"
#include "state/dynamo_triage_store.h"
#include "state/memory_triage_store.h"

namespace gdslack {
namespace {

constexpr int64_t kNowS = 1700000000;
constexpr int64_t kFar = 1LL << 50;

TriageMute Mute(const std::string& resource, int64_t until) {
  TriageMute m;
  m.type = "Recon:EC2/PortProbeUnprotectedPort";
  m.account_id = "123456789012";
  m.resource_id = resource;
  m.until_unix_s = until;
  m.user_id = "U1";
  m.at_unix_s = kNowS;
  m.finding_id = "f1";
  return m;
}

TEST(MemoryTriageStoreTest, AcknowledgementsAndMutesAreRemembered) {
  MemoryTriageStore store(2);
  EXPECT_FALSE(store.AcknowledgementOf("f1", kFar)->has_value());
  ASSERT_TRUE(store.Acknowledge({"f1", "U1", kNowS}, kFar).ok());
  Result<std::optional<Acknowledgement>> ack = store.AcknowledgementOf("f1", kFar);
  ASSERT_TRUE(ack.has_value() && ack->has_value());
  EXPECT_EQ((*ack)->user_id, "U1");
  EXPECT_EQ((*ack)->at_unix_s, kNowS);

  ASSERT_TRUE(store.AddMute(Mute("i-1", kNowS + 100), kFar).ok());
  ASSERT_TRUE(store.AddMute(Mute("i-2", kNowS + 10), kFar).ok());
  EXPECT_EQ(store.ActiveMutes(kNowS, kFar)->size(), 2u);
  EXPECT_EQ(store.ActiveMutes(kNowS + 10, kFar)->size(), 1u);  // i-2 has ended
  // Full: the mute that ends first makes room.
  ASSERT_TRUE(store.AddMute(Mute("i-3", kNowS + 50), kFar).ok());
  std::vector<TriageMute> active = *store.ActiveMutes(kNowS, kFar);
  ASSERT_EQ(active.size(), 2u);
  EXPECT_EQ(MatchingTriageMute(active, "Recon:EC2/PortProbeUnprotectedPort", "123456789012", "i-2", kNowS), nullptr);
  EXPECT_NE(MatchingTriageMute(active, "Recon:EC2/PortProbeUnprotectedPort", "123456789012", "i-3", kNowS), nullptr);
}

TEST(TriageMuteTest, OnlyTheSameTypeAccountAndResourceMatchUntilTheEnd) {
  const std::vector<TriageMute> mutes = {Mute("i-1", kNowS + 100)};
  const std::string type = "Recon:EC2/PortProbeUnprotectedPort";
  EXPECT_NE(MatchingTriageMute(mutes, type, "123456789012", "i-1", kNowS), nullptr);
  EXPECT_EQ(MatchingTriageMute(mutes, type, "123456789012", "i-1", kNowS + 100), nullptr);
  EXPECT_EQ(MatchingTriageMute(mutes, type, "210987654321", "i-1", kNowS), nullptr);
  EXPECT_EQ(MatchingTriageMute(mutes, type, "123456789012", "i-9", kNowS), nullptr);
  EXPECT_EQ(MatchingTriageMute(mutes, "Backdoor:EC2/C&CActivity.B", "123456789012", "i-1", kNowS), nullptr);
}

class DynamoTriageStoreTest : public ::testing::Test {
 protected:
  DynamoTriageStoreTest()
      : clock_(kNowS * 1000),
        provider_(Credentials{"AKID", Secret("secret-value-xyz"), Secret(), {}}),
        db_(AwsClient(http_, clock_, clock_, provider_,
                      *ResolveEndpoint(AwsService::kDynamoDb, "eu-west-1", MapEnvironment({})),
                      AwsStandardRetryPolicy(), [] { return 0.5; })),
        store_(db_, "gd-state") {}
  nlohmann::json Sent(std::size_t i) { return nlohmann::json::parse(http_.requests().at(i).body); }
  FakeHttpClient http_;
  FakeClock clock_;
  StaticCredentialsProvider provider_;
  DynamoDbClient db_;
  DynamoTriageStore store_;
};

TEST_F(DynamoTriageStoreTest, AnAcknowledgementIsItsOwnItemWithTtl) {
  http_.Push(200, "{}");
  ASSERT_TRUE(store_.Acknowledge({"f1", "U1", kNowS}, kFar).ok());
  const nlohmann::json sent = Sent(0);
  EXPECT_EQ(sent["Key"], (nlohmann::json{{"pk", {{"S", "triage#ack#f1"}}}}));
  EXPECT_EQ(sent["ExpressionAttributeValues"][":ttl"], (nlohmann::json{{"N", std::to_string(kNowS + 90 * 86400)}}));

  http_.Push(200, R"({"Item":{"pk":{"S":"triage#ack#f1"},"user_id":{"S":"U7"},"acked_at":{"N":"1700000001"}}})");
  Result<std::optional<Acknowledgement>> ack = store_.AcknowledgementOf("f1", kFar);
  ASSERT_TRUE(ack.has_value() && ack->has_value());
  EXPECT_EQ((*ack)->user_id, "U7");
  EXPECT_EQ((*ack)->at_unix_s, 1700000001);
  http_.Push(200, "{}");
  EXPECT_FALSE(store_.AcknowledgementOf("f2", kFar)->has_value());
}

TEST_F(DynamoTriageStoreTest, MutesShareOneItemAndEndedOnesArePruned) {
  // The write returns the item: one live mute (just written) and one that ended.
  const TriageMute live = Mute("i-1", kNowS + 7 * 86400);
  http_.Push(200, R"({"Attributes":{"pk":{"S":"triage#mutes"},)"
                  R"("mute#aaaa":{"M":{"type":{"S":"T"},"account_id":{"S":"1"},"resource_id":{"S":"r"},)"
                  R"("until":{"N":"1600000000"}}},)"
                  R"("mute#bbbb":{"M":{"type":{"S":"Recon:EC2/PortProbeUnprotectedPort"},)"
                  R"("account_id":{"S":"123456789012"},"resource_id":{"S":"i-1"},"until":{"N":")" +
                      std::to_string(live.until_unix_s) + R"("}}}}})");
  http_.Push(200, "{}");
  ASSERT_TRUE(store_.AddMute(live, kFar).ok());
  ASSERT_EQ(http_.requests().size(), 2u);
  const nlohmann::json add = Sent(0);
  EXPECT_EQ(add["Key"], (nlohmann::json{{"pk", {{"S", "triage#mutes"}}}}));
  EXPECT_EQ(add["UpdateExpression"], "SET #m = :m, expires_at = :ttl");
  EXPECT_EQ(add["ExpressionAttributeNames"]["#m"].get<std::string>().rfind("mute#", 0), 0u);
  EXPECT_EQ(add["ExpressionAttributeValues"][":m"]["M"]["resource_id"], (nlohmann::json{{"S", "i-1"}}));
  const nlohmann::json prune = Sent(1);
  EXPECT_EQ(prune["UpdateExpression"], "REMOVE #x0");
  // The ended mute is named by its own key's hash (T/1/r), not by the stored attribute name.
  EXPECT_NE(prune["ExpressionAttributeNames"]["#x0"], add["ExpressionAttributeNames"]["#m"]);

  http_.Push(
      200,
      R"({"Item":{"pk":{"S":"triage#mutes"},)"
      R"("mute#a":{"M":{"type":{"S":"T"},"account_id":{"S":"1"},"resource_id":{"S":"r"},"until":{"N":"1600000000"}}},)"
      R"("mute#b":{"M":{"type":{"S":"T"},"account_id":{"S":"1"},"resource_id":{"S":"s"},)"
      R"("until":{"N":"1800000000"},"user_id":{"S":"U2"}}},"expires_at":{"N":"1"}}})");
  Result<std::vector<TriageMute>> active = store_.ActiveMutes(kNowS, kFar);
  ASSERT_TRUE(active.has_value());
  ASSERT_EQ(active->size(), 1u);
  EXPECT_EQ(active->at(0).resource_id, "s");
  EXPECT_EQ(active->at(0).user_id, "U2");
}

}  // namespace
}  // namespace gdslack
