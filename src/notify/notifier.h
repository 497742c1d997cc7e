// Notifier: one finding in, one delivery to one destination out (render -> deliver). Destinations (Slack
// webhook, SNS topic, and decorators around them such as a state table) are Notifiers built by one factory
// (app/destination_set.h) and driven by the pipeline (app/pipeline.h), which both the Lambda handler and the CLI
// `send` call. This interface sits below state/, slack/ and routing/ so that each may implement or name it
// without depending upwards. Implementations never report an undelivered finding as success.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "finding/finding.h"

namespace gdslack {

struct NotifyOutcome {
  Status status;           // OK only when Slack accepted the message
  int attempts = 0;        // HTTP attempts made
  long http_status = 0;    // last HTTP status (0 = no answer)
  int64_t latency_ms = 0;  // wall time spent on this finding
  // Non-empty when nothing was posted on purpose, with status OK: why (the update policy judged the change not
  // worth a message, or this version was already handled). The pipeline reports such a finding as
  // "unchanged", never as delivered.
  std::string held_back;
};

class Notifier {
 public:
  virtual ~Notifier() = default;
  // Delivers `finding` before `deadline_unix_ms` (absolute, Unix epoch ms).
  virtual NotifyOutcome Notify(const Finding& finding, int64_t deadline_unix_ms) = 0;

  // Digests (many lower-severity findings in one message) are for destinations that can show them; the
  // pipeline asks before grouping. A decorator forwards both to what it wraps.
  virtual bool CanDigest() const { return false; }
  // `members` in batch order (each a delivery judged and claimed like a single post); `mention` is the route's
  // (configuration-only), shown as a single message would show it.
  virtual NotifyOutcome NotifyDigest(const std::vector<const Finding*>& members, const std::string& mention,
                                     int64_t deadline_unix_ms) {
    (void)members;
    (void)mention;
    (void)deadline_unix_ms;
    NotifyOutcome outcome;
    outcome.status = Status(Code::kInternal, "this destination cannot post digests");
    return outcome;
  }

  // A delivery that travels inside a digest (app/pipeline.cc) is admitted first: claimed and judged as a single
  // post would be. `join` false: it is not to be posted in the digest, and `outcome` says why (held back by the
  // update policy, already handled, failed, or delivered alone, e.g. as an in-place update). A joined member is
  // finished once the digest was posted or failed (`posted`), which records its claim or gives it back.
  struct DigestAdmission {
    bool join = true;
    NotifyOutcome outcome;
  };
  virtual DigestAdmission AdmitToDigest(const Finding& finding, int64_t deadline_unix_ms) {
    (void)finding;
    (void)deadline_unix_ms;
    return {};
  }
  virtual void FinishDigestMember(const Finding& finding, bool posted, int64_t deadline_unix_ms) {
    (void)finding;
    (void)posted;
    (void)deadline_unix_ms;
  }
};

// What routing by owner reads of an account: its tags and its OU path ("Workloads/Prod").
struct AccountInfo {
  std::map<std::string, std::string> tags;
  std::string ou_path;
};

// Resolves a 12-digit account id to its name; "" when unknown. Must return within its own small budget and
// never past `deadline_unix_ms`; failures are logged by the implementation and never block a notification.
class AccountNameLookup {
 public:
  virtual ~AccountNameLookup() = default;
  virtual std::string Lookup(const std::string& account_id, int64_t deadline_unix_ms) = 0;
  // The account's tags and OU path under the same rules (empty when unknown or failed). Called only when the
  // routing file uses them; a lookup that knows only names answers empty.
  virtual AccountInfo LookupInfo(const std::string& account_id, int64_t deadline_unix_ms) {
    (void)account_id;
    (void)deadline_unix_ms;
    return {};
  }
};

}  // namespace gdslack
