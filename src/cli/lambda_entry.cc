#include "cli/lambda_entry.h"

#include "app/configuration.h"
#include "app/delivery_wiring.h"
#include "base/log.h"
#include "http/curl_http_client.h"
#include "lambda/runtime_loop.h"

namespace gdslack {
namespace {

// Lambda gives init 10 s; reading the webhook secret gets a slice of it, so an unreachable SSM endpoint
// still leaves time to post /runtime/init/error.
constexpr int64_t kInitBudgetMs = 5000;

LogLevel LevelFromEnv(const EnvLookup& env) {
  const std::string level = EnvOr(env, "LOG_LEVEL", "info");
  if (level == "debug") return LogLevel::kDebug;
  if (level == "warn") return LogLevel::kWarn;
  if (level == "error") return LogLevel::kError;
  return LogLevel::kInfo;
}

}  // namespace

int RunLambdaFromEnvironment(const EnvLookup& env) {
  SetLogLevel(LevelFromEnv(env));
  SystemClock& clock = SystemClock::Instance();
  RealSleeper& sleeper = RealSleeper::Instance();
  const std::string runtime_api = EnvOr(env, "AWS_LAMBDA_RUNTIME_API", "");

  // One client (one kept-alive connection) per peer: the Runtime API, Slack, and AWS APIs.
  CurlHttpClient runtime_http;
  CurlHttpClient slack_http;
  CurlHttpClient aws_http;

  const int64_t init_deadline = clock.NowUnixMs() + kInitBudgetMs;
  Result<AwsAccess> aws = ResolveAwsAccess(env, RunMode::kLambda, aws_http, clock, sleeper, init_deadline);
  AwsAccess* access = aws ? &*aws : nullptr;
  Result<std::unique_ptr<AccountNameLookup>> names = BuildAccountNameLookup(env, access, aws_http, clock, sleeper);
  if (!names) return RunLambda(runtime_api, runtime_http, names.error());

  // Webhook or Slack app, with the state table when configured (app/delivery_wiring.h, issue 10).
  Result<std::unique_ptr<Notifier>> notifier =
      BuildNotifierFromEnvironment(env, access, slack_http, aws_http, clock, sleeper, names->get(), init_deadline);
  if (!notifier) return RunLambda(runtime_api, runtime_http, notifier.error());
  return RunLambda(runtime_api, runtime_http, **notifier);
}

}  // namespace gdslack
