#include "lambda/event_shapes.h"

#include <utility>

#include <nlohmann/json.hpp>

#include "finding/json_text.h"

namespace gdslack {
namespace {

using nlohmann::json;

// Member names of the wrappers (docs/reference/lambda.md#invocation-paths). SQS uses camelCase, SNS PascalCase.
constexpr const char* kRecords = "Records";
constexpr const char* kSqsEventSourceKey = "eventSource";
constexpr const char* kSqsEventSource = "aws:sqs";
constexpr const char* kSqsBody = "body";
constexpr const char* kSqsMessageId = "messageId";
constexpr const char* kSqsEventSourceArn = "eventSourceARN";
constexpr std::string_view kFifoSuffix = ".fifo";
constexpr const char* kSnsEventSourceKey = "EventSource";
constexpr const char* kSnsEventSource = "aws:sns";
constexpr const char* kSnsRecord = "Sns";
constexpr const char* kSnsType = "Type";
constexpr const char* kSnsNotification = "Notification";
constexpr const char* kSnsMessage = "Message";

// SNS inside SQS inside ... is at most a few layers deep in practice; the cap stops a hostile
// self-similar payload from costing more than a few parses.
constexpr int kMaxUnwrapLayers = 4;

json ParseOrDiscard(std::string_view text) {
  // allow_exceptions=false: untrusted input must not throw across this seam (STYLE.md 4).
  // Lone surrogate escapes become U+FFFD first (json_text.h): nlohmann rejects them, which would lose the record.
  const std::string repaired = ReplaceLoneSurrogateEscapes(text);
  return json::parse(repaired.begin(), repaired.end(), nullptr, /*allow_exceptions=*/false);
}

const std::string* StringMember(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return nullptr;
  return it->get_ptr<const std::string*>();
}

bool IsSnsNotification(const json& value) {
  const std::string* type = StringMember(value, kSnsType);
  return type != nullptr && *type == kSnsNotification && StringMember(value, kSnsMessage) != nullptr;
}

// Peels SNS notification envelopes ({"Type":"Notification","Message":"<string>"}) off `text`. Text that
// is not JSON is returned as it is: the parser reports it with its byte offset.
std::string Unwrap(std::string text) {
  for (int layer = 0; layer < kMaxUnwrapLayers; ++layer) {
    json value = ParseOrDiscard(text);
    if (value.is_discarded() || !IsSnsNotification(value)) break;
    text = *StringMember(value, kSnsMessage);
  }
  return text;
}

EventRecord InvalidRecord(std::string message) {
  EventRecord record;
  record.error = Status(Code::kInvalidInput, std::move(message));
  return record;
}

EventRecord SqsRecord(const json& record, std::size_t index) {
  EventRecord out;
  if (const std::string* id = StringMember(record, kSqsMessageId)) out.message_id = *id;
  const std::string* body = StringMember(record, kSqsBody);
  if (body == nullptr) {
    out.error = Status(Code::kInvalidInput, "record " + std::to_string(index) + ": SQS record has no body");
    return out;
  }
  out.text = Unwrap(*body);
  return out;
}

EventRecord SnsRecord(const json& record, std::size_t index) {
  auto sns = record.find(kSnsRecord);
  const std::string* message = sns == record.end() ? nullptr : StringMember(*sns, kSnsMessage);
  if (message == nullptr) {
    return InvalidRecord("record " + std::to_string(index) + ": SNS record has no Sns.Message");
  }
  EventRecord out;
  out.text = Unwrap(*message);
  return out;
}

}  // namespace

Result<EventBatch> SplitEvent(std::string_view body) {
  json event = ParseOrDiscard(body);
  if (event.is_discarded()) return Status(Code::kInvalidInput, "event is not valid JSON");
  if (!event.is_object()) return Status(Code::kInvalidInput, "event is not a JSON object");

  EventBatch batch;
  auto records = event.find(kRecords);
  if (records == event.end()) {
    EventRecord record;
    record.text = Unwrap(std::string(body));
    batch.records.push_back(std::move(record));
    return batch;
  }
  if (!records->is_array() || records->empty()) {
    return Status(Code::kInvalidInput, "event has Records but it is not a non-empty array");
  }

  // An event source mapping delivers one source per invocation; the first record that names a known
  // source decides how the invocation is answered.
  bool known_source = false;
  for (const json& record : *records) {
    const std::string* sqs = StringMember(record, kSqsEventSourceKey);
    const std::string* sns = StringMember(record, kSnsEventSourceKey);
    if (sqs != nullptr && *sqs == kSqsEventSource) {
      batch.kind = EventBatch::Kind::kSqs;
      known_source = true;
      break;
    }
    if (sns != nullptr && *sns == kSnsEventSource) {
      batch.kind = EventBatch::Kind::kSns;
      known_source = true;
      break;
    }
  }
  if (!known_source) return Status(Code::kInvalidInput, "event has Records but none from aws:sqs or aws:sns");

  std::size_t index = 0;
  for (const json& record : *records) {
    ++index;
    const std::string* sqs = StringMember(record, kSqsEventSourceKey);
    const std::string* sns = StringMember(record, kSnsEventSourceKey);
    if (sqs != nullptr && *sqs == kSqsEventSource) {
      const std::string* arn = StringMember(record, kSqsEventSourceArn);
      if (arn != nullptr && arn->ends_with(kFifoSuffix)) batch.fifo = true;
      batch.records.push_back(SqsRecord(record, index));
    } else if (sns != nullptr && *sns == kSnsEventSource) {
      batch.records.push_back(SnsRecord(record, index));
    } else {
      EventRecord bad = InvalidRecord("record " + std::to_string(index) + ": not from aws:sqs or aws:sns");
      // Only an SQS answer names records (batchItemFailures); elsewhere a stray messageId means nothing.
      const std::string* id = StringMember(record, kSqsMessageId);
      if (id != nullptr && batch.kind == EventBatch::Kind::kSqs) bad.message_id = *id;
      batch.records.push_back(std::move(bad));
    }
  }
  return batch;
}

bool IsDailySummaryTrigger(std::string_view body) {
  // Cheap refusal first: findings and batches, the common case, never hold either marker.
  if (body.find("daily-summary") == std::string_view::npos && body.find("Scheduled Event") == std::string_view::npos) {
    return false;
  }
  const json event = ParseOrDiscard(body);
  if (!event.is_object()) return false;
  const std::string* marker = StringMember(event, "gdslack");
  if (marker != nullptr) return *marker == "daily-summary";
  const std::string* source = StringMember(event, "source");
  const std::string* detail_type = StringMember(event, "detail-type");
  return source != nullptr && detail_type != nullptr && *source == "aws.events" && *detail_type == "Scheduled Event";
}

}  // namespace gdslack
