// Notifier: one finding in, one Slack delivery out (enrich -> render -> deliver -> log). The Lambda
// handler and the CLI `send` both call it, so behaviour is the same everywhere. Implementations never
// report an undelivered finding as success.
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"
#include "finding/finding.h"

namespace gdslack {

struct NotifyOutcome {
  Status status;           // OK only when Slack accepted the message
  int attempts = 0;        // HTTP attempts made
  long http_status = 0;    // last HTTP status (0 = no answer)
  int64_t latency_ms = 0;  // wall time spent on this finding
};

class Notifier {
 public:
  virtual ~Notifier() = default;
  // Delivers `finding` before `deadline_unix_ms` (absolute, Unix epoch ms).
  virtual NotifyOutcome Notify(const Finding& finding, int64_t deadline_unix_ms) = 0;
};

// Resolves a 12-digit account id to its name; "" when unknown. Must return within its own small budget and
// never past `deadline_unix_ms`; failures are logged by the implementation and never block a notification.
class AccountNameLookup {
 public:
  virtual ~AccountNameLookup() = default;
  virtual std::string Lookup(const std::string& account_id, int64_t deadline_unix_ms) = 0;
};

}  // namespace gdslack
