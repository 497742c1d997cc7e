// Status and Result<T>: expected failures as values (leveldb Status, shaped like C++23 std::expected).
// A small fixed set of codes drives behaviour: retry or not, CLI exit code, Lambda errorType.
// Messages are for humans and must never contain a secret (webhook URL, key, token).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace gdslack {

enum class Code {
  kOk,
  kInvalidInput,      // the input (event, file, flag) is wrong; retrying will not help
  kNotFound,          // a named thing does not exist (parameter, account, Slack channel)
  kPermissionDenied,  // credentials or role lack a permission; an operator must fix it
  kThrottled,         // the peer asked us to slow down (HTTP 429, ThrottlingException)
  kUnavailable,       // transient: 5xx, connection refused/reset; retry with backoff
  kTimeout,           // the deadline passed
  kConfig,            // configuration missing or invalid
  kInternal,          // a bug on our side
};

std::string_view CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "InvalidInput: message", or "OK".
  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {}  // NOLINT(google-explicit-constructor)
  Result(Code code, std::string message) : v_(Status(code, std::move(message))) {}

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  // REQUIRES: has_value()
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() & { return std::get<0>(v_); }
  const T& operator*() const& { return std::get<0>(v_); }
  // REQUIRES: !has_value()
  const Status& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace gdslack
