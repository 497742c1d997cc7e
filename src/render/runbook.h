// The runbook a message links: the routing file's (Finding::runbook_url, https, checked by the loader) or,
// by default, AWS's remediation guide for the finding's family (GuardDuty User Guide, "Remediating detected
// GuardDuty security findings" and its pages per resource), chosen from the type's resource part
// ("Recon:EC2/..." -> EC2) and, for Runtime Monitoring, the resource type.
#pragma once

#include <string>

#include "finding/finding.h"

namespace gdslack {

// AWS's remediation page for the finding's family; the general remediation page when no family fits. Always a
// product-built https URL on AWS's documentation host for the partition.
std::string DefaultRunbookUrl(const Finding& finding);

// finding.runbook_url when set, else DefaultRunbookUrl(finding).
std::string RunbookUrl(const Finding& finding);

}  // namespace gdslack
