// Mutes (silences) with expiry: the first unexpired mute matching a finding, if any. Expired mutes are
// ignored, never an error, so a forgotten entry cannot hide findings after its date.
#pragma once

#include <cstdint>
#include <vector>

#include "finding/finding.h"
#include "routing/config.h"

namespace gdslack {

// The first mute in `mutes` that matches `finding` and has not expired at `now_unix_s`; nullptr if none.
const Mute* ActiveMute(const std::vector<Mute>& mutes, const Finding& finding, int64_t now_unix_s);

}  // namespace gdslack
