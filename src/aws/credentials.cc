#include "aws/credentials.h"
#include "base/strings.h"

#include <fstream>
#include <sstream>
#include <utility>

namespace gdslack {
namespace {

// Cuts an inline comment: '#' or ';' preceded by whitespace (AWS secret keys never hold spaces, so a
// value cannot legitimately contain " #").
std::string_view StripInlineComment(std::string_view v) {
  for (std::size_t i = 1; i < v.size(); ++i) {
    if ((v[i] == '#' || v[i] == ';') && (v[i - 1] == ' ' || v[i - 1] == '\t')) return TrimWhitespace(v.substr(0, i));
  }
  return v;
}

// Result of reading an optional file: nullopt when it does not exist.
std::optional<std::string> ReadFileIfExists(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string ExpandHome(const EnvLookup& env, const std::string& path) {
  if (path.size() >= 1 && path[0] == '~' && (path.size() == 1 || path[1] == '/')) {
    return EnvOr(env, "HOME", "") + path.substr(1);
  }
  return path;
}

Result<IniSections> LoadIni(const std::string& path, bool* found) {
  std::optional<std::string> text = ReadFileIfExists(path);
  *found = text.has_value();
  if (!text) return IniSections{};
  Result<IniSections> parsed = ParseIni(*text);
  if (!parsed) return Status(Code::kConfig, path + ": " + parsed.error().message());
  return parsed;
}

void Merge(const std::map<std::string, std::string>& kv, Profile* p) {
  auto get = [&](const char* key) -> const std::string* {
    auto it = kv.find(key);
    return it == kv.end() ? nullptr : &it->second;
  };
  if (auto v = get("aws_access_key_id")) p->access_key_id = *v;
  if (auto v = get("aws_secret_access_key")) p->secret_access_key = Secret(*v);
  if (auto v = get("aws_session_token")) p->session_token = Secret(*v);
  if (auto v = get("role_arn")) p->role_arn = *v;
  if (auto v = get("source_profile")) p->source_profile = *v;
  if (auto v = get("external_id")) p->external_id = *v;
  if (auto v = get("role_session_name")) p->role_session_name = *v;
  if (auto v = get("region")) p->region = *v;
}

}  // namespace

Result<Credentials> CredentialsFromEnvironment(const EnvLookup& env) {
  std::string key_id = EnvOr(env, "AWS_ACCESS_KEY_ID", "");
  std::string secret = EnvOr(env, "AWS_SECRET_ACCESS_KEY", "");
  if (key_id.empty() || secret.empty()) {
    return Status(Code::kConfig,
                  "AWS credentials not found: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must both be set");
  }
  Credentials c;
  c.access_key_id = std::move(key_id);
  c.secret_access_key = Secret(std::move(secret));
  c.session_token = Secret(EnvOr(env, "AWS_SESSION_TOKEN", ""));
  return c;
}

std::string RegionFromEnvironment(const EnvLookup& env) {
  std::string r = EnvOr(env, "AWS_REGION", "");
  if (!r.empty()) return r;
  return EnvOr(env, "AWS_DEFAULT_REGION", "");
}

Result<IniSections> ParseIni(std::string_view text) {
  IniSections out;
  std::string section;
  bool in_section = false;
  bool last_key_empty = false;  // an empty value opens a nested block of indented lines
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view raw = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    const bool indented = !raw.empty() && (raw.front() == ' ' || raw.front() == '\t');
    std::string_view line = TrimWhitespace(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      line = StripInlineComment(line);
      if (line.back() != ']') {
        return Status(Code::kConfig, "line " + std::to_string(line_no) + ": section header without ']'");
      }
      section = std::string(TrimWhitespace(line.substr(1, line.size() - 2)));
      in_section = true;
      last_key_empty = false;
      out[section];
      continue;
    }
    if (indented && last_key_empty) continue;  // nested sub-setting (e.g. s3 = \n  max_concurrency = 5)
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      return Status(Code::kConfig, "line " + std::to_string(line_no) + ": expected 'key = value'");
    }
    if (!in_section) {
      return Status(Code::kConfig, "line " + std::to_string(line_no) + ": setting outside any [section]");
    }
    std::string key = AsciiLower(TrimWhitespace(line.substr(0, eq)));
    std::string_view value = StripInlineComment(TrimWhitespace(line.substr(eq + 1)));
    last_key_empty = value.empty();
    out[section][key] = std::string(value);
  }
  return out;
}

std::string ProfileName(const EnvLookup& env) { return EnvOr(env, "AWS_PROFILE", "default"); }

Result<Profile> LoadProfile(const EnvLookup& env, const std::string& profile_name) {
  const std::string cred_path = ExpandHome(env, EnvOr(env, "AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials"));
  const std::string config_path = ExpandHome(env, EnvOr(env, "AWS_CONFIG_FILE", "~/.aws/config"));
  bool cred_found = false;
  bool config_found = false;
  Result<IniSections> creds = LoadIni(cred_path, &cred_found);
  if (!creds) return creds.error();
  Result<IniSections> config = LoadIni(config_path, &config_found);
  if (!config) return config.error();

  Profile p;
  p.name = profile_name;
  bool present = false;
  // Config file: "[profile name]", and "[default]" for the default profile (botocore accepts
  // "[profile default]" too).
  for (const std::string& section : {std::string("profile ") + profile_name, profile_name}) {
    if (section == profile_name && profile_name != "default") continue;
    auto it = config->find(section);
    if (it != config->end()) {
      Merge(it->second, &p);
      present = true;
    }
  }
  // The credentials file's plain [name] section wins.
  auto it = creds->find(profile_name);
  if (it != creds->end()) {
    Merge(it->second, &p);
    present = true;
  }
  if (!present) {
    return Status(Code::kNotFound,
                  "AWS profile '" + profile_name + "' not found in " + cred_path + " or " + config_path);
  }
  return p;
}

}  // namespace gdslack
