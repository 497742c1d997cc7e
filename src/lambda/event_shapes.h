// Event shapes: turns an invocation body into the records to process — a direct EventBridge event, an
// SQS batch, SNS-wrapped events, and SNS delivered through SQS without raw delivery — by unwrapping
// layer by layer down to the EventBridge envelope. It does not look inside the envelope (parser.h does).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace gdslack {

// One record of an invocation: a document for ParseDocument, or why the record could not be read.
struct EventRecord {
  std::string text;        // the innermost document (normally the EventBridge event JSON)
  std::string message_id;  // SQS messageId (kSqs only); the batchItemFailures itemIdentifier
  Status error;            // not OK: this record is unreadable (kInvalidInput) and text is empty
};

struct EventBatch {
  // kDirect: the body is the event. kSns: Records[].Sns. kSqs: Records[] from an SQS event source
  // mapping, answered with a partial batch response.
  enum class Kind { kDirect, kSns, kSqs };
  Kind kind = Kind::kDirect;
  // kSqs from a FIFO queue (eventSourceARN ends in ".fifo"): processing must stop at the first failed
  // record, and it and every later record are reported as failures, to keep the order
  // (docs/reference/lambda.md#invocation-paths).
  bool fifo = false;
  std::vector<EventRecord> records;  // in input order; never empty on success
};

// Splits an invocation body into records. A body that is not a JSON object, a Records array that is
// empty or holds no SQS/SNS record is kInvalidInput with a one-line message that never quotes the body.
// A single bad record inside a batch is reported in that record's `error`, not for the whole batch.
Result<EventBatch> SplitEvent(std::string_view body);

// True for a scheduled invocation asking for the daily summary (issue 20): EventBridge Scheduler's input
// {"gdslack": "daily-summary"} (deploy/template.yaml), or a scheduled rule's event ("source": "aws.events",
// "detail-type": "Scheduled Event"), which carries no input of its own. Never true for a GuardDuty event.
bool IsDailySummaryTrigger(std::string_view body);

}  // namespace gdslack
