// InvocationHandler: what one Lambda invocation means — split the event into records, parse each, hand the
// findings to the pipeline (which skips deliveries this sandbox already made) (app/pipeline.h: route, digest,
// pace, deliver) before the deadline, and decide the answer:
// a response (direct/SNS summary, or an SQS partial batch response) or an error with an errorType.
// It never throws and never talks to the Runtime API itself (runtime_loop.h does). Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "app/pipeline.h"
#include "app/summary_run.h"
#include "base/clock.h"
#include "lambda/runtime_client.h"
#include "notify/notifier.h"

namespace gdslack {

class TriageHandler;

// The answer to one invocation: either a response body for /response, or an error for /error.
struct InvocationResult {
  bool ok = false;
  std::string response_body;  // ok: JSON
  std::string error_type;     // !ok: matches (Runtime|Function)\.[A-Z][a-zA-Z]+
  std::string error_message;  // !ok: one line for a human; never a secret or the event
};

struct HandlerOptions {
  // Time kept back from Lambda's deadline so a failure is reported before Lambda kills the sandbox.
  // Shrinks to a quarter of the remaining time when that is short.
  int64_t deadline_margin_ms = 500;
  // Budget when the invocation carried no deadline (Lambda always sends one; stand-ins might not).
  int64_t default_budget_ms = 30000;
  // Serves function URL events (the Slack interactivity endpoint, triage/triage_handler.h); null = such an
  // event is answered 404. The same bootstrap serves findings and triage: what arrives decides.
  TriageHandler* triage = nullptr;
};

class InvocationHandler {
 public:
  // Every finding to `notifier`, unpaced, no routing (tests, a single destination). References must
  // outlive the handler.
  InvocationHandler(Notifier& notifier, const Clock& clock, HandlerOptions options = {});
  // Findings through `pipeline` (routing, digests, pacing). References must outlive the handler.
  InvocationHandler(Pipeline& pipeline, const Clock& clock, HandlerOptions options = {});
  ~InvocationHandler();
  InvocationHandler(const InvocationHandler&) = delete;
  InvocationHandler& operator=(const InvocationHandler&) = delete;

  // Handles one invocation. A scheduled daily-summary event (IsDailySummaryTrigger) runs the summary job:
  // ok with {"summaries_posted":N,"regions_not_read":[...]} when every destination got its summary, else
  // Function.DeliveryFailed naming the first that did not. Direct/SNS: all findings delivered or skipped -> ok with
  // {"delivered":N,"skipped":M,"acknowledged":K} (plus "not_sent":L when routing sent some nowhere); a finding not
  // delivered -> Function.DeliveryFailed; an unreadable event or item -> Function.InvalidEvent. SQS: ok with
  // {"batchItemFailures":[{"itemIdentifier":"<messageId>"},...]} naming exactly the records with a
  // failed or invalid item (FIFO queue: the first such record and every later one, unattempted); when
  // every record failed, the error of the direct case instead (safe without ReportBatchItemFailures).
  // A function URL event (payload format 2.0) is answered with an HTTP response object
  // ({"statusCode","headers","body"}) by the triage handler.
  // Anything thrown below becomes Runtime.HandlerCrashed.
  InvocationResult Handle(const Invocation& invocation);

  // What a scheduled daily-summary invocation runs (app/summary_run.h), given the deadline; unset = no
  // destination has `summary: daily`, and such an invocation is acknowledged with a warning.
  using SummaryJob = std::function<SummaryRunOutcome(int64_t deadline_unix_ms)>;
  void set_summary_job(SummaryJob job) { summary_job_ = std::move(job); }

  // The absolute deadline passed to Notifier::Notify for an invocation with Lambda deadline
  // `lambda_deadline_ms` (0 = none) at time `now_ms`.
  int64_t NotifyDeadline(int64_t lambda_deadline_ms, int64_t now_ms) const;

 private:
  InvocationResult HandleUnguarded(const Invocation& invocation);
  InvocationResult HandleSummary(const Invocation& invocation);

  // Owned only by the single-notifier constructor.
  std::unique_ptr<RoutingConfig> own_config_;
  std::unique_ptr<DestinationSet> own_destinations_;
  std::unique_ptr<Pipeline> own_pipeline_;
  Pipeline& pipeline_;
  const Clock& clock_;
  HandlerOptions options_;
  SummaryJob summary_job_;
};

}  // namespace gdslack
