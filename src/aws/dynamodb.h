// DynamoDB (JSON 1.0 over the signed AwsClient): the four item calls the state table needs — GetItem,
// PutItem, UpdateItem, DeleteItem — with condition expressions. Items and keys are DynamoDB's own JSON
// ({"pk":{"S":"x"},"n":{"N":"1"}}), so what is sent is what the API reference shows. A failed condition is
// an answer, not an error: it comes back as `condition_failed`. Errors keep AwsClient's codes
// (throttling, ProvisionedThroughputExceededException included, is kThrottled and retried there).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "aws/aws_client.h"
#include "base/result.h"

namespace gdslack {

// The DynamoDB API version in every X-Amz-Target ("DynamoDB_20120810.GetItem").
inline constexpr std::string_view kDynamoDbTargetPrefix = "DynamoDB_20120810";

// A conditional write's expressions: names (#n -> attribute) and values (:v -> {"S":..}) as DynamoDB
// takes them. Empty members are left out of the request.
struct DynamoExpression {
  std::string condition;                             // ConditionExpression; "" = unconditional
  nlohmann::json names = nlohmann::json::object();   // ExpressionAttributeNames
  nlohmann::json values = nlohmann::json::object();  // ExpressionAttributeValues
};

struct DynamoWrite {
  bool condition_failed = false;  // ConditionalCheckFailedException: nothing was written
  nlohmann::json attributes;      // UpdateItem with ReturnValues ALL_NEW: the item after the write
};

class DynamoDbClient {
 public:
  // `client` must point at the DynamoDB endpoint of the table's Region (ResolveEndpoint(kDynamoDb, ...)).
  explicit DynamoDbClient(AwsClient client) : client_(std::move(client)) {}

  // The item, or std::nullopt when there is none. `consistent`: strongly consistent read.
  Result<std::optional<nlohmann::json>> GetItem(const std::string& table, const nlohmann::json& key, bool consistent,
                                                int64_t deadline_unix_ms);
  Result<DynamoWrite> PutItem(const std::string& table, const nlohmann::json& item, const DynamoExpression& expr,
                              int64_t deadline_unix_ms);
  // `update` is the UpdateExpression ("SET #a = :a REMOVE b"); returns the new item (ALL_NEW).
  Result<DynamoWrite> UpdateItem(const std::string& table, const nlohmann::json& key, const std::string& update,
                                 const DynamoExpression& expr, int64_t deadline_unix_ms);
  Result<DynamoWrite> DeleteItem(const std::string& table, const nlohmann::json& key, const DynamoExpression& expr,
                                 int64_t deadline_unix_ms);

  AwsClient& client() { return client_; }

 private:
  Result<DynamoWrite> Write(std::string_view operation, nlohmann::json request, const DynamoExpression& expr,
                            int64_t deadline_unix_ms);
  Result<std::string> Call(std::string_view operation, const nlohmann::json& request, int64_t deadline_unix_ms);

  AwsClient client_;
};

// Attribute value helpers: {"S": s}, {"N": "<n>"}.
inline nlohmann::json DynamoS(const std::string& s) { return {{"S", s}}; }
inline nlohmann::json DynamoN(int64_t n) { return {{"N", std::to_string(n)}}; }
// Reads {"S": ..} / {"N": ..} members of an item; `fallback` when absent or of another type.
std::string DynamoString(const nlohmann::json& item, const std::string& name, const std::string& fallback = "");
int64_t DynamoInt(const nlohmann::json& item, const std::string& name, int64_t fallback = 0);
double DynamoDouble(const nlohmann::json& item, const std::string& name, double fallback = 0);

}  // namespace gdslack
