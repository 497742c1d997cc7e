// The route's mention (configuration only, validated by the routing loader) in front of a message's top-level
// text, where Slack notifies on it; finding text never reaches this.
#pragma once

#include <string>
#include <string_view>

namespace gdslack {

// `payload` (a webhook payload or chat.postMessage body) with `mention` put in front of its top-level text.
// Unchanged when `mention` is empty or the payload is not a JSON object.
std::string WithMention(const std::string& payload, const std::string& mention);

// True for a Slack user id as Slack issues them (U… or W…, upper-case letters and digits): safe inside "<@…>".
bool IsSlackUserId(std::string_view id);

}  // namespace gdslack
