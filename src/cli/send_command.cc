#include "cli/send_command.h"

#include "app/slack_notifier.h"
#include "cli/cli_app.h"
#include "base/clock.h"
#include "http/curl_http_client.h"
#include "http/http_client.h"
#include "http/pacer.h"
#include "http/webhook_sender.h"

namespace gdslack {

int SendFindings(const std::vector<Finding>& findings, const SendOptions& options, AccountNameLookup* names,
                 std::ostream& err) {
  SystemClock& clock = SystemClock::Instance();
  RealSleeper& sleeper = RealSleeper::Instance();
  CurlHttpClient http;
  WebhookSender sender(http, clock, sleeper, options.webhook_url);
  RenderOptions render;
  render.format = options.format;
  SlackNotifier notifier(sender, names, clock, render);
  Pacer pacer(clock, sleeper, options.interval_ms);

  const bool show_progress = findings.size() > 1;
  std::size_t failed = 0;
  std::size_t done = 0;
  for (const Finding& f : findings) {
    pacer.Wait();
    NotifyOutcome outcome = notifier.Notify(f, clock.NowUnixMs() + options.per_finding_budget_ms);
    ++done;
    if (!outcome.status.ok()) {
      ++failed;
      err << "guardduty-slack: " << f.id << ": not delivered: " << outcome.status.message() << "\n";
    }
    if (show_progress) {
      err << "guardduty-slack: sent " << (done - failed) << "/" << findings.size();
      if (failed > 0) err << " (" << failed << " failed)";
      err << " to " << HostOf(options.webhook_url.Reveal()) << "\n";
    }
  }
  return failed == 0 ? kExitOk : kExitDeliveryFailed;
}

}  // namespace gdslack
