// Finding parser: the only code that knows GuardDuty's field names. Reads untrusted JSON text in every
// shape a finding arrives in and produces Finding values. Never throws; never aborts on unknown types,
// missing fields, nulls or wrong JSON types (AWS adds finding types several times a year).
//
// Accepted shapes (one document):
//   - an EventBridge event: {"source":"aws.guardduty","detail-type":"GuardDuty Finding","detail":{...}}
//   - a bare finding object (has "schemaVersion"/"type"/"id" and "resource" or "service")
//   - `aws guardduty get-findings` output: {"Findings":[...]} with PascalCase member names
//   - a JSON array of any of the above
//   - JSON Lines: one of the above per line
//   - GuardDuty's other events (Malware Protection scan results and plan status, Runtime Monitoring
//     coverage) and Security Hub's "Security Hub Findings - Imported" (ASFF) and "Findings Imported V2"
//     (OCSF), each a Finding with its EventKind, or acknowledged (kOtherGuardDutyEvent) per ParseOptions
// Invalid UTF-8 anywhere in the input is replaced with U+FFFD before parsing, never fatal.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "finding/finding.h"
#include "finding/parse_options.h"

namespace gdslack {

// One item of a document: a finding, a GuardDuty event that is not a finding (acknowledged, not posted),
// (including Security Hub's copy of a GuardDuty finding and scan results not configured to post),
// or an item that is not a GuardDuty finding at all (an error for that item only).
struct ParsedItem {
  enum class Kind { kFinding, kOtherGuardDutyEvent, kError };
  Kind kind = Kind::kError;
  std::optional<Finding> finding;  // kind == kFinding
  std::string detail_type;         // kind == kOtherGuardDutyEvent: e.g. "GuardDuty Runtime Protection Unhealthy"
  Status error;                    // kind == kError: kInvalidInput, one line, names `source` and the item index
};

// Parses one document. Whole-document failures (empty or whitespace-only input, malformed JSON) return
// kInvalidInput with a one-line message naming `source` and the byte offset:
//   "events.json: byte 17: syntax error: unexpected '}'"  /  "empty.json: empty input"
// Otherwise returns one ParsedItem per item, in input order.
Result<std::vector<ParsedItem>> ParseDocument(std::string_view text, std::string_view source,
                                              const ParseOptions& options);
// The same with ParseOptionsFromEnvironment().
Result<std::vector<ParsedItem>> ParseDocument(std::string_view text, std::string_view source);

}  // namespace gdslack
