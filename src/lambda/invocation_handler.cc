#include "lambda/invocation_handler.h"

#include <algorithm>
#include <exception>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/log.h"
#include "finding/parser.h"
#include "lambda/event_shapes.h"

namespace gdslack {
namespace {

// Partial batch response member names (FACTS.md c.2, ReportBatchItemFailures).
constexpr const char* kBatchItemFailures = "batchItemFailures";
constexpr const char* kItemIdentifier = "itemIdentifier";

// What happened to the items of one record (or of the whole invocation, summed).
struct Tally {
  int delivered = 0;
  int skipped = 0;        // already delivered from this sandbox
  int acknowledged = 0;   // GuardDuty events that are not findings
  int failed = 0;         // findings not delivered
  int invalid = 0;        // items or records that could not be read
  std::string first_failure;  // "<finding id>: <status>"
  std::string first_invalid;  // the parser's or the splitter's message

  void Add(const Tally& other) {
    delivered += other.delivered;
    skipped += other.skipped;
    acknowledged += other.acknowledged;
    failed += other.failed;
    invalid += other.invalid;
    if (first_failure.empty()) first_failure = other.first_failure;
    if (first_invalid.empty()) first_invalid = other.first_invalid;
  }
  bool ok() const { return failed == 0 && invalid == 0; }
};

void NoteInvalid(Tally& tally, const Status& error, const std::string& request_id) {
  ++tally.invalid;
  if (tally.first_invalid.empty()) tally.first_invalid = error.message();
  Log(LogLevel::kWarn, "item rejected",
      {{"request_id", request_id}, {"outcome", "invalid"}, {"error", error.message()}});
}

void LogFinding(const Finding& finding, const std::string& request_id, std::string_view outcome,
                const NotifyOutcome* notified) {
  std::vector<LogField> fields = {
      {"request_id", request_id},
      {"finding_id", finding.id},
      {"finding_type", finding.type},
      {"severity", finding.severity},
      {"account", finding.account_id},
      {"outcome", outcome},
      {"attempts", notified == nullptr ? 0 : notified->attempts},
      {"latency_ms", notified == nullptr ? int64_t{0} : notified->latency_ms},
      {"http_status", notified == nullptr ? int64_t{0} : static_cast<int64_t>(notified->http_status)},
  };
  if (notified != nullptr && !notified->status.ok()) {
    fields.emplace_back("error_code", std::string(CodeName(notified->status.code())));
    fields.emplace_back("error", notified->status.message());
  }
  Log(notified != nullptr && !notified->status.ok() ? LogLevel::kError : LogLevel::kInfo, "finding handled",
      fields);
}

std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

InvocationResult Success(std::string body) {
  InvocationResult result;
  result.ok = true;
  result.response_body = std::move(body);
  return result;
}

InvocationResult Failure(std::string_view error_type, std::string message) {
  InvocationResult result;
  result.ok = false;
  result.error_type = std::string(error_type);
  result.error_message = std::move(message);
  return result;
}

// A delivery failure wins over an invalid item: only the former can succeed when Lambda retries.
InvocationResult FailureFor(const Tally& tally) {
  if (tally.failed > 0) {
    const int total = tally.failed + tally.delivered + tally.skipped;
    return Failure(kErrorDeliveryFailed, std::to_string(tally.failed) + " of " + std::to_string(total) +
                                             " findings not delivered; first: " + tally.first_failure);
  }
  return Failure(kErrorInvalidEvent, "invalid event: " + tally.first_invalid);
}

}  // namespace

InvocationHandler::InvocationHandler(Notifier& notifier, const Clock& clock, HandlerOptions options)
    : notifier_(notifier), clock_(clock), options_(options), delivered_(options.dedup_capacity) {}

int64_t InvocationHandler::NotifyDeadline(int64_t lambda_deadline_ms, int64_t now_ms) const {
  if (lambda_deadline_ms <= 0) return now_ms + options_.default_budget_ms;
  const int64_t remaining = lambda_deadline_ms - now_ms;
  const int64_t margin = std::clamp<int64_t>(remaining / 4, 0, options_.deadline_margin_ms);
  return lambda_deadline_ms - margin;
}

InvocationResult InvocationHandler::Handle(const Invocation& invocation) {
  // The per-invocation exception boundary (STYLE.md 4): nothing below may take the loop down.
  try {
    return HandleUnguarded(invocation);
  } catch (const std::exception& e) {
    Log(LogLevel::kError, "handler crashed", {{"request_id", invocation.request_id}, {"error", e.what()}});
    return Failure(kErrorHandlerCrashed, "internal error while handling the invocation (exception)");
  } catch (...) {
    Log(LogLevel::kError, "handler crashed", {{"request_id", invocation.request_id}});
    return Failure(kErrorHandlerCrashed, "internal error while handling the invocation (unknown exception)");
  }
}

InvocationResult InvocationHandler::HandleUnguarded(const Invocation& invocation) {
  const std::string& request_id = invocation.request_id;
  Result<EventBatch> batch = SplitEvent(invocation.body);
  if (!batch) {
    Log(LogLevel::kWarn, "invocation rejected", {{"request_id", request_id}, {"error", batch.error().message()}});
    return Failure(kErrorInvalidEvent, "invalid event: " + batch.error().message());
  }

  const int64_t deadline = NotifyDeadline(invocation.deadline_ms, clock_.NowUnixMs());
  Tally total;
  std::vector<std::string> failed_message_ids;
  bool failed_without_id = false;

  bool fifo_stopped = false;
  for (std::size_t i = 0; i < batch->records.size(); ++i) {
    const EventRecord& record = batch->records[i];
    Tally tally;
    if (fifo_stopped) {
      // Not attempted: Lambda redelivers it after the failed one, in order.
      failed_message_ids.push_back(record.message_id);
      if (record.message_id.empty()) failed_without_id = true;
      continue;
    }
    if (!record.error.ok()) {
      NoteInvalid(tally, record.error, request_id);
    } else {
      const std::string source = "record " + std::to_string(i + 1);
      Result<std::vector<ParsedItem>> items = ParseDocument(record.text, source);
      if (!items) {
        NoteInvalid(tally, items.error(), request_id);
      } else {
        for (const ParsedItem& item : *items) {
          if (item.kind == ParsedItem::Kind::kOtherGuardDutyEvent) {
            ++tally.acknowledged;
            Log(LogLevel::kInfo, "GuardDuty event acknowledged, not posted",
                {{"request_id", request_id}, {"detail_type", item.detail_type}, {"outcome", "acknowledged"}});
            continue;
          }
          if (item.kind != ParsedItem::Kind::kFinding || !item.finding.has_value()) {
            NoteInvalid(tally, item.error, request_id);
            continue;
          }
          const Finding& finding = *item.finding;
          // A finding without an id has no identity to de-duplicate on; it is always posted.
          const std::string key = finding.id.empty() ? std::string() : DeliveredCache::KeyFor(finding);
          if (!key.empty() && delivered_.Contains(key)) {
            ++tally.skipped;
            LogFinding(finding, request_id, "duplicate", nullptr);
            continue;
          }
          NotifyOutcome outcome;
          if (clock_.NowUnixMs() >= deadline) {
            // Starting a post now could not finish before Lambda stops us; report instead.
            outcome.status = Status(Code::kTimeout, "no time left before the Lambda deadline");
          } else {
            outcome = notifier_.Notify(finding, deadline);
          }
          if (outcome.status.ok()) {
            ++tally.delivered;
            if (!key.empty()) delivered_.Remember(key);
            LogFinding(finding, request_id, "delivered", &outcome);
          } else {
            ++tally.failed;
            if (tally.first_failure.empty()) tally.first_failure = finding.id + ": " + outcome.status.ToString();
            LogFinding(finding, request_id, "failed", &outcome);
          }
        }
      }
    }
    if (!tally.ok()) {
      if (record.message_id.empty()) failed_without_id = true;
      failed_message_ids.push_back(record.message_id);
      if (batch->fifo) fifo_stopped = true;
    }
    total.Add(tally);
  }

  if (batch->kind == EventBatch::Kind::kSqs) {
    // Lambda fails the whole batch on an empty itemIdentifier anyway; say so plainly instead.
    if (failed_without_id) return FailureFor(total);
    // Nothing succeeded: answer an error, not a success listing every record. A success is only safe when
    // the event source mapping has ReportBatchItemFailures; without it Lambda reads any success as "all
    // done" and deletes every message, losing them all. An error returns the whole batch to the queue
    // either way, which here costs nothing: there is no delivered record to post twice.
    if (!failed_message_ids.empty() && failed_message_ids.size() == batch->records.size()) {
      Log(LogLevel::kWarn, "batch handled",
          {{"request_id", request_id},
           {"records", static_cast<int64_t>(batch->records.size())},
           {"failed_records", static_cast<int64_t>(failed_message_ids.size())}});
      return FailureFor(total);
    }
    nlohmann::json failures = nlohmann::json::array();
    for (const std::string& id : failed_message_ids) failures.push_back({{kItemIdentifier, id}});
    Log(failed_message_ids.empty() ? LogLevel::kInfo : LogLevel::kWarn, "batch handled",
        {{"request_id", request_id},
         {"records", static_cast<int64_t>(batch->records.size())},
         {"failed_records", static_cast<int64_t>(failed_message_ids.size())}});
    return Success(Dump({{kBatchItemFailures, failures}}));
  }
  if (!total.ok()) return FailureFor(total);
  return Success(Dump(
      {{"delivered", total.delivered}, {"skipped", total.skipped}, {"acknowledged", total.acknowledged}}));
}

}  // namespace gdslack
