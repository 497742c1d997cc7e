// Which events the parser turns into messages and which it acknowledges without posting. Defaults are the
// documented behaviour (README "Configuration"); the environment can change them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace gdslack {

struct ParseOptions {
  // A GuardDuty finding forwarded by Security Hub (ASFF ProductName / OCSF metadata.product.name
  // "GuardDuty") is skipped by default: the same finding arrives as its own "GuardDuty Finding" event,
  // and posting both would show it twice. Set for estates that forward only Security Hub.
  bool post_securityhub_guardduty = false;
  // Malware Protection for S3 scan results (scanResultStatus) that post; the others are acknowledged.
  std::vector<std::string> malware_scan_results = {"THREATS_FOUND"};

  bool PostsScanResult(std::string_view status) const;
};

// From the values of SECURITY_HUB_GUARDDUTY ("skip" | "post"; empty = default) and MALWARE_SCAN_RESULTS
// (comma-separated scanResultStatus values, or "all"; empty = default). kInvalidInput names the variable.
Result<ParseOptions> ParseOptionsFrom(std::string_view securityhub_guardduty, std::string_view malware_scan_results);

// ParseOptionsFrom with the process environment; an invalid value is logged once (warn) and the
// default is used (a misspelt option must not stop alerts).
const ParseOptions& ParseOptionsFromEnvironment();

}  // namespace gdslack
