#include "finding/parse_options.h"

#include <algorithm>
#include <cstdlib>

#include "base/log.h"
#include "base/strings.h"

namespace gdslack {
namespace {

constexpr std::string_view kScanResults[] = {"NO_THREATS_FOUND", "THREATS_FOUND", "UNSUPPORTED", "ACCESS_DENIED",
                                             "FAILED"};

}  // namespace

bool ParseOptions::PostsScanResult(std::string_view status) const {
  return std::find(malware_scan_results.begin(), malware_scan_results.end(), status) != malware_scan_results.end();
}

Result<ParseOptions> ParseOptionsFrom(std::string_view securityhub_guardduty, std::string_view malware_scan_results) {
  ParseOptions options;
  securityhub_guardduty = TrimWhitespace(securityhub_guardduty);
  if (securityhub_guardduty == "post") {
    options.post_securityhub_guardduty = true;
  } else if (!securityhub_guardduty.empty() && securityhub_guardduty != "skip") {
    return Status(Code::kInvalidInput, "SECURITY_HUB_GUARDDUTY must be skip or post");
  }
  malware_scan_results = TrimWhitespace(malware_scan_results);
  if (malware_scan_results == "all") {
    options.malware_scan_results.assign(std::begin(kScanResults), std::end(kScanResults));
  } else if (!malware_scan_results.empty()) {
    options.malware_scan_results.clear();
    while (!malware_scan_results.empty()) {
      const std::size_t comma = malware_scan_results.find(',');
      const std::string_view item = TrimWhitespace(malware_scan_results.substr(0, comma));
      if (std::find(std::begin(kScanResults), std::end(kScanResults), item) == std::end(kScanResults)) {
        return Status(Code::kInvalidInput,
                      "MALWARE_SCAN_RESULTS must list NO_THREATS_FOUND, THREATS_FOUND, UNSUPPORTED, ACCESS_DENIED, "
                      "FAILED (comma-separated) or be all");
      }
      options.malware_scan_results.emplace_back(item);
      malware_scan_results = comma == std::string_view::npos ? "" : malware_scan_results.substr(comma + 1);
    }
  }
  return options;
}

const ParseOptions& ParseOptionsFromEnvironment() {
  static const ParseOptions options = [] {
    const char* sh = std::getenv("SECURITY_HUB_GUARDDUTY");
    const char* scans = std::getenv("MALWARE_SCAN_RESULTS");
    Result<ParseOptions> parsed = ParseOptionsFrom(sh ? sh : "", scans ? scans : "");
    if (!parsed) {
      Log(LogLevel::kWarn, "invalid option, using the default", {{"error", parsed.error().message()}});
      return ParseOptions{};
    }
    return *parsed;
  }();
  return options;
}

}  // namespace gdslack
