#include "routing/update_policy.h"

#include <algorithm>

namespace gdslack {

bool EventPassesUpdatePolicy(UpdatePolicy policy, const std::vector<int64_t>& steps, const Finding& finding) {
  switch (policy) {
    case UpdatePolicy::kAll:
      return true;
    case UpdatePolicy::kFirst:
      return finding.count <= 1;
    case UpdatePolicy::kEscalations:
      return finding.count <= 1 || std::find(steps.begin(), steps.end(), finding.count) != steps.end();
  }
  return true;
}

}  // namespace gdslack
