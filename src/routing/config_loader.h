// Reads the routing configuration (YAML, or JSON — a subset of YAML) into a RoutingConfig and validates
// it. Every error is one line naming the source, the line and the key: "example.yaml:12: routes[1].to:
// unknown destination \"pager\"". Unknown keys are errors (a typo must not silently route elsewhere).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "routing/config.h"

namespace gdslack {

// `source` names the text in messages (a path, or "SSM parameter /x"). kConfig on any error.
Result<RoutingConfig> LoadRoutingConfig(const std::string& text, const std::string& source);

// Reads `path` and loads it. kConfig when unreadable too.
Result<RoutingConfig> LoadRoutingConfigFile(const std::string& path);

// The configuration without a file: one Slack destination "slack" (the environment's webhook) that the
// default route sends everything to. Filters come from the environment shortcuts (app/).
RoutingConfig DefaultRoutingConfig();

// What is valid but probably a mistake, one line each ("example.yaml:40: mutes[2]: expired on 2026-01-31; remove
// it"): check-config prints these and init logs them. Today: mutes already expired at `now_unix_s`.
std::vector<std::string> ConfigWarnings(const RoutingConfig& config, int64_t now_unix_s);

// "2026-12-31" (the whole day, UTC) or "2026-12-31T18:00:00Z" (or with an offset): the first second the
// mute no longer applies. nullopt when unreadable.
std::optional<int64_t> ParseMuteUntil(const std::string& text);

}  // namespace gdslack
