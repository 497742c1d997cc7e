#include "cli/cli_app.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace gdslack {
namespace {

namespace fs = std::filesystem;

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

CliRun Invoke(const std::vector<std::string>& args, const std::map<std::string, std::string>& vars = {}) {
  std::ostringstream out;
  std::ostringstream err;
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
    path_ = fs::temp_directory_path() /
            ("gdslack-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++) + ".json");
    std::ofstream(path_, std::ios::binary) << contents;
  }
  ~TempFile() { fs::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

TEST(CliAppTest, RenderPrintsOnePayloadLinePerFinding) {
  CliRun r = Invoke({"render", Corpus("Recon_EC2-PortProbeUnprotectedPort.json"), Corpus("Backdoor_EC2-Spambot.json")});
  EXPECT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2);
  EXPECT_EQ(r.err, "");
}

TEST(CliAppTest, MalformedJsonIsOneLineErrorWithOffsetAndExitTwo) {
  TempFile bad("{\"detail-type\": \"GuardDuty Finding\",, }");
  CliRun r = Invoke({"render", bad.path()});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(bad.path() + ": byte "), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(CliAppTest, EmptyFileIsOneLineErrorAndExitTwo) {
  TempFile empty("");
  CliRun r = Invoke({"render", empty.path()});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.err, "guardduty-slack: " + empty.path() + ": empty input\n");
}

TEST(CliAppTest, NonGuardDutyEventIsOneLineErrorAndExitTwo) {
  TempFile other(R"({"version":"0","id":"x","detail-type":"EC2 Instance State-change Notification",)"
                 R"("source":"aws.ec2","account":"111111111111","detail":{"state":"running"}})");
  CliRun r = Invoke({"render", other.path()});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("not a GuardDuty finding"), std::string::npos) << r.err;
}

TEST(CliAppTest, OneBadFileDoesNotStopTheOthers) {
  TempFile empty("   \n");
  CliRun r = Invoke({"render", empty.path(), Corpus("Backdoor_EC2-Spambot.json")});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1);
}

TEST(CliAppTest, MissingFileIsReported) {
  CliRun r = Invoke({"render", "/nonexistent/finding.json"});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.err, "guardduty-slack: /nonexistent/finding.json: No such file or directory\n");
}

TEST(CliAppTest, UnknownFormatIsUsageError) {
  CliRun r = Invoke({"render", "--format", "html", Corpus("Backdoor_EC2-Spambot.json")});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.err, "guardduty-slack: --format must be blocks or text, not \"html\"\n");
}

TEST(CliAppTest, UnknownSubcommandIsUsageError) {
  CliRun r = Invoke({"frobnicate"});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(CliAppTest, HelpAndVersionExitZero) {
  CliRun help = Invoke({"--help"});
  EXPECT_EQ(help.code, kExitOk);
  EXPECT_NE(help.out.find("render"), std::string::npos);
  CliRun version = Invoke({"--version"});
  EXPECT_EQ(version.code, kExitOk);
  EXPECT_EQ(version.out.rfind("guardduty-slack ", 0), 0u);
}

TEST(CliAppTest, HostileTitleRendersWithoutMentionOrLink) {
  TempFile hostile(R"({"version":"0","id":"e1","detail-type":"GuardDuty Finding","source":"aws.guardduty",
    "account":"111111111111","region":"us-east-1","detail":{"schemaVersion":"2.0","accountId":"111111111111",
    "region":"us-east-1","partition":"aws","id":"0123456789abcdef0123456789abcdef","type":"Recon:EC2/Portscan",
    "title":"<!channel> reset MFA at <https://evil.example|AWS Console> & more","description":"d",
    "severity":8,"resource":{"resourceType":"Instance"},"service":{"count":1}}})");
  CliRun r = Invoke({"render", hostile.path()});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  // Walk every text object: mrkdwn ones must carry the escaped form; plain_text (header) is never parsed
  // by Slack, so it keeps the title as a person reads it.
  nlohmann::json payload = nlohmann::json::parse(r.out);
  std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& j) {
    if (j.is_object()) {
      if (j.value("type", "") == "mrkdwn") {
        std::string text = j.value("text", "");
        EXPECT_EQ(text.find("<!channel>"), std::string::npos) << text;
        EXPECT_EQ(text.find("<https://evil"), std::string::npos) << text;
      }
      if (j.value("type", "") == "header") {
        EXPECT_NE(j["text"]["text"].get<std::string>().find(
                      "<!channel> reset MFA at <https://evil.example|AWS Console> & more"),
                  std::string::npos);
      }
      for (const auto& [k, v] : j.items()) walk(v);
    } else if (j.is_array()) {
      for (const auto& v : j) walk(v);
    }
  };
  walk(payload);
  // Top-level text (the notification) is also linkified by Slack clients, so it is defanged as well.
  const std::string defanged = "&lt;!channel&gt; reset MFA at &lt;https[://]evil[.]example|AWS Console&gt; &amp; more";
  EXPECT_NE(payload["text"].get<std::string>().find(defanged), std::string::npos);  // notification fallback
  EXPECT_EQ(payload["text"].get<std::string>().find("<!channel>"), std::string::npos);
  EXPECT_FALSE(payload.contains("link_names"));
  EXPECT_FALSE(payload.contains("parse"));
  CliRun text = Invoke({"render", "--format", "text", hostile.path()});
  ASSERT_EQ(text.code, kExitOk);
  EXPECT_EQ(text.out.find("<!channel>"), std::string::npos);
  EXPECT_NE(text.out.find(defanged), std::string::npos);
}

TEST(CliAppTest, SendWithoutWebhookIsUsageError) {
  CliRun r = Invoke({"send", Corpus("Backdoor_EC2-Spambot.json")});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.err,
            "guardduty-slack: no Slack webhook configured: set SLACK_URL_PARAMETER (SSM SecureString), "
            "SLACK_URL_SECRET (Secrets Manager) or SLACK_URL\n");
}

TEST(CliAppTest, PlainHttpWebhookIsRejectedWithoutShowingIt) {
  CliRun r = Invoke({"send", Corpus("Backdoor_EC2-Spambot.json")},
                    {{"SLACK_URL", "http://hooks.example.com/services/T0/B0/SeCrEtPaTh"}});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.err.find("SeCrEtPaTh"), std::string::npos) << r.err;
  EXPECT_EQ(
      r.err,
      "guardduty-slack: SLACK_URL: the Slack webhook URL for hooks.example.com must use https:// (plain http only "
      "to a loopback host; value not shown)\n");
}

TEST(CliAppTest, RenderUsesStaticAccountNames) {
  CliRun r = Invoke({"render", Corpus("Backdoor_EC2-Spambot.json")}, {{"ACCOUNT_NAMES", "973743533182=prod-payments"}});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("prod-payments (973743533182)"), std::string::npos) << r.out;
}

TEST(CliAppTest, CheckConfigIamListsWhatTheRoleMustAllowAfterTheTree) {
  const std::string example = std::string(GDSLACK_SOURCE_DIR) + "/config/example.yaml";
  CliRun plain = Invoke({"check-config", example});
  ASSERT_EQ(plain.code, kExitOk) << plain.err;
  EXPECT_EQ(plain.out.find("iam:"), std::string::npos);
  CliRun r = Invoke({"check-config", "--iam", example});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const std::string iam =
      "iam:\n"
      "  non-production: ssm:GetParameter /guardduty-slack/webhook-nonprod\n"
      "  on-call-sms: sns:Publish arn:aws:sns:us-east-1:111111111111:guardduty-critical\n";
  EXPECT_EQ(r.out, plain.out + iam);
}

TEST(CliAppTest, DemoRendersEmbeddedSamplesWithoutSlackUrl) {
  CliRun r = Invoke({"demo"});
  EXPECT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("https://app.slack.com/block-kit-builder/#"), std::string::npos);
  EXPECT_NE(r.out.find("SLACK_URL is not set"), std::string::npos);
}

}  // namespace
}  // namespace gdslack
