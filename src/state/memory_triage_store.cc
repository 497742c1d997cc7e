#include "state/memory_triage_store.h"

namespace gdslack {

Status MemoryTriageStore::Acknowledge(const Acknowledgement& ack, int64_t /*deadline_unix_ms*/) {
  if (acks_.size() >= capacity_ && !acks_.contains(ack.finding_id)) acks_.erase(acks_.begin());
  acks_[ack.finding_id] = ack;
  return Status::Ok();
}

Result<std::optional<Acknowledgement>> MemoryTriageStore::AcknowledgementOf(const std::string& finding_id,
                                                                            int64_t /*deadline_unix_ms*/) {
  auto it = acks_.find(finding_id);
  if (it == acks_.end()) return std::optional<Acknowledgement>();
  return std::optional<Acknowledgement>(it->second);
}

Status MemoryTriageStore::AddMute(const TriageMute& mute, int64_t /*deadline_unix_ms*/) {
  const std::string key = TriageMuteKey(mute.type, mute.account_id, mute.resource_id);
  if (mutes_.size() >= capacity_ && !mutes_.contains(key)) {
    // Full: the mute that ends first goes.
    auto first = mutes_.begin();
    for (auto it = mutes_.begin(); it != mutes_.end(); ++it) {
      if (it->second.until_unix_s < first->second.until_unix_s) first = it;
    }
    mutes_.erase(first);
  }
  mutes_[key] = mute;
  return Status::Ok();
}

Result<std::vector<TriageMute>> MemoryTriageStore::ActiveMutes(int64_t now_unix_s, int64_t /*deadline_unix_ms*/) {
  std::vector<TriageMute> out;
  for (const auto& [key, m] : mutes_) {
    if (m.until_unix_s > now_unix_s) out.push_back(m);
  }
  return out;
}

}  // namespace gdslack
