#include "app/sns_notifier.h"

#include "routing/sms_text.h"

namespace gdslack {

SnsNotifier::SnsNotifier(SnsClient& sns, std::string topic_arn, const Clock& clock)
    : sns_(sns), topic_arn_(std::move(topic_arn)), clock_(clock) {}

NotifyOutcome SnsNotifier::Notify(const Finding& finding, int64_t deadline_unix_ms) {
  const int64_t start = clock_.MonotonicMs();
  // No Subject: SMS ignores it and email then shows the topic's display name; the text says it all.
  Result<std::string> id = sns_.Publish(topic_arn_, SmsText(finding), "", deadline_unix_ms);
  NotifyOutcome outcome;
  outcome.attempts = sns_.client().last_attempts();
  outcome.latency_ms = clock_.MonotonicMs() - start;
  if (id) {
    outcome.http_status = 200;
  } else {
    outcome.status = id.error();
  }
  return outcome;
}

}  // namespace gdslack
