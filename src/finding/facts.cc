#include "finding/facts.h"

#include <algorithm>

namespace gdslack::finding_internal {
namespace {


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
// Resource facts (docs/reference/guardduty.md#resources), one emitter per resource sub-object.

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

}  // namespace

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
  if (const json* threats = AsArray(At(service, {"malwareScanDetails", "threats"}))) {
    for (const json& t : *threats) {
      malware.push_back(StrAt(&t, {"name"}));
      for (const std::string& path : Strings(Get(&t, "itemPaths"), "nestedItemPath")) files.push_back(path);
    }
  }
  out.Add("Malware", JoinCapped(malware));
  out.Add("Malware file", JoinCapped(files), true);
}

}  // namespace gdslack::finding_internal
