// libFuzzer target: the event-shape splitter (src/lambda/event_shapes.h), which unwraps SQS and SNS around the
// EventBridge event. Two oracles:
//   1. arbitrary bytes as the invocation body: no crash, and the result keeps its contract (records never
//      empty on success; an unreadable record has an error and no text; message ids and FIFO only for SQS);
//   2. round trip: the bytes (made valid UTF-8) as an SQS body, an SNS message, and an SNS message inside SQS
//      come back as the record's text exactly, unless they are an SNS notification themselves (then peeled).
// Build: cmake --preset fuzz && cmake --build --preset fuzz; run: scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/utf8.h"
#include "finding/json_text.h"
#include "lambda/event_shapes.h"

namespace {

using gdslack::EventBatch;
using nlohmann::json;

void Check(bool ok) {
  if (!ok) std::abort();
}

std::string Dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::strict); }

json SnsNotification(const std::string& message) {
  return {
      {"Type", "Notification"}, {"MessageId", "m"}, {"TopicArn", "arn:aws:sns:us-east-1:1:t"}, {"Message", message}};
}

json SqsRecord(const std::string& body, const std::string& arn) {
  return {{"messageId", "m-1"}, {"body", body}, {"eventSource", "aws:sqs"}, {"eventSourceARN", arn}};
}

bool IsSnsNotification(const std::string& text) {
  const std::string repaired = gdslack::ReplaceLoneSurrogateEscapes(text);
  const json value = json::parse(repaired, nullptr, /*allow_exceptions=*/false);
  if (!value.is_object()) return false;
  auto type = value.find("Type");
  auto message = value.find("Message");
  return type != value.end() && *type == "Notification" && message != value.end() && message->is_string();
}

void CheckContract(const gdslack::Result<EventBatch>& batch) {
  if (!batch) return;
  Check(!batch->records.empty());
  Check(!batch->fifo || batch->kind == EventBatch::Kind::kSqs);
  for (const gdslack::EventRecord& record : batch->records) {
    Check(record.error.ok() || record.text.empty());
    Check(batch->kind == EventBatch::Kind::kSqs || record.message_id.empty());
  }
}

void CheckRoundTrip(const std::string& body, EventBatch::Kind kind, const std::string& inner, bool fifo) {
  gdslack::Result<EventBatch> batch = gdslack::SplitEvent(body);
  Check(batch.has_value());
  Check(batch->kind == kind);
  Check(batch->fifo == fifo);
  Check(batch->records.size() == 1);
  Check(batch->records[0].error.ok());
  Check(batch->records[0].text == inner);
  Check(kind != EventBatch::Kind::kSqs || batch->records[0].message_id == "m-1");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  CheckContract(gdslack::SplitEvent(bytes));

  const std::string inner = gdslack::SanitizeUtf8(bytes);
  if (IsSnsNotification(inner)) return 0;
  const bool fifo = !inner.empty() && (static_cast<unsigned char>(inner[0]) & 1) != 0;
  const std::string arn = fifo ? "arn:aws:sqs:us-east-1:1:q.fifo" : "arn:aws:sqs:us-east-1:1:q";
  CheckRoundTrip(Dump({{"Records", {SqsRecord(inner, arn)}}}), EventBatch::Kind::kSqs, inner, fifo);
  CheckRoundTrip(Dump({{"Records", {{{"EventSource", "aws:sns"}, {"Sns", SnsNotification(inner)}}}}}),
                 EventBatch::Kind::kSns, inner, false);
  CheckRoundTrip(Dump({{"Records", {SqsRecord(Dump(SnsNotification(inner)), arn)}}}), EventBatch::Kind::kSqs, inner,
                 fifo);
  return 0;
}
