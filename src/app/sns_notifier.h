// SnsNotifier: publishes the short SMS text of a finding (routing/sms_text.h) to an SNS topic, for SMS or
// email escalation. One Publish per finding; SNS's own retries (in AwsClient) run inside the deadline.
#pragma once

#include <string>

#include "aws/sns.h"
#include "notify/notifier.h"

namespace gdslack {

class SnsNotifier : public Notifier {
 public:
  // `sns` must outlive the notifier.
  SnsNotifier(SnsClient& sns, std::string topic_arn, const Clock& clock);

  NotifyOutcome Notify(const Finding& finding, int64_t deadline_unix_ms) override;

 private:
  SnsClient& sns_;
  std::string topic_arn_;
  const Clock& clock_;
};

}  // namespace gdslack
