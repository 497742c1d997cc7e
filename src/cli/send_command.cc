#include "cli/send_command.h"

#include <chrono>
#include <limits>
#include <streambuf>
#include <utility>

#include "app/delivery_setup.h"
#include "app/destination_set.h"
#include "app/pipeline.h"
#include "app/triage_setup.h"
#include "base/clock.h"
#include "base/log.h"
#include "cli/cli_app.h"

namespace gdslack {
namespace {

constexpr const char* kProgram = "guardduty-slack";
// A terminal line redrawn more often than this only flickers.
constexpr auto kRedrawEvery = std::chrono::milliseconds(250);

// Writes through to `target`. While a progress line is drawn (a terminal), the next write first clears it, so
// messages never land in the middle of it.
class ProgressLineBuf final : public std::streambuf {
 public:
  explicit ProgressLineBuf(std::streambuf* target) : target_(target) {}

  void Draw(const std::string& line) {
    const std::string text = "\r" + line + "\x1b[K";
    target_->sputn(text.data(), static_cast<std::streamsize>(text.size()));
    target_->pubsync();
    drawn_ = true;
  }
  void Clear() {
    if (!drawn_) return;
    drawn_ = false;
    target_->sputn("\r\x1b[K", 4);
  }

 protected:
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    Clear();
    return target_->sputc(traits_type::to_char_type(ch));
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    Clear();
    return target_->sputn(s, n);
  }
  int sync() override { return target_->pubsync(); }

 private:
  std::streambuf* target_;
  bool drawn_ = false;
};

}  // namespace

struct SendRun::Impl {
  Impl(SendOptions send_options, CliServices& cli_services, std::ostream& err_stream, const InputStats* stats)
      : options(std::move(send_options)), services(cli_services), line(err_stream.rdbuf()), err(&line), input(stats) {}

  void SendBatch() {
    if (batch.empty()) return;
    // The CLI has no overall deadline: each message has its own budget (per_send_budget_ms).
    const std::vector<FindingResult> results = pipeline->Process(batch, std::numeric_limits<int64_t>::max() / 2);
    in_flight = 0;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const FindingResult& r = results[i];
      ++done;
      ++counts[static_cast<std::size_t>(r.outcome)];
      if (r.outcome == FindingResult::Outcome::kFailed) {
        err << kProgram << ": " << batch[i].id << ": not delivered: " << r.status.message() << "\n";
      } else if (r.outcome != FindingResult::Outcome::kDelivered) {
        err << kProgram << ": " << batch[i].id << ": not sent (" << OutcomeName(r.outcome) << "): " << r.reason << "\n";
      }
    }
    batch.clear();
    Progress(true);
  }

  // "done 230 of ~1900, 220 posts, 2 failed" (posts are messages: a digest carries several findings): the total
  // is estimated from how much of the input was read, and exact once all of it was.
  void Progress(bool force) {
    if (!options.progress) return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - drawn_at < kRedrawEvery) return;
    drawn_at = now;
    // A finding routed to two destinations is carried by two sends: never count past the batch.
    std::string text = std::string(kProgram) + ": done " + std::to_string(done + std::min(in_flight, batch.size()));
    if (input != nullptr && input->total_bytes && input->bytes_read > 0) {
      const double share = static_cast<double>(input->bytes_read) / static_cast<double>(*input->total_bytes);
      const auto estimate = static_cast<std::size_t>(static_cast<double>(input->findings) / std::min(share, 1.0));
      text += (share >= 1.0 ? " of " : " of ~") + std::to_string(std::max(estimate, added));
    }
    text += ", " + std::to_string(posts) + (posts == 1 ? " post, " : " posts, ") + std::to_string(post_failures) +
            " failed";
    line.Draw(text);
  }

  std::size_t Count(FindingResult::Outcome outcome) const { return counts[static_cast<std::size_t>(outcome)]; }

  // One line, always: what happened to every finding.
  void Tally() {
    using O = FindingResult::Outcome;
    err << kProgram << ": " << done << (done == 1 ? " finding: " : " findings: ") << Count(O::kDelivered) << " posted, "
        << Count(O::kDuplicate) << " duplicate, " << Count(O::kMuted) << " muted, " << Count(O::kFailed) << " failed";
    for (O other : {O::kFiltered, O::kDropped, O::kUnchanged}) {
      if (Count(other) > 0) err << ", " << Count(other) << " " << OutcomeName(other);
    }
    err << "\n";
  }

  SendOptions options;
  CliServices& services;
  ProgressLineBuf line;
  std::ostream err;
  const InputStats* input;
  std::optional<RoutingConfig> config;
  std::unique_ptr<DeliverySetup> delivery;
  std::unique_ptr<Pipeline> pipeline;
  std::vector<Finding> batch;
  std::size_t added = 0;
  std::size_t done = 0;
  std::size_t in_flight = 0;  // findings of the current batch carried by a send so far
  std::size_t posts = 0;
  std::size_t post_failures = 0;
  std::size_t counts[static_cast<std::size_t>(FindingResult::Outcome::kFailed) + 1] = {};
  std::chrono::steady_clock::time_point drawn_at;
};

SendRun::SendRun(const SendOptions& options, CliServices& services, std::ostream& err, const InputStats* input)
    : impl_(std::make_unique<Impl>(options, services, err, input)) {}

SendRun::~SendRun() { impl_->line.Clear(); }

std::ostream& SendRun::err() { return impl_->err; }

int SendRun::Start() {
  Impl& r = *impl_;
  SystemClock& clock = SystemClock::Instance();
  RealSleeper& sleeper = RealSleeper::Instance();
  // The delivery layers log as they do in Lambda; on a terminal only warnings and errors show unless LOG_LEVEL
  // asks for more.
  SetLogLevel(LogLevelNamed(EnvOr(r.services.env, "LOG_LEVEL", "warn"), LogLevel::kWarn));
  Result<RoutingConfig> config = r.services.Routing(r.options.config_flag);
  if (!config) {
    r.err << kProgram << ": " << config.error().message() << "\n";
    return kExitBadInput;
  }
  r.config = std::move(*config);
  if (r.options.interval_ms) {
    // "Minimum time between posts": strict spacing, no burst.
    for (auto& [name, d] : r.config->destinations) {
      d.pace_interval_ms = *r.options.interval_ms;
      d.pace_burst = 1;
    }
  }
  AccountNameLookup* names = r.services.Names(r.err);
  DestinationServices ds;
  ds.env = r.services.env;
  ds.aws = r.services.Aws();
  ds.slack_http = &r.services.slack_http;
  ds.aws_http = &r.services.http;
  ds.clock = &clock;
  ds.sleeper = &sleeper;
  ds.names = names;
  ds.render.format = r.options.format;
  ds.deadline_unix_ms = clock.NowUnixMs() + kCliAwsBudgetMs;
  // Triage from Slack, as in Lambda: the buttons on app-mode messages, and the pipeline honours its mutes.
  Result<std::set<std::string>> triage_users = TriageAllowedUsers(*r.config, ds.env);
  if (!triage_users) {
    r.err << kProgram << ": " << triage_users.error().message() << "\n";
    return kExitBadInput;
  }
  ds.triage_buttons = !triage_users->empty();
  ds.environment_webhook = [&r]() -> Result<Secret> {
    if (!r.options.webhook_url) return r.services.Webhook();
    Status valid = ValidateWebhookUrl(*r.options.webhook_url);
    if (!valid.ok()) return valid;
    return *r.options.webhook_url;
  };
  // The factory Lambda's init uses: STATE_TABLE (so a replay does not re-post what Lambda posted), update
  // policies, the Slack bot token (app mode), webhooks and SNS, exactly as configured for the function.
  Result<std::unique_ptr<DeliverySetup>> delivery = BuildDelivery(*r.config, ds);
  if (!delivery) {
    r.err << kProgram << ": " << delivery.error().message() << "\n";
    return kExitBadInput;
  }
  r.delivery = std::move(*delivery);
  PipelineOptions pipeline_options;
  pipeline_options.per_send_budget_ms = r.options.per_send_budget_ms;
  pipeline_options.triage = r.delivery->triage.get();
  r.pipeline = std::make_unique<Pipeline>(*r.config, *r.delivery->destinations, names, clock, pipeline_options);
  r.pipeline->on_send = [&r](const std::string& /*destination*/, const std::string& /*where*/, std::size_t n, bool ok) {
    (ok ? r.posts : r.post_failures) += 1;
    r.in_flight += n;
    r.Progress(false);
  };
  r.batch.reserve(kSendBatch);
  return kExitOk;
}

void SendRun::Add(Finding finding) {
  Impl& r = *impl_;
  r.batch.push_back(std::move(finding));
  ++r.added;
  if (r.batch.size() >= kSendBatch) r.SendBatch();
}

int SendRun::Finish() {
  Impl& r = *impl_;
  r.SendBatch();
  r.line.Clear();
  r.Tally();
  return r.Count(FindingResult::Outcome::kFailed) > 0 ? kExitDeliveryFailed : kExitOk;
}

int SendFindings(const std::vector<Finding>& findings, const SendOptions& options, CliServices& services,
                 std::ostream& err) {
  SendRun run(options, services, err);
  if (int code = run.Start(); code != kExitOk) return code;
  for (const Finding& f : findings) run.Add(f);
  return run.Finish();
}

}  // namespace gdslack
