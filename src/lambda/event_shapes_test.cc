#include "lambda/event_shapes.h"

#include <gtest/gtest.h>

#include "lambda/test_events.h"

namespace gdslack {
namespace {

using test_events::FindingEvent;
using test_events::SnsEvent;
using test_events::SnsNotification;
using test_events::SqsBatch;

TEST(EventShapesTest, DirectEventIsOneRecord) {
  const std::string event = FindingEvent("e-1", "f1");
  Result<EventBatch> batch = SplitEvent(event);
  ASSERT_TRUE(batch.has_value()) << batch.error().ToString();
  EXPECT_EQ(batch->kind, EventBatch::Kind::kDirect);
  ASSERT_EQ(batch->records.size(), 1u);
  EXPECT_EQ(batch->records[0].text, event);
  EXPECT_TRUE(batch->records[0].message_id.empty());
  EXPECT_TRUE(batch->records[0].error.ok());
}

TEST(EventShapesTest, SqsBatchKeepsMessageIds) {
  const std::string a = FindingEvent("e-1", "f1");
  const std::string b = FindingEvent("e-2", "f2");
  Result<EventBatch> batch = SplitEvent(SqsBatch({{"m-1", a}, {"m-2", b}}));
  ASSERT_TRUE(batch.has_value()) << batch.error().ToString();
  EXPECT_EQ(batch->kind, EventBatch::Kind::kSqs);
  ASSERT_EQ(batch->records.size(), 2u);
  EXPECT_EQ(batch->records[0].message_id, "m-1");
  EXPECT_EQ(batch->records[0].text, a);
  EXPECT_EQ(batch->records[1].message_id, "m-2");
  EXPECT_EQ(batch->records[1].text, b);
}

TEST(EventShapesTest, FifoQueueIsRecognised) {
  Result<EventBatch> standard = SplitEvent(SqsBatch({{"m-1", "{}"}}));
  ASSERT_TRUE(standard.has_value());
  EXPECT_FALSE(standard->fifo);
  Result<EventBatch> fifo = SplitEvent(SqsBatch({{"m-1", "{}"}}, "arn:aws:sqs:us-east-1:123456789012:gd.fifo"));
  ASSERT_TRUE(fifo.has_value());
  EXPECT_TRUE(fifo->fifo);
}

TEST(EventShapesTest, SnsRecordsAreUnwrapped) {
  const std::string a = FindingEvent("e-1", "f1");
  Result<EventBatch> batch = SplitEvent(SnsEvent({a}));
  ASSERT_TRUE(batch.has_value()) << batch.error().ToString();
  EXPECT_EQ(batch->kind, EventBatch::Kind::kSns);
  ASSERT_EQ(batch->records.size(), 1u);
  EXPECT_EQ(batch->records[0].text, a);
}

TEST(EventShapesTest, SnsInsideSqsIsUnwrappedLayerByLayer) {
  const std::string a = FindingEvent("e-1", "f1");
  Result<EventBatch> batch = SplitEvent(SqsBatch({{"m-1", SnsNotification(a)}}));
  ASSERT_TRUE(batch.has_value()) << batch.error().ToString();
  EXPECT_EQ(batch->kind, EventBatch::Kind::kSqs);
  ASSERT_EQ(batch->records.size(), 1u);
  EXPECT_EQ(batch->records[0].message_id, "m-1");
  EXPECT_EQ(batch->records[0].text, a);
}

TEST(EventShapesTest, DirectSnsNotificationIsUnwrapped) {
  const std::string a = FindingEvent("e-1", "f1");
  Result<EventBatch> batch = SplitEvent(SnsNotification(a));
  ASSERT_TRUE(batch.has_value());
  EXPECT_EQ(batch->records.at(0).text, a);
}

TEST(EventShapesTest, SqsBodyThatIsNotJsonIsPassedOnForTheParser) {
  Result<EventBatch> batch = SplitEvent(SqsBatch({{"m-1", "not json"}}));
  ASSERT_TRUE(batch.has_value());
  EXPECT_EQ(batch->records.at(0).text, "not json");
  EXPECT_TRUE(batch->records.at(0).error.ok());
}

TEST(EventShapesTest, SqsRecordWithoutBodyIsARecordError) {
  Result<EventBatch> batch = SplitEvent(R"({"Records":[{"messageId":"m-1","eventSource":"aws:sqs","body":null}]})");
  ASSERT_TRUE(batch.has_value());
  ASSERT_EQ(batch->records.size(), 1u);
  EXPECT_EQ(batch->records[0].message_id, "m-1");
  EXPECT_EQ(batch->records[0].error.ToString(), "InvalidInput: record 1: SQS record has no body");
}

TEST(EventShapesTest, SnsRecordWithoutMessageIsARecordError) {
  Result<EventBatch> batch = SplitEvent(R"({"Records":[{"EventSource":"aws:sns","Sns":{"Type":"Notification"}}]})");
  ASSERT_TRUE(batch.has_value());
  EXPECT_EQ(batch->records.at(0).error.ToString(), "InvalidInput: record 1: SNS record has no Sns.Message");
}

TEST(EventShapesTest, ForeignRecordInSqsBatchIsARecordError) {
  Result<EventBatch> batch = SplitEvent(R"({"Records":[{"messageId":"m-1","eventSource":"aws:sqs","body":"{}"},)"
                                        R"({"messageId":"m-2","eventSource":"aws:kinesis"}]})");
  ASSERT_TRUE(batch.has_value());
  ASSERT_EQ(batch->records.size(), 2u);
  EXPECT_TRUE(batch->records[0].error.ok());
  EXPECT_EQ(batch->records[1].message_id, "m-2");
  EXPECT_EQ(batch->records[1].error.ToString(), "InvalidInput: record 2: not from aws:sqs or aws:sns");
}

TEST(EventShapesTest, MalformedBodiesAreRejectedWithoutQuotingThem) {
  struct Case {
    const char* body;
    const char* error;
  };
  const Case cases[] = {
      {"", "InvalidInput: event is not valid JSON"},
      {"{\"secret\":", "InvalidInput: event is not valid JSON"},
      {"[1,2]", "InvalidInput: event is not a JSON object"},
      {"\"text\"", "InvalidInput: event is not a JSON object"},
      {R"({"Records":[]})", "InvalidInput: event has Records but it is not a non-empty array"},
      {R"({"Records":{}})", "InvalidInput: event has Records but it is not a non-empty array"},
      {R"({"Records":[{"eventSource":"aws:s3"}]})", "InvalidInput: event has Records but none from aws:sqs or aws:sns"},
  };
  for (const Case& c : cases) {
    Result<EventBatch> batch = SplitEvent(c.body);
    ASSERT_FALSE(batch.has_value()) << c.body;
    EXPECT_EQ(batch.error().ToString(), c.error) << c.body;
  }
}

TEST(EventShapesTest, UnwrapDepthIsBounded) {
  std::string text = FindingEvent("e-1", "f1");
  for (int i = 0; i < 10; ++i) text = SnsNotification(text);
  Result<EventBatch> batch = SplitEvent(text);
  ASSERT_TRUE(batch.has_value());
  // Still wrapped: the parser will reject it as not a GuardDuty event, which is the right answer.
  EXPECT_NE(batch->records.at(0).text, FindingEvent("e-1", "f1"));
}

// Found by fuzz/event_shapes_fuzzer.cc (crash-8b2f4dcd...): in an SNS batch, a foreign record carrying a
// "messageId" kept it, although message ids belong to SQS answers only (event_shapes.h).
TEST(EventShapesTest, ForeignRecordInSnsBatchHasNoMessageId) {
  Result<EventBatch> batch = SplitEvent(
      R"({"Records": [{"eventSource": "aw:ssqs", "messageId": "a"}, {"EventSource": "aws:sns", "Sns": {}}, {"x": 1}]})");
  ASSERT_TRUE(batch.has_value()) << batch.error().ToString();
  EXPECT_EQ(batch->kind, EventBatch::Kind::kSns);
  ASSERT_EQ(batch->records.size(), 3u);
  for (const EventRecord& record : batch->records) {
    EXPECT_FALSE(record.error.ok());
    EXPECT_EQ(record.message_id, "");
  }
}

// The fuzzer's round-trip oracle, for a lone surrogate escape in the body: SQS gives the body back unchanged.
TEST(EventShapesTest, SqsBodyWithLoneSurrogateComesBackUnchanged) {
  const std::string inner = R"({"detail":"\udc00"})";
  nlohmann::json event = {{"Records", {{{"messageId", "m-1"}, {"body", inner}, {"eventSource", "aws:sqs"}}}}};
  Result<EventBatch> batch = SplitEvent(event.dump());
  ASSERT_TRUE(batch.has_value());
  ASSERT_EQ(batch->records.size(), 1u);
  EXPECT_EQ(batch->records[0].text, inner);
}

// The daily summary's two scheduled shapes (issue 20), and what must never read as one.
TEST(EventShapesTest, RecognisesTheDailySummaryTriggers) {
  EXPECT_TRUE(IsDailySummaryTrigger(R"({"gdslack": "daily-summary"})"));
  EXPECT_TRUE(IsDailySummaryTrigger(
      R"({"version": "0", "id": "e", "detail-type": "Scheduled Event", "source": "aws.events", "account": "111111111111",
          "time": "2026-12-08T08:00:00Z", "region": "eu-west-1", "resources": ["arn:aws:events:eu-west-1:111111111111:rule/x"],
          "detail": {}})"));
  EXPECT_FALSE(IsDailySummaryTrigger(R"({"gdslack": "weekly-summary"})"));
  EXPECT_FALSE(IsDailySummaryTrigger(R"({"detail-type": "Scheduled Event", "source": "aws.guardduty"})"));
  EXPECT_FALSE(IsDailySummaryTrigger(FindingEvent("e-1", "f1")));
  // A finding whose text mentions the marker is still a finding.
  EXPECT_FALSE(IsDailySummaryTrigger(R"({"source": "aws.guardduty", "detail": {"title": "daily-summary"}})"));
  EXPECT_FALSE(IsDailySummaryTrigger("daily-summary"));
  EXPECT_FALSE(IsDailySummaryTrigger(R"({"gdslack": 1, "x": "daily-summary"})"));
}

}  // namespace
}  // namespace gdslack
