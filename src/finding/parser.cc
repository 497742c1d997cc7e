#include "finding/parser.h"

#include <algorithm>
#include <cstdint>
#include <exception>
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

// Byte (1-based) of the first bracket nested deeper than kMaxDepth, or 0.
std::size_t TooDeepAt(std::string_view text) {
  // Depth can never exceed the number of opening brackets; counting them is a vectorised pass, so most
  // documents skip the exact (string-aware) scan below.
  if (std::count(text.begin(), text.end(), '{') + std::count(text.begin(), text.end(), '[') <= kMaxDepth) return 0;
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
      if (++depth > kMaxDepth) return i + 1;
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

  // A top-level value that is not JSON (one line of JSON Lines): an error for that item only.
  void AddError(Status error) {
    ++index_;
    ParsedItem item;
    item.kind = ParsedItem::Kind::kError;
    item.error = std::move(error);
    items_.push_back(std::move(item));
  }

  std::vector<ParsedItem> Take() { return std::move(items_); }

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

// One top-level value of a text holding several: [begin, end) byte offsets.
struct Segment {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Splits `text` into its top-level values without parsing them: an object or array runs to its matching
// bracket (string-aware), anything else to the end of its line. An object or array that never closes, or that
// a parse then rejects, costs only itself: its extent is cut at the end of its first line when a later line
// starts a new value, so one broken line of JSON Lines never swallows the rest.
std::vector<Segment> SplitTopLevelValues(std::string_view text) {
  std::vector<Segment> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsJsonSpace(text[i])) ++i;
    if (i >= text.size()) break;
    const std::size_t begin = i;
    const std::size_t eol = std::min(text.find('\n', begin), text.size());
    std::size_t end = eol;
    if (text[i] == '{' || text[i] == '[') {
      int depth = 0;
      bool in_string = false;
      std::size_t j = i;
      for (; j < text.size(); ++j) {
        const char c = text[j];
        if (in_string) {
          if (c == '\\') {
            ++j;
          } else if (c == '"') {
            in_string = false;
          } else if (c == '\n') {
            break;  // JSON strings hold no raw newline: this line is broken
          }
        } else if (c == '"') {
          in_string = true;
        } else if (c == '{' || c == '[') {
          ++depth;
        } else if (c == '}' || c == ']') {
          if (--depth == 0) break;
        } else if (c == '\n' && j + 1 < text.size() && (text[j + 1] == '{' || text[j + 1] == '[') && depth > 0 &&
                   j > eol) {
          break;  // a line that starts a new value while this one is still open: this one is broken
        }
      }
      end = (j < text.size() && depth == 0 && !in_string) ? j + 1 : eol;
    }
    out.push_back(Segment{begin, end});
    i = end;
  }
  return out;
}

Status SyntaxError(std::string_view source, std::size_t byte, const std::string& reason) {
  return Status(Code::kInvalidInput,
                std::string(source) + ": byte " + std::to_string(byte) + ": syntax error: " + reason);
}

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
  const Status whole_error = SyntaxError(source, whole.byte, whole.reason);
  whole.value = nullptr;
  // Not one value: JSON Lines or concatenated documents (pretty-printed ones included). Each top-level value
  // is parsed on its own; one that is not JSON becomes an error item naming its line, and the others are still
  // delivered. A single broken value stays a whole-document error.
  const std::vector<Segment> segments = SplitTopLevelValues(text);
  if (segments.size() < 2) return whole_error;
  std::vector<JsonParse> values;
  values.reserve(segments.size());
  bool any_value = false;
  for (const Segment& seg : segments) {
    values.push_back(ParseJsonText(std::string_view(text).substr(seg.begin, seg.end - seg.begin)));
    if (values.back().outcome == JsonParse::Outcome::kOutOfMemory) return OutOfMemory(source);
    any_value = any_value || values.back().outcome == JsonParse::Outcome::kValue;
  }
  if (!any_value) return whole_error;  // nothing in it reads as JSON: one broken document
  std::size_t line = 1;
  std::size_t counted_to = 0;
  for (std::size_t k = 0; k < segments.size(); ++k) {
    const Segment& seg = segments[k];
    line += static_cast<std::size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(counted_to),
                                                text.begin() + static_cast<std::ptrdiff_t>(seg.begin), '\n'));
    counted_to = seg.begin;
    JsonParse& parsed = values[k];
    if (parsed.outcome == JsonParse::Outcome::kSyntaxError) {
      collector.AddError(Status(Code::kInvalidInput, std::string(source) + ": line " + std::to_string(line) +
                                                         ": byte " + std::to_string(seg.begin + parsed.byte) +
                                                         ": syntax error: " + parsed.reason));
      continue;
    }
    collector.AddValue(parsed.value);
  }
  return collector.Take();
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

}  // namespace gdslack
