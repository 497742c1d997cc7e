// Parse + render per finding over the sample corpus (docs/PERFORMANCE.md). Each iteration parses one
// EventBridge event from text and renders its Block Kit payload, cycling through every corpus event so the
// figure is a mean over all resource and action types.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "finding/parser.h"
#include "render/slack_message.h"

namespace {

std::vector<std::string> LoadCorpus() {
  std::vector<std::string> texts;
  std::filesystem::path dir = std::filesystem::path(GDSLACK_SOURCE_DIR) / "testdata/events/corpus";
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    texts.push_back(ss.str());
  }
  return texts;
}

void BM_ParseAndRender(benchmark::State& state) {
  static const std::vector<std::string> corpus = LoadCorpus();
  std::size_t i = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string& text = corpus[i++ % corpus.size()];
    auto items = gdslack::ParseDocument(text, "bench");
    std::string payload = gdslack::RenderSlackPayload(*(*items)[0].finding);
    bytes += payload.size();
    benchmark::DoNotOptimize(payload);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["payload_bytes"] = benchmark::Counter(static_cast<double>(bytes), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_ParseAndRender);

void BM_ParseOnly(benchmark::State& state) {
  static const std::vector<std::string> corpus = LoadCorpus();
  std::size_t i = 0;
  for (auto _ : state) {
    auto items = gdslack::ParseDocument(corpus[i++ % corpus.size()], "bench");
    benchmark::DoNotOptimize(items);
  }
}
BENCHMARK(BM_ParseOnly);

}  // namespace

BENCHMARK_MAIN();
