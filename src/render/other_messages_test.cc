// Messages for GuardDuty's operational events and Security Hub findings, and the rule that a GuardDuty
// finding forwarded by Security Hub is not posted twice.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "finding/parser.h"
#include "render/payload_checks_test.h"
#include "render/slack_message.h"

namespace gdslack {
namespace {

namespace fs = std::filesystem;

std::vector<ParsedItem> LoadItems(const std::string& relative, const ParseOptions& options = {}) {
  std::ifstream in(fs::path(GDSLACK_SOURCE_DIR) / "testdata/events" / relative, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  Result<std::vector<ParsedItem>> items = ParseDocument(ss.str(), relative, options);
  EXPECT_TRUE(items.has_value()) << relative;
  return items.has_value() ? *items : std::vector<ParsedItem>{};
}

std::vector<Finding> Findings(const std::vector<ParsedItem>& items) {
  std::vector<Finding> out;
  for (const ParsedItem& item : items) {
    if (item.kind == ParsedItem::Kind::kFinding) out.push_back(*item.finding);
  }
  return out;
}

std::string Render(const Finding& f) {
  std::string text = RenderSlackPayload(f);
  ExpectWithinLimits(Parse(text));
  ExpectWithinLimits(Parse(RenderSlackPayload(f, {MessageFormat::kText})));
  return text;
}

TEST(OtherMessagesTest, MalwareScanWithThreatsIsAHighMessage) {
  const std::vector<Finding> f =
      Findings(LoadItems("operations/MalwareProtection_ObjectScanResult_THREATS_FOUND.json"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].kind, EventKind::kMalwareScan);
  EXPECT_EQ(f[0].band, SeverityBand::kHigh);
  const std::string text = Render(f[0]);
  for (const char* want : {"Malware found in s3://customer-uploads-prod/invoices/2024/06/invoice-7731.pdf.exe",
                           "`customer-uploads-prod`", "`ZvQ0M3cC6yXcQmP.EXAMPLE`", "EICAR-Test-File (not a virus)",
                           "malware-protection-plan/b4c7f464ab3a4EXAMPLE", "`THREATS_FOUND`"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want;
  }
  EXPECT_EQ(text.find("open_guardduty_console"), std::string::npos);  // no finding id, no console link
}

TEST(OtherMessagesTest, NoThreatsFoundIsAcknowledgedUnlessConfigured) {
  const std::string file = "acknowledged/MalwareProtection_ObjectScanResult_NO_THREATS_FOUND.json";
  std::vector<ParsedItem> items = LoadItems(file);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, ParsedItem::Kind::kOtherGuardDutyEvent);
  EXPECT_NE(items[0].detail_type.find("NO_THREATS_FOUND"), std::string::npos);
  Result<ParseOptions> all = ParseOptionsFrom("", "all");
  ASSERT_TRUE(all.has_value());
  const std::vector<Finding> f = Findings(LoadItems(file, *all));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].band, SeverityBand::kLow);
  EXPECT_NE(Render(f[0]).find("Malware scan NO_THREATS_FOUND"), std::string::npos);
}

TEST(OtherMessagesTest, ParseOptionsRejectUnknownValues) {
  EXPECT_FALSE(ParseOptionsFrom("maybe", "").has_value());
  EXPECT_FALSE(ParseOptionsFrom("", "THREATS_FOUND,SOMETIMES").has_value());
  Result<ParseOptions> two = ParseOptionsFrom(" post ", "THREATS_FOUND, FAILED");
  ASSERT_TRUE(two.has_value());
  EXPECT_TRUE(two->post_securityhub_guardduty);
  EXPECT_TRUE(two->PostsScanResult("FAILED"));
  EXPECT_FALSE(two->PostsScanResult("NO_THREATS_FOUND"));
  Result<ParseOptions> defaults = ParseOptionsFrom("", "");
  ASSERT_TRUE(defaults.has_value());
  EXPECT_FALSE(defaults->post_securityhub_guardduty);
  EXPECT_EQ(defaults->malware_scan_results, std::vector<std::string>{"THREATS_FOUND"});
}

TEST(OtherMessagesTest, RuntimeUnhealthyIsAMediumMessageWithResourceAndReason) {
  const std::vector<Finding> f = Findings(LoadItems("operations/RuntimeProtection_Unhealthy_EKS.json"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].kind, EventKind::kRuntimeCoverage);
  EXPECT_EQ(f[0].band, SeverityBand::kMedium);
  EXPECT_EQ(f[0].account_id, "444455556666");  // the resource's account, not the administrator's
  const std::string text = Render(f[0]);
  for (const char* want : {"Runtime Monitoring unhealthy: EKS payments-prod", "`payments-prod`", "3 of 5",
                           "is not reporting runtime events", "HEALTHY \xE2\x86\x92 UNHEALTHY"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want;
  }
  const std::vector<Finding> healthy = Findings(LoadItems("operations/RuntimeProtection_Healthy_EC2.json"));
  ASSERT_EQ(healthy.size(), 1u);
  EXPECT_EQ(healthy[0].band, SeverityBand::kLow);
  EXPECT_NE(Render(healthy[0]).find("healthy again: EC2 i-0a1b2c3d4e5f67890"), std::string::npos);
}

TEST(OtherMessagesTest, PlanStatusAndPostScanFailureAreOperationsMessages) {
  for (const char* file : {"operations/MalwareProtection_ResourceStatus_Error.json",
                           "operations/MalwareProtection_PostScanActionFailed.json"}) {
    const std::vector<Finding> f = Findings(LoadItems(file));
    ASSERT_EQ(f.size(), 1u) << file;
    EXPECT_EQ(f[0].kind, EventKind::kMalwareProtectionStatus);
    EXPECT_EQ(f[0].band, SeverityBand::kMedium);
    const std::string text = Render(f[0]);
    EXPECT_NE(text.find("customer-uploads-prod"), std::string::npos) << file;
    EXPECT_NE(text.find("*Reason:*"), std::string::npos) << file;
  }
}

TEST(OtherMessagesTest, SecurityHubAsffEventWithSeveralFindingsSkipsGuardDutyByDefault) {
  std::vector<ParsedItem> items = LoadItems("securityhub/SecurityHub_ASFF_Imported.json");
  ASSERT_EQ(items.size(), 3u);
  const std::vector<Finding> f = Findings(items);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(items[2].kind, ParsedItem::Kind::kOtherGuardDutyEvent);
  EXPECT_NE(items[2].detail_type.find("SECURITY_HUB_GUARDDUTY"), std::string::npos);
  EXPECT_EQ(f[0].band, SeverityBand::kCritical);
  EXPECT_EQ(f[1].band, SeverityBand::kHigh);
  const std::string inspector = Render(f[0]);
  for (const char* want :
       {"CVE-2024-3094 - xz-utils", "*Product*\\nInspector", "i-0123456789abcdef0", "Upgrade xz-utils",
        "\"open_remediation\"", "https://docs.aws.amazon.com/inspector/latest/user/findings-understanding.html"}) {
    EXPECT_NE(inspector.find(want), std::string::npos) << want;
  }
  ParseOptions post;
  post.post_securityhub_guardduty = true;
  const std::vector<Finding> all = Findings(LoadItems("securityhub/SecurityHub_ASFF_Imported.json", post));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2].product, "GuardDuty");
}

TEST(OtherMessagesTest, SecurityHubOcsfRendersAndGuardDutyIsSkipped) {
  const std::vector<Finding> f = Findings(LoadItems("securityhub/SecurityHub_OCSF_FindingsImportedV2.json"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].band, SeverityBand::kHigh);
  const std::string text = Render(f[0]);
  for (const char* want : {"Hardware MFA should be enabled for the root user", "`AWS::::Account:111122223333`",
                           "Fail, New", "eu-west-2", "Enable a hardware MFA device"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want;
  }
  std::vector<ParsedItem> gd = LoadItems("acknowledged/SecurityHub_OCSF_GuardDuty.json");
  ASSERT_EQ(gd.size(), 1u);
  EXPECT_EQ(gd[0].kind, ParsedItem::Kind::kOtherGuardDutyEvent);
}

TEST(OtherMessagesTest, ForeignRemediationUrlIsNeverAButton) {
  Finding f;
  f.kind = EventKind::kSecurityHub;
  f.title = "third-party finding";
  f.remediation_url = "https://evil.example/aws-docs";
  std::string text = Render(f);
  EXPECT_EQ(text.find("open_remediation"), std::string::npos);
  EXPECT_NE(text.find("`https://evil.example/aws-docs`"), std::string::npos);
  f.remediation_url = "https://docs.aws.amazon.com.evil.example/x";
  EXPECT_EQ(Render(f).find("open_remediation"), std::string::npos);
  f.remediation_url = "https://docs.aws.amazon.com/x|<!channel>";
  EXPECT_EQ(Render(f).find("open_remediation"), std::string::npos);
}

}  // namespace
}  // namespace gdslack
