// GuardDutyClient over a FakeHttpClient: the REST-JSON method, path and body of each call, its reply parsing and
// its refusals of ids that could change a path.
#include "aws/guardduty.h"

#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "http/fake_http_client.h"

namespace gdslack {
namespace {

constexpr int64_t kNow = 1700000000000;
constexpr int64_t kDeadline = kNow + 5000;
const std::string kDetector = "12abc34d567e8fa901bc2d34e56789f0";

class GuardDutyTest : public ::testing::Test {
 protected:
  GuardDutyTest() : clock_(kNow), provider_(Credentials{"AKID", Secret("secret-value-xyz"), Secret(), {}}) {}
  GuardDutyClient Client() {
    Result<Endpoint> ep = ResolveEndpoint(AwsService::kGuardDuty, "eu-west-1", MapEnvironment({}));
    return GuardDutyClient(
        AwsClient(http_, clock_, clock_, provider_, *ep, AwsStandardRetryPolicy(), [] { return 0.5; }));
  }
  std::string RequestHeader(std::size_t i, std::string_view name) const {
    for (const auto& [k, v] : http_.requests()[i].headers) {
      if (k == name) return v;
    }
    return "";
  }
  nlohmann::json Body(std::size_t i) const { return nlohmann::json::parse(http_.requests()[i].body); }
  FakeHttpClient http_;
  FakeClock clock_;
  StaticCredentialsProvider provider_;
};

TEST_F(GuardDutyTest, DetectorIdIsListDetectorsFirst) {
  http_.Push(200, R"({"detectorIds":[")" + kDetector + R"("]})");
  GuardDutyClient gd = Client();
  Result<std::string> id = gd.DetectorId(kDeadline);
  ASSERT_TRUE(id.has_value()) << id.error().message();
  EXPECT_EQ(*id, kDetector);
  EXPECT_EQ(http_.requests()[0].method, "GET");
  EXPECT_EQ(http_.requests()[0].url, "https://guardduty.eu-west-1.amazonaws.com/detector");
  EXPECT_EQ(http_.requests()[0].body, "");
  EXPECT_NE(RequestHeader(0, "Authorization").find("/eu-west-1/guardduty/aws4_request"), std::string::npos);
}

TEST_F(GuardDutyTest, NoDetectorIsNotFound) {
  http_.Push(200, R"({"detectorIds":[]})");
  GuardDutyClient gd = Client();
  Result<std::string> id = gd.DetectorId(kDeadline);
  ASSERT_FALSE(id.has_value());
  EXPECT_EQ(id.error().code(), Code::kNotFound);
  EXPECT_NE(id.error().message().find("eu-west-1"), std::string::npos);
}

TEST_F(GuardDutyTest, ArchiveAndUnarchivePostTheIds) {
  http_.Push(200, "{}");
  http_.Push(200, "{}");
  GuardDutyClient gd = Client();
  ASSERT_TRUE(gd.ArchiveFindings(kDetector, {"f1", "f2"}, kDeadline).ok());
  ASSERT_TRUE(gd.UnarchiveFindings(kDetector, {"f1"}, kDeadline).ok());
  EXPECT_EQ(http_.requests()[0].url,
            "https://guardduty.eu-west-1.amazonaws.com/detector/" + kDetector + "/findings/archive");
  EXPECT_EQ(Body(0), nlohmann::json::parse(R"({"findingIds":["f1","f2"]})"));
  EXPECT_EQ(RequestHeader(0, "Content-Type"), "application/json");
  EXPECT_EQ(http_.requests()[1].url,
            "https://guardduty.eu-west-1.amazonaws.com/detector/" + kDetector + "/findings/unarchive");
}

TEST_F(GuardDutyTest, IdsThatCouldChangeThePathAreRefusedUnsent) {
  GuardDutyClient gd = Client();
  EXPECT_EQ(gd.ArchiveFindings("../x", {"f1"}, kDeadline).code(), Code::kInvalidInput);
  EXPECT_EQ(gd.ArchiveFindings(kDetector, {"f1/../../x"}, kDeadline).code(), Code::kInvalidInput);
  EXPECT_EQ(gd.ArchiveFindings(kDetector, {}, kDeadline).code(), Code::kInvalidInput);
  EXPECT_EQ(gd.ArchiveFindings(kDetector, std::vector<std::string>(51, "f"), kDeadline).code(), Code::kInvalidInput);
  EXPECT_TRUE(http_.requests().empty());
}

TEST_F(GuardDutyTest, MemberDetectorCannotArchive) {
  http_.Push(
      400,
      R"({"message":"The request is rejected because the current account cannot archive findings.","__type":"BadRequestException"})",
      {{"x-amzn-ErrorType", "BadRequestException"}});
  GuardDutyClient gd = Client();
  Status s = gd.ArchiveFindings(kDetector, {"f1"}, kDeadline);
  EXPECT_EQ(s.code(), Code::kInvalidInput);
  EXPECT_NE(s.message().find("guardduty:ArchiveFindings failed: BadRequestException"), std::string::npos);
  EXPECT_EQ(http_.requests().size(), 1u);  // not retried
}

TEST_F(GuardDutyTest, DenialSaysWhatToGrant) {
  http_.Push(403, R"({"message":"not authorized","__type":"AccessDeniedException"})",
             {{"x-amzn-ErrorType", "AccessDeniedException"}});
  GuardDutyClient gd = Client();
  Status s = gd.UnarchiveFindings(kDetector, {"f1"}, kDeadline);
  EXPECT_EQ(s.code(), Code::kPermissionDenied);
  EXPECT_NE(s.message().find("needs guardduty:UnarchiveFindings in eu-west-1"), std::string::npos);
}

TEST_F(GuardDutyTest, CountFindingsBySeverityAndType) {
  http_.Push(200, R"({"findingStatistics":{"groupedBySeverity":[{"severity":8.0,"totalFindings":3},
      {"severity":5.0,"totalFindings":2}]}})");
  http_.Push(200, R"({"findingStatistics":{"groupedByFindingType":[{"findingType":"Recon:EC2/PortProbeUnprotectedPort",
      "totalFindings":7,"lastGeneratedAt":1.7e9}]}})");
  GuardDutyClient gd = Client();
  nlohmann::json criteria = {{"criterion", {{"updatedAt", {{"gte", kNow - 86400000}}}}}};
  Result<FindingStatistics> sev = gd.CountFindings(kDetector, FindingGroupBy::kSeverity, criteria, 100, kDeadline);
  ASSERT_TRUE(sev.has_value()) << sev.error().message();
  ASSERT_EQ(sev->groups.size(), 2u);
  EXPECT_EQ(sev->groups[0].key, "8.0");
  EXPECT_EQ(sev->groups[0].total, 3);
  EXPECT_EQ(Body(0)["groupBy"], "SEVERITY");
  EXPECT_EQ(Body(0)["findingStatisticTypes"], nlohmann::json::array({"COUNT_BY_SEVERITY"}));
  EXPECT_EQ(Body(0)["findingCriteria"], criteria);
  EXPECT_EQ(http_.requests()[0].url,
            "https://guardduty.eu-west-1.amazonaws.com/detector/" + kDetector + "/findings/statistics");
  Result<FindingStatistics> types = gd.CountFindings(kDetector, FindingGroupBy::kFindingType, nullptr, 5, kDeadline);
  ASSERT_TRUE(types.has_value());
  ASSERT_EQ(types->groups.size(), 1u);
  EXPECT_EQ(types->groups[0].key, "Recon:EC2/PortProbeUnprotectedPort");
  EXPECT_EQ(types->groups[0].total, 7);
  EXPECT_FALSE(Body(1).contains("findingCriteria"));
  EXPECT_EQ(Body(1)["maxResults"], 5);
}

TEST_F(GuardDutyTest, ListFindingIdsFollowsPagesUpToTheLimit) {
  http_.Push(200, R"({"findingIds":["a","b"],"nextToken":"t1"})");
  http_.Push(200, R"({"findingIds":["c","d"],"nextToken":"t2"})");
  GuardDutyClient gd = Client();
  auto ids = gd.ListFindingIds(kDetector, nullptr, "severity", 3, kDeadline);
  ASSERT_TRUE(ids.has_value()) << ids.error().message();
  EXPECT_EQ(ids->first, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(ids->second);
  EXPECT_EQ(Body(1)["nextToken"], "t1");
  EXPECT_EQ(Body(0)["sortCriteria"]["attributeName"], "severity");
  EXPECT_EQ(Body(0)["sortCriteria"]["orderBy"], "DESC");
}

TEST_F(GuardDutyTest, ListFindingIdsLastPage) {
  http_.Push(200, R"({"findingIds":["a"]})");
  GuardDutyClient gd = Client();
  auto ids = gd.ListFindingIds(kDetector, nullptr, "", 50, kDeadline);
  ASSERT_TRUE(ids.has_value());
  EXPECT_EQ(ids->first.size(), 1u);
  EXPECT_FALSE(ids->second);
  EXPECT_FALSE(Body(0).contains("sortCriteria"));
}

TEST_F(GuardDutyTest, GetFindingsReturnsTheObjects) {
  http_.Push(200, R"({"findings":[{"id":"a","severity":8,"type":"T"},"junk"]})");
  GuardDutyClient gd = Client();
  auto found = gd.GetFindings(kDetector, {"a"}, kDeadline);
  ASSERT_TRUE(found.has_value());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0]["type"], "T");
  EXPECT_EQ(http_.requests()[0].url,
            "https://guardduty.eu-west-1.amazonaws.com/detector/" + kDetector + "/findings/get");
}

TEST(GuardDutyIdTest, Shapes) {
  EXPECT_TRUE(IsGuardDutyId("12abc34d567e8fa901bc2d34e56789f0"));
  EXPECT_FALSE(IsGuardDutyId(""));
  EXPECT_FALSE(IsGuardDutyId("a/b"));
  EXPECT_FALSE(IsGuardDutyId("a b"));
  EXPECT_FALSE(IsGuardDutyId(std::string(301, 'a')));
}

}  // namespace
}  // namespace gdslack
