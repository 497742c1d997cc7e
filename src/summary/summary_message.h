// The daily summary as a Slack message: Block Kit within Slack's limits (50 blocks, 3,000 characters per text,
// 10 fields of 2,000 per section, render/mrkdwn.h), every value that comes from GuardDuty or Organizations
// (finding types, titles, account names) escaped. Section fields rather than Slack's `table` block: see
// README "Daily summary". Pure.
#pragma once

#include <string>

#include "summary/daily_summary.h"

namespace gdslack {

// The JSON payload for a webhook (or, with "channel" added, chat.postMessage) for `destination`.
std::string RenderSummaryPayload(const DailySummary& summary, const std::string& destination);

}  // namespace gdslack
