// SlackNotifier: the Notifier that posts to a Slack incoming webhook. Enriches the account name (when a
// lookup is configured), renders the message and delivers it with retries inside the deadline. It does not
// log the outcome: its caller does, once per finding (the Lambda handler as JSON, the CLI as a line).
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
