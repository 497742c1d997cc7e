// `guardduty-slack send` (and the delivery half of `demo`): findings through the one pipeline
// (app/pipeline.h) — routing, mutes, digests, pacing per webhook — in batches of kSendBatch as they are read,
// so a replay of any length holds one batch. On a terminal a progress line is kept up to date in place; a
// one-line tally always ends the run. Webhook URLs are Secrets: only hosts are ever printed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/cli_services.h"
#include "cli/input_source.h"
#include "finding/finding.h"
#include "render/slack_message.h"

namespace gdslack {

// Findings per pipeline run. Digests (Low and Medium grouped per destination) form within one batch.
inline constexpr std::size_t kSendBatch = 100;

struct SendOptions {
  std::string config_flag;            // --config FILE ("" = CONFIG_FILE / CONFIG_PARAMETER / default)
  std::optional<Secret> webhook_url;  // --webhook-url: the webhook of destinations that name none
  MessageFormat format = MessageFormat::kBlocks;
  std::optional<int64_t> interval_ms;  // --interval-ms: pacing of every Slack destination
  int64_t per_send_budget_ms = 30000;  // retries for one message stop here
  bool progress = false;               // stderr is a terminal: keep a progress line there
};

// One `send`: Start, then Add each finding as it is read, then Finish.
class SendRun {
 public:
  // `input` (optional) is how far reading has got, for the progress line's estimate of the total.
  SendRun(const SendOptions& options, CliServices& services, std::ostream& err, const InputStats* input = nullptr);
  ~SendRun();
  SendRun(const SendRun&) = delete;
  SendRun& operator=(const SendRun&) = delete;

  // Loads the configuration and builds the destinations: kExitOk, or kExitBadInput after saying why.
  int Start();
  // Queues a finding; a full batch is sent before this returns.
  void Add(Finding finding);
  // Sends what is queued and prints the tally. kExitOk when every finding routed somewhere was delivered,
  // kExitDeliveryFailed (1) when one was not.
  int Finish();
  // Where other messages of the run go: on a terminal it first clears the progress line.
  std::ostream& err();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The whole of a send for findings already in memory (demo): Start, Add each, Finish.
int SendFindings(const std::vector<Finding>& findings, const SendOptions& options, CliServices& services,
                 std::ostream& err);

}  // namespace gdslack
