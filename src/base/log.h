// Structured logging: one JSON object per line on stderr, the shape CloudWatch Logs Insights queries.
// Fields are plain strings and numbers; a Secret cannot be passed (it has no conversion). Callers log
// finding ids and types, never the event, a webhook URL or an Authorization header.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gdslack {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

struct LogField {
  LogField(std::string_view k, std::string_view v) : key(k), value(std::string(v)) {}
  LogField(std::string_view k, const char* v) : key(k), value(std::string(v)) {}
  LogField(std::string_view k, const std::string& v) : key(k), value(v) {}
  LogField(std::string_view k, int64_t v) : key(k), value(v) {}
  LogField(std::string_view k, int v) : key(k), value(static_cast<int64_t>(v)) {}
  LogField(std::string_view k, long long v) : key(k), value(static_cast<int64_t>(v)) {}
  LogField(std::string_view k, double v) : key(k), value(v) {}
  LogField(std::string_view k, bool v) : key(k), value(v) {}

  std::string key;
  std::variant<std::string, int64_t, double, bool> value;
};

// Renders one log line (no trailing newline): {"level":"info","msg":"...",<fields>}.
std::string FormatLogLine(LogLevel level, std::string_view msg, const std::vector<LogField>& fields);

// Writes a line to the current sink (stderr by default). Thread-compatible, not thread-safe.
void Log(LogLevel level, std::string_view msg, const std::vector<LogField>& fields = {});

// Minimum level written; lines below it are dropped.
void SetLogLevel(LogLevel level);
// "debug", "info", "warn", "error" (LOG_LEVEL's values); `fallback` for anything else.
LogLevel LogLevelNamed(std::string_view name, LogLevel fallback);
// Tests capture lines by replacing the sink; pass nullptr to restore stderr.
void SetLogSink(std::function<void(const std::string&)> sink);

}  // namespace gdslack
