#include "app/slack_notifier.h"

#include "base/clock.h"
#include "base/log.h"
#include "http/webhook_sender.h"

namespace gdslack {

SlackNotifier::SlackNotifier(WebhookSender& sender, AccountNameLookup* names, const Clock& clock,
                             RenderOptions options)
    : sender_(sender), names_(names), clock_(clock), options_(options) {}

NotifyOutcome SlackNotifier::Notify(const Finding& finding, int64_t deadline_unix_ms) {
  const int64_t start = clock_.MonotonicMs();
  Finding enriched = finding;
  if (names_ != nullptr && enriched.account_name.empty() && !enriched.account_id.empty()) {
    enriched.account_name = names_->Lookup(enriched.account_id, deadline_unix_ms);
  }
  const std::string payload = RenderSlackPayload(enriched, options_);
  DeliveryResult delivery = sender_.Deliver(payload, deadline_unix_ms);

  NotifyOutcome outcome;
  outcome.status = delivery.status;
  outcome.attempts = delivery.attempts;
  outcome.http_status = delivery.http_status;
  outcome.latency_ms = clock_.MonotonicMs() - start;

  std::vector<LogField> fields = {
      {"finding_id", enriched.id},
      {"finding_type", enriched.type},
      {"severity", enriched.severity},
      {"band", BandName(enriched.band)},
      {"account", enriched.account_id},
      {"region", enriched.region},
      {"outcome", outcome.status.ok() ? "delivered" : "failed"},
      {"attempts", outcome.attempts},
      {"http_status", static_cast<int64_t>(outcome.http_status)},
      {"latency_ms", outcome.latency_ms},
  };
  if (!enriched.account_name.empty()) fields.emplace_back("account_name", enriched.account_name);
  if (outcome.status.ok()) {
    Log(LogLevel::kInfo, "finding delivered", fields);
  } else {
    fields.emplace_back("error_code", std::string(CodeName(outcome.status.code())));
    fields.emplace_back("error", outcome.status.message());
    Log(LogLevel::kError, "finding not delivered", fields);
  }
  return outcome;
}

}  // namespace gdslack
