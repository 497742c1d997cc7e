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
// Invalid UTF-8 anywhere in the input is replaced with U+FFFD before parsing, never fatal.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "finding/finding.h"

namespace gdslack {

// One item of a document: a finding, a GuardDuty event that is not a finding (acknowledged, not posted),
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
Result<std::vector<ParsedItem>> ParseDocument(std::string_view raw, std::string_view source);

}  // namespace gdslack
