// `guardduty-slack check-config FILE` and `guardduty-slack route --config FILE EVENT...`, after
// Alertmanager's amtool: validate and print the routing tree; explain, for each finding, the routes it
// matches, its destinations, the mutes and filters applied and why. Neither sends anything.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/cli_services.h"

namespace gdslack {

// 0 and the tree on `out` (then, with `iam`, cli/iam_needs.h's list); 2 and "guardduty-slack: FILE:LINE: KEY:
// message" on `err`.
int RunCheckConfig(const std::string& path, bool iam, std::ostream& out, std::ostream& err);

// 0 when every input was read; 2 for bad input or configuration (the other findings are still explained).
int RunRoute(const std::string& config_flag, const std::vector<std::string>& files, CliServices& services,
             std::ostream& out, std::ostream& err);

}  // namespace gdslack
