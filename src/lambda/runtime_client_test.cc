#include "lambda/runtime_client.h"

#include <cstdlib>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/fake_clock.h"
#include "base/log.h"
#include "http/fake_http_client.h"

namespace gdslack {
namespace {

constexpr const char* kApi = "127.0.0.1:9001";
constexpr const char* kBase = "http://127.0.0.1:9001/2018-06-01";

// Keeps the retry warnings out of the test output.
class RuntimeClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetLogSink([](const std::string&) {});
  }
  void TearDown() override { SetLogSink(nullptr); }
};

HttpHeaders NextHeaders(const std::string& request_id) {
  return {{"Lambda-Runtime-Aws-Request-Id", request_id},
          {"lambda-runtime-deadline-ms", "1700000003000"},
          {"Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:gd"},
          {"Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"}};
}

std::string HeaderOf(const HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return "";
}

TEST_F(RuntimeClientTest, NextParsesHeadersAndSetsTraceEnv) {
  FakeHttpClient http;
  FakeClock clock;
  http.Push(200, R"({"source":"aws.guardduty"})", NextHeaders("req-1"));
  RuntimeClient client(http, kApi, clock);

  Result<Invocation> invocation = client.Next();
  ASSERT_TRUE(invocation.has_value()) << invocation.error().ToString();
  EXPECT_EQ(invocation->request_id, "req-1");
  EXPECT_EQ(invocation->deadline_ms, 1700000003000);
  EXPECT_EQ(invocation->invoked_function_arn, "arn:aws:lambda:us-east-1:123456789012:function:gd");
  EXPECT_EQ(invocation->trace_id, "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
  EXPECT_EQ(invocation->body, R"({"source":"aws.guardduty"})");
  ASSERT_NE(std::getenv("_X_AMZN_TRACE_ID"), nullptr);
  EXPECT_EQ(std::string(std::getenv("_X_AMZN_TRACE_ID")), invocation->trace_id);

  ASSERT_EQ(http.requests().size(), 1u);
  EXPECT_EQ(http.requests()[0].method, "GET");
  EXPECT_EQ(http.requests()[0].url, std::string(kBase) + "/runtime/invocation/next");
  EXPECT_EQ(http.requests()[0].timeout_ms, 0) << "/next must never time out (frozen sandbox)";
}

TEST_F(RuntimeClientTest, NextWithoutTraceIdClearsStaleTraceEnv) {
  FakeHttpClient http;
  FakeClock clock;
  setenv("_X_AMZN_TRACE_ID", "Root=stale", 1);
  http.Push(200, "{}", {{"Lambda-Runtime-Aws-Request-Id", "req-2"}});
  RuntimeClient client(http, kApi, clock);
  Result<Invocation> invocation = client.Next();
  ASSERT_TRUE(invocation.has_value());
  EXPECT_EQ(invocation->deadline_ms, 0);
  EXPECT_EQ(std::getenv("_X_AMZN_TRACE_ID"), nullptr);
}

TEST_F(RuntimeClientTest, NextRetriesWithBackoffThenSucceeds) {
  FakeHttpClient http;
  FakeClock clock;
  http.PushError(Status(Code::kUnavailable, "connection refused"));
  http.Push(500, "");
  http.Push(200, "{}", NextHeaders("req-3"));
  // The top of each full-jitter range: 100 ms, then 200 ms (NextRetryPolicy).
  RuntimeClient client(http, kApi, clock, {}, [] { return 1.0; });
  Result<Invocation> invocation = client.Next();
  ASSERT_TRUE(invocation.has_value());
  EXPECT_EQ(invocation->request_id, "req-3");
  EXPECT_EQ(http.requests().size(), 3u);
  EXPECT_EQ(clock.total_slept_ms(), 100 + 200);
}

TEST_F(RuntimeClientTest, NextGivesUpAfterAttempts) {
  FakeHttpClient http;
  FakeClock clock;
  for (int i = 0; i < 3; ++i) http.PushError(Status(Code::kUnavailable, "connection refused"));
  RuntimeClient client(http, kApi, clock);
  Result<Invocation> invocation = client.Next();
  ASSERT_FALSE(invocation.has_value());
  EXPECT_EQ(invocation.error().ToString(), "Unavailable: runtime API /next: connection refused");
  EXPECT_EQ(http.requests().size(), 3u);
}

TEST_F(RuntimeClientTest, NextWithoutRequestIdIsAnError) {
  FakeHttpClient http;
  FakeClock clock;
  RuntimeClientOptions options;
  options.next.max_attempts = 1;
  http.Push(200, "{}");
  RuntimeClient client(http, kApi, clock, options);
  Result<Invocation> invocation = client.Next();
  ASSERT_FALSE(invocation.has_value());
  EXPECT_EQ(invocation.error().ToString(), "Internal: runtime API /next answered without a request id");
}

TEST_F(RuntimeClientTest, PostResponseSendsBodyToResponsePath) {
  FakeHttpClient http;
  FakeClock clock;
  http.Push(202, R"({"status":"OK"})");
  RuntimeClient client(http, kApi, clock);
  Status status = client.PostResponse("req-1", R"({"delivered":1})");
  EXPECT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(http.requests().size(), 1u);
  const HttpRequest& request = http.requests()[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, std::string(kBase) + "/runtime/invocation/req-1/response");
  EXPECT_EQ(request.body, R"({"delivered":1})");
  EXPECT_GT(request.timeout_ms, 0);
}

TEST_F(RuntimeClientTest, PostResponseRejectedIsAnError) {
  FakeHttpClient http;
  FakeClock clock;
  http.Push(403, R"({"errorType":"InvalidStateTransition"})");
  RuntimeClient client(http, kApi, clock);
  EXPECT_EQ(client.PostResponse("req-1", "{}").ToString(), "Internal: runtime API response post answered HTTP 403");
}

TEST_F(RuntimeClientTest, PostErrorSendsTypeHeaderAndJsonBody) {
  FakeHttpClient http;
  FakeClock clock;
  http.Push(202, "");
  RuntimeClient client(http, kApi, clock);
  Status status = client.PostError("req-9", "Function.DeliveryFailed", "1 of 1 findings not delivered");
  EXPECT_TRUE(status.ok()) << status.ToString();
  const HttpRequest& request = http.requests().at(0);
  EXPECT_EQ(request.url, std::string(kBase) + "/runtime/invocation/req-9/error");
  EXPECT_EQ(HeaderOf(request, "Lambda-Runtime-Function-Error-Type"), "Function.DeliveryFailed");
  EXPECT_EQ(nlohmann::json::parse(request.body), nlohmann::json({{"errorMessage", "1 of 1 findings not delivered"},
                                                                 {"errorType", "Function.DeliveryFailed"}}));
}

TEST_F(RuntimeClientTest, PostErrorWithBadTypeSendsRuntimeUnknown) {
  FakeHttpClient http;
  FakeClock clock;
  http.Push(202, "");
  RuntimeClient client(http, kApi, clock);
  EXPECT_TRUE(client.PostError("req-9", "DeliveryFailed", "x").ok());
  const HttpRequest& request = http.requests().at(0);
  EXPECT_EQ(HeaderOf(request, "Lambda-Runtime-Function-Error-Type"), "Runtime.Unknown");
  EXPECT_EQ(nlohmann::json::parse(request.body)["errorType"], "Runtime.Unknown");
}

TEST_F(RuntimeClientTest, PostErrorKeepsInvalidUtf8FromThrowing) {
  FakeHttpClient http;
  FakeClock clock;
  http.Push(202, "");
  RuntimeClient client(http, kApi, clock);
  EXPECT_TRUE(client.PostError("req-9", "Function.InvalidEvent", "bad \xff byte").ok());
  EXPECT_EQ(nlohmann::json::parse(http.requests().at(0).body)["errorMessage"], "bad \xEF\xBF\xBD byte");
}

TEST_F(RuntimeClientTest, PostInitErrorUsesInitPath) {
  FakeHttpClient http;
  FakeClock clock;
  http.Push(202, "");
  RuntimeClient client(http, kApi, clock);
  EXPECT_TRUE(client.PostInitError("Runtime.ConfigError", "Config: SLACK_URL is not set").ok());
  const HttpRequest& request = http.requests().at(0);
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, std::string(kBase) + "/runtime/init/error");
  EXPECT_EQ(HeaderOf(request, "Lambda-Runtime-Function-Error-Type"), "Runtime.ConfigError");
  EXPECT_EQ(nlohmann::json::parse(request.body),
            nlohmann::json({{"errorMessage", "Config: SLACK_URL is not set"}, {"errorType", "Runtime.ConfigError"}}));
}

TEST_F(RuntimeClientTest, PostTransportFailureIsAnError) {
  FakeHttpClient http;
  FakeClock clock;
  http.PushError(Status(Code::kUnavailable, "connection reset"));
  RuntimeClient client(http, kApi, clock);
  EXPECT_EQ(client.PostResponse("req-1", "{}").ToString(), "Unavailable: runtime API response post: connection reset");
}

TEST_F(RuntimeClientTest, ErrorTypeNamesMatchLambdaPattern) {
  EXPECT_TRUE(IsValidErrorType("Function.DeliveryFailed"));
  EXPECT_TRUE(IsValidErrorType("Runtime.Unknown"));
  EXPECT_FALSE(IsValidErrorType("Function."));
  EXPECT_FALSE(IsValidErrorType("Function.deliveryFailed"));
  EXPECT_FALSE(IsValidErrorType("Function.Delivery_Failed"));
  EXPECT_FALSE(IsValidErrorType("Handler.Crashed"));
  EXPECT_FALSE(IsValidErrorType(""));
  for (std::string_view type :
       {kErrorDeliveryFailed, kErrorInvalidEvent, kErrorHandlerCrashed, kErrorConfig, kErrorInit, kErrorUnknown}) {
    EXPECT_TRUE(IsValidErrorType(type)) << type;
  }
}

}  // namespace
}  // namespace gdslack
