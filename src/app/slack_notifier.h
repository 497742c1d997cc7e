// SlackNotifier: the Notifier that posts to a Slack incoming webhook. Enriches the account name (when a
// lookup is configured and the pipeline has not already), renders the message, puts the route's mention
// (configuration only, validated by the loader) in front of the message text, and delivers it with retries
// inside the deadline. It does not log the outcome: its caller does, once per finding.
#pragma once

#include <memory>
#include <string>

#include "notify/notifier.h"
#include "render/slack_message.h"

namespace gdslack {

class WebhookSender;
class Clock;

class SlackNotifier : public Notifier {
 public:
  // `names` may be null (no enrichment). All references must outlive the notifier.
  SlackNotifier(WebhookSender& sender, AccountNameLookup* names, const Clock& clock, RenderOptions options,
                std::string mention = "");

  NotifyOutcome Notify(const Finding& finding, int64_t deadline_unix_ms) override;
  bool CanDigest() const override { return true; }
  NotifyOutcome NotifyDigest(const std::vector<const Finding*>& members, const std::string& mention,
                             int64_t deadline_unix_ms) override;

 private:
  NotifyOutcome Post(const std::string& payload, int64_t start_ms, int64_t deadline_unix_ms);

  WebhookSender& sender_;
  AccountNameLookup* names_;
  const Clock& clock_;
  RenderOptions options_;
  std::string mention_;
};

}  // namespace gdslack
