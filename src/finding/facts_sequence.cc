// An attack sequence's structure (service.detection.sequence), named as in GuardDuty's API reference:
// Sequence, Signal, Indicator, Actor (User, Session, ActorProcess), NetworkEndpoint (AutonomousSystem,
// NetworkGeoLocation, NetworkConnection) and ResourceV2 (field list and sources: testdata/events/SOURCES.md).
#include "finding/facts.h"
#include "finding/timestamp.h"

namespace gdslack::finding_internal {
namespace {

// The API allows at most 400 actors, endpoints, resources and indicator values, 100 signals and 100
// indicators; anything beyond is not a real finding, and keeping it would only cost memory.
constexpr std::size_t kMaxSequenceItems = 400;

// A capped string: an identifier or a name, never a document.
std::string Capped(const json* j) {
  std::string s = Str(j);
  if (s.size() > kMaxFactBytes) s = TruncateUtf8(s, kMaxFactBytes);
  return s;
}

std::string CappedAt(const json* obj, std::initializer_list<std::string_view> path) { return Capped(At(obj, path)); }

// Calls add(item) for each object of an array member, at most kMaxSequenceItems times.
template <typename Add>
void ForEachObject(const json* obj, std::string_view key, Add add) {
  const json* arr = AsArray(Get(obj, key));
  if (arr == nullptr) return;
  std::size_t n = 0;
  for (const json& item : *arr) {
    if (AsObject(&item) == nullptr) continue;
    if (++n > kMaxSequenceItems) break;
    add(item);
  }
}

Signal SignalFrom(const json& s) {
  Signal signal;
  signal.title = CappedAt(&s, {"name"});
  if (signal.title.empty()) signal.title = CappedAt(&s, {"title"});
  signal.uid = CappedAt(&s, {"uid"});
  signal.type = CappedAt(&s, {"type"});
  signal.description = CappedAt(&s, {"description"});
  if (auto n = Num(Get(&s, "count"))) signal.count = ToInt64(*n).value_or(0);
  if (auto n = Num(Get(&s, "severity"))) {
    signal.severity = *n;
    signal.has_severity = true;
  }
  signal.first_seen = TimestampFrom(Get(&s, "firstSeenAt"));
  if (signal.first_seen.text.empty()) signal.first_seen = TimestampFrom(Get(&s, "createdAt"));
  signal.last_seen = TimestampFrom(Get(&s, "lastSeenAt"));
  if (signal.last_seen.text.empty()) signal.last_seen = TimestampFrom(Get(&s, "updatedAt"));
  ForEachObject(&s, "activities", [&](const json& a) {
    const json* api = Get(&a, "api");
    ApiActivity activity{CappedAt(api, {"operation"}), CappedAt(api, {"service"}), CappedAt(api, {"error"}),
                         CappedAt(api, {"userAgent"})};
    if (!activity.operation.empty() || !activity.service.empty()) signal.activities.push_back(std::move(activity));
  });
  return signal;
}

Indicator IndicatorFrom(const json& i) {
  Indicator indicator;
  indicator.key = CappedAt(&i, {"key"});
  indicator.title = CappedAt(&i, {"title"});
  if (const json* values = AsArray(Get(&i, "values"))) {
    for (const json& v : *values) {
      if (indicator.values.size() >= kMaxSequenceItems) break;
      if (std::string value = Capped(&v); !value.empty()) indicator.values.push_back(std::move(value));
    }
  }
  return indicator;
}

SequenceActor ActorFrom(const json& a) {
  SequenceActor actor;
  actor.id = CappedAt(&a, {"id"});
  const json* user = Get(&a, "user");
  actor.user_name = CappedAt(user, {"name"});
  actor.user_type = CappedAt(user, {"type"});
  actor.user_uid = CappedAt(user, {"uid"});
  actor.credential_uid = CappedAt(user, {"credentialUid"});
  actor.account_id = CappedAt(user, {"account", "uid"});
  // The API model's JSON name for Account.Name is "account"; older hand-written samples say "name".
  actor.account_name = CappedAt(user, {"account", "account"});
  if (actor.account_name.empty()) actor.account_name = CappedAt(user, {"account", "name"});
  actor.mfa = CappedAt(&a, {"session", "mfaStatus"});
  actor.issuer = CappedAt(&a, {"session", "issuer"});
  actor.process = CappedAt(&a, {"process", "name"});
  return actor;
}

SequenceEndpoint EndpointFrom(const json& e) {
  SequenceEndpoint endpoint;
  endpoint.id = CappedAt(&e, {"id"});
  endpoint.ip = CappedAt(&e, {"ip"});
  endpoint.domain = CappedAt(&e, {"domain"});
  endpoint.port = CappedAt(&e, {"port"});
  endpoint.city = CappedAt(&e, {"location", "city"});
  endpoint.country = CappedAt(&e, {"location", "country"});
  endpoint.asn_name = CappedAt(&e, {"autonomousSystem", "name"});
  endpoint.asn_number = CappedAt(&e, {"autonomousSystem", "number"});
  endpoint.direction = CappedAt(&e, {"connection", "direction"});
  return endpoint;
}

// "i-1, i-2 +3 more".
std::string InstanceList(const json* ids) {
  std::vector<std::string> uids = Strings(ids);
  return uids.empty() ? "" : JoinCapped(uids);
}

// data.<kind> of a ResourceV2 (API ResourceData): what a responder acts on, per kind. Members named nowhere here
// are either listed as not shown in finding_members.txt or shown by the safety net (unknown_members.cc).
void ResourceDetails(const json* data, FactList& out) {
  if (AsObject(data) == nullptr) return;
  for (auto it = data->begin(); it != data->end(); ++it) {
    const json* d = AsObject(&it.value());
    if (d == nullptr) continue;
    const std::string& kind = it.key();
    if (kind == "ecsTask") {
      out.Add("Task definition", CappedAt(d, {"taskDefinitionArn"}), true);
      out.Add("Launch type", CappedAt(d, {"launchType"}));
      out.Add("Containers", InstanceList(Get(d, "containerUids")), true);
    } else if (kind == "container") {
      out.Add("Image", CappedAt(d, {"image"}), true);
      out.Add("Image digest", CappedAt(d, {"imageUid"}), true);
    } else if (kind == "ecsCluster" || kind == "eksCluster") {
      out.Add("Status", CappedAt(d, {"status"}));
      out.Add("Instances", InstanceList(Get(d, "ec2InstanceUids")), true);
    } else if (kind == "ec2LaunchTemplate") {
      out.Add("Version", CappedAt(d, {"version"}), true);
      out.Add("Instances", InstanceList(Get(d, "ec2InstanceUids")), true);
    } else if (kind == "ec2Instance") {
      out.Add("Instance type", CappedAt(d, {"instanceType"}), true);
      out.Add("State", CappedAt(d, {"instanceState"}));
      out.Add("Instance profile", CappedAt(d, {"iamInstanceProfile", "arn"}), true);
    } else if (kind == "kubernetesWorkload") {
      out.Add("Namespace", CappedAt(d, {"namespace"}), true);
      out.Add("Workload type", CappedAt(d, {"type"}));
    } else if (kind == "accessKey") {
      out.Add("User", WithParen(CappedAt(d, {"userName"}), CappedAt(d, {"userType"})));
    } else if (kind == "s3Object") {
      out.Add("Object", CappedAt(d, {"key"}), true);
    } else if (kind == "autoscalingAutoScalingGroup" || kind == "iamInstanceProfile" || kind == "ec2Vpc" ||
               kind == "ec2Image" || kind == "cloudformationStack") {
      out.Add("Instances", InstanceList(Get(d, "ec2InstanceUids")), true);
    }
  }
}

SequenceResource ResourceFrom(const json& r) {
  SequenceResource resource;
  resource.uid = CappedAt(&r, {"uid"});
  resource.name = CappedAt(&r, {"name"});
  resource.type = CappedAt(&r, {"resourceType"});
  resource.account_id = CappedAt(&r, {"accountId"});
  resource.region = CappedAt(&r, {"region"});
  resource.service = CappedAt(&r, {"service"});
  FactList details(&resource.details);
  ResourceDetails(Get(&r, "data"), details);
  return resource;
}

}  // namespace

AttackSequence SequenceFrom(const json* sequence) {
  AttackSequence out;
  if (AsObject(sequence) == nullptr) return out;
  out.uid = CappedAt(sequence, {"uid"});
  out.description = StrAt(sequence, {"description"});  // API maximum 4096; the renderer cuts further
  ForEachObject(sequence, "signals", [&](const json& s) { out.signals.push_back(SignalFrom(s)); });
  ForEachObject(sequence, "sequenceIndicators", [&](const json& i) { out.indicators.push_back(IndicatorFrom(i)); });
  ForEachObject(sequence, "actors", [&](const json& a) { out.actors.push_back(ActorFrom(a)); });
  ForEachObject(sequence, "endpoints", [&](const json& e) { out.endpoints.push_back(EndpointFrom(e)); });
  ForEachObject(sequence, "resources", [&](const json& r) { out.resources.push_back(ResourceFrom(r)); });
  if (const json* types = AsArray(Get(sequence, "additionalSequenceTypes"))) {
    for (const json& t : *types) {
      if (out.additional_types.size() >= kMaxSequenceItems) break;
      if (std::string type = Capped(&t); !type.empty()) out.additional_types.push_back(std::move(type));
    }
  }
  return out;
}

}  // namespace gdslack::finding_internal
