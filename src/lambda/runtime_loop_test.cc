#include "lambda/runtime_loop.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/fake_clock.h"
#include "base/log.h"
#include "http/fake_http_client.h"
#include "lambda/fake_notifier.h"
#include "lambda/test_events.h"

namespace gdslack {
namespace {

using test_events::FindingEvent;

constexpr const char* kApi = "127.0.0.1:9001";
constexpr const char* kBase = "http://127.0.0.1:9001/2018-06-01";
constexpr int64_t kNow = 1700000000000;

class RuntimeLoopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetLogSink([](const std::string&) {});
  }
  void TearDown() override { SetLogSink(nullptr); }

  void PushEvent(const std::string& request_id, const std::string& body) {
    http_.Push(200, body,
               {{"Lambda-Runtime-Aws-Request-Id", request_id},
                {"Lambda-Runtime-Deadline-Ms", std::to_string(kNow + 3000)},
                {"Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000"}});
  }
  void PushNextFailures() {
    for (int i = 0; i < 3; ++i) http_.PushError(Status(Code::kUnavailable, "connection refused"));
  }
  LambdaOptions Options() {
    LambdaOptions options;
    options.clock = &clock_;
    options.sleeper = &clock_;
    return options;
  }

  FakeHttpClient http_;
  FakeClock clock_{kNow};
  FakeNotifier notifier_;
};

std::string HeaderOf(const HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return "";
}

TEST_F(RuntimeLoopTest, AnswersEachInvocationThenExitsWhenNextGivesUp) {
  PushEvent("req-1", FindingEvent("e-1", "f1"));
  http_.Push(202, "");
  PushEvent("req-2", "not json");
  http_.Push(202, "");
  PushNextFailures();

  EXPECT_EQ(RunLambda(kApi, http_, notifier_, Options()), 1);

  const auto& requests = http_.requests();
  ASSERT_EQ(requests.size(), 7u);
  EXPECT_EQ(requests[1].url, std::string(kBase) + "/runtime/invocation/req-1/response");
  EXPECT_EQ(nlohmann::json::parse(requests[1].body)["delivered"], 1);
  EXPECT_EQ(requests[3].url, std::string(kBase) + "/runtime/invocation/req-2/error");
  EXPECT_EQ(HeaderOf(requests[3], "Lambda-Runtime-Function-Error-Type"), "Function.InvalidEvent");
  EXPECT_EQ(notifier_.calls().size(), 1u);
  EXPECT_EQ(notifier_.calls()[0].deadline_unix_ms, kNow + 3000 - 500);
}

TEST_F(RuntimeLoopTest, ThrowingNotifierPostsErrorAndLoopContinues) {
  notifier_.SetThrow(FakeNotifier::Throw::kStdException);
  PushEvent("req-1", FindingEvent("e-1", "f1"));
  http_.Push(202, "");
  PushEvent("req-2", FindingEvent("e-2", "f2"));
  http_.Push(202, "");
  PushNextFailures();

  EXPECT_EQ(RunLambda(kApi, http_, notifier_, Options()), 1);
  const auto& requests = http_.requests();
  ASSERT_EQ(requests.size(), 7u);
  EXPECT_EQ(requests[1].url, std::string(kBase) + "/runtime/invocation/req-1/error");
  EXPECT_EQ(HeaderOf(requests[1], "Lambda-Runtime-Function-Error-Type"), "Runtime.HandlerCrashed");
  EXPECT_EQ(requests[3].url, std::string(kBase) + "/runtime/invocation/req-2/error");
  EXPECT_EQ(notifier_.calls().size(), 2u);
}

TEST_F(RuntimeLoopTest, RejectedPostIsLoggedAndLoopContinues) {
  PushEvent("req-1", FindingEvent("e-1", "f1"));
  http_.Push(413, "");
  PushEvent("req-2", FindingEvent("e-2", "f2"));
  http_.Push(202, "");
  LambdaOptions options = Options();
  options.loop.max_invocations = 2;
  EXPECT_EQ(RunLambda(kApi, http_, notifier_, options), 0);
  EXPECT_EQ(http_.requests().size(), 4u);
  EXPECT_EQ(http_.remaining(), 0u);
}

TEST_F(RuntimeLoopTest, MaxInvocationsStopsTheLoop) {
  PushEvent("req-1", FindingEvent("e-1", "f1"));
  http_.Push(202, "");
  RuntimeClient client(http_, kApi, clock_);
  InvocationHandler handler(notifier_, clock_);
  LoopOptions options;
  options.max_invocations = 1;
  EXPECT_TRUE(RunLoop(client, handler, options).ok());
  EXPECT_EQ(http_.requests().size(), 2u);
}

TEST_F(RuntimeLoopTest, InitErrorIsPostedAndExitIsNonZero) {
  http_.Push(202, "");
  EXPECT_EQ(RunLambda(kApi, http_, Status(Code::kConfig, "SLACK_URL is not set"), Options()), 1);
  ASSERT_EQ(http_.requests().size(), 1u);
  const HttpRequest& request = http_.requests()[0];
  EXPECT_EQ(request.url, std::string(kBase) + "/runtime/init/error");
  EXPECT_EQ(HeaderOf(request, "Lambda-Runtime-Function-Error-Type"), "Runtime.ConfigError");
  EXPECT_EQ(nlohmann::json::parse(request.body),
            nlohmann::json({{"errorMessage", "Config: SLACK_URL is not set"}, {"errorType", "Runtime.ConfigError"}}));
}

TEST_F(RuntimeLoopTest, InitErrorTypes) {
  EXPECT_EQ(InitErrorType(Code::kConfig), "Runtime.ConfigError");
  EXPECT_EQ(InitErrorType(Code::kPermissionDenied), "Runtime.InitError");
}

}  // namespace
}  // namespace gdslack
