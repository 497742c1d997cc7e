// FakeNotifier (tests only): records every Notify call and answers from a script keyed by finding id
// (default: delivered), or throws, to exercise the handler's exception boundary.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "notify/notifier.h"

namespace gdslack {

class FakeNotifier : public Notifier {
 public:
  struct Call {
    std::string finding_id;
    int64_t deadline_unix_ms;
  };
  enum class Throw { kNone, kStdException, kOther };

  NotifyOutcome Notify(const Finding& finding, int64_t deadline_unix_ms) override {
    calls_.push_back({finding.id, deadline_unix_ms});
    if (throw_ == Throw::kStdException) throw std::runtime_error("fake notifier exploded");
    if (throw_ == Throw::kOther) throw 42;
    NotifyOutcome outcome;
    outcome.attempts = 1;
    outcome.http_status = 200;
    auto it = fail_.find(finding.id);
    if (it != fail_.end()) {
      outcome.status = it->second;
      outcome.http_status = 500;
    }
    return outcome;
  }

  void FailFor(const std::string& finding_id, Status status) { fail_[finding_id] = std::move(status); }
  void Succeed(const std::string& finding_id) { fail_.erase(finding_id); }
  void SetThrow(Throw mode) { throw_ = mode; }
  const std::vector<Call>& calls() const { return calls_; }

 private:
  std::map<std::string, Status> fail_;
  Throw throw_ = Throw::kNone;
  std::vector<Call> calls_;
};

}  // namespace gdslack
