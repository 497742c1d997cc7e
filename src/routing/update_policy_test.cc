#include "routing/update_policy.h"

#include <gtest/gtest.h>

#include "routing/test_findings.h"

namespace gdslack {
namespace {

TEST(UpdatePolicyTest, JudgedFromTheEventAlone) {
  const std::vector<int64_t> steps = {10, 100};
  struct Case {
    UpdatePolicy policy;
    int64_t count;
    bool posts;
  } cases[] = {
      {UpdatePolicy::kAll, 1, true},          {UpdatePolicy::kAll, 57, true},
      {UpdatePolicy::kFirst, 1, true},        {UpdatePolicy::kFirst, 2, false},
      {UpdatePolicy::kEscalations, 1, true},  {UpdatePolicy::kEscalations, 9, false},
      {UpdatePolicy::kEscalations, 10, true}, {UpdatePolicy::kEscalations, 11, false},
      {UpdatePolicy::kEscalations, 100, true},
  };
  for (const Case& c : cases) {
    Finding f = testing::MakeFinding(5);
    f.count = c.count;
    EXPECT_EQ(EventPassesUpdatePolicy(c.policy, steps, f), c.posts) << UpdatePolicyName(c.policy) << " " << c.count;
  }
}

}  // namespace
}  // namespace gdslack
