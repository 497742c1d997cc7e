#include "app/slack_notifier.h"

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "http/webhook_sender.h"
#include "render/mention.h"
#include "routing/digest_message.h"

namespace gdslack {

SlackNotifier::SlackNotifier(WebhookSender& sender, AccountNameLookup* names, const Clock& clock, RenderOptions options,
                             std::string mention)
    : sender_(sender), names_(names), clock_(clock), options_(options), mention_(std::move(mention)) {}

NotifyOutcome SlackNotifier::Post(const std::string& payload, int64_t start_ms, int64_t deadline_unix_ms) {
  DeliveryResult delivery = sender_.Deliver(payload, deadline_unix_ms);
  NotifyOutcome outcome;
  outcome.status = delivery.status;
  outcome.attempts = delivery.attempts;
  outcome.http_status = delivery.http_status;
  outcome.latency_ms = clock_.MonotonicMs() - start_ms;
  return outcome;
}

NotifyOutcome SlackNotifier::Notify(const Finding& finding, int64_t deadline_unix_ms) {
  const int64_t start = clock_.MonotonicMs();
  Finding enriched = finding;
  if (names_ != nullptr && enriched.account_name.empty() && !enriched.account_id.empty()) {
    enriched.account_name = names_->Lookup(enriched.account_id, deadline_unix_ms);
  }
  return Post(WithMention(RenderSlackPayload(enriched, options_), mention_), start, deadline_unix_ms);
}

NotifyOutcome SlackNotifier::NotifyDigest(const std::vector<const Finding*>& members, const std::string& mention,
                                          int64_t deadline_unix_ms) {
  const int64_t start = clock_.MonotonicMs();
  return Post(RenderDigestPayload(GroupForDigest(members), mention.empty() ? mention_ : mention, options_.format),
              start, deadline_unix_ms);
}

}  // namespace gdslack
