// Events other than "GuardDuty Finding" that deserve a message: Malware Protection for S3 scan results and
// plan status, Runtime Monitoring coverage (operations_events.cc), and Security Hub findings in ASFF and
// OCSF (securityhub_events.cc). Internal to src/finding/; parser.cc dispatches to them by source and
// detail-type. Shapes and their sources: testdata/events/SOURCES.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "finding/finding.h"
#include "finding/json_read.h"
#include "finding/parse_options.h"

namespace gdslack::finding_internal {

// What one event yields: messages, and events acknowledged without a message (with the reason, for the
// note the CLI prints and the log line Lambda writes).
struct EventReading {
  std::vector<Finding> findings;
  std::vector<std::string> acknowledged;
};

inline constexpr std::string_view kSecurityHubSource = "aws.securityhub";

// True for the GuardDuty detail-types read by ReadOperationsEvent.
bool IsOperationsEvent(std::string_view detail_type);
void ReadOperationsEvent(const json& event, const std::string& detail_type, const ParseOptions& options,
                         EventReading& out);

// True for "Security Hub Findings - Imported" and "Findings Imported V2".
bool IsSecurityHubEvent(std::string_view detail_type);
void ReadSecurityHubEvent(const json& event, const std::string& detail_type, const ParseOptions& options,
                          EventReading& out);

}  // namespace gdslack::finding_internal
