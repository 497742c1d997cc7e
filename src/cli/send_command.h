// `guardduty-slack send`: deliver findings to one webhook, paced to Slack's ~1 message/s, with a progress
// line on stderr when sending many. The webhook URL is a Secret: only its host is ever printed.
#pragma once

#include <cstdint>
#include <ostream>
#include <vector>

#include "base/secret.h"
#include "app/notifier.h"
#include "finding/finding.h"
#include "render/slack_message.h"

namespace gdslack {

struct SendOptions {
  Secret webhook_url;
  MessageFormat format = MessageFormat::kBlocks;
  int64_t interval_ms = 1000;            // Slack: "1 per second, short bursts allowed" per webhook
  int64_t per_finding_budget_ms = 30000; // retries for one finding stop here
};

// Returns kExitOk (0) when every finding was delivered, kExitDeliveryFailed (1) otherwise. `names` may be null.
int SendFindings(const std::vector<Finding>& findings, const SendOptions& options, AccountNameLookup* names,
                 std::ostream& err);

}  // namespace gdslack
