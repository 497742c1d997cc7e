#!/usr/bin/env python3
"""Generates one attack-sequence event per sequence type at the API's maxima (testdata/events/SOURCES.md).

Shapes follow GuardDuty's API reference: Detection.sequence is a Sequence (uid, description <= 4096,
signals 1..100, sequenceIndicators <= 100 with values <= 400 x 256 characters, actors, endpoints and
resources <= 400 each; Security Hub's copy caps actors and endpoints at 10). The envelope and finding
fields are those of the corpus sample AttackSequence_S3-CompromisedData.json. Deterministic: run
`/usr/bin/python3 testdata/events/sequences/generate.py` and commit the result.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = 1740515000  # 2025-02-25T20:23:20Z

TACTICS = ["Initial Access", "Execution", "Persistence", "Privilege Escalation", "Defense Evasion",
           "Credential Access", "Discovery", "Lateral Movement", "Collection", "Command and Control",
           "Exfiltration", "Impact"]
TECHNIQUES = ["T1078.004 - Valid Accounts: Cloud Accounts", "T1098 - Account Manipulation",
              "T1562.008 - Impair Defenses: Disable or Modify Cloud Logs", "T1530 - Data from Cloud Storage",
              "T1485 - Data Destruction", "T1526 - Cloud Service Discovery", "T1496 - Resource Hijacking",
              "T1610 - Deploy Container", "T1611 - Escape to Host", "T1552.005 - Cloud Instance Metadata API"]
OTHER_KEYS = ["TOR_IP", "MALICIOUS_IP", "HIGH_RISK_API", "SUSPICIOUS_USER_AGENT", "SUSPICIOUS_NETWORK",
              "UNUSUAL_API_FOR_ACCOUNT", "UNUSUAL_ASN_FOR_ACCOUNT", "UNUSUAL_ASN_FOR_USER", "MALICIOUS_DOMAIN",
              "CRYPTOMINING_IP", "CRYPTOMINING_DOMAIN", "CRYPTOMINING_PROCESS", "SUSPICIOUS_PROCESS",
              "MALICIOUS_PROCESS", "MALICIOUS_FILE"]
APIS = ["s3:DeleteObject", "s3:GetObject", "s3:PutBucketPublicAccessBlock", "cloudtrail:DeleteTrail",
        "iam:AttachUserPolicy", "iam:CreateAccessKey", "sts:AssumeRole", "ec2:RunInstances",
        "eks:CreateAccessEntry", "ecs:RegisterTaskDefinition"]

TYPES = {
    "IAM-CompromisedCredentials": ("AttackSequence:IAM/CompromisedCredentials", "ACCESS_KEY", "iam"),
    "S3-CompromisedData": ("AttackSequence:S3/CompromisedData", "S3_BUCKET", "s3"),
    "EKS-CompromisedCluster": ("AttackSequence:EKS/CompromisedCluster", "EKS_CLUSTER", "eks"),
    "ECS-CompromisedCluster": ("AttackSequence:ECS/CompromisedCluster", "ECS_CLUSTER", "ecs"),
    "EC2-CompromisedInstanceGroup": ("AttackSequence:EC2/CompromisedInstanceGroup", "EC2_INSTANCE", "ec2"),
}


def value(key, i, width):
    if key == "TOR_IP" or key.endswith("_IP"):
        return "198.51.100.%d" % (i % 250 + 1) if i < 250 else "203.0.113.%d" % (i % 250 + 1)
    if key == "HIGH_RISK_API" or key == "UNUSUAL_API_FOR_ACCOUNT":
        return APIS[i % len(APIS)] if i < len(APIS) else "service%d:Action%d" % (i, i)
    if key.endswith("_DOMAIN"):
        return "pool%d.mining.example" % i
    if key == "SUSPICIOUS_USER_AGENT":
        s = "python-requests/2.31.0 Linux/6.1 exploit-kit/%d " % i
        return (s * (width // len(s) + 1))[:width]
    if key.endswith("_PROCESS"):
        return "/tmp/.x/kdevtmpfsi%d" % i
    if key == "MALICIOUS_FILE":
        return "/var/tmp/payload%d.elf" % i
    return "AS%d Example Hosting Network %d" % (64500 + i % 500, i)


def sequence(short, sequence_type, resource_type, service, maxima):
    n_actors = 400 if maxima else 10
    n_endpoints = 400 if maxima else 10
    n_resources = 400 if maxima else 40
    width = 256 if maxima else 64
    indicators = [{"key": "ATTACK_TACTIC", "title": "MITRE ATT&CK tactics", "values": TACTICS},
                  {"key": "ATTACK_TECHNIQUE", "title": "MITRE ATT&CK techniques", "values": TECHNIQUES}]
    for i in range(98):
        key = OTHER_KEYS[i % len(OTHER_KEYS)]
        count = 400 if i == 0 else 4
        indicators.append({"key": key, "title": key.replace("_", " ").title(),
                           "values": [value(key, i * 4 + j, width) for j in range(count)]})
    resources = []
    for i in range(n_resources):
        uid = {
            "ACCESS_KEY": "AKIA_XAMPLE%09d" % i,
            "S3_BUCKET": "arn:aws:s3:::customer-data-%03d" % i,
            "EKS_CLUSTER": "arn:aws:eks:us-east-1:111122223333:cluster/prod-%03d" % i,
            "ECS_CLUSTER": "arn:aws:ecs:us-east-1:111122223333:cluster/payments-%03d" % i,
            "EC2_INSTANCE": "arn:aws:ec2:us-east-1:111122223333:instance/i-0%016x" % i,
        }[resource_type]
        resources.append({"uid": uid, "name": uid.rsplit("/", 1)[-1].rsplit(":", 1)[-1],
                          "resourceType": resource_type, "accountId": "11112222%04d" % (i % 3),
                          "region": "us-east-1", "service": service, "cloudPartition": "aws",
                          "tags": [{"key": "env", "value": "prod"}]})
    actors = [{"id": "actor-%03d" % i,
               "user": {"name": "john_doe%d" % i, "uid": "AIDA3UBBJ2K3TVEXAMPL%d" % i, "type": "IAMUser",
                        "credentialUid": "AKIA_XAMPLE%09d" % i,
                        "account": {"uid": "111122223333", "name": "prod-payments"}},
               "session": {"uid": "session-%d" % i, "mfaStatus": "DISABLED", "createdTime": BASE - 3600,
                           "issuer": "arn:aws:iam::111122223333:role/Admin"}} for i in range(n_actors)]
    endpoints = [{"id": "endpoint-%03d" % i, "ip": "198.51.100.%d" % (i % 250 + 1),
                  "domain": "exit%d.tor.example" % i, "port": 443,
                  "location": {"city": "Frankfurt am Main", "country": "Germany", "lat": 50.1, "lon": 8.6},
                  "autonomousSystem": {"name": "Example Hosting GmbH", "number": 64500 + i},
                  "connection": {"direction": "INBOUND"}} for i in range(n_endpoints)]
    signals = []
    for i in range(100):
        finding = i % 3 == 0
        signals.append({
            "uid": "signal-%03d" % i,
            "type": "FINDING" if finding else "CLOUD_TRAIL",
            "name": ("Discovery:S3/TorIPCaller" if i % 2 else "Exfiltration:S3/AnomalousBehavior") if finding
            else APIS[i % len(APIS)],
            "description": "Signal %d of the sequence: API invoked from a Tor exit node." % i,
            "severity": [2.0, 5.0, 8.0, 9.0][i % 4] if finding else 1.0,
            "count": i + 1,
            "createdAt": BASE + i * 60, "updatedAt": BASE + i * 60 + 30,
            "firstSeenAt": BASE + i * 60, "lastSeenAt": BASE + i * 60 + 30,
            "resourceUids": [resources[i % n_resources]["uid"]],
            "actorIds": [actors[i % n_actors]["id"]],
            "endpointIds": [endpoints[i % n_endpoints]["id"]],
            "signalIndicators": [{"key": "HIGH_RISK_API", "values": [APIS[i % len(APIS)]]}],
        })
    description = ("A sequence of actions involving 100 signals indicating a possible compromise was observed "
                   "between eventFirstSeen and eventLastSeen with the following behaviors:\n"
                   "  - 12 MITRE ATT&CK tactics observed\n  - 10 MITRE ATT&CK techniques observed\n"
                   "  - Connected from known Tor Exit Nodes\n  - 10 sensitive APIs called\n")
    description += "".join("  - Signal %d observed\n" % i for i in range(200))
    description = description[:4096]
    return {"uid": "arn:aws:guardduty:us-east-1:111122223333:detector/d0e1/finding/%s/sequence" % short.lower(),
            "description": description, "actors": actors, "resources": resources, "endpoints": endpoints,
            "signals": signals, "sequenceIndicators": indicators,
            "additionalSequenceTypes": [t for t, _, _ in TYPES.values() if t != sequence_type][:2]}


def event(short, sequence_type, resource_type, service, maxima):
    finding_id = (short.encode().hex() * 2)[:32]  # 32 hex digits, stable
    return {
        "version": "0", "id": "5e9b5f2a-0000-4000-8000-%012d" % len(short), "detail-type": "GuardDuty Finding",
        "source": "aws.guardduty", "account": "111122223333", "time": "2025-02-25T22:05:00Z",
        "region": "us-east-1", "resources": [],
        "detail": {
            "schemaVersion": "2.0", "accountId": "111122223333", "region": "us-east-1", "partition": "aws",
            "id": finding_id,
            "arn": "arn:aws:guardduty:us-east-1:111122223333:detector/d0e1/finding/" + finding_id,
            "type": sequence_type, "severity": 9.5,
            "title": "Potential compromise indicated by a sequence of actions (%s)." % short,
            "description": "A sequence of actions involving 100 signals indicating a possible compromise.",
            "createdAt": "2025-02-25T22:05:00.000Z", "updatedAt": "2025-02-25T22:05:00.000Z",
            "resource": {"resourceType": "AttackSequence"},
            "service": {"serviceName": "guardduty", "detectorId": "d0e1", "featureName": "Correlation",
                        "resourceRole": "TARGET", "archived": False, "count": 1,
                        "eventFirstSeen": "2025-02-25T20:23:20.000Z", "eventLastSeen": "2025-02-25T22:02:50.000Z",
                        "additionalInfo": {"value": "{}", "type": "default"},
                        "detection": {"sequence": sequence(short, sequence_type, resource_type, service, maxima)}},
        },
    }


def main():
    for short, (sequence_type, resource_type, service) in TYPES.items():
        maxima = short in ("IAM-CompromisedCredentials", "EC2-CompromisedInstanceGroup")
        with open(os.path.join(HERE, "AttackSequence_%s.json" % short), "w", encoding="utf-8") as f:
            json.dump(event(short, sequence_type, resource_type, service, maxima), f, separators=(",", ":"))
            f.write("\n")


if __name__ == "__main__":
    main()
