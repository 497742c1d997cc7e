#include "finding/parser.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <exception>
#include <limits>
#include <new>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "base/utf8.h"
#include "finding/facts.h"
#include "finding/json_parse.h"
#include "finding/json_read.h"
#include "finding/json_text.h"
#include "finding/other_events.h"
#include "finding/timestamp.h"
#include "finding/value_splitter.h"

namespace gdslack {
namespace {

using namespace finding_internal;  // NOLINT(google-build-using-namespace): this module's own helpers

// EventBridge envelope values (docs/reference/guardduty.md#events).
constexpr std::string_view kGuardDutySource = "aws.guardduty";
constexpr std::string_view kFindingDetailType = "GuardDuty Finding";

// Real findings nest about 12 levels; anything far deeper is hostile. Checked on the raw text before
// parsing so no recursive walk (ours or nlohmann's copy/compare) can exhaust the stack.
constexpr int kMaxDepth = 256;
// Envelope strings quoted in error messages.
constexpr std::size_t kMaxQuotedBytes = 80;

// ---------------------------------------------------------------------------------------------------
// Finding.

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Byte (1-based) of the first bracket nested deeper than `max_depth`, or 0.
std::size_t TooDeepAt(std::string_view text, int max_depth = kMaxDepth) {
  // Depth can never exceed the number of opening brackets; counting them is a vectorised pass, so most
  // documents skip the exact (string-aware) scan below.
  if (std::count(text.begin(), text.end(), '{') + std::count(text.begin(), text.end(), '[') <= max_depth) return 0;
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return i + 1;
    } else if (c == '}' || c == ']') {
      if (depth > 0) --depth;
    }
  }
  return 0;
}

// additionalInfo keys may sit inline or inside {"value":"<JSON string>","type":"default"}
// (docs/reference/guardduty.md#samples-updates-and-archive).
bool IsSample(const json* additional_info) {
  if (Bool(Get(additional_info, "sample")).value_or(false)) return true;
  const json* value = Get(additional_info, "value");
  if (value == nullptr) return false;
  if (AsObject(value) != nullptr) return Bool(Get(value, "sample")).value_or(false);
  const auto* text = value->get_ptr<const json::string_t*>();
  if (text == nullptr || text->size() > 1'000'000 || TooDeepAt(*text) != 0) return false;
  json inner = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  return !inner.is_discarded() && Bool(Get(&inner, "sample")).value_or(false);
}

std::string PartitionFor(const std::string& partition, const std::string& arn, const std::string& region) {
  if (partition == "aws" || partition == "aws-cn" || partition == "aws-us-gov") return partition;
  if (arn.rfind("arn:aws-cn:", 0) == 0 || region.rfind("cn-", 0) == 0) return "aws-cn";
  if (arn.rfind("arn:aws-us-gov:", 0) == 0 || region.rfind("us-gov-", 0) == 0) return "aws-us-gov";
  return "aws";
}

Finding ExtractFinding(const json& d, const std::string& fallback_region) {
  Finding f;
  f.id = StrAt(&d, {"id"});
  f.arn = StrAt(&d, {"arn"});
  f.type = StrAt(&d, {"type"});
  f.title = StrAt(&d, {"title"});
  f.description = StrAt(&d, {"description"});
  f.schema_version = StrAt(&d, {"schemaVersion"});
  f.account_id = StrAt(&d, {"accountId"});
  f.region = StrAt(&d, {"region"});
  if (f.region.empty()) f.region = fallback_region;
  f.partition = PartitionFor(StrAt(&d, {"partition"}), f.arn, f.region);

  if (auto severity = Num(Get(&d, "severity"))) {
    f.severity = *severity;
    f.has_severity = true;
    f.band = BandFor(*severity);
  }
  f.confidence = Num(Get(&d, "confidence"));
  f.created_at = TimestampFrom(Get(&d, "createdAt"));
  f.updated_at = TimestampFrom(Get(&d, "updatedAt"));

  const json* service = AsObject(Get(&d, "service"));
  const json* resource = AsObject(Get(&d, "resource"));
  f.first_seen = TimestampFrom(Get(service, "eventFirstSeen"));
  f.last_seen = TimestampFrom(Get(service, "eventLastSeen"));
  if (auto count = Num(Get(service, "count"))) {
    if (auto c = ToInt64(*count); c && *c >= 0) f.count = *c;
  }
  f.archived = Bool(Get(service, "archived")).value_or(false);
  f.sample = IsSample(Get(service, "additionalInfo"));
  f.resource_type = StrAt(resource, {"resourceType"});
  const json* action = AsObject(Get(service, "action"));
  f.action_type = StrAt(action, {"actionType"});
  f.feature_name = StrAt(service, {"featureName"});
  f.resource_role = StrAt(service, {"resourceRole"});

  FactList resource_facts(&f.resource_facts);
  ResourceFacts(resource, f.resource_type, resource_facts);
  FactList actor_facts(&f.actor_facts);
  ActorFacts(action, f.action_type, actor_facts);
  FactList extra_facts(&f.extra_facts);
  ExtraFacts(service, extra_facts);

  f.sequence = SequenceFrom(At(service, {"detection", "sequence"}));
  f.custom_rule_name = StrAt(&d, {"customDetectionRuleName"});
  extra_facts.Add("Attack sequence", StrAt(&d, {"associatedAttackSequenceArn"}), true);
  FactList other_facts(&f.other_facts);
  UnknownMemberFacts(d, other_facts);
  return f;
}

// ---------------------------------------------------------------------------------------------------
// Document shapes.

// `aws guardduty get-findings` and boto3 print PascalCase member names; the wire is camelCase. Lowercasing
// the first letter of every key maps one onto the other (AccountId -> accountId, IpAddressV4 ->
// ipAddressV4). Recursion is bounded by kMaxDepth, checked before parsing.
json CamelCaseKeys(const json& j) {
  if (j.is_object()) {
    json out = json::object();
    for (auto it = j.begin(); it != j.end(); ++it) {
      std::string key = it.key();
      if (!key.empty() && key[0] >= 'A' && key[0] <= 'Z') key[0] = static_cast<char>(key[0] - 'A' + 'a');
      out[key] = CamelCaseKeys(it.value());
    }
    return out;
  }
  if (j.is_array()) {
    json out = json::array();
    for (const json& item : j) out.push_back(CamelCaseKeys(item));
    return out;
  }
  return j;
}

bool LooksPascalCase(const json& j) {
  return j.is_object() && !j.contains("source") &&
         (j.contains("SchemaVersion") || j.contains("AccountId") ||
          (j.contains("Id") && (j.contains("Resource") || j.contains("Service"))));
}

// A bare finding: has "schemaVersion"/"type"/"id" and "resource" or "service".
bool LooksLikeFinding(const json& j) {
  return j.is_object() && (j.contains("schemaVersion") || j.contains("type") || j.contains("id")) &&
         (j.contains("resource") || j.contains("service"));
}

const char* JsonTypeName(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::binary: return "binary";
    case json::value_t::discarded: return "nothing";
    default: return "a number";
  }
}

// Untrusted text quoted into a one-line error message.
std::string Quote(const std::string& s) {
  return json(TruncateUtf8(s, kMaxQuotedBytes)).dump(-1, ' ', false, json::error_handler_t::replace);
}

class ItemCollector {
 public:
  ItemCollector(std::string_view source, const ParseOptions& options) : source_(source), options_(options) {}

  // One top-level value: an item, an array of items, or a get-findings {"Findings":[...]} wrapper.
  void AddValue(const json& value, int nesting = 0) {
    if (value.is_array() && nesting < 2) {
      for (const json& item : value) AddValue(item, nesting + 1);
      return;
    }
    if (value.is_object() && !value.contains("source") && !value.contains("detail")) {
      for (const char* key : {"Findings", "findings"}) {
        const json* findings = AsArray(Get(&value, key));
        if (findings == nullptr) continue;
        for (const json& item : *findings) AddItem(item);
        return;
      }
    }
    AddItem(value);
  }

  // One element of a get-findings {"Findings":[...]} wrapper.
  void AddFindingsElement(const json& value) { AddItem(value); }

  // A top-level value that is not JSON (one line of JSON Lines): an error for that item only.
  void AddError(Status error) {
    ++index_;
    ParsedItem item;
    item.kind = ParsedItem::Kind::kError;
    item.error = std::move(error);
    items_.push_back(std::move(item));
  }

  std::vector<ParsedItem> Take() { return std::move(items_); }
  // Moves the items collected so far to the end of `out`.
  void MoveTo(std::deque<ParsedItem>& out) {
    for (ParsedItem& item : items_) out.push_back(std::move(item));
    items_.clear();
  }

 private:
  void AddItem(const json& value) {
    ++index_;
    try {
      if (LooksPascalCase(value)) {
        AddObject(CamelCaseKeys(value));
      } else {
        AddObject(value);
      }
    } catch (const std::bad_alloc&) {
      // Defensive seam: the extraction uses non-throwing accessors, but an allocation failure on a
      // hostile document must cost one item, not the invocation.
      Error("out of memory while reading the item");
    } catch (const std::exception&) {
      Error("internal error while reading the item");
    }
  }

  void AddObject(const json& value) {
    if (!value.is_object()) {
      Error(std::string("not a GuardDuty finding (") + JsonTypeName(value) + ")");
      return;
    }
    const bool is_event = value.contains("source") || value.contains("detail-type") || value.contains("detail");
    if (!is_event) {
      if (!LooksLikeFinding(value)) {
        Error("not a GuardDuty finding (no \"source\", \"detail\" or finding fields)");
        return;
      }
      AddFinding(ExtractFinding(value, ""));
      return;
    }
    const std::string source = StrAt(&value, {"source"});
    const std::string detail_type = StrAt(&value, {"detail-type"});
    if ((source == kSecurityHubSource && IsSecurityHubEvent(detail_type)) ||
        (source == kGuardDutySource && IsOperationsEvent(detail_type))) {
      AddReading(value, source, detail_type);
      return;
    }
    if (source != kGuardDutySource) {
      Error("not a GuardDuty finding (source " + Quote(source) + ", detail-type " + Quote(detail_type) + ")");
      return;
    }
    const json* detail = Get(&value, "detail");
    if (detail_type != kFindingDetailType && !(detail_type.empty() && detail && LooksLikeFinding(*detail))) {
      if (detail_type.empty()) {
        Error("GuardDuty event without \"detail-type\"");
        return;
      }
      ParsedItem item;
      item.kind = ParsedItem::Kind::kOtherGuardDutyEvent;
      item.detail_type = detail_type;
      items_.push_back(std::move(item));
      return;
    }
    if (AsObject(detail) == nullptr) {
      Error("GuardDuty Finding event without a finding object in \"detail\" (found " +
            std::string(detail == nullptr ? "nothing" : JsonTypeName(*detail)) + ")");
      return;
    }
    if (StrAt(detail, {"id"}).empty() && StrAt(detail, {"type"}).empty()) {
      Error(
          "GuardDuty Finding event without a finding object in \"detail\" (found an object without \"id\" or "
          "\"type\")");
      return;
    }
    Finding finding = ExtractFinding(*detail, StrAt(&value, {"region"}));
    finding.event_id = StrAt(&value, {"id"});
    finding.detail_type = detail_type;
    AddFinding(std::move(finding));
  }

  // Events with their own reader (other_events.h): each message is a finding item, each acknowledged
  // event an "other" item.
  void AddReading(const json& value, const std::string& source, const std::string& detail_type) {
    EventReading reading;
    if (source == kSecurityHubSource) {
      ReadSecurityHubEvent(value, detail_type, options_, reading);
    } else {
      ReadOperationsEvent(value, detail_type, options_, reading);
    }
    if (reading.findings.empty() && reading.acknowledged.empty()) {
      Error(Quote(detail_type) + " event without the expected \"detail\"");
      return;
    }
    for (Finding& finding : reading.findings) AddFinding(std::move(finding));
    for (std::string& note : reading.acknowledged) {
      ParsedItem item;
      item.kind = ParsedItem::Kind::kOtherGuardDutyEvent;
      item.detail_type = std::move(note);
      items_.push_back(std::move(item));
    }
  }

  void AddFinding(Finding finding) {
    ParsedItem item;
    item.kind = ParsedItem::Kind::kFinding;
    item.finding = std::move(finding);
    items_.push_back(std::move(item));
  }

  void Error(const std::string& what) {
    ParsedItem item;
    item.kind = ParsedItem::Kind::kError;
    item.error = Status(Code::kInvalidInput, std::string(source_) + ": item " + std::to_string(index_) + ": " + what);
    items_.push_back(std::move(item));
  }

  std::string_view source_;
  const ParseOptions& options_;
  std::size_t index_ = 0;
  std::vector<ParsedItem> items_;
};

Status OutOfMemory(std::string_view source) {
  return Status(Code::kInternal, std::string(source) + ": out of memory while parsing");
}

Result<std::vector<ParsedItem>> ParseUnguarded(std::string_view raw, std::string_view source,
                                               const ParseOptions& options) {
  // Invalid UTF-8 and lone surrogate escapes become U+FFFD: the finding is delivered with a visible mark
  // where its text was not Unicode, never lost over it.
  const std::string text = ReplaceLoneSurrogateEscapes(SanitizeUtf8(raw));
  if (std::all_of(text.begin(), text.end(), IsJsonSpace)) {
    return Status(Code::kInvalidInput, std::string(source) + ": empty input");
  }
  if (std::size_t byte = TooDeepAt(text); byte != 0) {
    return Status(Code::kInvalidInput, std::string(source) + ": byte " + std::to_string(byte) +
                                           ": nesting deeper than " + std::to_string(kMaxDepth) + " levels");
  }
  ItemCollector collector(source, options);
  JsonParse whole = ParseJsonText(text);
  if (whole.outcome == JsonParse::Outcome::kOutOfMemory) return OutOfMemory(source);
  if (whole.outcome == JsonParse::Outcome::kValue) {
    collector.AddValue(whole.value);
    return collector.Take();
  }
  whole.value = nullptr;
  // Not one value: JSON Lines or concatenated documents (pretty-printed ones included), or a broken document.
  // Read value by value: one that is not JSON becomes an error item naming its line, and the others are still
  // delivered. A document in which no value reads is one error.
  std::size_t offset = 0;
  ByteSource from_text = [&](char* buffer, std::size_t capacity) -> Result<std::size_t> {
    const std::size_t n = std::min(capacity, text.size() - offset);
    std::copy_n(text.data() + offset, n, buffer);
    offset += n;
    return n;
  };
  DocumentReader reader(std::string(source), from_text, options, std::max<std::size_t>(text.size(), 1),
                        std::numeric_limits<std::size_t>::max());
  std::vector<ParsedItem> items;
  while (std::optional<ParsedItem> item = reader.Next()) items.push_back(std::move(*item));
  if (reader.failed_whole()) return items.back().error;
  return items;
}

}  // namespace

Result<std::vector<ParsedItem>> ParseDocument(std::string_view text, std::string_view source) {
  return ParseDocument(text, source, ParseOptionsFromEnvironment());
}

Result<std::vector<ParsedItem>> ParseDocument(std::string_view text, std::string_view source,
                                              const ParseOptions& options) {
  // Parsing itself never throws (json_parse.h); copying a hostile document still can run out of memory.
  try {
    return ParseUnguarded(text, source, options);
  } catch (const std::bad_alloc&) {
    return OutOfMemory(source);
  }
}

// ---------------------------------------------------------------------------------------------------
// Reading value by value.

struct DocumentReader::Impl {
  // An error of one value, held back until a value reads as JSON: "byte B: ..." (the line is added on output).
  struct HeldError {
    std::size_t line = 0;
    std::string what;
  };

  Impl(std::string name, ByteSource read, ParseOptions parse_options, std::size_t chunk_bytes, std::size_t value_limit)
      : source(std::move(name)),
        options(std::move(parse_options)),
        splitter(std::move(read), chunk_bytes, value_limit),
        collector(source, options),
        max_value_bytes(value_limit) {}

  void Take(const Piece& piece) {
    switch (piece.kind) {
      case Piece::Kind::kReadError:
        read_failed = true;
        ReleaseHeld();
        collector.AddError(piece.status);
        return;
      case Piece::Kind::kSyntaxError:
        Hold(piece.line, "byte " + std::to_string(piece.byte) + ": syntax error: " + piece.reason);
        return;
      case Piece::Kind::kTooLarge:
        Hold(piece.line, "byte " + std::to_string(piece.begin + 1) + ": a value larger than " +
                             std::to_string(max_value_bytes) + " bytes (skipped)");
        return;
      default: Read(piece); return;
    }
  }

  void Read(const Piece& piece) {
    // An element sits inside the array (and the wrapper object) that holds it: their brackets count too.
    const int outer = piece.kind == Piece::Kind::kTopLevel ? 0 : piece.kind == Piece::Kind::kArrayElement ? 1 : 2;
    const std::string text = ReplaceLoneSurrogateEscapes(SanitizeUtf8(piece.text));
    // The splitter saw how deep the value nests; only a value past the limit needs the scan that says where.
    if (std::size_t byte = piece.depth > kMaxDepth - outer ? TooDeepAt(text, kMaxDepth - outer) : 0; byte != 0) {
      Hold(piece.line, "byte " + std::to_string(piece.begin + byte) + ": nesting deeper than " +
                           std::to_string(kMaxDepth) + " levels");
      return;
    }
    JsonParse parsed = ParseJsonText(text);
    if (parsed.outcome == JsonParse::Outcome::kOutOfMemory) {
      ReleaseHeld();
      collector.AddError(
          Status(Code::kInternal, source + ": line " + std::to_string(piece.line) + ": out of memory while parsing"));
      return;
    }
    if (parsed.outcome == JsonParse::Outcome::kSyntaxError) {
      Hold(piece.line, "byte " + std::to_string(piece.begin + parsed.byte) + ": syntax error: " + parsed.reason);
      return;
    }
    value_read = true;
    ReleaseHeld();
    if (piece.kind == Piece::Kind::kFindingsElement) {
      collector.AddFindingsElement(parsed.value);
    } else {
      collector.AddValue(parsed.value, outer);
    }
  }

  void Hold(std::size_t line, std::string what) {
    held.push_back(HeldError{line, std::move(what)});
    // Past this many, the document is taken for JSON Lines with many bad lines: memory stays bounded.
    if (value_read || held.size() > kMaxHeldErrors) {
      value_read = true;
      ReleaseHeld();
    }
  }

  void ReleaseHeld() {
    for (const HeldError& e : held) {
      collector.AddError(Status(Code::kInvalidInput, source + ": line " + std::to_string(e.line) + ": " + e.what));
    }
    held.clear();
  }

  void Finish() {
    if (!splitter.saw_content() && !read_failed) {
      WholeError(source + ": empty input");
    } else if (!value_read && !held.empty()) {
      WholeError(source + ": " + held.front().what);
      held.clear();
    }
    ReleaseHeld();
  }

  void WholeError(std::string message) {
    failed_whole = true;
    ParsedItem item;
    item.error = Status(Code::kInvalidInput, std::move(message));
    ready.push_back(std::move(item));
  }

  std::string source;
  ParseOptions options;
  ValueSplitter splitter;
  ItemCollector collector;
  std::size_t max_value_bytes;
  std::deque<ParsedItem> ready;
  std::vector<HeldError> held;
  bool value_read = false;
  bool read_failed = false;
  bool failed_whole = false;
  bool done = false;
};

DocumentReader::DocumentReader(std::string source, ByteSource read, const ParseOptions& options,
                               std::size_t chunk_bytes, std::size_t max_value_bytes)
    : impl_(std::make_unique<Impl>(std::move(source), std::move(read), options, chunk_bytes, max_value_bytes)) {}

DocumentReader::~DocumentReader() = default;

std::optional<ParsedItem> DocumentReader::Next() {
  Impl& r = *impl_;
  while (r.ready.empty() && !r.done) {
    Piece piece;
    try {
      if (r.splitter.Next(piece)) {
        r.Take(piece);
      } else {
        r.Finish();
        r.done = true;
      }
    } catch (const std::bad_alloc&) {
      // Copying a hostile value can still run out of memory: it costs that value.
      r.collector.AddError(OutOfMemory(r.source));
    }
    r.collector.MoveTo(r.ready);
  }
  if (r.ready.empty()) return std::nullopt;
  ParsedItem item = std::move(r.ready.front());
  r.ready.pop_front();
  return item;
}

bool DocumentReader::failed_whole() const { return impl_->failed_whole; }

std::size_t DocumentReader::bytes_read() const { return impl_->splitter.bytes_read(); }

}  // namespace gdslack
