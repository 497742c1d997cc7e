#include "lambda/lambda_entry.h"

#include "app/configuration.h"
#include "app/delivery_setup.h"
#include "app/pipeline.h"
#include "app/routing_setup.h"
#include "app/summary_run.h"
#include "app/triage_setup.h"
#include "base/log.h"
#include "http/curl_http_client.h"
#include "lambda/runtime_loop.h"
#include "triage/triage_handler.h"

namespace gdslack {
namespace {

// Lambda gives init 10 s; reading the webhook secret gets a slice of it, so an unreachable SSM endpoint
// still leaves time to post /runtime/init/error.
constexpr int64_t kInitBudgetMs = 5000;

}  // namespace

int RunLambdaFromEnvironment(const EnvLookup& env) {
  SetLogLevel(LogLevelNamed(EnvOr(env, "LOG_LEVEL", "info"), LogLevel::kInfo));
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
  // The routing configuration is read once per sandbox; an invalid one stops init (never a silent default).
  Result<RoutingConfig> config =
      LoadRoutingConfiguration(env, RunMode::kLambda, "", access, aws_http, clock, sleeper, init_deadline);
  if (!config) {
    return RunLambda(runtime_api, runtime_http, config.error(), {},
                     config.error().code() == Code::kConfig ? kErrorInvalidConfiguration : std::string_view());
  }
  Log(LogLevel::kInfo, "routing configuration loaded", {{"source", config->source}});
  Result<std::unique_ptr<AccountNameLookup>> names = BuildAccountNameLookup(env, access, aws_http, clock, sleeper);
  if (!names) return RunLambda(runtime_api, runtime_http, names.error());

  // Webhooks, SNS topics or the Slack app, each under the state decorator (STATE_TABLE, update policies).
  DestinationServices services;
  services.env = env;
  services.aws = access;
  services.slack_http = &slack_http;
  services.aws_http = &aws_http;
  services.clock = &clock;
  services.sleeper = &sleeper;
  services.names = names->get();
  services.deadline_unix_ms = init_deadline;
  services.environment_webhook = [&] {
    return ResolveWebhookUrl(env, access, aws_http, clock, sleeper, init_deadline);
  };
  // Triage from Slack is on when someone may act: messages get the buttons, the pipeline honours its mutes.
  Result<std::set<std::string>> triage_users = TriageAllowedUsers(*config, env);
  if (!triage_users) return RunLambda(runtime_api, runtime_http, triage_users.error());
  services.triage_buttons = !triage_users->empty();
  Result<std::unique_ptr<DeliverySetup>> delivery = BuildDelivery(*config, services);
  if (!delivery) return RunLambda(runtime_api, runtime_http, delivery.error());
  // The interactivity endpoint, where a signing secret is configured (the template's triage function).
  Result<std::unique_ptr<TriageEndpoint>> triage = BuildTriageEndpoint(*config, services);
  if (!triage) return RunLambda(runtime_api, runtime_http, triage.error());

  PipelineOptions pipeline_options;
  pipeline_options.triage = (*delivery)->triage.get();  // the mutes taken from Slack, when triage is on
  Pipeline pipeline(*config, *(*delivery)->destinations, names->get(), clock, pipeline_options);
  LambdaOptions options;
  options.handler.triage = *triage ? (*triage)->handler.get() : nullptr;
  if (WantsDailySummary(*config)) {
    // Regions are settled at init, so that a bad SUMMARY_REGIONS stops init instead of failing at 08:00.
    Result<std::vector<std::string>> regions = SummaryRegions(*config, env, access != nullptr ? access->region : "");
    if (!regions) return RunLambda(runtime_api, runtime_http, regions.error(), {}, kErrorInvalidConfiguration);
    SummaryRunServices summary;
    summary.env = env;
    summary.aws = access;
    summary.aws_http = &aws_http;
    summary.clock = &clock;
    summary.sleeper = &sleeper;
    summary.names = names->get();
    summary.triage = (*delivery)->triage.get();  // acknowledgements and "mute similar" taken from Slack
    options.summary_job = [&config, regions = *regions, &delivery, summary](int64_t deadline) {
      return RunDailySummaries(*config, regions, *(*delivery)->destinations, summary, deadline);
    };
  }
  return RunLambda(runtime_api, runtime_http, pipeline, options);
}

}  // namespace gdslack
