#include "lambda/invocation_handler.h"

#include <algorithm>
#include <exception>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/log.h"
#include "finding/parser.h"
#include "lambda/event_shapes.h"
#include "routing/config_loader.h"
#include "triage/triage_handler.h"

namespace gdslack {
namespace {

// Partial batch response member names (docs/reference/lambda.md#invocation-paths, ReportBatchItemFailures).
constexpr const char* kBatchItemFailures = "batchItemFailures";
constexpr const char* kItemIdentifier = "itemIdentifier";

// What happened to the items of one record (or of the whole invocation, summed).
struct Tally {
  int delivered = 0;
  int skipped = 0;            // already delivered from this sandbox
  int not_sent = 0;           // routed nowhere: filtered, muted, dropped, or unchanged under the update policy
  int acknowledged = 0;       // GuardDuty events that are not findings
  int failed = 0;             // findings not delivered
  int invalid = 0;            // items or records that could not be read
  std::string first_failure;  // "<finding id>: <status>"
  std::string first_invalid;  // the parser's or the splitter's message

  void Add(const Tally& other) {
    delivered += other.delivered;
    skipped += other.skipped;
    not_sent += other.not_sent;
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
                const NotifyOutcome* notified, const FindingResult* routed = nullptr) {
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
  if (routed != nullptr) {
    // Why it went where it went (routes, mute reason, filter): the log answers "why no message?".
    fields.emplace_back("route", routed->reason);
    std::string destinations;
    for (const std::string& d : routed->destinations) destinations += (destinations.empty() ? "" : ",") + d;
    if (!destinations.empty()) fields.emplace_back("destinations", destinations);
    if (routed->digested) fields.emplace_back("digest", true);
  }
  if (notified != nullptr && !notified->status.ok()) {
    fields.emplace_back("error_code", std::string(CodeName(notified->status.code())));
    fields.emplace_back("error", notified->status.message());
  }
  Log(notified != nullptr && !notified->status.ok() ? LogLevel::kError : LogLevel::kInfo, "finding handled", fields);
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
    : own_config_(std::make_unique<RoutingConfig>(DefaultRoutingConfig())),
      own_destinations_(DestinationSet::Single(*own_config_, notifier)),
      own_pipeline_(std::make_unique<Pipeline>(*own_config_, *own_destinations_, nullptr, clock)),
      pipeline_(*own_pipeline_),
      clock_(clock),
      options_(options) {}

InvocationHandler::InvocationHandler(Pipeline& pipeline, const Clock& clock, HandlerOptions options)
    : pipeline_(pipeline), clock_(clock), options_(options) {}

InvocationHandler::~InvocationHandler() = default;

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

InvocationResult InvocationHandler::HandleSummary(const Invocation& invocation) {
  const std::string& request_id = invocation.request_id;
  if (!summary_job_) {
    Log(LogLevel::kWarn, "daily summary event, but no destination has summary: daily",
        {{"request_id", request_id}, {"outcome", "acknowledged"}});
    return Success(Dump({{"summaries_posted", 0}}));
  }
  const SummaryRunOutcome run = summary_job_(NotifyDeadline(invocation.deadline_ms, clock_.NowUnixMs()));
  Log(run.failed > 0 ? LogLevel::kError : LogLevel::kInfo, "daily summary handled",
      {{"request_id", request_id},
       {"posted", static_cast<int64_t>(run.posted)},
       {"failed", static_cast<int64_t>(run.failed)}});
  if (run.failed > 0) {
    return Failure(kErrorDeliveryFailed, std::to_string(run.failed) + " of " + std::to_string(run.failed + run.posted) +
                                             " summaries not delivered; first: " + run.first_failure);
  }
  return Success(Dump({{"summaries_posted", run.posted}, {"regions_not_read", run.unreadable}}));
}

InvocationResult InvocationHandler::HandleUnguarded(const Invocation& invocation) {
  const std::string& request_id = invocation.request_id;
  if (IsDailySummaryTrigger(invocation.body)) return HandleSummary(invocation);
  // A function URL request (Slack's button presses) names its requestContext; a finding event never does, so
  // only such a body is parsed twice.
  if (invocation.body.find("\"requestContext\"") != std::string::npos) {
    const nlohmann::json event = nlohmann::json::parse(invocation.body, nullptr, false);
    if (IsFunctionUrlEvent(event)) {
      InvocationResult r;
      r.ok = true;
      r.response_body = options_.triage != nullptr
                            ? options_.triage->Handle(event, NotifyDeadline(invocation.deadline_ms, clock_.NowUnixMs()))
                                  .ToJson()
                                  .dump()
                            : InboundResponse{404, "text/plain", "not found"}.ToJson().dump();
      return r;
    }
  }
  Result<EventBatch> batch = SplitEvent(invocation.body);
  if (!batch) {
    Log(LogLevel::kWarn, "invocation rejected", {{"request_id", request_id}, {"error", batch.error().message()}});
    return Failure(kErrorInvalidEvent, "invalid event: " + batch.error().message());
  }

  const int64_t deadline = NotifyDeadline(invocation.deadline_ms, clock_.NowUnixMs());
  Tally total;
  std::vector<std::string> failed_message_ids;
  bool failed_without_id = false;

  // Records are read first; their findings then go through the pipeline together (one batch: digests and
  // pacing see all of them). A FIFO queue goes record by record and stops at the first failed one, so
  // nothing is posted ahead of a finding that will come back.
  std::vector<Tally> tallies(batch->records.size());
  std::vector<std::vector<Finding>> record_findings(batch->records.size());
  for (std::size_t i = 0; i < batch->records.size(); ++i) {
    const EventRecord& record = batch->records[i];
    Tally& tally = tallies[i];
    if (!record.error.ok()) {
      NoteInvalid(tally, record.error, request_id);
      continue;
    }
    Result<std::vector<ParsedItem>> items = ParseDocument(record.text, "record " + std::to_string(i + 1));
    if (!items) {
      NoteInvalid(tally, items.error(), request_id);
      continue;
    }
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
      // Findings this sandbox already delivered are told apart by the pipeline, per destination (its ledger).
      record_findings[i].push_back(*item.finding);
    }
  }

  auto deliver = [&](std::size_t first, std::size_t last) {  // records [first, last)
    std::vector<Finding> findings;
    std::vector<std::size_t> owner;
    for (std::size_t i = first; i < last; ++i) {
      for (const Finding& f : record_findings[i]) {
        findings.push_back(f);
        owner.push_back(i);
      }
    }
    if (findings.empty()) return;
    const std::vector<FindingResult> results = pipeline_.Process(findings, deadline);
    for (std::size_t k = 0; k < findings.size(); ++k) {
      const Finding& finding = findings[k];
      const FindingResult& r = results[k];
      Tally& tally = tallies[owner[k]];
      switch (r.outcome) {
        case FindingResult::Outcome::kDelivered: ++tally.delivered; break;
        case FindingResult::Outcome::kDuplicate: ++tally.skipped; break;
        case FindingResult::Outcome::kFailed:
          ++tally.failed;
          if (tally.first_failure.empty()) tally.first_failure = finding.id + ": " + r.status.ToString();
          break;
        default: ++tally.not_sent; break;
      }
      LogFinding(finding, request_id, OutcomeName(r.outcome), &r.delivery, &r);
    }
  };

  std::size_t attempted = batch->records.size();
  if (batch->fifo) {
    for (std::size_t i = 0; i < batch->records.size(); ++i) {
      if (tallies[i].ok()) deliver(i, i + 1);
      if (!tallies[i].ok()) {
        attempted = i + 1;
        break;
      }
    }
  } else {
    deliver(0, batch->records.size());
  }
  for (std::size_t i = 0; i < batch->records.size(); ++i) {
    const EventRecord& record = batch->records[i];
    // FIFO records after the failed one were not attempted: Lambda redelivers them after it, in order.
    if (i >= attempted || !tallies[i].ok()) {
      if (record.message_id.empty()) failed_without_id = true;
      failed_message_ids.push_back(record.message_id);
    }
    total.Add(tallies[i]);
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
  nlohmann::json summary = {
      {"delivered", total.delivered}, {"skipped", total.skipped}, {"acknowledged", total.acknowledged}};
  if (total.not_sent > 0) summary["not_sent"] = total.not_sent;
  return Success(Dump(summary));
}

}  // namespace gdslack
