// SlackAppDestination: findings to a channel through the Slack Web API with a bot token (app mode).
// Post = chat.postMessage of the same rendered message the webhook gets, plus the channel; Update =
// chat.update of that message (count, last seen, severity, archived mark all re-rendered); Reply = a
// short product-written text in the message's thread. Needs the chat:write scope and the app in the channel.
#pragma once

#include <string>

#include "base/clock.h"
#include "notify/notifier.h"
#include "render/slack_message.h"
#include "slack/web_api_client.h"
#include "state/destination.h"
#include "state/triage_store.h"

namespace gdslack {

class SlackAppDestination : public Destination {
 public:
  // `names` may be null. References must outlive the destination. `channel` is a channel id (C…) or name.
  // `mention` (configuration-only, validated) leads a broadcast escalation reply.
  // `triage_buttons`: GuardDuty findings get the triage buttons (slack/triage_blocks.h). `triage` (may be null):
  // where decisions taken from Slack are kept, so that an update re-rendered from the finding still shows them.
  SlackAppDestination(SlackWebClient& client, std::string channel, AccountNameLookup* names, const Clock& clock,
                      RenderOptions options = {}, std::string mention = "", bool triage_buttons = false,
                      TriageStore* triage = nullptr);

  bool CanUpdate() const override { return true; }
  PostResult Post(const Finding& finding, int64_t deadline_unix_ms) override;
  NotifyOutcome Update(const MessageRef& ref, const Finding& finding, int64_t deadline_unix_ms) override;
  NotifyOutcome Reply(const MessageRef& ref, const std::string& text, bool broadcast,
                      int64_t deadline_unix_ms) override;

 private:
  nlohmann::json Message(const Finding& finding, int64_t deadline_unix_ms, bool update = false);
  std::vector<std::string> DecisionLines(const Finding& finding, int64_t deadline_unix_ms);
  NotifyOutcome Outcome(const SlackCallResult& call, int64_t start_ms) const;

  SlackWebClient& client_;
  std::string channel_;
  AccountNameLookup* names_;
  const Clock& clock_;
  RenderOptions options_;
  std::string mention_;
  bool triage_buttons_;
  TriageStore* triage_;
};

}  // namespace gdslack
