#include "aws/dynamodb.h"

#include <cstdlib>

namespace gdslack {
namespace {

constexpr std::string_view kConditionFailed = "ConditionalCheckFailedException";

void AddExpression(nlohmann::json& request, const DynamoExpression& expr) {
  if (!expr.condition.empty()) request["ConditionExpression"] = expr.condition;
  if (!expr.names.empty()) request["ExpressionAttributeNames"] = expr.names;
  if (!expr.values.empty()) request["ExpressionAttributeValues"] = expr.values;
}

}  // namespace

Result<std::string> DynamoDbClient::Call(std::string_view operation, const nlohmann::json& request,
                                         int64_t deadline_unix_ms) {
  const std::string target = std::string(kDynamoDbTargetPrefix) + "." + std::string(operation);
  // Item values are finding ids and product text; replace (never throw on) invalid UTF-8 all the same.
  return client_.CallJson(target, request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                          deadline_unix_ms, kJson10ContentType);
}

Result<std::optional<nlohmann::json>> DynamoDbClient::GetItem(const std::string& table, const nlohmann::json& key,
                                                              bool consistent, int64_t deadline_unix_ms) {
  nlohmann::json request = {{"TableName", table}, {"Key", key}, {"ConsistentRead", consistent}};
  Result<std::string> body = Call("GetItem", request, deadline_unix_ms);
  if (!body) return body.error();
  nlohmann::json reply = nlohmann::json::parse(*body, nullptr, false);
  if (reply.is_discarded() || !reply.is_object()) {
    return Status(Code::kUnavailable, "dynamodb:GetItem: reply is not a JSON object");
  }
  auto item = reply.find("Item");
  if (item == reply.end() || !item->is_object()) return std::optional<nlohmann::json>();
  return std::optional<nlohmann::json>(*item);
}

Result<DynamoWrite> DynamoDbClient::Write(std::string_view operation, nlohmann::json request,
                                          const DynamoExpression& expr, int64_t deadline_unix_ms) {
  AddExpression(request, expr);
  Result<std::string> body = Call(operation, request, deadline_unix_ms);
  DynamoWrite write;
  if (!body) {
    if (client_.last_error_code() == kConditionFailed) {
      write.condition_failed = true;
      return write;
    }
    return body.error();
  }
  nlohmann::json reply = nlohmann::json::parse(*body, nullptr, false);
  if (reply.is_discarded() || !reply.is_object()) {
    return Status(Code::kUnavailable, "dynamodb:" + std::string(operation) + ": reply is not a JSON object");
  }
  auto attributes = reply.find("Attributes");
  if (attributes != reply.end() && attributes->is_object()) write.attributes = *attributes;
  return write;
}

Result<DynamoWrite> DynamoDbClient::PutItem(const std::string& table, const nlohmann::json& item,
                                            const DynamoExpression& expr, int64_t deadline_unix_ms) {
  return Write("PutItem", {{"TableName", table}, {"Item", item}}, expr, deadline_unix_ms);
}

Result<DynamoWrite> DynamoDbClient::UpdateItem(const std::string& table, const nlohmann::json& key,
                                               const std::string& update, const DynamoExpression& expr,
                                               int64_t deadline_unix_ms) {
  return Write("UpdateItem",
               {{"TableName", table}, {"Key", key}, {"UpdateExpression", update}, {"ReturnValues", "ALL_NEW"}}, expr,
               deadline_unix_ms);
}

Result<DynamoWrite> DynamoDbClient::DeleteItem(const std::string& table, const nlohmann::json& key,
                                               const DynamoExpression& expr, int64_t deadline_unix_ms) {
  return Write("DeleteItem", {{"TableName", table}, {"Key", key}}, expr, deadline_unix_ms);
}

std::string DynamoString(const nlohmann::json& item, const std::string& name, const std::string& fallback) {
  auto it = item.find(name);
  if (it == item.end() || !it->is_object()) return fallback;
  auto s = it->find("S");
  return s != it->end() && s->is_string() ? s->get<std::string>() : fallback;
}

namespace {
const std::string* NumberText(const nlohmann::json& item, const std::string& name) {
  auto it = item.find(name);
  if (it == item.end() || !it->is_object()) return nullptr;
  auto n = it->find("N");
  return n != it->end() && n->is_string() ? n->get_ptr<const std::string*>() : nullptr;
}
}  // namespace

int64_t DynamoInt(const nlohmann::json& item, const std::string& name, int64_t fallback) {
  const std::string* text = NumberText(item, name);
  if (text == nullptr || text->empty()) return fallback;
  char* end = nullptr;
  const long long v = std::strtoll(text->c_str(), &end, 10);
  return end != nullptr && *end == '\0' ? static_cast<int64_t>(v) : fallback;
}

double DynamoDouble(const nlohmann::json& item, const std::string& name, double fallback) {
  const std::string* text = NumberText(item, name);
  if (text == nullptr || text->empty()) return fallback;
  char* end = nullptr;
  const double v = std::strtod(text->c_str(), &end);
  return end != nullptr && *end == '\0' ? v : fallback;
}

}  // namespace gdslack
