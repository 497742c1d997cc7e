// Destination: what the state decorator drives. A webhook can only post (NotifierDestination adapts any
// Notifier); a Slack app destination can also update its message in place and reply in its thread.
#pragma once

#include <cstdint>
#include <string>

#include "notify/notifier.h"

namespace gdslack {

// Where a posted message is (Slack app mode): channel id and message ts. Empty for webhooks.
struct MessageRef {
  std::string channel;
  std::string ts;
};

struct PostResult {
  NotifyOutcome outcome;
  MessageRef ref;
};

class Destination {
 public:
  virtual ~Destination() = default;
  // True when Update and Reply work (a Slack app token); false for a webhook.
  virtual bool CanUpdate() const = 0;
  virtual PostResult Post(const Finding& finding, int64_t deadline_unix_ms) = 0;
  // Rewrites the message at `ref` to show `finding`. Any error but a transient one (kUnavailable, kThrottled,
  // kTimeout) means this message cannot be edited any more (deleted, too old, its channel archived or left).
  virtual NotifyOutcome Update(const MessageRef& ref, const Finding& finding, int64_t deadline_unix_ms) = 0;
  // A short product-written reply (never finding text) in the message's thread. `broadcast`: also shown in the
  // channel (Slack's reply_broadcast), led by the destination's mention, for an escalation people must see.
  virtual NotifyOutcome Reply(const MessageRef& ref, const std::string& text, bool broadcast,
                              int64_t deadline_unix_ms) = 0;
};

// A post-only Destination over a Notifier (the webhook SlackNotifier). Update and Reply fail (kInternal).
class NotifierDestination : public Destination {
 public:
  explicit NotifierDestination(Notifier& inner) : inner_(inner) {}
  bool CanUpdate() const override { return false; }
  PostResult Post(const Finding& finding, int64_t deadline_unix_ms) override {
    return PostResult{inner_.Notify(finding, deadline_unix_ms), {}};
  }
  NotifyOutcome Update(const MessageRef&, const Finding&, int64_t) override { return Unsupported(); }
  NotifyOutcome Reply(const MessageRef&, const std::string&, bool, int64_t) override { return Unsupported(); }

 private:
  static NotifyOutcome Unsupported() {
    NotifyOutcome o;
    o.status = Status(Code::kInternal, "a webhook cannot update or reply to a message");
    return o;
  }
  Notifier& inner_;
};

}  // namespace gdslack
