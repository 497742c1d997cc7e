#include "lambda/init_boundary.h"

#include <gtest/gtest.h>

#include <new>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "base/log.h"
#include "http/fake_http_client.h"

namespace gdslack {
namespace {

constexpr const char* kApi = "127.0.0.1:9001";

class InitBoundaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetLogSink([](const std::string&) {});
  }
  void TearDown() override { SetLogSink(nullptr); }

  // The one /runtime/init/error the boundary posted: {errorType, errorMessage}.
  nlohmann::json PostedInitError() {
    EXPECT_EQ(http_.requests().size(), 1u);
    if (http_.requests().empty()) return {};
    const HttpRequest& request = http_.requests()[0];
    EXPECT_EQ(request.url, "http://127.0.0.1:9001/2018-06-01/runtime/init/error");
    return nlohmann::json::parse(request.body, nullptr, false);
  }

  FakeHttpClient http_;
};

TEST_F(InitBoundaryTest, ExceptionDuringInitPostsInitErrorAndExitsNonZero) {
  http_.Push(202, "");
  const int code = RunLambdaGuarded(kApi, http_, []() -> int {
    throw std::runtime_error("secret-looking what() text https://hooks.slack.com/services/T/B/X");
  });
  EXPECT_NE(code, 0);
  const nlohmann::json posted = PostedInitError();
  EXPECT_EQ(posted["errorType"], "Runtime.InitError");
  const std::string message = posted["errorMessage"];
  EXPECT_NE(message.find("internal error during initialization"), std::string::npos) << message;
  EXPECT_EQ(message.find("hooks.slack.com"), std::string::npos) << "what() must not be echoed: " << message;
}

TEST_F(InitBoundaryTest, OutOfMemoryIsSaidTruthfully) {
  http_.Push(202, "");
  EXPECT_NE(RunLambdaGuarded(kApi, http_, []() -> int { throw std::bad_alloc(); }), 0);
  EXPECT_NE(std::string(PostedInitError()["errorMessage"]).find("out of memory"), std::string::npos);
}

TEST_F(InitBoundaryTest, NonStandardExceptionToo) {
  http_.Push(202, "");
  EXPECT_NE(RunLambdaGuarded(kApi, http_, []() -> int { throw 42; }), 0);
  EXPECT_EQ(PostedInitError()["errorType"], "Runtime.InitError");
}

TEST_F(InitBoundaryTest, NormalExitCodePassesThroughWithoutPosting) {
  EXPECT_EQ(RunLambdaGuarded(kApi, http_, [] { return 0; }), 0);
  EXPECT_EQ(RunLambdaGuarded(kApi, http_, [] { return 1; }), 1);
  EXPECT_TRUE(http_.requests().empty());
}

}  // namespace
}  // namespace gdslack
