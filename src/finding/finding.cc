#include "finding/finding.h"

#include <algorithm>
#include <cctype>

namespace gdslack {

SeverityBand BandFor(double severity) {
  if (severity >= 9.0) return SeverityBand::kCritical;
  if (severity >= 7.0) return SeverityBand::kHigh;
  if (severity >= 4.0) return SeverityBand::kMedium;
  return SeverityBand::kLow;
}

const char* BandName(SeverityBand band) {
  switch (band) {
    case SeverityBand::kLow: return "Low";
    case SeverityBand::kMedium: return "Medium";
    case SeverityBand::kHigh: return "High";
    case SeverityBand::kCritical: return "Critical";
  }
  return "Low";
}

namespace {

// Ids are hex and regions are [a-z0-9-]; anything else means the finding is malformed or hostile, and a
// link built from it could point somewhere else.
bool IsSafeToken(const std::string& s) {
  return !s.empty() && s.size() <= 128 &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

}  // namespace

std::string ConsoleUrl(const Finding& finding) {
  if (finding.kind != EventKind::kGuardDutyFinding) return "";
  if (!IsSafeToken(finding.id) || !IsSafeToken(finding.region)) return "";
  std::string host;
  if (finding.partition == "aws-cn") {
    host = "console.amazonaws.cn";
  } else if (finding.partition == "aws-us-gov") {
    host = "console.amazonaws-us-gov.com";
  } else {
    host = finding.region + ".console.aws.amazon.com";
  }
  std::string macros = finding.archived ? "all" : "current";
  return "https://" + host + "/guardduty/home?region=" + finding.region + "#/findings?macros=" + macros +
         "&fId=" + finding.id;
}

}  // namespace gdslack
