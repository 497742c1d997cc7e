// Finding parser: the only code that knows GuardDuty's field names. Reads untrusted JSON text in every
// shape a finding arrives in and produces Finding values. Never throws; never aborts on unknown types,
// missing fields, nulls or wrong JSON types (AWS adds finding types several times a year).
//
// Accepted shapes (one document):
//   - an EventBridge event: {"source":"aws.guardduty","detail-type":"GuardDuty Finding","detail":{...}}
//   - a bare finding object (has "schemaVersion"/"type"/"id" and "resource" or "service")
//   - `aws guardduty get-findings` output: {"Findings":[...]} with PascalCase member names
//   - a JSON array of any of the above
//   - JSON Lines or concatenated documents: one of the above after another
//   - GuardDuty's other events (Malware Protection scan results and plan status, Runtime Monitoring
//     coverage) and Security Hub's "Security Hub Findings - Imported" (ASFF) and "Findings Imported V2"
//     (OCSF), each a Finding with its EventKind, or acknowledged (kOtherGuardDutyEvent) per ParseOptions
// Invalid UTF-8 anywhere in the input is replaced with U+FFFD before parsing, never fatal.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
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

// Reads up to `capacity` bytes into `buffer`: how many (0 = the end of the input), or why reading failed.
using ByteSource = std::function<Result<std::size_t>(char* buffer, std::size_t capacity)>;

// Reads one document from a byte source one item at a time, holding only the value being read: a top-level
// value, one element of a top-level array, or one element of a {"Findings": [...]} whose first member is
// "Findings" (finding/value_splitter.h). Memory is bounded by the largest single value, never the input.
//
// Items come in input order, as ParseDocument's would. A value that is not JSON is an error item of its own,
// "<source>: line N: byte B: syntax error: ...", and reading goes on. Failures of the document as a whole are
// one error item, then the end: "<source>: empty input"; or, when no value in it was JSON, the first error
// without its line ("<source>: byte B: syntax error: ..."), as ParseDocument reports it. Errors of values are
// held back until a value reads as JSON (at most kMaxHeldErrors of them) to tell the two apart.
class DocumentReader {
 public:
  static constexpr std::size_t kDefaultChunkBytes = 64 * 1024;
  // A single value (one finding, one event) past this is not a GuardDuty finding; it is skipped, one error.
  static constexpr std::size_t kDefaultMaxValueBytes = 64u * 1024u * 1024u;
  static constexpr std::size_t kMaxHeldErrors = 1000;

  DocumentReader(std::string source, ByteSource read, const ParseOptions& options,
                 std::size_t chunk_bytes = kDefaultChunkBytes, std::size_t max_value_bytes = kDefaultMaxValueBytes);
  ~DocumentReader();
  DocumentReader(const DocumentReader&) = delete;
  DocumentReader& operator=(const DocumentReader&) = delete;

  // The next item, or nullopt after the last.
  std::optional<ParsedItem> Next();
  // True once the document has failed as a whole (the one error item said why).
  bool failed_whole() const;
  // Bytes taken from the source so far.
  std::size_t bytes_read() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gdslack
