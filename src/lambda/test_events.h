// Event builders (tests only): minimal GuardDuty EventBridge events and the SQS/SNS wrappers around
// them, built with nlohmann::json so quoting is always right.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace gdslack::test_events {

inline std::string FindingEvent(const std::string& event_id, const std::string& finding_id,
                                const std::string& updated_at = "2025-02-25T20:40:06.721Z") {
  nlohmann::json event = {
      {"version", "0"},
      {"id", event_id},
      {"detail-type", "GuardDuty Finding"},
      {"source", "aws.guardduty"},
      {"account", "123456789012"},
      {"time", "2025-02-25T20:40:06Z"},
      {"region", "us-east-1"},
      {"resources", nlohmann::json::array()},
      {"detail",
       {{"schemaVersion", "2.0"},
        {"accountId", "123456789012"},
        {"region", "us-east-1"},
        {"partition", "aws"},
        {"id", finding_id},
        {"arn", "arn:aws:guardduty:us-east-1:123456789012:detector/d/finding/" + finding_id},
        {"type", "Recon:EC2/PortProbeUnprotectedPort"},
        {"title", "Unprotected port on EC2 instance is being probed."},
        {"description", "EC2 instance has an unprotected port which is being probed."},
        {"severity", 5},
        {"createdAt", "2025-02-25T20:40:06.721Z"},
        {"updatedAt", updated_at},
        {"resource", {{"resourceType", "Instance"}, {"instanceDetails", {{"instanceId", "i-0abc"}}}}},
        {"service",
         {{"serviceName", "guardduty"},
          {"archived", false},
          {"count", 1},
          {"action", {{"actionType", "PORT_PROBE"}}}}}}},
  };
  return event.dump();
}

inline std::string OtherGuardDutyEvent(const std::string& event_id) {
  nlohmann::json event = {
      {"version", "0"},
      {"id", event_id},
      {"detail-type", "AWS API Call via CloudTrail"},
      {"source", "aws.guardduty"},
      {"account", "123456789012"},
      {"time", "2025-02-25T20:40:06Z"},
      {"region", "us-east-1"},
      {"resources", nlohmann::json::array()},
      {"detail", {{"clusterName", "prod"}, {"status", "UNHEALTHY"}}},
  };
  return event.dump();
}

inline std::string NonGuardDutyEvent() {
  return R"({"version":"0","id":"e-1","detail-type":"EC2 Instance State-change Notification",)"
         R"("source":"aws.ec2","account":"123456789012","region":"us-east-1","detail":{"state":"running"}})";
}

// (messageId, body) pairs -> an SQS event source mapping batch.
inline std::string SqsBatch(const std::vector<std::pair<std::string, std::string>>& messages,
                            const std::string& queue_arn = "arn:aws:sqs:us-east-1:123456789012:guardduty") {
  nlohmann::json records = nlohmann::json::array();
  for (const auto& [id, body] : messages) {
    records.push_back({{"messageId", id},
                       {"receiptHandle", "AQEB" + id},
                       {"body", body},
                       {"attributes", {{"ApproximateReceiveCount", "1"}}},
                       {"eventSource", "aws:sqs"},
                       {"eventSourceARN", queue_arn},
                       {"awsRegion", "us-east-1"}});
  }
  return nlohmann::json{{"Records", records}}.dump();
}

// The SNS notification JSON, as SQS stores it without raw message delivery.
inline std::string SnsNotification(const std::string& message) {
  return nlohmann::json{
      {"Type", "Notification"}, {"MessageId", "sns-1"}, {"TopicArn", "arn:aws:sns:us-east-1:123456789012:guardduty"},
      {"Subject", nullptr},     {"Message", message},   {"Timestamp", "2025-02-25T20:40:07.000Z"}}
      .dump();
}

inline std::string SnsEvent(const std::vector<std::string>& messages) {
  nlohmann::json records = nlohmann::json::array();
  for (const std::string& message : messages) {
    records.push_back({{"EventSource", "aws:sns"},
                       {"EventVersion", "1.0"},
                       {"EventSubscriptionArn", "arn:aws:sns:us-east-1:123456789012:guardduty:sub"},
                       {"Sns", nlohmann::json::parse(SnsNotification(message))}});
  }
  return nlohmann::json{{"Records", records}}.dump();
}

}  // namespace gdslack::test_events
