// The message layouts, one per kind of event (internal to src/render/; slack_message.cc dispatches on
// Finding::kind). Each returns the attachment's blocks, within every Block Kit limit.
#pragma once

#include "finding/finding.h"
#include "render/block_kit.h"

namespace gdslack::render_internal {

// A GuardDuty finding (finding_message.cc), with its attack sequence when it has one.
Json FindingBlocks(const Finding& f);
// The attack-sequence sections of a finding (sequence_blocks.cc): summary (a custom detection rule's match says so),
// API calls, key indicators, MITRE tactics and techniques, actors, endpoints, resources, strongest signals, and the
// sequence's own description.
void AddSequenceBlocks(const AttackSequence& sequence, bool custom_rule, Json& blocks);
// Malware Protection scan results and plan status, Runtime Monitoring coverage (operations_message.cc).
Json OperationsBlocks(const Finding& f);
// A Security Hub finding, ASFF or OCSF (securityhub_message.cc).
Json SecurityHubBlocks(const Finding& f);

// Facts as bullet sections ("Resource", "Actor", "Details", and the safety net's "Other fields"), skipping empty
// lists.
void AddFactSections(const Finding& f, Json& blocks);

// A link button within Slack's limits (text cut to 75, url at most 3000) appended to `elements`; nothing for an
// empty or too long url.
void AddLinkButton(Json& elements, std::string_view text, const std::string& url, std::string_view action_id);
// The "Runbook" button (render/runbook.h: the routing file's, else AWS's remediation guide) appended to `elements`.
void AddRunbookButton(const Finding& f, Json& elements);

}  // namespace gdslack::render_internal
