// Timestamps in findings: ISO-8601 text (milliseconds optional, Z or an offset) or epoch numbers (seconds, or
// milliseconds above 1e11), as GuardDuty and hand-edited samples mix them (docs/reference/guardduty.md#fields).
// Internal to src/finding/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "finding/finding.h"
#include "finding/json_read.h"

namespace gdslack::finding_internal {

// The Timestamp of a string or number member; empty when absent or unreadable.
Timestamp TimestampFrom(const json* j);

}  // namespace gdslack::finding_internal
