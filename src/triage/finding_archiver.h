// FindingArchiver: archive or unarchive one finding in GuardDuty, in the finding's Region, by that Region's
// detector. GuardDutyArchiver asks ListDetectors once per Region and keeps the answer for the sandbox's life
// (a detector id changes only if GuardDuty is disabled and enabled again; then the call fails with
// kNotFound/kInvalidInput, the id is forgotten, and the next press asks again).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "aws/guardduty.h"
#include "base/result.h"

namespace gdslack {

class FindingArchiver {
 public:
  virtual ~FindingArchiver() = default;
  virtual Status SetArchived(const std::string& region, const std::string& finding_id, bool archived,
                             int64_t deadline_unix_ms) = 0;
};

class GuardDutyArchiver : public FindingArchiver {
 public:
  // Builds the client of a Region (its endpoint, the function's credentials).
  using ClientFactory = std::function<Result<std::unique_ptr<GuardDutyClient>>(const std::string& region)>;
  explicit GuardDutyArchiver(ClientFactory factory) : factory_(std::move(factory)) {}

  Status SetArchived(const std::string& region, const std::string& finding_id, bool archived,
                     int64_t deadline_unix_ms) override;

 private:
  struct PerRegion {
    std::unique_ptr<GuardDutyClient> client;
    std::string detector_id;
  };
  ClientFactory factory_;
  std::map<std::string, PerRegion> regions_;
};

}  // namespace gdslack
