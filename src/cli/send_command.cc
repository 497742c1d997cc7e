#include "cli/send_command.h"

#include "app/delivery_setup.h"
#include "app/destination_set.h"
#include "app/pipeline.h"
#include "base/clock.h"
#include "base/log.h"
#include "cli/cli_app.h"

namespace gdslack {

int SendFindings(const std::vector<Finding>& findings, const SendOptions& options, CliServices& services,
                 std::ostream& err) {
  SystemClock& clock = SystemClock::Instance();
  RealSleeper& sleeper = RealSleeper::Instance();
  // The delivery layers log as they do in Lambda; on a terminal only warnings and errors show unless LOG_LEVEL
  // asks for more.
  SetLogLevel(LogLevelNamed(EnvOr(services.env, "LOG_LEVEL", "warn"), LogLevel::kWarn));
  Result<RoutingConfig> config = services.Routing(options.config_flag);
  if (!config) {
    err << "guardduty-slack: " << config.error().message() << "\n";
    return kExitBadInput;
  }
  if (options.interval_ms) {
    // "Minimum time between posts": strict spacing, no burst.
    for (auto& [name, d] : config->destinations) {
      d.pace_interval_ms = *options.interval_ms;
      d.pace_burst = 1;
    }
  }
  AccountNameLookup* names = services.Names(err);
  DestinationServices ds;
  ds.env = services.env;
  ds.aws = services.Aws();
  ds.slack_http = &services.slack_http;
  ds.aws_http = &services.http;
  ds.clock = &clock;
  ds.sleeper = &sleeper;
  ds.names = names;
  ds.render.format = options.format;
  ds.deadline_unix_ms = clock.NowUnixMs() + kCliAwsBudgetMs;
  ds.environment_webhook = [&]() -> Result<Secret> {
    if (!options.webhook_url) return services.Webhook();
    Status valid = ValidateWebhookUrl(*options.webhook_url);
    if (!valid.ok()) return valid;
    return *options.webhook_url;
  };
  // The factory Lambda's init uses: STATE_TABLE (so a replay does not re-post what Lambda posted), update
  // policies, the Slack bot token (app mode), webhooks and SNS, exactly as configured for the function.
  Result<std::unique_ptr<DeliverySetup>> delivery = BuildDelivery(*config, ds);
  if (!delivery) {
    err << "guardduty-slack: " << delivery.error().message() << "\n";
    return kExitBadInput;
  }
  PipelineOptions pipeline_options;
  pipeline_options.per_send_budget_ms = options.per_send_budget_ms;
  Pipeline pipeline(*config, *(*delivery)->destinations, names, clock, pipeline_options);

  const bool show_progress = findings.size() > 1;
  std::size_t sent = 0;
  std::size_t failed = 0;
  pipeline.on_send = [&](const std::string& destination, const std::string& where, std::size_t n, bool ok) {
    (ok ? sent : failed) += n;
    if (!show_progress) return;
    err << "guardduty-slack: sent " << sent << "/" << findings.size();
    if (failed > 0) err << " (" << failed << " failed)";
    err << " to " << (where.empty() ? destination : where) << "\n";
  };
  // The CLI has no overall deadline: each message has its own budget (per_send_budget_ms).
  const std::vector<FindingResult> results = pipeline.Process(findings, std::numeric_limits<int64_t>::max() / 2);
  bool any_failed = false;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const FindingResult& r = results[i];
    if (r.outcome == FindingResult::Outcome::kFailed) {
      any_failed = true;
      err << "guardduty-slack: " << findings[i].id << ": not delivered: " << r.status.message() << "\n";
    } else if (r.outcome != FindingResult::Outcome::kDelivered) {
      err << "guardduty-slack: " << findings[i].id << ": not sent (" << OutcomeName(r.outcome) << "): " << r.reason
          << "\n";
    }
  }
  return any_failed ? kExitDeliveryFailed : kExitOk;
}

}  // namespace gdslack
