// Input for the CLI: the files named on the command line ("-" = standard input), read in chunks and parsed
// one value at a time (finding/parser.h DocumentReader), so a replay of any size holds one finding at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "finding/finding.h"
#include "finding/parser.h"

namespace gdslack {

// How far through its inputs a run is, for a progress line.
struct InputStats {
  std::uintmax_t bytes_read = 0;
  std::optional<std::uintmax_t> total_bytes;  // known when every input is a regular file: their summed size
  std::size_t findings = 0;                   // handed to `on_finding` so far
};

// Reads and parses every input (none = stdin) and hands each finding to `on_finding` as soon as it is read
// (its own copy: it may change it, or move it away).
// Reports bad input on `err` as one line each ("missing.json: No such file or directory", "x.jsonl: line 2:
// byte 40: syntax error: ..."), and skipped non-finding GuardDuty events. Returns false when any input or item
// was bad. `stats` (optional) is kept up to date before each call of `on_finding`.
bool ForEachFinding(const std::vector<std::string>& files, std::ostream& err,
                    const std::function<void(Finding&)>& on_finding, InputStats* stats = nullptr,
                    std::size_t chunk_bytes = DocumentReader::kDefaultChunkBytes);

}  // namespace gdslack
