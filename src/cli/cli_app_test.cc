#include "cli/cli_app.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace gdslack {
namespace {

namespace fs = std::filesystem;

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

CliRun Run(const std::vector<std::string>& args, std::map<std::string, std::string> vars = {}) {
  std::ostringstream out, err;
  EnvLookup env = [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
  int code = RunCli(args, out, err, env);
  return {code, out.str(), err.str()};
}

std::string Corpus(const std::string& name) {
  return std::string(GDSLACK_SOURCE_DIR) + "/testdata/events/corpus/" + name;
}

class TempFile {
 public:
  explicit TempFile(const std::string& contents) {
    path_ = fs::temp_directory_path() / ("gdslack-cli-" + std::to_string(counter_++) + ".json");
    std::ofstream(path_, std::ios::binary) << contents;
  }
  ~TempFile() { fs::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

TEST(CliAppTest, RenderPrintsOnePayloadLinePerFinding) {
  CliRun r = Run({"render", Corpus("Recon_EC2-PortProbeUnprotectedPort.json"),
                  Corpus("Backdoor_EC2-Spambot.json")});
  EXPECT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2);
  EXPECT_EQ(r.err, "");
}

TEST(CliAppTest, MalformedJsonIsOneLineErrorWithOffsetAndExitTwo) {
  TempFile bad("{\"detail-type\": \"GuardDuty Finding\",, }");
  CliRun r = Run({"render", bad.path()});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(bad.path() + ": byte "), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(CliAppTest, EmptyFileIsOneLineErrorAndExitTwo) {
  TempFile empty("");
  CliRun r = Run({"render", empty.path()});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.err, "guardduty-slack: " + empty.path() + ": empty input\n");
}

TEST(CliAppTest, NonGuardDutyEventIsOneLineErrorAndExitTwo) {
  TempFile other(R"({"version":"0","id":"x","detail-type":"EC2 Instance State-change Notification",)"
                 R"("source":"aws.ec2","account":"111111111111","detail":{"state":"running"}})");
  CliRun r = Run({"render", other.path()});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("not a GuardDuty finding"), std::string::npos) << r.err;
}

TEST(CliAppTest, OneBadFileDoesNotStopTheOthers) {
  TempFile empty("   \n");
  CliRun r = Run({"render", empty.path(), Corpus("Backdoor_EC2-Spambot.json")});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1);
}

TEST(CliAppTest, MissingFileIsReported) {
  CliRun r = Run({"render", "/nonexistent/finding.json"});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.err, "guardduty-slack: /nonexistent/finding.json: No such file or directory\n");
}

TEST(CliAppTest, UnknownFormatIsUsageError) {
  CliRun r = Run({"render", "--format", "html", Corpus("Backdoor_EC2-Spambot.json")});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.err, "guardduty-slack: --format must be blocks or text, not \"html\"\n");
}

TEST(CliAppTest, UnknownSubcommandIsUsageError) {
  CliRun r = Run({"frobnicate"});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(CliAppTest, HelpAndVersionExitZero) {
  CliRun help = Run({"--help"});
  EXPECT_EQ(help.code, kExitOk);
  EXPECT_NE(help.out.find("render"), std::string::npos);
  CliRun version = Run({"--version"});
  EXPECT_EQ(version.code, kExitOk);
  EXPECT_EQ(version.out.rfind("guardduty-slack ", 0), 0u);
}

TEST(CliAppTest, HostileTitleRendersWithoutMentionOrLink) {
  TempFile hostile(R"({"version":"0","id":"e1","detail-type":"GuardDuty Finding","source":"aws.guardduty",
    "account":"111111111111","region":"us-east-1","detail":{"schemaVersion":"2.0","accountId":"111111111111",
    "region":"us-east-1","partition":"aws","id":"0123456789abcdef0123456789abcdef","type":"Recon:EC2/Portscan",
    "title":"<!channel> reset MFA at <https://evil.example|AWS Console> & more","description":"d",
    "severity":8,"resource":{"resourceType":"Instance"},"service":{"count":1}}})");
  CliRun r = Run({"render", hostile.path()});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(r.out.find("<!channel>"), std::string::npos);
  EXPECT_EQ(r.out.find("<https://evil"), std::string::npos);
  EXPECT_NE(r.out.find("&lt;!channel&gt; reset MFA at &lt;https://evil.example|AWS Console&gt; &amp; more"),
            std::string::npos);
  CliRun text = Run({"render", "--format", "text", hostile.path()});
  ASSERT_EQ(text.code, kExitOk);
  EXPECT_EQ(text.out.find("<!channel>"), std::string::npos);
}

TEST(CliAppTest, SendWithoutWebhookIsUsageError) {
  CliRun r = Run({"send", Corpus("Backdoor_EC2-Spambot.json")});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.err, "guardduty-slack: no webhook: set SLACK_URL or pass --webhook-url\n");
}

TEST(CliAppTest, DemoRendersEmbeddedSamplesWithoutSlackUrl) {
  CliRun r = Run({"demo"});
  EXPECT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("https://app.slack.com/block-kit-builder/#"), std::string::npos);
  EXPECT_NE(r.out.find("SLACK_URL is not set"), std::string::npos);
}

}  // namespace
}  // namespace gdslack
