// StandinProcess (tests only): runs one of the Python stand-ins in tests/standins/ as a child process for the
// lifetime of the object, in a private temporary directory, and reads its request log. The stand-in writes
// its base URL to a port file when it is listening; ok() is false if it never did.
#pragma once

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace gdslack::test_support {

// A fresh directory under $TMPDIR, removed with everything in it.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "gdslack-test") {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

class StandinProcess {
 public:
  // `script`: file name in tests/standins/. `args` come after --port-file and --log, which this class sets.
  StandinProcess(const std::string& script, std::vector<std::string> args) {
    port_file_ = dir_.path() / "url";
    log_file_ = dir_.path() / "requests.jsonl";
    std::vector<std::string> argv_strings = {
        kPython,       std::string(GDSLACK_SOURCE_DIR) + "/tests/standins/" + script,
        "--port-file", port_file_.string(),
        "--log",       log_file_.string()};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    argv.reserve(argv_strings.size() + 1);
    for (std::string& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, kPython, nullptr, nullptr, argv.data(), environ) != 0) {
      pid_ = -1;
      return;
    }
    for (int i = 0; i < 500; ++i) {  // up to 10 s for Python (and botocore) to start
      std::ifstream in(port_file_);
      std::string line;
      if (in && std::getline(in, line) && !line.empty()) {
        url_ = line;
        return;
      }
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~StandinProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }
  StandinProcess(const StandinProcess&) = delete;
  StandinProcess& operator=(const StandinProcess&) = delete;

  bool ok() const { return !url_.empty(); }
  // Base URL, e.g. "http://127.0.0.1:40123".
  const std::string& url() const { return url_; }
  std::string RawLog() const {
    std::ifstream in(log_file_);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  // Every request the stand-in logged, in order.
  std::vector<nlohmann::json> Requests() const {
    std::vector<nlohmann::json> out;
    std::ifstream in(log_file_);
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line, nullptr, false));
    return out;
  }

 private:
  static constexpr const char* kPython = "/usr/bin/python3";
  TempDir dir_{"gdslack-standin"};
  std::filesystem::path port_file_;
  std::filesystem::path log_file_;
  pid_t pid_ = -1;
  std::string url_;
};

}  // namespace gdslack::test_support
