// Actor facts (docs/reference/guardduty.md#service-and-action) by action type, and the extra facts: threat
// intelligence, runtime process, malware.
#include "finding/facts.h"

namespace gdslack::finding_internal {

namespace {

// ---------------------------------------------------------------------------------------------------
// Actor facts (docs/reference/guardduty.md#service-and-action), by actionType.

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
  // The wire name is PascalCase here (docs/reference/guardduty.md#fields); get-findings normalisation lowercases it.
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

}  // namespace

void ActorFacts(const json* action, const std::string& action_type, FactList& out) {
  for (const ActionEmitter& e : kActionEmitters) {
    if (e.action_type != action_type) continue;
    if (const json* sub = AsObject(Get(action, e.key))) e.emit(sub, out);
  }
}

namespace {

// ---------------------------------------------------------------------------------------------------
// Extra facts: threat intelligence, runtime process, malware.

// Files listed per finding before "+N more": Backup findings name up to 32 threats, each with its files.
constexpr std::size_t kMaxThreatFiles = 10;

// "path · sha256 · where" of one infected file (ItemPath or ItemDetails).
std::string ThreatFile(const json* item, std::string_view path_key) {
  std::vector<std::string> parts;
  for (const std::string& part :
       {StrAt(item, {path_key}), StrAt(item, {"hash"}), StrAt(item, {"resourceArn"}),
        StrAt(item, {"additionalInfo", "deviceName"}), StrAt(item, {"additionalInfo", "versionId"})}) {
    if (!part.empty()) parts.push_back(part);
  }
  std::string line;
  for (const std::string& part : parts) line += (line.empty() ? "" : " \xC2\xB7 ") + part;  // " · "
  return line;
}

// service.malwareScanDetails (Malware Protection for EC2, S3 and AWS Backup): the scan, then each threat with its
// files, one file per line.
void MalwareScanFacts(const json* scan, FactList& out) {
  if (AsObject(scan) == nullptr) return;
  out.Add("Scan ID", StrAt(scan, {"scanId"}), true);
  out.Add("Scan type", StrAt(scan, {"scanType"}));
  out.Add("Scan category", StrAt(scan, {"scanCategory"}));
  out.Add("Scan trigger", StrAt(scan, {"scanConfiguration", "triggerType"}));
  out.Add("Incremental baseline", StrAt(scan, {"scanConfiguration", "incrementalScanDetails", "baselineResourceArn"}),
          true);
  out.Add("Unique threats", StrAt(scan, {"uniqueThreatCount"}));
  const json* threats = AsArray(Get(scan, "threats"));
  if (threats == nullptr) return;
  std::vector<std::string> names;
  std::vector<std::string> files;
  for (const json& t : *threats) {
    std::vector<std::string> about;
    if (std::string count = StrAt(&t, {"count"}); !count.empty()) about.push_back(count + "\xC3\x97");  // "3×"
    if (std::string source = StrAt(&t, {"source"}); !source.empty()) about.push_back(source);
    if (std::string hash = StrAt(&t, {"hash"}); !hash.empty()) about.push_back(hash);
    names.push_back(WithParen(StrAt(&t, {"name"}), JoinCapped(about)));
    for (const auto& [list, path_key] : {std::pair<std::string_view, std::string_view>{"itemPaths", "nestedItemPath"},
                                         std::pair<std::string_view, std::string_view>{"itemDetails", "itemPath"}}) {
      const json* items = AsArray(Get(&t, list));
      if (items == nullptr) continue;
      for (const json& item : *items) files.push_back(ThreatFile(&item, path_key));
    }
  }
  out.Add("Malware", JoinCapped(names));
  for (std::size_t i = 0; i < files.size() && i < kMaxThreatFiles; ++i) out.Add("Infected file", files[i], true);
  if (files.size() > kMaxThreatFiles) {
    out.Add("Infected file", "+" + std::to_string(files.size() - kMaxThreatFiles) + " more");
  }
}

}  // namespace

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
  out.Add("Malware", JoinCapped(malware));
  out.Add("Malware file", JoinCapped(files), true);
  MalwareScanFacts(Get(service, "malwareScanDetails"), out);
}

}  // namespace gdslack::finding_internal
