#include "cli/route_command.h"

#include "app/enrichment.h"
#include "base/clock.h"
#include "cli/cli_app.h"
#include "cli/iam_needs.h"
#include "cli/input_source.h"
#include "notify/update_policy.h"
#include "render/runbook.h"
#include "routing/config_loader.h"
#include "routing/router.h"

namespace gdslack {
namespace {

// What routing by owner saw of the account: its OU path, tags and owner (as read from Organizations).
std::string AccountInfoLine(const Finding& f) {
  std::string line = "  account OU path " +
                     (f.account_ou_path.empty() ? std::string("(root or unknown)") : f.account_ou_path) + ", tags";
  if (f.account_tags.empty()) line += " (none or unknown)";
  for (const auto& [key, value] : f.account_tags) line += " " + key + "=" + value;
  if (!f.owner.empty()) line += ", owner " + f.owner;
  return line + "\n";
}

}  // namespace

int RunCheckConfig(const std::string& path, bool iam, std::ostream& out, std::ostream& err) {
  Result<RoutingConfig> config = LoadRoutingConfigFile(path);
  if (!config) {
    err << "guardduty-slack: " << config.error().message() << "\n";
    return kExitBadInput;
  }
  for (const std::string& w : ConfigWarnings(*config, SystemClock::Instance().NowUnixMs() / 1000)) {
    err << "guardduty-slack: warning: " << w << "\n";
  }
  out << DescribeRoutingTree(*config);
  if (iam) out << DescribeIamNeeds(*config);
  return kExitOk;
}

int RunRoute(const std::string& config_flag, const std::vector<std::string>& files, CliServices& services,
             std::ostream& out, std::ostream& err) {
  Result<RoutingConfig> config = services.Routing(config_flag);
  if (!config) {
    err << "guardduty-slack: " << config.error().message() << "\n";
    return kExitBadInput;
  }
  AccountNameLookup* names = services.Names(err);
  const int64_t now_s = SystemClock::Instance().NowUnixMs() / 1000;
  bool inputs_ok = ForEachFinding(files, err, [&](Finding& f) {
    EnrichFinding(*config, names, f, SystemClock::Instance().NowUnixMs() + kCliAwsBudgetMs);
    const RoutingDecision d = RouteFinding(*config, f, now_s);
    out << f.id << " " << f.type << " severity " << f.severity << " (" << BandName(f.band) << ") account "
        << f.account_id << (f.account_name.empty() ? "" : " (" + f.account_name + ")") << " region " << f.region
        << " count " << f.count << (f.sample ? " sample" : "") << (f.archived ? " archived" : "") << "\n";
    if (UsesAccountInfo(*config)) out << AccountInfoLine(f);
    for (const std::string& line : d.trace) out << "  " << line << "\n";
    switch (d.kind) {
      case RoutingDecision::Kind::kFiltered: out << "  => filtered: " << d.reason << "\n"; break;
      case RoutingDecision::Kind::kMuted:
        out << "  => muted: " << d.reason << " (line " << d.mute->line << ")\n";
        break;
      case RoutingDecision::Kind::kDropped: out << "  => " << d.reason << "\n"; break;
      case RoutingDecision::Kind::kDeliver:
        for (const Delivery& x : d.deliveries) {
          const Route& r = *x.route;
          out << "  => " << x.destination << " via " << r.name;
          if (!r.mention.empty()) out << " mention " << r.mention;
          out << " update_policy " << UpdatePolicyName(r.update_policy);
          if (!StatelessWantsPost(PolicyOf(r), f)) {
            out << " (held back without state: count " << f.count << ")";
          }
          out << "\n";
        }
        out << "  runbook " << RunbookUrl(f) << "\n";
        break;
    }
  });
  return inputs_ok ? kExitOk : kExitBadInput;
}

}  // namespace gdslack
