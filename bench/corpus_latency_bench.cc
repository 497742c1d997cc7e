// Per-finding latency over the corpus (docs/PERFORMANCE.md): for every corpus event, the median of
// kRounds timed parse+render runs; then the median, p90 and max of those per-finding medians. This is the
// "median per finding" figure; parse_render_bench gives the mean over the corpus mix.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "finding/parser.h"
#include "render/slack_message.h"

namespace {

constexpr int kRounds = 201;

double MedianOf(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main() {
  std::filesystem::path dir = std::filesystem::path(GDSLACK_SOURCE_DIR) / "testdata/events/corpus";
  std::vector<std::pair<std::string, std::string>> corpus;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    corpus.emplace_back(entry.path().filename().string(), ss.str());
  }
  std::sort(corpus.begin(), corpus.end());
  std::vector<std::pair<double, std::string>> per_finding;
  std::size_t sink = 0;
  for (const auto& [name, text] : corpus) {
    std::vector<double> us;
    for (int r = 0; r < kRounds; ++r) {
      auto start = std::chrono::steady_clock::now();
      auto items = gdslack::ParseDocument(text, name);
      std::string payload = gdslack::RenderSlackPayload(*(*items)[0].finding);
      auto end = std::chrono::steady_clock::now();
      sink += payload.size();
      us.push_back(std::chrono::duration<double, std::micro>(end - start).count());
    }
    per_finding.emplace_back(MedianOf(us), name);
  }
  std::sort(per_finding.begin(), per_finding.end());
  const std::size_t n = per_finding.size();
  std::printf("findings: %zu, rounds each: %d\n", n, kRounds);
  std::printf("per-finding parse+render, median of each finding's median: %.1f us\n", per_finding[n / 2].first);
  std::printf("p90: %.1f us, min: %.1f us (%s), max: %.1f us (%s)\n", per_finding[n * 9 / 10].first,
              per_finding.front().first, per_finding.front().second.c_str(), per_finding.back().first,
              per_finding.back().second.c_str());
  return sink == 0 ? 1 : 0;
}
