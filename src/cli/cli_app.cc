#include "cli/cli_app.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <memory>

#include "app/configuration.h"
#include "base/clock.h"
#include "cli/demo_events.h"
#include "cli/input_source.h"
#include "cli/send_command.h"
#include "finding/parser.h"
#include "http/curl_http_client.h"
#include "render/slack_message.h"

#ifndef GDSLACK_VERSION
#define GDSLACK_VERSION "0.0.0"
#endif

namespace gdslack {

namespace {

constexpr const char* kProgram = "guardduty-slack";
// Budget for reading AWS credentials, the webhook secret and one account name.
constexpr int64_t kAwsBudgetMs = 5000;

// AWS-backed configuration for one CLI run: credentials (environment or profile), account names, and the
// webhook secret. Built on demand, so `render` without AWS configuration never touches the network.
struct CliServices {
  explicit CliServices(const EnvLookup& e) : env(e) {}

  // Names from ACCOUNT_NAMES and, when credentials exist, Organizations. Errors are reported once on `err`;
  // the run goes on with bare account ids.
  AccountNameLookup* Names(std::ostream& err) {
    if (names_built) return names.get();
    names_built = true;
    EnsureAws();
    Result<std::unique_ptr<AccountNameLookup>> built =
        BuildAccountNameLookup(env, aws ? &*aws : nullptr, http, SystemClock::Instance(), RealSleeper::Instance());
    if (!built) {
      err << kProgram << ": account names off: " << built.error().message() << "\n";
      return nullptr;
    }
    names = std::move(*built);
    return names.get();
  }

  Result<Secret> Webhook() {
    EnsureAws();
    return ResolveWebhookUrl(env, aws ? &*aws : nullptr, http, SystemClock::Instance(), RealSleeper::Instance(),
                             SystemClock::Instance().NowUnixMs() + kAwsBudgetMs);
  }

  void EnsureAws() {
    if (aws_tried) return;
    aws_tried = true;
    Result<AwsAccess> access = ResolveAwsAccess(env, RunMode::kCli, http, SystemClock::Instance(),
                                                RealSleeper::Instance(),
                                                SystemClock::Instance().NowUnixMs() + kAwsBudgetMs);
    if (access) aws = std::move(*access);
  }

  const EnvLookup& env;
  CurlHttpClient http;
  bool aws_tried = false;
  std::optional<AwsAccess> aws;
  bool names_built = false;
  std::unique_ptr<AccountNameLookup> names;
};

void AddAccountName(Finding& f, AccountNameLookup* names) {
  if (names != nullptr && f.account_name.empty() && !f.account_id.empty()) {
    f.account_name = names->Lookup(f.account_id, SystemClock::Instance().NowUnixMs() + kAwsBudgetMs);
  }
}

struct CommonOptions {
  std::vector<std::string> files;
  std::string format = "blocks";
  bool preview_url = false;
};

// Parses every input and hands each finding to `on_finding`. Reports bad input on `err` as one line each.
// Returns false when any input or item was bad.
bool ForEachFinding(const std::vector<std::string>& files, std::ostream& err,
                    const std::function<void(const Finding&)>& on_finding) {
  bool all_good = true;
  std::vector<std::string> paths = files.empty() ? std::vector<std::string>{"-"} : files;
  for (const std::string& path : paths) {
    Result<InputText> input = ReadInput(path);
    if (!input) {
      err << kProgram << ": " << input.error().message() << "\n";
      all_good = false;
      continue;
    }
    Result<std::vector<ParsedItem>> items = ParseDocument(input->text, input->name);
    if (!items) {
      err << kProgram << ": " << items.error().message() << "\n";
      all_good = false;
      continue;
    }
    if (items->empty()) {
      err << kProgram << ": " << input->name << ": no findings\n";
      all_good = false;
    }
    for (const ParsedItem& item : *items) {
      switch (item.kind) {
        case ParsedItem::Kind::kFinding:
          on_finding(*item.finding);
          break;
        case ParsedItem::Kind::kOtherGuardDutyEvent:
          err << kProgram << ": " << input->name << ": skipped GuardDuty event \"" << item.detail_type
              << "\" (not a finding)\n";
          break;
        case ParsedItem::Kind::kError:
          err << kProgram << ": " << item.error.message() << "\n";
          all_good = false;
          break;
      }
    }
  }
  return all_good;
}

Result<MessageFormat> ParseFormat(const std::string& name) {
  if (name == "blocks") return MessageFormat::kBlocks;
  if (name == "text") return MessageFormat::kText;
  return Status(Code::kInvalidInput, "--format must be blocks or text, not \"" + name + "\"");
}

int RunRender(const CommonOptions& opts, MessageFormat format, CliServices& services, std::ostream& out,
              std::ostream& err) {
  RenderOptions render;
  render.format = format;
  AccountNameLookup* names = services.Names(err);
  bool ok = ForEachFinding(opts.files, err, [&](const Finding& parsed) {
    Finding f = parsed;
    AddAccountName(f, names);
    std::string payload = RenderSlackPayload(f, render);
    out << payload << "\n";
    if (opts.preview_url && format == MessageFormat::kBlocks) {
      err << "preview " << f.id << ": " << BlockKitBuilderUrl(payload) << "\n";
    }
  });
  return ok ? kExitOk : kExitBadInput;
}

// The quick start's main job: render the embedded sample findings, show each payload and its Block Kit
// Builder link, and deliver them when SLACK_URL is set.
int RunDemo(CliServices& services, std::ostream& out, std::ostream& err) {
  std::vector<Finding> findings;
  for (const DemoEvent& demo : DemoEvents()) {
    Result<std::vector<ParsedItem>> items = ParseDocument(demo.json, demo.name);
    if (!items || items->size() != 1 || (*items)[0].kind != ParsedItem::Kind::kFinding) {
      err << kProgram << ": embedded sample " << demo.name << " did not parse\n";
      return kExitBadInput;
    }
    findings.push_back(*(*items)[0].finding);
  }
  AccountNameLookup* names = services.Names(err);
  for (Finding& f : findings) {
    AddAccountName(f, names);
    std::string payload = RenderSlackPayload(f, {});
    out << "# " << f.type << " (" << BandName(f.band) << ")\n" << payload << "\n";
    out << "# preview (open while signed in to Slack): " << BlockKitBuilderUrl(payload) << "\n\n";
  }
  if (EnvOr(services.env, "SLACK_URL", "").empty() && EnvOr(services.env, "SLACK_URL_PARAMETER", "").empty() &&
      EnvOr(services.env, "SLACK_URL_SECRET", "").empty()) {
    out << "# SLACK_URL is not set: nothing sent. Set it to an incoming-webhook URL to deliver these.\n";
    return kExitOk;
  }
  Result<Secret> url = services.Webhook();
  if (!url) {
    err << kProgram << ": " << url.error().message() << "\n";
    return kExitBadInput;
  }
  SendOptions send;
  send.webhook_url = std::move(*url);
  return SendFindings(findings, send, names, err);
}

}  // namespace

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const EnvLookup& env) {
  CLI::App app{"guardduty-slack: AWS GuardDuty findings to Slack, readable at a glance and never silently lost.",
               kProgram};
  app.set_version_flag("--version", std::string(kProgram) + " " + GDSLACK_VERSION);
  app.require_subcommand(1);

  CommonOptions render_opts;
  CLI::App* render = app.add_subcommand("render", "Print one Slack webhook payload per finding (JSON Lines)");
  render->add_option("files", render_opts.files, "Event/finding files, '-' for stdin (default: stdin)");
  render->add_option("--format", render_opts.format, "blocks (Block Kit) or text (one line)")
      ->capture_default_str();
  render->add_flag("--preview-url", render_opts.preview_url, "Also print a Block Kit Builder link per finding (stderr)");

  CommonOptions send_opts;
  std::string webhook_flag;
  int64_t interval_ms = 1000;
  CLI::App* send = app.add_subcommand("send", "Deliver each finding to a Slack incoming webhook");
  send->add_option("files", send_opts.files, "Event/finding files, '-' for stdin (default: stdin)");
  send->add_option("--format", send_opts.format, "blocks (Block Kit) or text (one line)")->capture_default_str();
  send->add_option("--webhook-url", webhook_flag,
                   "Incoming-webhook URL (default: $SLACK_URL). Prefer the variable: flags show in `ps`.");
  send->add_option("--interval-ms", interval_ms, "Minimum time between posts to one webhook (Slack allows ~1/s)")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{0}, int64_t{60000}));

  app.add_subcommand("demo", "Render the bundled sample findings, show preview links, send them if SLACK_URL is set");

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    out << kProgram << " " << GDSLACK_VERSION << "\n";
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    // CLI11 messages can span lines; keep the first, then point at --help.
    std::string what = e.what();
    what = what.substr(0, what.find('\n'));
    err << kProgram << ": " << what << " (see --help)\n";
    return kExitBadInput;
  }

  CliServices services(env);
  if (render->parsed() || send->parsed()) {
    const CommonOptions& opts = render->parsed() ? render_opts : send_opts;
    Result<MessageFormat> format = ParseFormat(opts.format);
    if (!format) {
      err << kProgram << ": " << format.error().message() << "\n";
      return kExitBadInput;
    }
    if (render->parsed()) return RunRender(opts, *format, services, out, err);

    SendOptions options;
    options.format = *format;
    options.interval_ms = interval_ms;
    Result<Secret> url = webhook_flag.empty() ? services.Webhook() : Result<Secret>(Secret(webhook_flag));
    if (url) {
      Status valid = ValidateWebhookUrl(*url);
      if (!valid.ok()) url = Result<Secret>(valid);
    }
    if (!url) {
      err << kProgram << ": " << url.error().message() << "\n";
      return kExitBadInput;
    }
    options.webhook_url = std::move(*url);
    std::vector<Finding> findings;
    bool inputs_ok = ForEachFinding(opts.files, err, [&](const Finding& f) { findings.push_back(f); });
    int code = SendFindings(findings, options, services.Names(err), err);
    if (code != kExitOk) return code;
    return inputs_ok ? kExitOk : kExitBadInput;
  }
  return RunDemo(services, out, err);
}

}  // namespace gdslack
