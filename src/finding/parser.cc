#include "finding/parser.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "base/utf8.h"

namespace gdslack {
namespace {

using json = nlohmann::json;

// EventBridge envelope values (FACTS.md a.1).
constexpr std::string_view kGuardDutySource = "aws.guardduty";
constexpr std::string_view kFindingDetailType = "GuardDuty Finding";

// Real findings nest about 12 levels; anything far deeper is hostile. Checked on the raw text before
// parsing so no recursive walk (ours or nlohmann's copy/compare) can exhaust the stack.
constexpr int kMaxDepth = 256;
// Lists inside one fact (ports, IPs, groups) and repeated facts (buckets, images) stop here, then "+N more".
constexpr std::size_t kMaxListItems = 5;
// A fact value is a line in a message, not a document; the renderer cuts further for Slack's limits.
constexpr std::size_t kMaxFactBytes = 1024;
// Envelope strings quoted in error messages.
constexpr std::size_t kMaxQuotedBytes = 80;

// ---------------------------------------------------------------------------------------------------
// Typed access that never throws: every lookup tolerates a missing key, null or the wrong JSON type.

const json* Get(const json* obj, std::string_view key) {
  if (obj == nullptr || !obj->is_object()) return nullptr;
  auto it = obj->find(key);
  if (it == obj->end() || it->is_null()) return nullptr;
  return &*it;
}

const json* At(const json* obj, std::initializer_list<std::string_view> path) {
  for (std::string_view key : path) {
    obj = Get(obj, key);
    if (obj == nullptr) return nullptr;
  }
  return obj;
}

const json* AsObject(const json* j) { return j != nullptr && j->is_object() ? j : nullptr; }
const json* AsArray(const json* j) { return j != nullptr && j->is_array() ? j : nullptr; }

std::string FormatDouble(double d) {
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) {
    return std::to_string(static_cast<int64_t>(d));
  }
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.15g", d);
  return buf;
}

// Text of a scalar: strings as is, numbers and booleans formatted; objects, arrays and null -> "".
std::string Str(const json* j) {
  if (j == nullptr) return "";
  if (const auto* s = j->get_ptr<const json::string_t*>()) return *s;
  if (const auto* i = j->get_ptr<const json::number_integer_t*>()) return std::to_string(*i);
  if (const auto* u = j->get_ptr<const json::number_unsigned_t*>()) return std::to_string(*u);
  if (const auto* f = j->get_ptr<const json::number_float_t*>()) return FormatDouble(*f);
  if (const auto* b = j->get_ptr<const json::boolean_t*>()) return *b ? "true" : "false";
  return "";
}

std::string StrAt(const json* obj, std::initializer_list<std::string_view> path) { return Str(At(obj, path)); }

std::optional<double> ParseDouble(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

// A JSON number, or a string holding one (hand-edited samples and some exporters quote numbers).
std::optional<double> Num(const json* j) {
  if (j == nullptr) return std::nullopt;
  if (const auto* i = j->get_ptr<const json::number_integer_t*>()) return static_cast<double>(*i);
  if (const auto* u = j->get_ptr<const json::number_unsigned_t*>()) return static_cast<double>(*u);
  if (const auto* f = j->get_ptr<const json::number_float_t*>()) return *f;
  if (const auto* s = j->get_ptr<const json::string_t*>()) return ParseDouble(*s);
  return std::nullopt;
}

// Range-checked: casting an out-of-range double to an integer is undefined behaviour.
std::optional<int64_t> ToInt64(double d) {
  if (!std::isfinite(d) || d < -9.0e18 || d > 9.0e18) return std::nullopt;
  return static_cast<int64_t>(std::floor(d));
}

std::optional<bool> Bool(const json* j) {
  if (j == nullptr) return std::nullopt;
  if (const auto* b = j->get_ptr<const json::boolean_t*>()) return *b;
  if (const auto* s = j->get_ptr<const json::string_t*>()) {
    if (*s == "true") return true;
    if (*s == "false") return false;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------------
// Time.

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int64_t DaysInMonth(int64_t y, int64_t m) {
  static constexpr int64_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, int64_t* m, int64_t* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2 ? 1 : 0);
}

bool Digits(std::string_view s, std::size_t pos, std::size_t n, int64_t* out) {
  if (pos + n > s.size()) return false;
  int64_t v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

// "2023-03-20T15:25:59Z", with optional fractional seconds and a Z, +HH:MM or +HHMM zone (none = UTC).
std::optional<int64_t> ParseIso8601(std::string_view s) {
  int64_t y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (!Digits(s, 0, 4, &y) || s.size() < 19 || s[4] != '-' || !Digits(s, 5, 2, &mo) || s[7] != '-' ||
      !Digits(s, 8, 2, &d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !Digits(s, 11, 2, &h) || s[13] != ':' ||
      !Digits(s, 14, 2, &mi) || s[16] != ':' || !Digits(s, 17, 2, &se)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, mo) || h > 23 || mi > 59 || se > 60) return std::nullopt;
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    const std::size_t start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  int64_t offset = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int64_t sign = s[pos] == '-' ? -1 : 1;
    int64_t oh = 0, om = 0;
    if (!Digits(s, pos + 1, 2, &oh)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == ':') ++pos;
    if (!Digits(s, pos, 2, &om)) return std::nullopt;
    pos += 2;
    if (oh > 23 || om > 59) return std::nullopt;
    offset = sign * (oh * 3600 + om * 60);
  }
  if (pos != s.size()) return std::nullopt;
  return DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - offset;
}

std::string FormatIso8601(int64_t epoch) {
  const int64_t days = (epoch >= 0 ? epoch : epoch - 86399) / 86400;
  const int64_t secs = epoch - days * 86400;
  int64_t y = 0, m = 0, d = 0;
  CivilFromDays(days, &y, &m, &d);
  char buf[96];  // sized for the widest int64 fields, so GCC's -Wformat-truncation can prove it fits
  std::snprintf(buf, sizeof(buf), "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(secs / 3600),
                static_cast<long long>(secs % 3600 / 60), static_cast<long long>(secs % 60));
  return buf;
}

// Epoch numbers: API `timestamp` fields are seconds (FACTS.md a.3); values past year 5138 are taken as
// milliseconds, which some exporters write.
std::optional<int64_t> EpochFromNumber(double d) {
  if (std::fabs(d) > 1e11) d /= 1000.0;
  // Keep FormatIso8601's year within four digits.
  if (d < -6.2e10 || d > 2.5e11) return std::nullopt;
  return ToInt64(d);
}

Timestamp TimestampFrom(const json* j) {
  Timestamp t;
  if (j == nullptr) return t;
  if (const auto* s = j->get_ptr<const json::string_t*>()) {
    t.text = *s;
    t.epoch = ParseIso8601(*s);
    if (!t.epoch) {
      if (auto n = ParseDouble(*s)) t.epoch = EpochFromNumber(*n);
    }
    return t;
  }
  if (auto n = Num(j)) {
    t.epoch = EpochFromNumber(*n);
    if (t.epoch) t.text = FormatIso8601(*t.epoch);
  }
  return t;
}

// ---------------------------------------------------------------------------------------------------
// Facts.

class FactList {
 public:
  explicit FactList(std::vector<Fact>* out) : out_(out) {}

  // Skips empty values; caps long ones on a code-point boundary.
  void Add(std::string_view label, std::string value, bool code = false) {
    if (value.empty()) return;
    if (value.size() > kMaxFactBytes) value = TruncateUtf8(value, kMaxFactBytes);
    out_->push_back(Fact{std::string(label), std::move(value), code});
  }

 private:
  std::vector<Fact>* out_;
};

// "a, b, c" with at most kMaxListItems, then " +N more". Empty items are dropped, duplicates kept once.
std::string JoinCapped(const std::vector<std::string>& items) {
  std::vector<std::string> unique;
  for (const std::string& item : items) {
    if (!item.empty() && std::find(unique.begin(), unique.end(), item) == unique.end()) unique.push_back(item);
  }
  std::string out;
  const std::size_t shown = std::min(unique.size(), kMaxListItems);
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) out += ", ";
    out += unique[i];
  }
  if (unique.size() > shown) out += " +" + std::to_string(unique.size() - shown) + " more";
  return out;
}

// Strings of an array of scalars, or of one member of each object in an array.
std::vector<std::string> Strings(const json* arr, std::string_view member = {}) {
  std::vector<std::string> out;
  if (AsArray(arr) == nullptr) return out;
  for (const json& item : *arr) out.push_back(member.empty() ? Str(&item) : Str(Get(&item, member)));
  return out;
}

std::string YesNo(const json* j) {
  auto b = Bool(j);
  if (!b) return "";
  return *b ? "yes" : "no";
}

std::string WithParen(std::string main, const std::string& extra) {
  if (main.empty()) return extra;
  if (!extra.empty()) main += " (" + extra + ")";
  return main;
}

// Emits "+N more" for repeated facts (one per bucket, image, resource) beyond kMaxListItems.
void AddMore(FactList& out, std::string_view label, std::size_t total) {
  if (total > kMaxListItems) out.Add(label, "+" + std::to_string(total - kMaxListItems) + " more");
}

// Value of the tag with key "Name" in a [{key, value}] array.
std::string NameTag(const json* tags) {
  if (AsArray(tags) == nullptr) return "";
  for (const json& tag : *tags) {
    if (StrAt(&tag, {"key"}) == "Name") return StrAt(&tag, {"value"});
  }
  return "";
}

// ---------------------------------------------------------------------------------------------------
// Resource facts (FACTS.md a.4), one emitter per resource sub-object.

void InstanceFacts(const json* d, FactList& out) {
  out.Add("Instance", WithParen(StrAt(d, {"instanceId"}), NameTag(Get(d, "tags"))), true);
  out.Add("Instance type", StrAt(d, {"instanceType"}), true);
  out.Add("AMI", StrAt(d, {"imageId"}), true);
  const json* nics = AsArray(Get(d, "networkInterfaces"));
  if (nics != nullptr && !nics->empty()) {
    const json* nic = &nics->front();
    out.Add("Private IP", StrAt(nic, {"privateIpAddress"}), true);
    out.Add("Public IP", StrAt(nic, {"publicIp"}), true);
    out.Add("VPC", StrAt(nic, {"vpcId"}), true);
  }
  out.Add("Instance profile", StrAt(d, {"iamInstanceProfile", "arn"}), true);
}

void AccessKeyFacts(const json* d, FactList& out) {
  out.Add("Access key", StrAt(d, {"accessKeyId"}), true);
  out.Add("User", WithParen(StrAt(d, {"userName"}), StrAt(d, {"userType"})));
  out.Add("Principal", StrAt(d, {"principalId"}), true);
}

void S3BucketFacts(const json* d, FactList& out) {
  if (AsArray(d) == nullptr) return;
  std::vector<std::string> objects;
  std::size_t n = 0;
  for (const json& bucket : *d) {
    if (AsObject(&bucket) == nullptr) continue;
    if (++n <= kMaxListItems) {
      std::string name = StrAt(&bucket, {"name"});
      out.Add("Bucket", name.empty() ? StrAt(&bucket, {"arn"}) : name, true);
      out.Add("Public access", StrAt(&bucket, {"publicAccess", "effectivePermission"}));
    }
    for (const std::string& key : Strings(Get(&bucket, "s3ObjectDetails"), "key")) objects.push_back(key);
  }
  AddMore(out, "Bucket", n);
  out.Add("Object", JoinCapped(objects), true);
}

std::vector<std::string> ContainerImages(const json* containers) { return Strings(containers, "image"); }

void KubernetesFacts(const json* d, FactList& out) {
  const json* user = Get(d, "kubernetesUserDetails");
  out.Add("Kubernetes user", StrAt(user, {"username"}));
  out.Add("Groups", JoinCapped(Strings(Get(user, "groups"))));
  out.Add("Impersonated user", StrAt(user, {"impersonatedUser", "username"}));
  const json* workload = Get(d, "kubernetesWorkloadDetails");
  const std::string ns = StrAt(workload, {"namespace"});
  const std::string name = StrAt(workload, {"name"});
  out.Add("Namespace/Pod", ns.empty() || name.empty() ? ns + name : ns + "/" + name, true);
  out.Add("Workload type", StrAt(workload, {"type"}));
  const json* containers = Get(workload, "containers");
  out.Add("Image", JoinCapped(ContainerImages(containers)), true);
  if (AsArray(containers) != nullptr) {
    for (const json& c : *containers) {
      if (Bool(At(&c, {"securityContext", "privileged"})).value_or(false)) {
        out.Add("Privileged", "yes");
        break;
      }
    }
  }
  std::vector<std::string> host_paths;
  if (const json* volumes = AsArray(Get(workload, "volumes"))) {
    for (const json& v : *volumes) host_paths.push_back(StrAt(&v, {"hostPath", "path"}));
  }
  out.Add("Host path", JoinCapped(host_paths), true);
}

void EksClusterFacts(const json* d, FactList& out) {
  const std::string name = StrAt(d, {"name"});
  out.Add("Cluster", name.empty() ? StrAt(d, {"arn"}) : name, true);
}

void EcsClusterFacts(const json* d, FactList& out) {
  const std::string name = StrAt(d, {"name"});
  out.Add("Cluster", name.empty() ? StrAt(d, {"arn"}) : name, true);
  const json* task = Get(d, "taskDetails");
  out.Add("Task definition", StrAt(task, {"definitionArn"}), true);
  out.Add("Launch type", StrAt(task, {"launchType"}));
  out.Add("Image", JoinCapped(ContainerImages(Get(task, "containers"))), true);
}

void ContainerFacts(const json* d, FactList& out) {
  const std::string name = StrAt(d, {"name"});
  out.Add("Container", name.empty() ? StrAt(d, {"id"}) : name, true);
  out.Add("Image", StrAt(d, {"image"}), true);
  out.Add("Privileged", YesNo(At(d, {"securityContext", "privileged"})));
}

std::string Engine(const json* d) {
  std::string engine = StrAt(d, {"engine"});
  const std::string version = StrAt(d, {"engineVersion"});
  if (!engine.empty() && !version.empty()) engine += " ";
  return engine + version;
}

void RdsInstanceFacts(const json* d, FactList& out) {
  out.Add("DB instance", StrAt(d, {"dbInstanceIdentifier"}), true);
  out.Add("DB cluster", StrAt(d, {"dbClusterIdentifier"}), true);
  out.Add("Engine", Engine(d));
}

void RdsLimitlessFacts(const json* d, FactList& out) {
  out.Add("DB shard group", StrAt(d, {"dbShardGroupIdentifier"}), true);
  out.Add("DB cluster", StrAt(d, {"dbClusterIdentifier"}), true);
  out.Add("Engine", Engine(d));
}

void RdsUserFacts(const json* d, FactList& out) {
  out.Add("DB user", StrAt(d, {"user"}));
  out.Add("Application", StrAt(d, {"application"}));
  out.Add("Database", StrAt(d, {"database"}));
}

void LambdaFacts(const json* d, FactList& out) {
  const std::string name = StrAt(d, {"functionName"});
  out.Add("Function", name.empty() ? StrAt(d, {"functionArn"}) : name, true);
  out.Add("Role", StrAt(d, {"role"}), true);
}

void EbsVolumeFacts(const json* d, FactList& out) {
  const json* volumes = AsArray(Get(d, "scannedVolumeDetails"));
  if (volumes == nullptr) return;
  std::size_t n = 0;
  for (const json& v : *volumes) {
    if (AsObject(&v) == nullptr) continue;
    if (++n <= kMaxListItems) out.Add("Volume", StrAt(&v, {"volumeArn"}), true);
  }
  AddMore(out, "Volume", n);
}

struct ResourceEmitter {
  std::string_view key;  // sub-object of `resource`
  void (*emit)(const json*, FactList&);
};

// Default display order; the sub-objects named by resourceType go first (PrimaryKeys).
constexpr ResourceEmitter kResourceEmitters[] = {
    {"instanceDetails", InstanceFacts},
    {"accessKeyDetails", AccessKeyFacts},
    {"s3BucketDetails", S3BucketFacts},
    {"eksClusterDetails", EksClusterFacts},
    {"kubernetesDetails", KubernetesFacts},
    {"ecsClusterDetails", EcsClusterFacts},
    {"containerDetails", ContainerFacts},
    {"rdsDbInstanceDetails", RdsInstanceFacts},
    {"rdsLimitlessDbDetails", RdsLimitlessFacts},
    {"rdsDbUserDetails", RdsUserFacts},
    {"lambdaDetails", LambdaFacts},
    {"ebsVolumeDetails", EbsVolumeFacts},
};

std::vector<std::string_view> PrimaryKeys(const std::string& resource_type) {
  if (resource_type == "Instance") return {"instanceDetails"};
  if (resource_type == "AccessKey") return {"accessKeyDetails"};
  if (resource_type == "Container") return {"containerDetails"};
  if (resource_type == "S3Bucket" || resource_type == "S3Object") return {"s3BucketDetails"};
  if (resource_type == "EKSCluster") return {"eksClusterDetails", "kubernetesDetails"};
  if (resource_type == "ECSCluster") return {"ecsClusterDetails"};
  if (resource_type == "RDSDBInstance") return {"rdsDbInstanceDetails", "rdsDbUserDetails"};
  if (resource_type == "RDSLimitlessDB") return {"rdsLimitlessDbDetails", "rdsDbUserDetails"};
  if (resource_type == "Lambda") return {"lambdaDetails"};
  return {};
}

void SequenceResourceFacts(const json* sequence, FactList& out) {
  const json* resources = AsArray(Get(sequence, "resources"));
  if (resources == nullptr) return;
  std::size_t n = 0;
  for (const json& r : *resources) {
    std::string name = StrAt(&r, {"uid"});
    if (name.empty()) name = StrAt(&r, {"name"});
    if (name.empty()) continue;
    if (++n <= kMaxListItems) out.Add("Resource", WithParen(name, StrAt(&r, {"resourceType"})), true);
  }
  AddMore(out, "Resource", n);
}

void ResourceFacts(const json* resource, const json* sequence, const std::string& resource_type, FactList& out) {
  std::vector<std::string_view> order = PrimaryKeys(resource_type);
  for (const ResourceEmitter& e : kResourceEmitters) {
    if (std::find(order.begin(), order.end(), e.key) == order.end()) order.push_back(e.key);
  }
  for (std::string_view key : order) {
    const json* sub = Get(resource, key);
    if (sub == nullptr) continue;
    for (const ResourceEmitter& e : kResourceEmitters) {
      if (e.key == key) e.emit(sub, out);
    }
  }
  SequenceResourceFacts(sequence, out);
}

// ---------------------------------------------------------------------------------------------------
// Actor facts (FACTS.md a.5), by actionType.

std::string RemoteIp(const json* rip) {
  std::string ip = StrAt(rip, {"ipAddressV4"});
  return ip.empty() ? StrAt(rip, {"ipAddressV6"}) : ip;
}

void RemoteIpFacts(const json* rip, FactList& out) {
  if (AsObject(rip) == nullptr) return;
  out.Add("Remote IP", RemoteIp(rip), true);
  const std::string city = StrAt(rip, {"city", "cityName"});
  const std::string country = StrAt(rip, {"country", "countryName"});
  out.Add("Location", city.empty() || country.empty() ? city + country : city + ", " + country);
  const json* org = Get(rip, "organization");
  std::string network = StrAt(org, {"asnOrg"});
  if (network.empty()) network = StrAt(org, {"org"});
  if (network.empty()) network = StrAt(org, {"isp"});
  const std::string asn = StrAt(org, {"asn"});
  // Samples carry "0" and "-1" for an unknown ASN.
  const bool known_asn = Num(Get(org, "asn")).value_or(0) > 0;
  if (known_asn) network = WithParen(network, "AS" + asn);
  out.Add("Network", network);
}

std::string Port(const json* port_details) {
  return WithParen(StrAt(port_details, {"port"}), StrAt(port_details, {"portName"}));
}

void NetworkConnectionFacts(const json* a, FactList& out) {
  out.Add("Direction", StrAt(a, {"connectionDirection"}));
  out.Add("Protocol", StrAt(a, {"protocol"}));
  RemoteIpFacts(Get(a, "remoteIpDetails"), out);
  out.Add("Remote port", Port(Get(a, "remotePortDetails")));
  out.Add("Local port", Port(Get(a, "localPortDetails")));
  out.Add("Blocked", YesNo(Get(a, "blocked")));
}

void PortProbeFacts(const json* a, FactList& out) {
  const json* probes = AsArray(Get(a, "portProbeDetails"));
  std::vector<std::string> ports;
  std::vector<std::string> other_ips;
  const json* first_ip = nullptr;
  if (probes != nullptr) {
    for (const json& p : *probes) {
      ports.push_back(Port(Get(&p, "localPortDetails")));
      const json* rip = AsObject(Get(&p, "remoteIpDetails"));
      if (rip == nullptr) continue;
      if (first_ip == nullptr) {
        first_ip = rip;
      } else if (RemoteIp(rip) != RemoteIp(first_ip)) {
        other_ips.push_back(RemoteIp(rip));
      }
    }
  }
  out.Add("Probed ports", JoinCapped(ports));
  RemoteIpFacts(first_ip, out);
  out.Add("Other remote IPs", JoinCapped(other_ips), true);
  out.Add("Blocked", YesNo(Get(a, "blocked")));
}

void DnsRequestFacts(const json* a, FactList& out) {
  out.Add("Domain", StrAt(a, {"domain"}), true);
  out.Add("Protocol", StrAt(a, {"protocol"}));
  out.Add("Blocked", YesNo(Get(a, "blocked")));
}

void AwsApiCallFacts(const json* a, FactList& out) {
  out.Add("API", StrAt(a, {"api"}), true);
  out.Add("Service", StrAt(a, {"serviceName"}));
  out.Add("Caller type", StrAt(a, {"callerType"}));
  RemoteIpFacts(Get(a, "remoteIpDetails"), out);
  const json* remote_account = Get(a, "remoteAccountDetails");
  const bool affiliated = Bool(Get(remote_account, "affiliated")).value_or(false);
  out.Add("Remote account", WithParen(StrAt(remote_account, {"accountId"}), affiliated ? "affiliated" : ""), true);
  out.Add("Caller domain", StrAt(a, {"domainDetails", "domain"}), true);
  out.Add("Error code", StrAt(a, {"errorCode"}), true);
  out.Add("User agent", StrAt(a, {"userAgent"}), true);
}

void KubernetesApiCallFacts(const json* a, FactList& out) {
  out.Add("Verb", StrAt(a, {"verb"}));
  out.Add("Request URI", StrAt(a, {"requestUri"}), true);
  out.Add("Namespace", StrAt(a, {"namespace"}), true);
  out.Add("Source IPs", JoinCapped(Strings(Get(a, "sourceIPs"))), true);
  RemoteIpFacts(Get(a, "remoteIpDetails"), out);
  out.Add("User agent", StrAt(a, {"userAgent"}), true);
  out.Add("Status code", StrAt(a, {"statusCode"}));
}

void RdsLoginAttemptFacts(const json* a, FactList& out) {
  RemoteIpFacts(Get(a, "remoteIpDetails"), out);
  // The wire name is PascalCase here (FACTS.md a.3); get-findings normalisation lowercases it.
  const json* attempts = AsArray(Get(a, "LoginAttributes"));
  if (attempts == nullptr) attempts = AsArray(Get(a, "loginAttributes"));
  if (attempts == nullptr) return;
  double failed = 0;
  double succeeded = 0;
  bool has_counts = false;
  for (const json& attempt : *attempts) {
    if (auto n = Num(Get(&attempt, "failedLoginAttempts"))) failed += *n, has_counts = true;
    if (auto n = Num(Get(&attempt, "successfulLoginAttempts"))) succeeded += *n, has_counts = true;
  }
  out.Add("DB users", JoinCapped(Strings(attempts, "user")));
  out.Add("Applications", JoinCapped(Strings(attempts, "application")));
  if (has_counts) {
    out.Add("Failed logins", FormatDouble(failed));
    out.Add("Successful logins", FormatDouble(succeeded));
  }
}

struct ActionEmitter {
  std::string_view action_type;
  std::string_view key;  // member of service.action
  void (*emit)(const json*, FactList&);
};

constexpr ActionEmitter kActionEmitters[] = {
    {"NETWORK_CONNECTION", "networkConnectionAction", NetworkConnectionFacts},
    {"PORT_PROBE", "portProbeAction", PortProbeFacts},
    {"DNS_REQUEST", "dnsRequestAction", DnsRequestFacts},
    {"AWS_API_CALL", "awsApiCallAction", AwsApiCallFacts},
    {"KUBERNETES_API_CALL", "kubernetesApiCallAction", KubernetesApiCallFacts},
    {"RDS_LOGIN_ATTEMPT", "rdsLoginAttemptAction", RdsLoginAttemptFacts},
};

void ActorFacts(const json* action, const std::string& action_type, FactList& out) {
  for (const ActionEmitter& e : kActionEmitters) {
    if (e.action_type != action_type) continue;
    if (const json* sub = AsObject(Get(action, e.key))) e.emit(sub, out);
  }
}

// ---------------------------------------------------------------------------------------------------
// Extra facts: threat intelligence, runtime process, malware.

void ExtraFacts(const json* service, FactList& out) {
  std::vector<std::string> threat_names;
  std::vector<std::string> threat_lists;
  if (const json* intel = AsArray(At(service, {"evidence", "threatIntelligenceDetails"}))) {
    for (const json& item : *intel) {
      for (const std::string& name : Strings(Get(&item, "threatNames"))) threat_names.push_back(name);
      threat_lists.push_back(StrAt(&item, {"threatListName"}));
    }
  }
  out.Add("Threat intel", JoinCapped(threat_names));
  out.Add("Threat list", JoinCapped(threat_lists));

  const json* process = Get(At(service, {"runtimeDetails"}), "process");
  out.Add("Process",
          WithParen(StrAt(process, {"name"}), StrAt(process, {"pid"}).empty() ? "" : "pid " + StrAt(process, {"pid"})));
  out.Add("Executable", StrAt(process, {"executablePath"}), true);
  out.Add("Process user", StrAt(process, {"user"}));

  std::vector<std::string> malware;
  std::vector<std::string> files;
  if (const json* names =
          AsArray(At(service, {"ebsVolumeScanDetails", "scanDetections", "threatDetectedByName", "threatNames"}))) {
    for (const json& t : *names) {
      malware.push_back(StrAt(&t, {"name"}));
      for (const std::string& path : Strings(Get(&t, "filePaths"), "filePath")) files.push_back(path);
    }
  }
  if (const json* threats = AsArray(At(service, {"malwareScanDetails", "threats"}))) {
    for (const json& t : *threats) {
      malware.push_back(StrAt(&t, {"name"}));
      for (const std::string& path : Strings(Get(&t, "itemPaths"), "nestedItemPath")) files.push_back(path);
    }
  }
  out.Add("Malware", JoinCapped(malware));
  out.Add("Malware file", JoinCapped(files), true);
}

// ---------------------------------------------------------------------------------------------------
// Finding.

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Byte (1-based) of the first bracket nested deeper than kMaxDepth, or 0.
std::size_t TooDeepAt(std::string_view text) {
  // Depth can never exceed the number of opening brackets; counting them is a vectorised pass, so most
  // documents skip the exact (string-aware) scan below.
  if (std::count(text.begin(), text.end(), '{') + std::count(text.begin(), text.end(), '[') <= kMaxDepth) return 0;
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth) return i + 1;
    } else if (c == '}' || c == ']') {
      if (depth > 0) --depth;
    }
  }
  return 0;
}

// additionalInfo keys may sit inline or inside {"value":"<JSON string>","type":"default"} (FACTS.md a.7).
bool IsSample(const json* additional_info) {
  if (Bool(Get(additional_info, "sample")).value_or(false)) return true;
  const json* value = Get(additional_info, "value");
  if (value == nullptr) return false;
  if (AsObject(value) != nullptr) return Bool(Get(value, "sample")).value_or(false);
  const auto* text = value->get_ptr<const json::string_t*>();
  if (text == nullptr || text->size() > 1'000'000 || TooDeepAt(*text) != 0) return false;
  json inner = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  return !inner.is_discarded() && Bool(Get(&inner, "sample")).value_or(false);
}

std::string PartitionFor(const std::string& partition, const std::string& arn, const std::string& region) {
  if (partition == "aws" || partition == "aws-cn" || partition == "aws-us-gov") return partition;
  if (arn.rfind("arn:aws-cn:", 0) == 0 || region.rfind("cn-", 0) == 0) return "aws-cn";
  if (arn.rfind("arn:aws-us-gov:", 0) == 0 || region.rfind("us-gov-", 0) == 0) return "aws-us-gov";
  return "aws";
}

Signal SignalFrom(const json& s) {
  Signal signal;
  signal.title = StrAt(&s, {"name"});
  if (signal.title.empty()) signal.title = StrAt(&s, {"title"});
  signal.type = StrAt(&s, {"type"});
  signal.description = StrAt(&s, {"description"});
  if (auto n = Num(Get(&s, "count"))) signal.count = ToInt64(*n).value_or(0);
  if (auto n = Num(Get(&s, "severity"))) {
    signal.severity = *n;
    signal.has_severity = true;
  }
  return signal;
}

Finding ExtractFinding(const json& d, const std::string& fallback_region) {
  Finding f;
  f.id = StrAt(&d, {"id"});
  f.arn = StrAt(&d, {"arn"});
  f.type = StrAt(&d, {"type"});
  f.title = StrAt(&d, {"title"});
  f.description = StrAt(&d, {"description"});
  f.schema_version = StrAt(&d, {"schemaVersion"});
  f.account_id = StrAt(&d, {"accountId"});
  f.region = StrAt(&d, {"region"});
  if (f.region.empty()) f.region = fallback_region;
  f.partition = PartitionFor(StrAt(&d, {"partition"}), f.arn, f.region);

  if (auto severity = Num(Get(&d, "severity"))) {
    f.severity = *severity;
    f.has_severity = true;
    f.band = BandFor(*severity);
  }
  f.confidence = Num(Get(&d, "confidence"));
  f.created_at = TimestampFrom(Get(&d, "createdAt"));
  f.updated_at = TimestampFrom(Get(&d, "updatedAt"));

  const json* service = AsObject(Get(&d, "service"));
  const json* resource = AsObject(Get(&d, "resource"));
  f.first_seen = TimestampFrom(Get(service, "eventFirstSeen"));
  f.last_seen = TimestampFrom(Get(service, "eventLastSeen"));
  if (auto count = Num(Get(service, "count"))) {
    if (auto c = ToInt64(*count); c && *c >= 0) f.count = *c;
  }
  f.archived = Bool(Get(service, "archived")).value_or(false);
  f.sample = IsSample(Get(service, "additionalInfo"));
  f.resource_type = StrAt(resource, {"resourceType"});
  const json* action = AsObject(Get(service, "action"));
  f.action_type = StrAt(action, {"actionType"});
  f.feature_name = StrAt(service, {"featureName"});
  f.resource_role = StrAt(service, {"resourceRole"});

  const json* sequence = AsObject(At(service, {"detection", "sequence"}));
  FactList resource_facts(&f.resource_facts);
  ResourceFacts(resource, sequence, f.resource_type, resource_facts);
  FactList actor_facts(&f.actor_facts);
  ActorFacts(action, f.action_type, actor_facts);
  FactList extra_facts(&f.extra_facts);
  ExtraFacts(service, extra_facts);

  f.sequence_description = StrAt(sequence, {"description"});
  if (const json* signals = AsArray(Get(sequence, "signals"))) {
    for (const json& s : *signals) {
      if (AsObject(&s) != nullptr) f.signals.push_back(SignalFrom(s));
    }
  }
  return f;
}

// ---------------------------------------------------------------------------------------------------
// Document shapes.

// `aws guardduty get-findings` and boto3 print PascalCase member names; the wire is camelCase. Lowercasing
// the first letter of every key maps one onto the other (AccountId -> accountId, IpAddressV4 ->
// ipAddressV4). Recursion is bounded by kMaxDepth, checked before parsing.
json CamelCaseKeys(const json& j) {
  if (j.is_object()) {
    json out = json::object();
    for (auto it = j.begin(); it != j.end(); ++it) {
      std::string key = it.key();
      if (!key.empty() && key[0] >= 'A' && key[0] <= 'Z') key[0] = static_cast<char>(key[0] - 'A' + 'a');
      out[key] = CamelCaseKeys(it.value());
    }
    return out;
  }
  if (j.is_array()) {
    json out = json::array();
    for (const json& item : j) out.push_back(CamelCaseKeys(item));
    return out;
  }
  return j;
}

bool LooksPascalCase(const json& j) {
  return j.is_object() && !j.contains("source") &&
         (j.contains("SchemaVersion") || j.contains("AccountId") ||
          (j.contains("Id") && (j.contains("Resource") || j.contains("Service"))));
}

// A bare finding: has "schemaVersion"/"type"/"id" and "resource" or "service".
bool LooksLikeFinding(const json& j) {
  return j.is_object() && (j.contains("schemaVersion") || j.contains("type") || j.contains("id")) &&
         (j.contains("resource") || j.contains("service"));
}

const char* JsonTypeName(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::binary: return "binary";
    case json::value_t::discarded: return "nothing";
    default: return "a number";
  }
}

// Untrusted text quoted into a one-line error message.
std::string Quote(const std::string& s) {
  return json(TruncateUtf8(s, kMaxQuotedBytes)).dump(-1, ' ', false, json::error_handler_t::replace);
}

class ItemCollector {
 public:
  explicit ItemCollector(std::string_view source) : source_(source) {}

  // One top-level value: an item, an array of items, or a get-findings {"Findings":[...]} wrapper.
  void AddValue(const json& value, int nesting = 0) {
    if (value.is_array() && nesting < 2) {
      for (const json& item : value) AddValue(item, nesting + 1);
      return;
    }
    if (value.is_object() && !value.contains("source") && !value.contains("detail")) {
      for (const char* key : {"Findings", "findings"}) {
        const json* findings = AsArray(Get(&value, key));
        if (findings == nullptr) continue;
        for (const json& item : *findings) AddItem(item);
        return;
      }
    }
    AddItem(value);
  }

  std::vector<ParsedItem> Take() { return std::move(items_); }

 private:
  void AddItem(const json& value) {
    ++index_;
    try {
      if (LooksPascalCase(value)) {
        AddObject(CamelCaseKeys(value));
      } else {
        AddObject(value);
      }
    } catch (const std::exception&) {
      // Defensive seam: the extraction uses non-throwing accessors, but an allocation failure on a
      // hostile document must cost one item, not the invocation.
      Error("internal error while reading the item");
    }
  }

  void AddObject(const json& value) {
    if (!value.is_object()) {
      Error(std::string("not a GuardDuty finding (") + JsonTypeName(value) + ")");
      return;
    }
    const bool is_event = value.contains("source") || value.contains("detail-type") || value.contains("detail");
    if (!is_event) {
      if (!LooksLikeFinding(value)) {
        Error("not a GuardDuty finding (no \"source\", \"detail\" or finding fields)");
        return;
      }
      AddFinding(ExtractFinding(value, ""));
      return;
    }
    const std::string source = StrAt(&value, {"source"});
    const std::string detail_type = StrAt(&value, {"detail-type"});
    if (source != kGuardDutySource) {
      Error("not a GuardDuty finding (source " + Quote(source) + ", detail-type " + Quote(detail_type) + ")");
      return;
    }
    const json* detail = Get(&value, "detail");
    if (detail_type != kFindingDetailType && !(detail_type.empty() && detail && LooksLikeFinding(*detail))) {
      if (detail_type.empty()) {
        Error("GuardDuty event without \"detail-type\"");
        return;
      }
      ParsedItem item;
      item.kind = ParsedItem::Kind::kOtherGuardDutyEvent;
      item.detail_type = detail_type;
      items_.push_back(std::move(item));
      return;
    }
    if (AsObject(detail) == nullptr) {
      Error("GuardDuty Finding event without a finding object in \"detail\" (found " +
            std::string(detail == nullptr ? "nothing" : JsonTypeName(*detail)) + ")");
      return;
    }
    if (StrAt(detail, {"id"}).empty() && StrAt(detail, {"type"}).empty()) {
      Error("GuardDuty Finding event without a finding object in \"detail\" (found an object without \"id\" or "
            "\"type\")");
      return;
    }
    Finding finding = ExtractFinding(*detail, StrAt(&value, {"region"}));
    finding.event_id = StrAt(&value, {"id"});
    finding.detail_type = detail_type;
    AddFinding(std::move(finding));
  }

  void AddFinding(Finding finding) {
    ParsedItem item;
    item.kind = ParsedItem::Kind::kFinding;
    item.finding = std::move(finding);
    items_.push_back(std::move(item));
  }

  void Error(const std::string& what) {
    ParsedItem item;
    item.kind = ParsedItem::Kind::kError;
    item.error = Status(Code::kInvalidInput, std::string(source_) + ": item " + std::to_string(index_) + ": " + what);
    items_.push_back(std::move(item));
  }

  std::string_view source_;
  std::size_t index_ = 0;
  std::vector<ParsedItem> items_;
};

// nlohmann's what() reads "[json.exception.parse_error.101] parse error at line 1, column 17: syntax error
// while parsing object key - unexpected '}'; expected string literal". Keep the reason ("unexpected '}'"),
// which names token kinds, never input text (that follows "last read:" after the ';').
std::string SyntaxReason(const char* what) {
  std::string_view w(what);
  std::string_view reason = w;
  if (auto dash = w.find(" - "); dash != std::string_view::npos) {
    reason = w.substr(dash + 3);
  } else if (auto colon = w.find(": "); colon != std::string_view::npos) {
    reason = w.substr(colon + 2);
  }
  if (auto semi = reason.find(';'); semi != std::string_view::npos) reason = reason.substr(0, semi);
  std::string out;
  for (char c : reason) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

Status SyntaxError(std::string_view source, std::size_t byte, const char* what) {
  return Status(Code::kInvalidInput,
                std::string(source) + ": byte " + std::to_string(byte) + ": syntax error: " + SyntaxReason(what));
}

bool ExpectsEndOfInput(const char* what) {
  return std::string_view(what).find("expected end of input") != std::string_view::npos;
}

}  // namespace

Result<std::vector<ParsedItem>> ParseDocument(std::string_view raw, std::string_view source) {
  const std::string text = SanitizeUtf8(raw);
  if (std::all_of(text.begin(), text.end(), IsJsonSpace)) {
    return Status(Code::kInvalidInput, std::string(source) + ": empty input");
  }
  if (std::size_t byte = TooDeepAt(text); byte != 0) {
    return Status(Code::kInvalidInput, std::string(source) + ": byte " + std::to_string(byte) +
                                           ": nesting deeper than " + std::to_string(kMaxDepth) + " levels");
  }
  ItemCollector collector(source);
  try {
    Status whole_error;
    try {
      json doc = json::parse(text);
      collector.AddValue(doc);
      return collector.Take();
    } catch (const json::parse_error& e) {
      whole_error = SyntaxError(source, e.byte, e.what());
      if (!ExpectsEndOfInput(e.what())) return whole_error;
    }
    // A complete value followed by more: JSON Lines, one value per line. When even the first line is
    // not a value on its own, the document was one (pretty-printed) value with trailing junk, and the
    // whole-document error points at the junk.
    std::size_t line_start = 0;
    bool first_line = true;
    while (line_start < text.size()) {
      std::size_t line_end = text.find('\n', line_start);
      if (line_end == std::string::npos) line_end = text.size();
      std::string_view line(text.data() + line_start, line_end - line_start);
      if (!std::all_of(line.begin(), line.end(), IsJsonSpace)) {
        try {
          collector.AddValue(json::parse(line));
        } catch (const json::parse_error& e) {
          if (first_line) return whole_error;
          return SyntaxError(source, line_start + e.byte, e.what());
        }
        first_line = false;
      }
      line_start = line_end + 1;
    }
    return collector.Take();
  } catch (const std::exception&) {
    return Status(Code::kInternal, std::string(source) + ": out of memory while parsing");
  }
}

}  // namespace gdslack
