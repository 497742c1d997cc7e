// The Slack payload of a digest: one message for many lower-severity findings to one destination, grouped
// (digest.h) with counts and a console link per group. Same safety rules as the single-finding message
// (render/mrkdwn.h): finding text escaped, no link_names/parse, every Block Kit limit respected. Pure.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "render/slack_message.h"
#include "routing/digest.h"

namespace gdslack {

// Sections shown; the rest is summarised in one line ("… and 12 more groups").
inline constexpr std::size_t kMaxDigestGroups = 40;

// The webhook payload (compact JSON). `mention` (configuration-only, already validated) leads the text.
std::string RenderDigestPayload(const std::vector<DigestGroup>& groups, const std::string& mention,
                                MessageFormat format = MessageFormat::kBlocks);

}  // namespace gdslack
