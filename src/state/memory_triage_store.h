// MemoryTriageStore: TriageStore in this process's memory (tests; a run without a state table, where a
// decision lasts as long as the sandbox). Bounded: at most `capacity` acknowledgements and mutes each.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "state/triage_store.h"

namespace gdslack {

class MemoryTriageStore : public TriageStore {
 public:
  explicit MemoryTriageStore(std::size_t capacity = 4096) : capacity_(capacity) {}

  Status Acknowledge(const Acknowledgement& ack, int64_t deadline_unix_ms) override;
  Result<std::optional<Acknowledgement>> AcknowledgementOf(const std::string& finding_id,
                                                           int64_t deadline_unix_ms) override;
  Status AddMute(const TriageMute& mute, int64_t deadline_unix_ms) override;
  Result<std::vector<TriageMute>> ActiveMutes(int64_t now_unix_s, int64_t deadline_unix_ms) override;

 private:
  std::size_t capacity_;
  std::map<std::string, Acknowledgement> acks_;
  std::map<std::string, TriageMute> mutes_;
};

}  // namespace gdslack
