#include "cli/cli_app.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <memory>
#include <utility>

#include "app/slack_notifier.h"
#include "base/clock.h"
#include "cli/cli_services.h"
#include "cli/demo_events.h"
#include "cli/input_source.h"
#include "cli/route_command.h"
#include "cli/send_command.h"
#include "finding/parser.h"
#include "render/mention.h"
#include "render/slack_message.h"
#include "routing/router.h"

#ifndef GDSLACK_VERSION
#define GDSLACK_VERSION "0.0.0"
#endif

namespace gdslack {

namespace {

constexpr const char* kProgram = "guardduty-slack";

void AddAccountName(Finding& f, AccountNameLookup* names) {
  if (names != nullptr && f.account_name.empty() && !f.account_id.empty()) {
    f.account_name = names->Lookup(f.account_id, SystemClock::Instance().NowUnixMs() + kCliAwsBudgetMs);
  }
}

struct CommonOptions {
  std::vector<std::string> files;
  std::string format = "blocks";
  std::string config;
  bool preview_url = false;
};

Result<MessageFormat> ParseFormat(const std::string& name) {
  if (name == "blocks") return MessageFormat::kBlocks;
  if (name == "text") return MessageFormat::kText;
  return Status(Code::kInvalidInput, "--format must be blocks or text, not \"" + name + "\"");
}

// With --config, only findings the routing sends somewhere are rendered (with their route's mention).
int RunRender(const CommonOptions& opts, MessageFormat format, CliServices& services, std::ostream& out,
              std::ostream& err) {
  RenderOptions render;
  render.format = format;
  std::optional<RoutingConfig> config;
  if (!opts.config.empty()) {
    Result<RoutingConfig> loaded = services.Routing(opts.config);
    if (!loaded) {
      err << kProgram << ": " << loaded.error().message() << "\n";
      return kExitBadInput;
    }
    config = std::move(*loaded);
  }
  AccountNameLookup* names = services.Names(err);
  bool ok = ForEachFinding(opts.files, err, [&](Finding& f) {
    AddAccountName(f, names);
    std::string mention;
    if (config) {
      const RoutingDecision d = RouteFinding(*config, f, SystemClock::Instance().NowUnixMs() / 1000);
      if (d.kind != RoutingDecision::Kind::kDeliver) {
        err << kProgram << ": " << f.id << ": not rendered: " << d.reason << "\n";
        return;
      }
      mention = d.deliveries.back().route->mention;
    }
    std::string payload = WithMention(RenderSlackPayload(f, render), mention);
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
  return SendFindings(findings, SendOptions{}, services, err);
}

}  // namespace

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const EnvLookup& env,
           bool err_is_terminal) {
  CLI::App app{"guardduty-slack: AWS GuardDuty findings to Slack, readable at a glance and never silently lost.",
               kProgram};
  app.set_version_flag("--version", std::string(kProgram) + " " + GDSLACK_VERSION);
  app.require_subcommand(1);

  CommonOptions render_opts;
  CLI::App* render = app.add_subcommand("render", "Print one Slack webhook payload per finding (JSON Lines)");
  render->add_option("files", render_opts.files, "Event/finding files, '-' for stdin (default: stdin)");
  render->add_option("--format", render_opts.format, "blocks (Block Kit) or text (one line)")->capture_default_str();
  render->add_option("--config", render_opts.config, "Routing configuration: render only what it sends somewhere");
  render->add_flag("--preview-url", render_opts.preview_url,
                   "Also print a Block Kit Builder link per finding (stderr)");

  CommonOptions send_opts;
  std::string webhook_flag;
  int64_t interval_ms = 1000;
  CLI::App* send = app.add_subcommand("send", "Deliver each finding through the routing to its destinations");
  send->add_option("files", send_opts.files, "Event/finding files, '-' for stdin (default: stdin)");
  send->add_option("--format", send_opts.format, "blocks (Block Kit) or text (one line)")->capture_default_str();
  send->add_option("--config", send_opts.config,
                   "Routing configuration (default: $CONFIG_FILE, else everything to the webhook)");
  send->add_option("--webhook-url", webhook_flag,
                   "Incoming-webhook URL (default: $SLACK_URL). Prefer the variable: flags show in `ps`.");
  CLI::Option* interval =
      send->add_option("--interval-ms", interval_ms, "Minimum time between posts to one webhook (Slack allows ~1/s)")
          ->capture_default_str()
          ->check(CLI::Range(int64_t{0}, int64_t{60000}));

  std::string check_path;
  CLI::App* check = app.add_subcommand("check-config", "Validate a routing configuration and print its routing tree");
  check->add_option("file", check_path, "YAML or JSON routing configuration")->required();
  bool check_iam = false;
  check->add_flag(
      "--iam", check_iam,
      "Also list the SSM parameters, secrets and SNS topics the destinations need the function's role to allow");

  std::string route_config;
  std::vector<std::string> route_files;
  CLI::App* route =
      app.add_subcommand("route", "Explain where each finding would go (routes, mutes, filters); sends nothing");
  route->add_option("--config", route_config, "Routing configuration (default: $CONFIG_FILE, else the default)");
  route->add_option("files", route_files, "Event/finding files, '-' for stdin (default: stdin)");

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
  if (check->parsed()) return RunCheckConfig(check_path, check_iam, out, err);
  if (route->parsed()) return RunRoute(route_config, route_files, services, out, err);
  if (render->parsed() || send->parsed()) {
    const CommonOptions& opts = render->parsed() ? render_opts : send_opts;
    Result<MessageFormat> format = ParseFormat(opts.format);
    if (!format) {
      err << kProgram << ": " << format.error().message() << "\n";
      return kExitBadInput;
    }
    if (render->parsed()) return RunRender(opts, *format, services, out, err);

    SendOptions options;
    options.config_flag = opts.config;
    options.format = *format;
    options.progress = err_is_terminal;
    if (interval->count() > 0) options.interval_ms = interval_ms;
    if (!webhook_flag.empty()) options.webhook_url = Secret(webhook_flag);
    // Findings go out in batches as they are read: the run never holds the whole input.
    InputStats stats;
    SendRun run(options, services, err, &stats);
    if (int code = run.Start(); code != kExitOk) return code;
    bool inputs_ok = ForEachFinding(
        opts.files, run.err(), [&](Finding& f) { run.Add(std::move(f)); }, &stats);
    int code = run.Finish();
    if (code != kExitOk) return code;
    return inputs_ok ? kExitOk : kExitBadInput;
  }
  return RunDemo(services, out, err);
}

}  // namespace gdslack
