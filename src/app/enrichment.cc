#include "app/enrichment.h"

#include "routing/owners.h"

namespace gdslack {

void EnrichFinding(const RoutingConfig& config, AccountNameLookup* names, Finding& f, int64_t deadline_unix_ms) {
  if (names != nullptr && f.account_name.empty() && !f.account_id.empty()) {
    f.account_name = names->Lookup(f.account_id, deadline_unix_ms);
  }
  // Tags and the OU path cost Organizations calls: only when the configuration reads them.
  if (names != nullptr && UsesAccountInfo(config) && f.account_tags.empty() && !f.account_id.empty()) {
    AccountInfo info = names->LookupInfo(f.account_id, deadline_unix_ms);
    f.account_tags = std::move(info.tags);
    f.account_ou_path = std::move(info.ou_path);
  }
  if (f.owner.empty()) f.owner = OwnerOf(config, f);
  if (f.runbook_url.empty()) f.runbook_url = RunbookFor(config, f);
}

}  // namespace gdslack
