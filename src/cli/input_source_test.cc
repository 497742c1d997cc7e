#include "cli/input_source.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace gdslack {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Corpus(const std::string& name) {
  return ReadFile(std::string(GDSLACK_SOURCE_DIR) + "/testdata/events/corpus/" + name);
}

std::string OneLine(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

class TempFile {
 public:
  explicit TempFile(const std::string& contents) {
    path_ = fs::temp_directory_path() /
            ("gdslack-input-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++) + ".jsonl");
    std::ofstream(path_, std::ios::binary) << contents;
  }
  ~TempFile() { fs::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

struct ReadRun {
  bool ok = false;
  std::vector<std::string> ids;
  std::string err;
  InputStats stats;
};

ReadRun Read(const std::vector<std::string>& files, std::size_t chunk) {
  ReadRun run;
  std::ostringstream err;
  run.ok = ForEachFinding(
      files, err, [&](Finding& f) { run.ids.push_back(f.id); }, &run.stats, chunk);
  run.err = err.str();
  return run;
}

// Issue 17's contract, through the chunked reader: one bad line of JSON Lines is one line of error naming the
// file, line and byte; every other finding is still handed on; the result says some input was bad.
TEST(InputSourceTest, JsonLinesWithABadLineInOneByteChunks) {
  const std::string a = OneLine(Corpus("Backdoor_EC2-Spambot.json"));
  const std::string b = OneLine(Corpus("Recon_EC2-Portscan.json"));
  TempFile file(a + "\n" + "{\"detail\": {\"id\": \"truncated\n" + b + "\n");
  for (std::size_t chunk : {std::size_t{1}, std::size_t{100}, std::size_t{65536}}) {
    ReadRun run = Read({file.path()}, chunk);
    EXPECT_FALSE(run.ok);
    EXPECT_EQ(run.ids.size(), 2u) << run.err;
    const std::string expected = "guardduty-slack: " + file.path() + ": line 2: byte " +
                                 std::to_string(a.size() + 1 + 28 + 1) +
                                 ": syntax error: invalid string: control character";
    EXPECT_EQ(run.err.rfind(expected, 0), 0u) << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  }
}

TEST(InputSourceTest, ArrayAndFindingsWrapperSplitAcrossChunks) {
  const std::string a = Corpus("Backdoor_EC2-Spambot.json");
  const std::string b = Corpus("Recon_EC2-Portscan.json");
  TempFile array("[" + a + ",\n" + b + "]");
  TempFile wrapper(ReadFile(std::string(GDSLACK_SOURCE_DIR) + "/testdata/events/edge/get-findings.json"));
  ReadRun whole = Read({array.path(), wrapper.path()}, 65536);
  ASSERT_TRUE(whole.ok) << whole.err;
  ASSERT_GE(whole.ids.size(), 3u);
  for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{1000}}) {
    ReadRun run = Read({array.path(), wrapper.path()}, chunk);
    EXPECT_TRUE(run.ok) << run.err;
    EXPECT_EQ(run.ids, whole.ids) << "chunk " << chunk;
  }
}

TEST(InputSourceTest, StatsCountBytesAndFindingsOfRegularFiles) {
  const std::string a = OneLine(Corpus("Backdoor_EC2-Spambot.json"));
  TempFile file(a + "\n" + a + "\n" + a + "\n");
  ReadRun run = Read({file.path()}, 512);
  ASSERT_TRUE(run.ok) << run.err;
  EXPECT_EQ(run.stats.findings, 3u);
  ASSERT_TRUE(run.stats.total_bytes.has_value());
  EXPECT_EQ(*run.stats.total_bytes, fs::file_size(file.path()));
  EXPECT_EQ(run.stats.bytes_read, fs::file_size(file.path()));
}

TEST(InputSourceTest, MissingFileAndDirectoryAreOneLineEachAndTheRestIsRead) {
  TempFile good(OneLine(Corpus("Backdoor_EC2-Spambot.json")));
  ReadRun run = Read({"/nonexistent/x.json", fs::temp_directory_path().string(), good.path()}, 4096);
  EXPECT_FALSE(run.ok);
  EXPECT_EQ(run.ids.size(), 1u);
  EXPECT_NE(run.err.find("guardduty-slack: /nonexistent/x.json: No such file or directory\n"), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find(fs::temp_directory_path().string() + ": Is a directory\n"), std::string::npos) << run.err;
  EXPECT_FALSE(run.stats.total_bytes.has_value());  // a directory is no regular file
}

}  // namespace
}  // namespace gdslack
