// The real CurlHttpClient and WebhookSender against the Slack stand-in (tests/standins/slack_standin.py) on
// 127.0.0.1, over HTTP and HTTPS. Real wall-clock time; the whole suite takes a few seconds.
#include "http/curl_http_client.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "http/webhook_sender.h"
#include "standins/standin_process.h"

namespace gdslack {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSecretPath = "/services/T000/B000/XXXXsecretXXXX";
constexpr const char* kSecretPart = "XXXXsecretXXXX";
constexpr const char* kPayload = R"({"text":"GuardDuty HIGH 8.0 test"})";

using test_support::TempDir;

// The Slack stand-in (tests/standins/slack_standin.py) for the lifetime of the object.
class SlackStandin {
 public:
  explicit SlackStandin(const std::string& plan, std::vector<std::string> extra = {})
      : process_("slack_standin.py", WithPlan(plan, std::move(extra))) {}

  bool ok() const { return process_.ok(); }
  // The stand-in's URL with a webhook-shaped secret path.
  std::string webhook_url() const { return process_.url() + kSecretPath; }
  // Every request the stand-in received, in order.
  std::vector<nlohmann::json> Requests() const { return process_.Requests(); }

 private:
  static std::vector<std::string> WithPlan(const std::string& plan, std::vector<std::string> extra) {
    extra.insert(extra.begin(), {"--plan", plan});
    return extra;
  }
  test_support::StandinProcess process_;
};

// Fast retries for loopback tests; no jitter so timings are predictable.
RetryPolicy FastOptions(int max_attempts = 5) {
  RetryPolicy o;
  o.max_attempts = max_attempts;
  o.attempt_timeout_ms = 2000;
  o.base_ms = 50;
  o.cap_ms = 200;
  o.retry_after_jitter_ms = 0;
  return o;
}

RandomSource NoJitter() {
  return [] { return 0.0; };
}

int64_t In(int64_t ms) { return SystemClock::Instance().NowUnixMs() + ms; }

// One POST of kPayload to `url`, for tests that call CurlHttpClient::Send directly.
HttpRequest PayloadTo(const std::string& url) {
  HttpRequest req;
  req.url = url;
  req.body = kPayload;
  return req;
}

DeliveryResult DeliverTo(HttpClient& http, const std::string& url, RetryPolicy options, int64_t budget_ms = 10000) {
  WebhookSender sender(http, SystemClock::Instance(), RealSleeper::Instance(), Secret(url), options, NoJitter());
  DeliveryResult r = sender.Deliver(kPayload, In(budget_ms));
  EXPECT_EQ(r.status.message().find(kSecretPart), std::string::npos) << r.status.message();
  EXPECT_EQ(r.slack_error.find(kSecretPart), std::string::npos) << r.slack_error;
  return r;
}

TEST(CurlHttpClientTest, DeliversAndSlackSeesJsonPost) {
  SlackStandin slack("ok");
  ASSERT_TRUE(slack.ok());
  CurlHttpClient http;
  DeliveryResult r = DeliverTo(http, slack.webhook_url(), FastOptions());
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.slack_error, "ok");

  const auto requests = slack.Requests();
  ASSERT_EQ(requests.size(), 1u);
  const nlohmann::json& req = requests[0];
  EXPECT_EQ(req["method"], "POST");
  EXPECT_EQ(req["path"], kSecretPath);
  EXPECT_EQ(req["body"], kPayload);
  EXPECT_EQ(req["tls"], false);
  EXPECT_EQ(req["headers"]["Content-Type"], "application/json");
  EXPECT_FALSE(req["headers"].contains("Expect"));
  EXPECT_EQ(req["headers"]["User-Agent"], "guardduty-slack/0.1");
}

TEST(CurlHttpClientTest, CapturesStatusHeadersAndBody) {
  SlackStandin slack("429", {"--retry-after", "7"});
  ASSERT_TRUE(slack.ok());
  CurlHttpClient http;
  HttpRequest req = PayloadTo(slack.webhook_url());
  req.headers = {{"Content-Type", "application/json"}};
  Result<HttpResponse> r = http.Send(req);
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_EQ(r->status, 429);
  EXPECT_EQ(r->body, "rate_limited");
  EXPECT_EQ(r->Header("retry-after"), "7");
  EXPECT_EQ(r->Header("Content-Type"), "text/html");
}

TEST(CurlHttpClientTest, RetriesServerErrorThenSucceeds) {
  SlackStandin slack("500,ok");
  ASSERT_TRUE(slack.ok());
  CurlHttpClient http;
  DeliveryResult r = DeliverTo(http, slack.webhook_url(), FastOptions());
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.attempts, 2);
  EXPECT_EQ(slack.Requests().size(), 2u);
}

TEST(CurlHttpClientTest, HonoursRetryAfter) {
  SlackStandin slack("429,ok", {"--retry-after", "1"});
  ASSERT_TRUE(slack.ok());
  CurlHttpClient http;
  const int64_t start = SystemClock::Instance().MonotonicMs();
  DeliveryResult r = DeliverTo(http, slack.webhook_url(), FastOptions());
  const int64_t elapsed = SystemClock::Instance().MonotonicMs() - start;
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.attempts, 2);
  EXPECT_GE(elapsed, 1000);
  EXPECT_LT(elapsed, 3000);
}

TEST(CurlHttpClientTest, ChannelNotFoundIsPermanent) {
  SlackStandin slack("404:channel_not_found");
  ASSERT_TRUE(slack.ok());
  CurlHttpClient http;
  DeliveryResult r = DeliverTo(http, slack.webhook_url(), FastOptions());
  EXPECT_EQ(r.status.code(), Code::kNotFound);
  EXPECT_EQ(r.status.message(),
            "Slack webhook at 127.0.0.1 rejected the message: 404 channel_not_found (the webhook was revoked or "
            "the channel deleted; create a new webhook)");
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(slack.Requests().size(), 1u);
}

TEST(CurlHttpClientTest, InvalidJsonGetsInvalidPayload) {
  SlackStandin slack("ok");
  ASSERT_TRUE(slack.ok());
  CurlHttpClient http;
  WebhookSender sender(http, SystemClock::Instance(), RealSleeper::Instance(), Secret(slack.webhook_url()),
                       FastOptions(), NoJitter());
  DeliveryResult r = sender.Deliver("{not json", In(5000));
  EXPECT_EQ(r.status.code(), Code::kInvalidInput);
  EXPECT_EQ(r.slack_error, "invalid_payload");
}

TEST(CurlHttpClientTest, SlowAnswerTimesOut) {
  SlackStandin slack("delay:3000");
  ASSERT_TRUE(slack.ok());
  CurlHttpClient http;
  HttpRequest req = PayloadTo(slack.webhook_url());
  req.timeout_ms = 300;
  const int64_t start = SystemClock::Instance().MonotonicMs();
  Result<HttpResponse> r = http.Send(req);
  EXPECT_LT(SystemClock::Instance().MonotonicMs() - start, 2000);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), Code::kTimeout);
  EXPECT_EQ(r.error().message(), "POST to 127.0.0.1 failed: Timeout was reached");
}

TEST(CurlHttpClientTest, HangingSlackStopsAtTheDeadline) {
  SlackStandin slack("hang,hang,hang,hang,hang");
  ASSERT_TRUE(slack.ok());
  CurlHttpClient http;
  RetryPolicy options = FastOptions();
  options.attempt_timeout_ms = 400;
  const int64_t start = SystemClock::Instance().MonotonicMs();
  DeliveryResult r = DeliverTo(http, slack.webhook_url(), options, 1200);
  const int64_t elapsed = SystemClock::Instance().MonotonicMs() - start;
  EXPECT_EQ(r.status.code(), Code::kTimeout) << r.status.ToString();
  EXPECT_GE(r.attempts, 2);
  EXPECT_LT(elapsed, 1600);
}

TEST(CurlHttpClientTest, ResetAndCloseAreRetried) {
  SlackStandin slack("reset,close,ok");
  ASSERT_TRUE(slack.ok());
  CurlHttpClient http;
  DeliveryResult r = DeliverTo(http, slack.webhook_url(), FastOptions());
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.attempts, 3);
}

TEST(CurlHttpClientTest, ResetIsUnavailableAndNamesOnlyTheHost) {
  SlackStandin slack("reset");
  ASSERT_TRUE(slack.ok());
  CurlHttpClient http;
  HttpRequest req = PayloadTo(slack.webhook_url());
  Result<HttpResponse> r = http.Send(req);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), Code::kUnavailable);
  EXPECT_EQ(r.error().message().rfind("POST to 127.0.0.1 failed: ", 0), 0u) << r.error().message();
  EXPECT_EQ(r.error().message().find(kSecretPart), std::string::npos);
}

// An answer that is not HTTP (curl: "unsupported protocol", it refuses HTTP/0.9) is the peer's fault, not the
// URL's: retried like a reset, not surfaced at once as a configuration error.
TEST(CurlHttpClientTest, AnswerThatIsNotHttpIsRetried) {
  SlackStandin slack("garbage,ok");
  ASSERT_TRUE(slack.ok());
  CurlHttpClient http;
  HttpRequest req = PayloadTo(slack.webhook_url());
  Result<HttpResponse> first = http.Send(req);
  ASSERT_FALSE(first.has_value());
  EXPECT_EQ(first.error().code(), Code::kUnavailable) << first.error().ToString();
  EXPECT_EQ(first.error().message(), "POST to 127.0.0.1 failed: the answer was not HTTP");
  DeliveryResult r = DeliverTo(http, slack.webhook_url(), FastOptions());
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
}

TEST(CurlHttpClientTest, ReusesOneConnection) {
  SlackStandin slack("");
  ASSERT_TRUE(slack.ok());
  CurlHttpClient http;
  for (int i = 0; i < 3; ++i) {
    DeliveryResult r = DeliverTo(http, slack.webhook_url(), FastOptions());
    EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  }
  // A GET on the same handle after POSTs: no body left over from before.
  HttpRequest get;
  get.method = "GET";
  get.url = slack.webhook_url();
  Result<HttpResponse> r = http.Send(get);
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_EQ(r->status, 405);

  const auto requests = slack.Requests();
  ASSERT_EQ(requests.size(), 4u);
  for (const auto& req : requests) EXPECT_EQ(req["conn"], requests[0]["conn"]);
  EXPECT_EQ(requests[3]["method"], "GET");
  EXPECT_EQ(requests[3]["body"], "");
}

TEST(CurlHttpClientTest, ConnectionRefusedIsUnavailable) {
  // A port that was free a moment ago.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), len), 0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const int port = ntohs(addr.sin_port);
  close(fd);

  CurlHttpClient http;
  DeliveryResult r = DeliverTo(http, "http://127.0.0.1:" + std::to_string(port) + kSecretPath, FastOptions(2));
  EXPECT_EQ(r.status.code(), Code::kUnavailable);
  EXPECT_EQ(r.attempts, 2);
  EXPECT_EQ(r.status.message(),
            "Slack webhook at 127.0.0.1 failed after 2 attempts; last: POST to 127.0.0.1 failed: Couldn't connect "
            "to server (check network access to 127.0.0.1; retry later)");
}

TEST(CurlHttpClientTest, OnlyHttpAndHttpsAreAllowed) {
  CurlHttpClient http;
  HttpRequest req;
  req.url = std::string("file:///etc") + kSecretPath;
  Result<HttpResponse> r = http.Send(req);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), Code::kConfig);
  EXPECT_EQ(r.error().message().find(kSecretPart), std::string::npos);
}

TEST(CurlHttpClientTest, FindsACaBundle) {
  CurlHttpClient http;
  if (std::getenv("SSL_CERT_FILE") == nullptr && std::getenv("CURL_CA_BUNDLE") == nullptr) {
    EXPECT_TRUE(http.ca_file() == "/etc/pki/tls/certs/ca-bundle.crt" ||
                http.ca_file() == "/etc/ssl/certs/ca-certificates.crt" || http.ca_file().empty())
        << http.ca_file();
  }
  CurlHttpClientOptions options;
  options.ca_file = "/nonexistent/ca.pem";
  EXPECT_EQ(CurlHttpClient(options).ca_file(), "/nonexistent/ca.pem");
}

// Self-signed certificate for IP 127.0.0.1, made with the openssl CLI.
bool MakeCert(const fs::path& dir, const std::string& name) {
  const std::string cmd =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
      "-addext subjectAltName=IP:127.0.0.1 -keyout '" +
      (dir / (name + ".key")).string() + "' -out '" + (dir / (name + ".pem")).string() + "' >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

class CurlHttpsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!MakeCert(certs_.path(), "server") || !MakeCert(certs_.path(), "other")) {
      GTEST_SKIP() << "openssl CLI not available";
    }
  }
  std::string Path(const std::string& file) const { return (certs_.path() / file).string(); }

  TempDir certs_;
};

TEST_F(CurlHttpsTest, DeliversOverTlsWithTheRightCa) {
  SlackStandin slack("ok", {"--tls-cert", Path("server.pem"), "--tls-key", Path("server.key")});
  ASSERT_TRUE(slack.ok());
  ASSERT_EQ(slack.webhook_url().rfind("https://127.0.0.1:", 0), 0u);
  CurlHttpClientOptions options;
  options.ca_file = Path("server.pem");
  CurlHttpClient http(options);
  DeliveryResult r = DeliverTo(http, slack.webhook_url(), FastOptions());
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  r = DeliverTo(http, slack.webhook_url(), FastOptions());
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  const auto requests = slack.Requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0]["tls"], true);
  EXPECT_EQ(requests[0]["path"], kSecretPath);
  EXPECT_EQ(requests[1]["conn"], requests[0]["conn"]);  // TLS session kept alive
}

TEST_F(CurlHttpsTest, UntrustedCertificateFailsWithoutShowingTheUrl) {
  SlackStandin slack("ok", {"--tls-cert", Path("server.pem"), "--tls-key", Path("server.key")});
  ASSERT_TRUE(slack.ok());
  CurlHttpClientOptions options;
  options.ca_file = Path("other.pem");
  CurlHttpClient http(options);
  DeliveryResult r = DeliverTo(http, slack.webhook_url(), FastOptions(2));
  EXPECT_FALSE(r.status.ok());
  // Regression (issue 9): a certificate that does not verify is permanent, never retried as transient.
  EXPECT_EQ(r.status.code(), Code::kConfig) << r.status.ToString();
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.http_status, 0);
  EXPECT_NE(r.status.message().find("127.0.0.1"), std::string::npos) << r.status.message();
  EXPECT_NE(r.status.message().find("other.pem"), std::string::npos) << r.status.message();
  EXPECT_EQ(r.status.message().find("/services/"), std::string::npos) << r.status.message();
  // Nothing reached the application layer: the stand-in logs at most the one handshake the client abandoned
  // (its log line may land just after the client has given up).
  const auto requests = slack.Requests();
  EXPECT_LE(requests.size(), 1u);
  for (const auto& request : requests) {
    EXPECT_EQ(request["answer"], "tls_handshake_failed");
    EXPECT_EQ(request["method"], nullptr);
  }
}

TEST_F(CurlHttpsTest, MissingCaFileIsConfigError) {
  SlackStandin slack("ok", {"--tls-cert", Path("server.pem"), "--tls-key", Path("server.key")});
  ASSERT_TRUE(slack.ok());
  CurlHttpClientOptions options;
  options.ca_file = Path("missing.pem");
  CurlHttpClient http(options);
  DeliveryResult r = DeliverTo(http, slack.webhook_url(), FastOptions());
  EXPECT_EQ(r.status.code(), Code::kConfig) << r.status.ToString();
  EXPECT_EQ(r.attempts, 1);
}

}  // namespace
}  // namespace gdslack
