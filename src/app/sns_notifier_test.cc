#include "app/sns_notifier.h"

#include <gtest/gtest.h>

#include "base/fake_clock.h"

#include "aws/endpoints.h"
#include "http/fake_http_client.h"
#include "routing/sms_text.h"
#include "routing/test_findings.h"

namespace gdslack {
namespace {

std::string FormValue(const std::string& body, const std::string& key) {
  const std::size_t at = body.find(key + "=");
  if (at == std::string::npos) return "";
  const std::size_t start = at + key.size() + 1;
  std::string raw = body.substr(start, body.find('&', start) - start);
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '%' && i + 2 < raw.size()) {
      out += static_cast<char>(std::stoi(raw.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += raw[i] == '+' ? ' ' : raw[i];
    }
  }
  return out;
}

TEST(SnsNotifierTest, PublishesTheSmsTextOnce) {
  FakeHttpClient http;
  FakeClock clock;
  Credentials c;
  c.access_key_id = "AKIDEXAMPLE";
  c.secret_access_key = Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  StaticCredentialsProvider creds(std::move(c));
  Result<Endpoint> endpoint = ResolveEndpoint(AwsService::kSns, "eu-west-2", MapEnvironment({}));
  ASSERT_TRUE(endpoint);
  SnsClient sns(AwsClient(http, clock, clock, creds, *endpoint));
  const std::string topic = "arn:aws:sns:eu-west-2:111111111111:page";
  SnsNotifier notifier(sns, topic, clock);
  http.Push(200, "<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>");
  Finding f = testing::MakeFinding(9.5);
  f.account_name = "prod";
  NotifyOutcome outcome = notifier.Notify(f, clock.NowUnixMs() + 5000);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.ToString();
  ASSERT_EQ(http.requests().size(), 1u);
  const std::string message = FormValue(http.requests()[0].body, "Message");
  EXPECT_EQ(message, SmsText(f));
  EXPECT_TRUE(MeasureSms(message).FitsOneSms());
  EXPECT_EQ(FormValue(http.requests()[0].body, "TopicArn"), topic);
}

}  // namespace
}  // namespace gdslack
