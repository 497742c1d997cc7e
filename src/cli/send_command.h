// `guardduty-slack send` (and the delivery half of `demo`): findings through the one pipeline
// (app/pipeline.h) — routing, mutes, digests, pacing per webhook — with a progress line on stderr when
// sending many. Webhook URLs are Secrets: only hosts are ever printed.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/cli_services.h"
#include "finding/finding.h"
#include "render/slack_message.h"

namespace gdslack {

struct SendOptions {
  std::string config_flag;            // --config FILE ("" = CONFIG_FILE / CONFIG_PARAMETER / default)
  std::optional<Secret> webhook_url;  // --webhook-url: the webhook of destinations that name none
  MessageFormat format = MessageFormat::kBlocks;
  std::optional<int64_t> interval_ms;  // --interval-ms: pacing of every Slack destination
  int64_t per_send_budget_ms = 30000;  // retries for one message stop here
};

// kExitOk (0) when every finding routed somewhere was delivered, kExitDeliveryFailed (1) when one was not,
// kExitBadInput (2) for unusable configuration.
int SendFindings(const std::vector<Finding>& findings, const SendOptions& options, CliServices& services,
                 std::ostream& err);

}  // namespace gdslack
