// The short plain-text message for SNS destinations (SMS or email escalation): severity band and score,
// finding type, account, region (in the console link) and a console link, in ONE SMS: at most 160 GSM-7
// characters, or 70 when the text needs UCS-2 (3GPP TS 23.038; README "Routing"). Attacker-influenced text
// never reaches it raw: only a whitelisted character set, no '.', no digit runs that could read as a phone
// number, and a link the product builds from validated id and region.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "finding/finding.h"

namespace gdslack {

struct SmsMeasure {
  bool gsm7 = true;       // every character is in the GSM 03.38 default alphabet or its extension
  std::size_t units = 0;  // septets (extension characters count 2) or UTF-16 code units
  std::size_t limit() const { return gsm7 ? 160 : 70; }
  bool FitsOneSms() const { return units <= limit(); }
};

// How `utf8` would be encoded in an SMS and how long it is.
SmsMeasure MeasureSms(std::string_view utf8);

// `in` with every run of seven or more digits (with any of " +()-" between them) replaced by one '#', as
// std::regex_replace with [0-9](?:[ +()\-]*[0-9]){6,} would: nothing from a finding may read as a phone number.
std::string MaskDigitRuns(const std::string& in);

// "GuardDuty Critical 9.5 Recon:EC2/PortProbeUnprotectedPort prod-payments\nhttps://console.aws..."; always
// FitsOneSms() and GSM-7.
std::string SmsText(const Finding& finding);

}  // namespace gdslack
