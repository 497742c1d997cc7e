// Secret: a credential (webhook URL, secret key, session token) that must never reach a log, an error or
// test output. It has no stream operator and no implicit conversion; Reveal() is the one door, used only
// where the value goes on the wire. The buffer is zeroed on destruction (cpr SecureString idea).
#pragma once

#include <string>
#include <utility>

namespace gdslack {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}
  Secret(const Secret&) = default;
  Secret& operator=(const Secret&) = default;
  Secret(Secret&& other) noexcept : value_(std::move(other.value_)) { other.Wipe(); }
  Secret& operator=(Secret&& other) noexcept {
    if (this != &other) {
      Wipe();
      value_ = std::move(other.value_);
      other.Wipe();
    }
    return *this;
  }
  ~Secret() { Wipe(); }

  bool empty() const { return value_.empty(); }
  const std::string& Reveal() const { return value_; }
  // What a log may show instead of the value.
  static constexpr const char* kRedacted = "***";

 private:
  void Wipe() {
    // volatile so the compiler cannot drop the stores as dead before free.
    volatile char* p = value_.data();
    for (std::size_t i = 0; i < value_.size(); ++i) p[i] = 0;
    value_.clear();
  }
  std::string value_;
};

}  // namespace gdslack
