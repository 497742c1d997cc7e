#include "routing/mute.h"

#include "routing/matcher.h"

namespace gdslack {

const Mute* ActiveMute(const std::vector<Mute>& mutes, const Finding& finding, int64_t now_unix_s) {
  for (const Mute& mute : mutes) {
    if (now_unix_s < mute.until_unix_s && Matches(mute.match, finding)) return &mute;
  }
  return nullptr;
}

}  // namespace gdslack
