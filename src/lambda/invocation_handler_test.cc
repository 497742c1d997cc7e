#include "lambda/invocation_handler.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/fake_clock.h"
#include "base/log.h"
#include "http/fake_http_client.h"
#include "lambda/fake_notifier.h"
#include "lambda/test_events.h"
#include "routing/config_loader.h"
#include "state/memory_triage_store.h"
#include "triage/triage_handler.h"

namespace gdslack {
namespace {

using test_events::FindingEvent;
using test_events::NonGuardDutyEvent;
using test_events::OtherGuardDutyEvent;
using test_events::SnsEvent;
using test_events::SnsNotification;
using test_events::SqsBatch;

constexpr int64_t kNow = 1700000000000;

class InvocationHandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetLogSink([this](const std::string& line) { log_.push_back(line); });
  }
  void TearDown() override { SetLogSink(nullptr); }

  Invocation Make(std::string body, int64_t remaining_ms = 10000) {
    Invocation invocation;
    invocation.request_id = "req-" + std::to_string(++counter_);
    invocation.deadline_ms = clock_.NowUnixMs() + remaining_ms;
    invocation.body = std::move(body);
    return invocation;
  }

  FakeClock clock_{kNow};
  FakeNotifier notifier_;
  InvocationHandler handler_{notifier_, clock_};
  std::vector<std::string> log_;
  int counter_ = 0;
};

nlohmann::json Json(const std::string& text) { return nlohmann::json::parse(text); }

// A function URL event (Slack's button press) goes to the triage handler and is answered with an HTTP response
// object; without a triage handler it is a 404, and never a finding.
TEST_F(InvocationHandlerTest, AFunctionUrlEventIsAnsweredAsHttp) {
  const std::string url_event =
      R"({"version":"2.0","requestContext":{"http":{"method":"POST"}},"headers":{},"body":"payload=%7B%7D"})";
  InvocationResult none = handler_.Handle(Make(url_event));
  ASSERT_TRUE(none.ok);
  EXPECT_EQ(Json(none.response_body)["statusCode"], 404);

  class NoArchiver : public FindingArchiver {
    Status SetArchived(const std::string&, const std::string&, bool, int64_t) override { return Status::Ok(); }
  } archiver;
  MemoryTriageStore store;
  FakeHttpClient http;
  TriageSettings settings;
  settings.signing_secret = Secret("0123456789abcdef0123456789abcdef");
  TriageHandler triage(settings, store, archiver, nullptr, http, clock_);
  HandlerOptions options;
  options.triage = &triage;
  InvocationHandler with_triage(notifier_, clock_, options);
  InvocationResult unsigned_request = with_triage.Handle(Make(url_event));
  ASSERT_TRUE(unsigned_request.ok);
  EXPECT_EQ(Json(unsigned_request.response_body)["statusCode"], 401);
  EXPECT_TRUE(Json(unsigned_request.response_body)["body"].is_string());
  EXPECT_TRUE(notifier_.calls().empty());
  // A finding event still goes to the pipeline.
  ASSERT_TRUE(with_triage.Handle(Make(FindingEvent("e-1", "f1"))).ok);
  EXPECT_EQ(notifier_.calls().size(), 1u);
}

TEST_F(InvocationHandlerTest, DirectEventIsDelivered) {
  InvocationResult result = handler_.Handle(Make(FindingEvent("e-1", "f1")));
  ASSERT_TRUE(result.ok) << result.error_type << " " << result.error_message;
  EXPECT_EQ(Json(result.response_body), Json(R"({"delivered":1,"skipped":0,"acknowledged":0})"));
  ASSERT_EQ(notifier_.calls().size(), 1u);
  EXPECT_EQ(notifier_.calls()[0].finding_id, "f1");
}

TEST_F(InvocationHandlerTest, DuplicateEventIsNotifiedOnce) {
  const std::string event = FindingEvent("e-1", "f1");
  ASSERT_TRUE(handler_.Handle(Make(event)).ok);
  InvocationResult again = handler_.Handle(Make(event));
  ASSERT_TRUE(again.ok);
  EXPECT_EQ(Json(again.response_body), Json(R"({"delivered":0,"skipped":1,"acknowledged":0})"));
  EXPECT_EQ(notifier_.calls().size(), 1u);
}

TEST_F(InvocationHandlerTest, UpdatedFindingIsPostedAgain) {
  ASSERT_TRUE(handler_.Handle(Make(FindingEvent("e-1", "f1", "2025-01-01T00:00:00.000Z"))).ok);
  ASSERT_TRUE(handler_.Handle(Make(FindingEvent("e-2", "f1", "2025-01-02T00:00:00.000Z"))).ok);
  EXPECT_EQ(notifier_.calls().size(), 2u);
}

TEST_F(InvocationHandlerTest, FailedFindingIsNotRememberedAsDelivered) {
  const std::string event = FindingEvent("e-1", "f1");
  notifier_.FailFor("f1", Status(Code::kUnavailable, "Slack answered HTTP 500"));
  EXPECT_FALSE(handler_.Handle(Make(event)).ok);
  notifier_.Succeed("f1");
  EXPECT_TRUE(handler_.Handle(Make(event)).ok);
  EXPECT_EQ(notifier_.calls().size(), 2u);
}

TEST_F(InvocationHandlerTest, DeliveryFailureIsFunctionDeliveryFailed) {
  notifier_.FailFor("f1", Status(Code::kNotFound, "Slack answered HTTP 404 no_service: the webhook was revoked"));
  InvocationResult result = handler_.Handle(Make(FindingEvent("e-1", "f1")));
  ASSERT_FALSE(result.ok);
  EXPECT_EQ(result.error_type, "Function.DeliveryFailed");
  EXPECT_EQ(result.error_message,
            "1 of 1 findings not delivered; first: f1: NotFound: Slack answered HTTP 404 no_service: the webhook "
            "was revoked");
}

TEST_F(InvocationHandlerTest, MalformedEventIsFunctionInvalidEvent) {
  InvocationResult result = handler_.Handle(Make("{\"detail\": "));
  ASSERT_FALSE(result.ok);
  EXPECT_EQ(result.error_type, "Function.InvalidEvent");
  EXPECT_EQ(result.error_message, "invalid event: event is not valid JSON");
  EXPECT_TRUE(notifier_.calls().empty());
}

TEST_F(InvocationHandlerTest, NonGuardDutyEventIsFunctionInvalidEvent) {
  InvocationResult result = handler_.Handle(Make(NonGuardDutyEvent()));
  ASSERT_FALSE(result.ok);
  EXPECT_EQ(result.error_type, "Function.InvalidEvent");
  EXPECT_NE(result.error_message.find("record 1"), std::string::npos) << result.error_message;
  EXPECT_TRUE(notifier_.calls().empty());
}

TEST_F(InvocationHandlerTest, OtherGuardDutyDetailTypeIsAcknowledgedNotPosted) {
  InvocationResult result = handler_.Handle(Make(OtherGuardDutyEvent("e-9")));
  ASSERT_TRUE(result.ok) << result.error_message;
  EXPECT_EQ(Json(result.response_body), Json(R"({"delivered":0,"skipped":0,"acknowledged":1})"));
  EXPECT_TRUE(notifier_.calls().empty());
}

TEST_F(InvocationHandlerTest, SqsBatchListsExactlyTheFailingRecord) {
  notifier_.FailFor("f2", Status(Code::kUnavailable, "Slack answered HTTP 500"));
  InvocationResult result = handler_.Handle(Make(SqsBatch(
      {{"m-1", FindingEvent("e-1", "f1")}, {"m-2", FindingEvent("e-2", "f2")}, {"m-3", FindingEvent("e-3", "f3")}})));
  ASSERT_TRUE(result.ok) << result.error_message;
  EXPECT_EQ(Json(result.response_body), Json(R"({"batchItemFailures":[{"itemIdentifier":"m-2"}]})"));
  EXPECT_EQ(notifier_.calls().size(), 3u);
}

TEST_F(InvocationHandlerTest, FifoBatchStopsAtFirstFailureAndReportsTheRest) {
  notifier_.FailFor("f2", Status(Code::kUnavailable, "Slack answered HTTP 500"));
  InvocationResult result = handler_.Handle(Make(SqsBatch(
      {{"m-1", FindingEvent("e-1", "f1")}, {"m-2", FindingEvent("e-2", "f2")}, {"m-3", FindingEvent("e-3", "f3")}},
      "arn:aws:sqs:us-east-1:123456789012:gd.fifo")));
  ASSERT_TRUE(result.ok) << result.error_message;
  EXPECT_EQ(Json(result.response_body),
            Json(R"({"batchItemFailures":[{"itemIdentifier":"m-2"},{"itemIdentifier":"m-3"}]})"));
  EXPECT_EQ(notifier_.calls().size(), 2u) << "f3 must not be posted ahead of f2";
}

TEST_F(InvocationHandlerTest, SqsBatchAllGoodHasEmptyFailures) {
  InvocationResult result =
      handler_.Handle(Make(SqsBatch({{"m-1", FindingEvent("e-1", "f1")}, {"m-2", OtherGuardDutyEvent("e-2")}})));
  ASSERT_TRUE(result.ok);
  EXPECT_EQ(Json(result.response_body), Json(R"({"batchItemFailures":[]})"));
}

TEST_F(InvocationHandlerTest, SqsBatchListsInvalidRecords) {
  InvocationResult result = handler_.Handle(
      Make(SqsBatch({{"m-1", "not json"}, {"m-2", FindingEvent("e-2", "f2")}, {"m-3", NonGuardDutyEvent()}})));
  ASSERT_TRUE(result.ok);
  EXPECT_EQ(Json(result.response_body),
            Json(R"({"batchItemFailures":[{"itemIdentifier":"m-1"},{"itemIdentifier":"m-3"}]})"));
  EXPECT_EQ(notifier_.calls().size(), 1u);
}

TEST_F(InvocationHandlerTest, SqsBatchWhereEveryRecordFailedIsAnError) {
  // A success listing every record would make Lambda delete them all when the event source mapping lacks
  // ReportBatchItemFailures; an error keeps them in the queue either way.
  notifier_.FailFor("f1", Status(Code::kUnavailable, "Slack answered HTTP 500"));
  notifier_.FailFor("f2", Status(Code::kUnavailable, "Slack answered HTTP 500"));
  InvocationResult result =
      handler_.Handle(Make(SqsBatch({{"m-1", FindingEvent("e-1", "f1")}, {"m-2", FindingEvent("e-2", "f2")}})));
  ASSERT_FALSE(result.ok) << result.response_body;
  EXPECT_EQ(result.error_type, "Function.DeliveryFailed");
  EXPECT_EQ(result.error_message.rfind("2 of 2 findings not delivered", 0), 0u) << result.error_message;
}

TEST_F(InvocationHandlerTest, SqsBatchOfOnlyInvalidRecordsIsAnError) {
  InvocationResult result = handler_.Handle(Make(SqsBatch({{"m-1", "not json"}, {"m-2", NonGuardDutyEvent()}})));
  ASSERT_FALSE(result.ok) << result.response_body;
  EXPECT_EQ(result.error_type, "Function.InvalidEvent");
  EXPECT_TRUE(notifier_.calls().empty());
}

TEST_F(InvocationHandlerTest, LoneSurrogateEscapeIsDeliveredInEveryShape) {
  // "\udc00" in the event text is the JSON escape \udc00: valid JSON grammar, not Unicode.
  std::string event = FindingEvent("e-1", "f1");
  const std::string needle = "\"id\":\"f1\"";
  ASSERT_NE(event.find(needle), std::string::npos);
  event.replace(event.find(needle), needle.size(), "\"id\":\"f1\",\"title\":\"x\\udc00y\\ud800\"");
  InvocationResult direct = handler_.Handle(Make(event));
  ASSERT_TRUE(direct.ok) << direct.error_type << " " << direct.error_message;
  EXPECT_EQ(Json(direct.response_body)["delivered"], 1);
  // SNS inside SQS: the escape sits in the innermost document, reached after two unwraps.
  nlohmann::json batch = Json(SqsBatch({{"m-2", "placeholder"}}));
  batch["Records"][0]["body"] = SnsNotification(event);
  InvocationHandler fresh(notifier_, clock_);  // a new sandbox: f1 is not yet delivered there
  InvocationResult nested = fresh.Handle(Make(batch.dump()));
  ASSERT_TRUE(nested.ok) << nested.error_message;
  EXPECT_EQ(Json(nested.response_body), Json(R"({"batchItemFailures":[]})"));
  ASSERT_EQ(notifier_.calls().size(), 2u);
  EXPECT_EQ(notifier_.calls()[1].finding_id, "f1");
}

TEST_F(InvocationHandlerTest, SqsFailureWithoutMessageIdFailsTheWholeBatch) {
  notifier_.FailFor("f1", Status(Code::kUnavailable, "Slack answered HTTP 500"));
  nlohmann::json batch = Json(SqsBatch({{"m-1", FindingEvent("e-1", "f1")}}));
  batch["Records"][0].erase("messageId");
  InvocationResult result = handler_.Handle(Make(batch.dump()));
  ASSERT_FALSE(result.ok);
  EXPECT_EQ(result.error_type, "Function.DeliveryFailed");
}

TEST_F(InvocationHandlerTest, SnsWrappedEventIsDelivered) {
  InvocationResult result = handler_.Handle(Make(SnsEvent({FindingEvent("e-1", "f1")})));
  ASSERT_TRUE(result.ok) << result.error_message;
  ASSERT_EQ(notifier_.calls().size(), 1u);
  EXPECT_EQ(notifier_.calls()[0].finding_id, "f1");
}

TEST_F(InvocationHandlerTest, SnsInsideSqsIsDelivered) {
  InvocationResult result = handler_.Handle(Make(SqsBatch({{"m-1", SnsNotification(FindingEvent("e-1", "f1"))}})));
  ASSERT_TRUE(result.ok);
  EXPECT_EQ(Json(result.response_body), Json(R"({"batchItemFailures":[]})"));
  ASSERT_EQ(notifier_.calls().size(), 1u);
  EXPECT_EQ(notifier_.calls()[0].finding_id, "f1");
}

TEST_F(InvocationHandlerTest, ThrowingNotifierBecomesHandlerCrashed) {
  notifier_.SetThrow(FakeNotifier::Throw::kStdException);
  InvocationResult result = handler_.Handle(Make(FindingEvent("e-1", "f1")));
  ASSERT_FALSE(result.ok);
  EXPECT_EQ(result.error_type, "Runtime.HandlerCrashed");
  EXPECT_TRUE(IsValidErrorType(result.error_type));

  notifier_.SetThrow(FakeNotifier::Throw::kOther);
  result = handler_.Handle(Make(FindingEvent("e-2", "f2")));
  ASSERT_FALSE(result.ok);
  EXPECT_EQ(result.error_type, "Runtime.HandlerCrashed");
}

TEST_F(InvocationHandlerTest, DeadlineMarginIsPassedToNotify) {
  Invocation invocation = Make(FindingEvent("e-1", "f1"), 10000);
  ASSERT_TRUE(handler_.Handle(invocation).ok);
  ASSERT_EQ(notifier_.calls().size(), 1u);
  EXPECT_EQ(notifier_.calls()[0].deadline_unix_ms, invocation.deadline_ms - 500);
}

TEST_F(InvocationHandlerTest, DeadlineMarginShrinksWhenTimeIsShort) {
  Invocation invocation = Make(FindingEvent("e-1", "f1"), 1000);
  ASSERT_TRUE(handler_.Handle(invocation).ok);
  ASSERT_EQ(notifier_.calls().size(), 1u);
  EXPECT_EQ(notifier_.calls()[0].deadline_unix_ms, invocation.deadline_ms - 250);
  EXPECT_EQ(handler_.NotifyDeadline(0, kNow), kNow + 30000);
}

TEST_F(InvocationHandlerTest, NoTimeLeftFailsWithoutPosting) {
  Invocation invocation = Make(FindingEvent("e-1", "f1"), 0);
  InvocationResult result = handler_.Handle(invocation);
  ASSERT_FALSE(result.ok);
  EXPECT_EQ(result.error_type, "Function.DeliveryFailed");
  EXPECT_EQ(result.error_message,
            "1 of 1 findings not delivered; first: f1: Timeout: no time left before the deadline");
  EXPECT_TRUE(notifier_.calls().empty());
}

TEST_F(InvocationHandlerTest, LogsOneLinePerFindingWithoutTheEvent) {
  notifier_.FailFor("f2", Status(Code::kUnavailable, "Slack answered HTTP 500"));
  ASSERT_TRUE(
      handler_.Handle(Make(SqsBatch({{"m-1", FindingEvent("e-1", "f1")}, {"m-2", FindingEvent("e-2", "f2")}}))).ok);
  std::vector<nlohmann::json> per_finding;
  for (const std::string& line : log_) {
    EXPECT_EQ(line.find("Unprotected port"), std::string::npos) << "event text leaked into the log: " << line;
    nlohmann::json parsed = Json(line);
    if (parsed.value("msg", "") == "finding handled") per_finding.push_back(parsed);
  }
  ASSERT_EQ(per_finding.size(), 2u);
  EXPECT_EQ(per_finding[0]["finding_id"], "f1");
  EXPECT_EQ(per_finding[0]["finding_type"], "Recon:EC2/PortProbeUnprotectedPort");
  EXPECT_EQ(per_finding[0]["account"], "123456789012");
  EXPECT_EQ(per_finding[0]["outcome"], "delivered");
  EXPECT_EQ(per_finding[0]["attempts"], 1);
  EXPECT_TRUE(per_finding[0].contains("severity"));
  EXPECT_TRUE(per_finding[0].contains("latency_ms"));
  EXPECT_EQ(per_finding[1]["finding_id"], "f2");
  EXPECT_EQ(per_finding[1]["outcome"], "failed");
}

}  // namespace
}  // namespace gdslack

namespace gdslack {
namespace {

// The handler with a routing pipeline: MIN_SEVERITY-style filter, one pipeline call per batch.
TEST(InvocationHandlerRoutingTest, FilteredFindingsAreAnsweredButNotSent) {
  FakeClock clock(kNow);
  FakeNotifier notifier;
  RoutingConfig config = DefaultRoutingConfig();
  config.filters.min_severity = 4.0;  // the fixture's findings are severity 5
  std::unique_ptr<DestinationSet> destinations = DestinationSet::Single(config, notifier);
  Pipeline pipeline(config, *destinations, nullptr, clock);
  InvocationHandler handler(pipeline, clock);
  std::string low = FindingEvent("e-2", "f2");
  const std::string severity = "\"severity\":";
  ASSERT_NE(low.find(severity), std::string::npos);
  low.replace(low.find(severity) + severity.size(), 1, "2");  // 5 -> 2: below the floor
  Invocation invocation;
  invocation.request_id = "req-r";
  invocation.deadline_ms = kNow + 10000;
  invocation.body = SqsBatch({{"m-1", FindingEvent("e-1", "f1")}, {"m-2", low}});
  InvocationResult result = handler.Handle(invocation);
  ASSERT_TRUE(result.ok) << result.error_message;
  EXPECT_EQ(nlohmann::json::parse(result.response_body), nlohmann::json::parse(R"({"batchItemFailures":[]})"));
  ASSERT_EQ(notifier.calls().size(), 1u);
  EXPECT_EQ(notifier.calls()[0].finding_id, "f1");
}

TEST_F(InvocationHandlerTest, ScheduledSummaryRunsTheJobAndAnswersWhatItPosted) {
  int64_t deadline_seen = 0;
  handler_.set_summary_job([&](int64_t deadline) {
    deadline_seen = deadline;
    SummaryRunOutcome run;
    run.posted = 2;
    run.unreadable = {"us-west-2"};
    return run;
  });
  InvocationResult result = handler_.Handle(Make(R"({"gdslack": "daily-summary"})", 60000));
  ASSERT_TRUE(result.ok) << result.error_type << " " << result.error_message;
  EXPECT_EQ(Json(result.response_body), Json(R"({"summaries_posted":2,"regions_not_read":["us-west-2"]})"));
  EXPECT_EQ(deadline_seen, kNow + 60000 - 500);
  EXPECT_TRUE(notifier_.calls().empty());  // a summary is no finding
}

TEST_F(InvocationHandlerTest, ASummaryNotPostedFailsTheInvocation) {
  handler_.set_summary_job([](int64_t) {
    SummaryRunOutcome run;
    run.posted = 1;
    run.failed = 1;
    run.first_failure = "payments: kUnavailable: HTTP 500";
    return run;
  });
  InvocationResult result =
      handler_.Handle(Make(R"({"detail-type": "Scheduled Event", "source": "aws.events", "detail": {}})"));
  ASSERT_FALSE(result.ok);
  EXPECT_EQ(result.error_type, "Function.DeliveryFailed");
  EXPECT_EQ(result.error_message, "1 of 2 summaries not delivered; first: payments: kUnavailable: HTTP 500");
}

TEST_F(InvocationHandlerTest, ScheduledSummaryWithoutOptedInDestinationsIsAcknowledged) {
  InvocationResult result = handler_.Handle(Make(R"({"gdslack": "daily-summary"})"));
  ASSERT_TRUE(result.ok);
  EXPECT_EQ(Json(result.response_body), Json(R"({"summaries_posted":0})"));
  ASSERT_FALSE(log_.empty());
  EXPECT_NE(log_.back().find("no destination has summary: daily"), std::string::npos) << log_.back();
}

}  // namespace
}  // namespace gdslack
