#include "base/log.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace gdslack {
namespace {

LogLevel g_min_level = LogLevel::kInfo;
std::function<void(const std::string&)> g_sink;

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarn: return "warn";
    case LogLevel::kError: return "error";
  }
  return "info";
}

}  // namespace

std::string FormatLogLine(LogLevel level, std::string_view msg, const std::vector<LogField>& fields) {
  nlohmann::ordered_json line;
  line["level"] = LevelName(level);
  line["msg"] = std::string(msg);
  for (const LogField& f : fields) {
    std::visit([&](const auto& v) { line[f.key] = v; }, f.value);
  }
  // Log text may carry bytes from a finding; replace invalid UTF-8 rather than throw.
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void Log(LogLevel level, std::string_view msg, const std::vector<LogField>& fields) {
  if (static_cast<int>(level) < static_cast<int>(g_min_level)) return;
  std::string text = FormatLogLine(level, msg, fields);
  if (g_sink) {
    g_sink(text);
    return;
  }
  text += '\n';
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

LogLevel LogLevelNamed(std::string_view name, LogLevel fallback) {
  if (name == "debug") return LogLevel::kDebug;
  if (name == "info") return LogLevel::kInfo;
  if (name == "warn") return LogLevel::kWarn;
  if (name == "error") return LogLevel::kError;
  return fallback;
}

void SetLogLevel(LogLevel level) { g_min_level = level; }

void SetLogSink(std::function<void(const std::string&)> sink) { g_sink = std::move(sink); }

}  // namespace gdslack
