#include "app/slack_notifier.h"

#include "base/clock.h"
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

  return outcome;
}

}  // namespace gdslack
