// Resource facts (docs/reference/guardduty.md#resources), one emitter per resource sub-object.
#include <algorithm>

#include "finding/facts.h"
#include "finding/timestamp.h"

namespace gdslack::finding_internal {
namespace {

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

// Malware Protection for AWS Backup (docs/reference/guardduty.md#malware-protection-for-aws-backup): what was
// scanned, an EBS snapshot, an AMI or a recovery point.
void EbsSnapshotFacts(const json* d, FactList& out) { out.Add("Snapshot", StrAt(d, {"snapshotArn"}), true); }

void Ec2ImageFacts(const json* d, FactList& out) { out.Add("AMI", StrAt(d, {"imageArn"}), true); }

// "start → end" of a continuous backup's scanned window; either end alone when only one is known.
std::string Window(const json* d) {
  const std::string start = TimestampFrom(Get(d, "startTime")).text;
  const std::string end = TimestampFrom(Get(d, "endTime")).text;
  if (start.empty() || end.empty()) return start + end;
  return start + " \xE2\x86\x92 " + end;  // →
}

void RecoveryPointFacts(const json* d, FactList& out) {
  out.Add("Recovery point", StrAt(d, {"recoveryPointArn"}), true);
  out.Add("Backup vault", StrAt(d, {"backupVaultName"}), true);
  out.Add("Scanned window", Window(Get(d, "continuousScanDetails")));
}

// AI Protection (docs/reference/guardduty.md#ai-protection): the guardrail that intervened and what it blocked.
void BedrockGuardrailFacts(const json* d, FactList& out) {
  const std::string version = StrAt(d, {"guardrailVersion"});
  out.Add("Guardrail", WithParen(StrAt(d, {"guardrailArn"}), version.empty() ? "" : "version " + version), true);
  out.Add("Guardrail action", StrAt(d, {"guardrailAction"}));
  out.Add("Guardrail source", StrAt(d, {"guardrailSource"}));
  std::vector<std::string> blocked;
  if (const json* filters = AsArray(Get(d, "contentPolicyFilters"))) {
    for (const json& f : *filters) {
      std::string what = StrAt(&f, {"type"});
      std::vector<std::string> how;
      for (std::string_view key : {"action", "confidence"}) {
        if (std::string v = StrAt(&f, {key}); !v.empty()) how.push_back(v);
      }
      blocked.push_back(WithParen(what, JoinCapped(how)));
    }
  }
  out.Add("Blocked content", JoinCapped(blocked));
  std::vector<std::string> guardrails;
  if (const json* list = AsArray(Get(d, "guardrails"))) {
    for (const json& g : *list) {
      const std::string v = StrAt(&g, {"version"});
      guardrails.push_back(WithParen(StrAt(&g, {"arn"}), v.empty() ? "" : "version " + v));
    }
  }
  out.Add("Guardrails", JoinCapped(guardrails), true);
}

void ModelFacts(const json* d, FactList& out) { out.Add("Model", JoinCapped(Strings(d, "modelId")), true); }

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
    {"ebsSnapshotDetails", EbsSnapshotFacts},
    {"ec2ImageDetails", Ec2ImageFacts},
    {"recoveryPointDetails", RecoveryPointFacts},
    {"modelDetails", ModelFacts},
    {"bedrockGuardrailDetails", BedrockGuardrailFacts},
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

}  // namespace

void ResourceFacts(const json* resource, const std::string& resource_type, FactList& out) {
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
}

}  // namespace gdslack::finding_internal
