// SlackNotifier: the Notifier that posts to a Slack incoming webhook. Enriches the account name (when a
// lookup is configured), renders the message, delivers it with retries inside the deadline, and writes
// one JSON log line per finding (id, type, severity, account, outcome, attempts, latency). Never logs the
// webhook URL or the event.
#pragma once

#include <memory>

#include "app/notifier.h"
#include "render/slack_message.h"

namespace gdslack {

class WebhookSender;
class Clock;

class SlackNotifier : public Notifier {
 public:
  // `names` may be null (no enrichment). All references must outlive the notifier.
  SlackNotifier(WebhookSender& sender, AccountNameLookup* names, const Clock& clock, RenderOptions options);

  NotifyOutcome Notify(const Finding& finding, int64_t deadline_unix_ms) override;

 private:
  WebhookSender& sender_;
  AccountNameLookup* names_;
  const Clock& clock_;
  RenderOptions options_;
};

}  // namespace gdslack
