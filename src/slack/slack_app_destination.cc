#include "slack/slack_app_destination.h"

#include "render/mention.h"
#include "slack/triage_blocks.h"

namespace gdslack {

SlackAppDestination::SlackAppDestination(SlackWebClient& client, std::string channel, AccountNameLookup* names,
                                         const Clock& clock, RenderOptions options, std::string mention,
                                         bool triage_buttons, TriageStore* triage)
    : client_(client),
      channel_(std::move(channel)),
      names_(names),
      clock_(clock),
      options_(options),
      mention_(std::move(mention)),
      triage_buttons_(triage_buttons),
      triage_(triage) {}

std::vector<std::string> SlackAppDestination::DecisionLines(const Finding& finding, int64_t deadline_unix_ms) {
  // Best effort: a table that cannot be read leaves the lines out, never the update.
  std::vector<std::string> lines;
  if (triage_ == nullptr) return lines;
  Result<std::optional<Acknowledgement>> ack = triage_->AcknowledgementOf(finding.id, deadline_unix_ms);
  if (ack && ack->has_value() && IsSlackUserId((*ack)->user_id)) {
    lines.push_back(AcknowledgedLine((*ack)->user_id, (*ack)->at_unix_s));
  }
  const int64_t now_s = clock_.NowUnixMs() / 1000;
  Result<std::vector<TriageMute>> mutes = triage_->ActiveMutes(now_s, deadline_unix_ms);
  if (mutes) {
    const TriageMute* m =
        MatchingTriageMute(*mutes, finding.type, finding.account_id, TriageResourceOf(finding), now_s);
    if (m != nullptr && IsSlackUserId(m->user_id)) lines.push_back(MutedLine(m->user_id, m->until_unix_s));
  }
  return lines;
}

nlohmann::json SlackAppDestination::Message(const Finding& finding, int64_t deadline_unix_ms, bool update) {
  Finding enriched = finding;
  if (names_ != nullptr && enriched.account_name.empty() && !enriched.account_id.empty()) {
    enriched.account_name = names_->Lookup(enriched.account_id, deadline_unix_ms);
  }
  // The webhook payload (text + attachments/blocks) is also a valid chat.postMessage / chat.update body.
  // The route's mention leads the text, as on a webhook message (kept on updates, so the message reads the same).
  nlohmann::json message =
      nlohmann::json::parse(WithMention(RenderSlackPayload(enriched, options_), mention_), nullptr, false);
  if (message.is_discarded() || !message.is_object()) message = nlohmann::json::object();
  if (triage_buttons_ && finding.kind == EventKind::kGuardDutyFinding && !finding.id.empty()) {
    // A re-published version re-renders the buttons from the finding: archived in GuardDuty -> Unarchive.
    // An update is rendered afresh from the finding: the decisions taken from Slack are read back so the
    // message keeps showing them (a first post has none yet).
    SetTriageBlocks(message, TriageTargetOf(finding), finding.archived,
                    update ? DecisionLines(finding, deadline_unix_ms) : std::vector<std::string>{});
  }
  message["channel"] = channel_;
  return message;
}

NotifyOutcome SlackAppDestination::Outcome(const SlackCallResult& call, int64_t start_ms) const {
  NotifyOutcome o;
  o.status = call.status;
  o.attempts = call.attempts;
  o.http_status = call.http_status;
  o.latency_ms = clock_.MonotonicMs() - start_ms;
  return o;
}

PostResult SlackAppDestination::Post(const Finding& finding, int64_t deadline_unix_ms) {
  const int64_t start = clock_.MonotonicMs();
  nlohmann::json message = Message(finding, deadline_unix_ms);
  message["unfurl_links"] = false;
  message["unfurl_media"] = false;
  SlackCallResult call = client_.Call("chat.postMessage", message, deadline_unix_ms);
  PostResult r;
  r.outcome = Outcome(call, start);
  if (call.status.ok()) {
    r.ref.channel = call.reply.value("channel", channel_);
    r.ref.ts = call.reply.value("ts", "");
    if (r.ref.ts.empty()) {
      r.outcome.status = Status(Code::kUnavailable, "Slack chat.postMessage answered ok without a ts");
    }
  }
  return r;
}

NotifyOutcome SlackAppDestination::Update(const MessageRef& ref, const Finding& finding, int64_t deadline_unix_ms) {
  const int64_t start = clock_.MonotonicMs();
  nlohmann::json message = Message(finding, deadline_unix_ms, true);
  message["channel"] = ref.channel.empty() ? channel_ : ref.channel;  // chat.update wants the channel id
  message["ts"] = ref.ts;
  return Outcome(client_.Call("chat.update", message, deadline_unix_ms), start);
}

NotifyOutcome SlackAppDestination::Reply(const MessageRef& ref, const std::string& text, bool broadcast,
                                         int64_t deadline_unix_ms) {
  const int64_t start = clock_.MonotonicMs();
  nlohmann::json message = {{"channel", ref.channel.empty() ? channel_ : ref.channel},
                            {"thread_ts", ref.ts},
                            {"text", broadcast && !mention_.empty() ? mention_ + " " + text : text},
                            {"unfurl_links", false},
                            {"unfurl_media", false}};
  if (broadcast) message["reply_broadcast"] = true;
  return Outcome(client_.Call("chat.postMessage", message, deadline_unix_ms), start);
}

}  // namespace gdslack
