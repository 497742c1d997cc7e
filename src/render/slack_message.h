// Slack message rendering: Finding -> incoming-webhook payload (JSON text). Block Kit with a severity
// colour bar (one legacy attachment wrapping the blocks), or a plain one-line text message in the spirit
// of the original blog. Every payload respects Slack's limits and never sets link_names or parse, so
// finding text can never create a mention or a link. Pure: no I/O.
#pragma once

#include <string>
#include <string_view>

#include "finding/finding.h"

namespace gdslack {

enum class MessageFormat { kBlocks, kText };

struct RenderOptions {
  MessageFormat format = MessageFormat::kBlocks;
};

// The webhook payload as compact JSON (UTF-8, no invalid sequences).
std::string RenderSlackPayload(const Finding& finding, const RenderOptions& options = {});

// One line for notifications and --format text, unescaped: "GuardDuty High 8.0 <type> in <account>/<region>: <title>".
// (Escaping happens when it is placed in a payload.)
std::string FallbackLine(const Finding& finding);

// The attachment colour bar for a band (also used by the routing digest).
std::string_view SeverityColor(SeverityBand band);

// Block Kit Builder preview link for a payload produced by RenderSlackPayload:
// https://app.slack.com/block-kit-builder/#<percent-encoded {"blocks":[...]} or {"attachments":[...]}>
std::string BlockKitBuilderUrl(const std::string& payload_json);

}  // namespace gdslack
