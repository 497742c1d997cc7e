#!/usr/bin/env python3
"""Regenerates the edge-case fixtures in this directory from the sample corpus.

Run from anywhere: python3 testdata/events/edge/generate.py. Output is deterministic; commit the result.
Fixtures are parser and renderer inputs (src/finding/parser_test.cc, later src/render tests).
"""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "corpus")


def load(name):
    with open(os.path.join(CORPUS, name), encoding="utf-8") as f:
        return json.load(f)


def write(name, value, compact=False):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        if compact:
            f.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
        else:
            f.write(json.dumps(value, ensure_ascii=False, indent=2))
        f.write("\n")


def write_raw(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def pascal(value):
    """Like `aws guardduty get-findings` / boto3: every member name starts with a capital letter."""
    if isinstance(value, dict):
        return {(k[:1].upper() + k[1:]): pascal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [pascal(v) for v in value]
    return value


port_probe = load("Recon_EC2-PortProbeUnprotectedPort.json")
rds = load("CredentialAccess_RDS-AnomalousBehavior.SuccessfulLogin.json")
api_call = load("UnauthorizedAccess_IAMUser-ConsoleLoginSuccess.B.json")
ssh = load("UnauthorizedAccess_EC2-SSHBruteForce.json")
seq = load("AttackSequence_IAM-CompromisedCredentials.json")

# RDS login attempt with the PascalCase-on-the-wire LoginAttributes member (docs/reference/guardduty.md#service-and-action).
rds_login = copy.deepcopy(rds)
rds_login["detail"]["service"]["action"]["rdsLoginAttemptAction"]["LoginAttributes"] = [
    {"user": "admin", "application": "psql", "failedLoginAttempts": 41, "successfulLoginAttempts": 1},
    {"user": "postgres", "application": "psql", "failedLoginAttempts": 7, "successfulLoginAttempts": 0},
]
write("rds-login-attributes.json", rds_login)

# get-findings output: {"Findings": [...]} with PascalCase members (the inner additionalInfo JSON string stays).
write("get-findings.json", {"Findings": [pascal(port_probe["detail"]), pascal(rds_login["detail"])]})

# Hostile strings for the renderer: Slack control sequences, code-fence breakers, RTL override.
hostile = copy.deepcopy(api_call)
hostile["detail"]["title"] = "<!channel> reset MFA at <https://evil.example|AWS Console> & more"
hostile["detail"]["description"] = "*bold* _it_ ~s~ `code` > quote <!here> <#C123> <!subteam^S1|team>"
hostile["detail"]["service"]["action"]["awsApiCallAction"]["userAgent"] = (
    "<@U123> ``` aws-cli/2.0 \u202egpj.exe \U0001F6A8")
hostile["detail"]["resource"]["accessKeyDetails"]["userName"] = "<!everyone> \u202eadmin"
write("hostile-title.json", hostile)

# Attack sequence with a populated service.detection.sequence (API_Sequence shape).
seq_full = copy.deepcopy(seq)
seq_full["detail"]["severity"] = 9.2
seq_full["detail"]["service"]["detection"] = {
    "sequence": {
        "uid": "arn:aws:guardduty:us-east-1:123456789012:detector/d/finding/f/sequence",
        "description": "Line one of the sequence.\nLine two: 5 MITRE ATT&CK tactics observed.\n",
        "actors": [{"id": "actor-1", "session": {"uid": "s-1"}}],
        "resources": [
            {"uid": "arn:aws:s3:::customer-data", "name": "customer-data", "resourceType": "S3Bucket"},
            {"uid": "arn:aws:iam::123456789012:user/john_doe", "name": "john_doe", "resourceType": "AccessKey"},
            {"name": "only-a-name"},
            {"resourceType": "Nothing"},
        ],
        "endpoints": [{"id": "e-1", "ip": "10.0.0.1"}],
        "signals": [
            {"uid": "sig-1", "type": "FINDING", "name": "Discovery:S3/TorIPCaller",
             "description": "An S3 API was invoked from a Tor exit node.", "count": 3, "severity": 5,
             "createdAt": 1740515000.0, "firstSeenAt": 1740515000.0, "lastSeenAt": 1740516000.0},
            {"uid": "sig-2", "type": "CLOUD_TRAIL", "name": "cloudtrail:DeleteTrail",
             "description": "A trail was deleted.", "count": 1},
            "not-an-object",
        ],
    }
}
write("attack-sequence-signals.json", seq_full)

# Archived, sample flag only inside the {"value": "<JSON string>"} form, Critical severity.
archived = copy.deepcopy(ssh)
archived["detail"]["severity"] = 9.5
archived["detail"]["service"]["archived"] = True
archived["detail"]["service"]["count"] = 42
archived["detail"]["service"]["additionalInfo"] = {"value": "{\"sample\":true,\"extra\":1}", "type": "default"}
write("archived-nested-sample.json", archived)

# Delegated administrator: the envelope account emits, detail.accountId owns the finding.
delegated = copy.deepcopy(ssh)
delegated["account"] = "999999999999"
delegated["detail"]["accountId"] = "222222222222"
delegated["detail"]["arn"] = delegated["detail"]["arn"].replace("973743533182", "222222222222")
write("delegated-admin.json", delegated)

# Odd but tolerable values: quoted severity, epoch-number and offset timestamps, missing partition in
# a China region, confidence, Name tag.
quirky = copy.deepcopy(ssh)
d = quirky["detail"]
d["severity"] = "8.5"
d["confidence"] = 0.75
d["createdAt"] = 1700000000
d["updatedAt"] = "2023-11-14T23:13:20+01:00"
d["region"] = "cn-north-1"
del d["partition"]
d["resource"]["instanceDetails"]["tags"] = [{"key": "team", "value": "x"}, {"key": "Name", "value": "web-1"}]
write("quirky-values.json", quirky)

# Wrong JSON types and nulls everywhere the parser reads.
wrong = copy.deepcopy(api_call)
d = wrong["detail"]
d["severity"] = None
d["title"] = {"not": "a string"}
d["createdAt"] = None
d["updatedAt"] = ["2023"]
d["resource"]["accessKeyDetails"] = "AKIA-as-a-string"
d["resource"]["instanceDetails"] = {"instanceId": 12345, "tags": "Name=web", "networkInterfaces": {"0": 1},
                                    "iamInstanceProfile": None}
d["resource"]["s3BucketDetails"] = [None, 7, {"name": None, "arn": "arn:aws:s3:::b", "publicAccess": []}]
d["service"]["action"]["awsApiCallAction"] = {"api": None, "remoteIpDetails": "1.2.3.4",
                                             "remoteAccountDetails": [], "userAgent": 42}
d["service"]["count"] = "many"
d["service"]["archived"] = "yes"
d["service"]["additionalInfo"] = {"value": "{not json", "type": "default"}
d["service"]["evidence"] = {"threatIntelligenceDetails": [None, {"threatNames": "x"}]}
d["service"]["eventFirstSeen"] = "yesterday"
write("wrong-types.json", wrong)

# service.action = {} and no resource at all.
empty_action = copy.deepcopy(ssh)
empty_action["detail"]["service"]["action"] = {}
del empty_action["detail"]["resource"]
write("empty-action-no-resource.json", empty_action)

# Types GuardDuty may add tomorrow.
unknown = copy.deepcopy(ssh)
unknown["detail"]["type"] = "Impact:Quantum/EntangledQubits"
unknown["detail"]["resource"] = {"resourceType": "QuantumComputer", "quantumDetails": {"qubits": 1024}}
unknown["detail"]["service"]["action"] = {"actionType": "TELEPATHY", "telepathyAction": {"thought": "x"}}
write("unknown-types.json", unknown)

# Other events on the GuardDuty source, and events from elsewhere.
other = {
    "version": "0", "id": "5b0a3c4e-0000-0000-0000-000000000001",
    "detail-type": "AWS API Call via CloudTrail", "source": "aws.guardduty",
    "account": "123456789012", "time": "2024-01-01T00:00:00Z", "region": "us-east-1", "resources": [],
    "detail": {"eventSource": "guardduty.amazonaws.com", "eventName": "UpdateDetector"},
}
write("other-guardduty-event.json", other)
ec2 = {
    "version": "0", "id": "7bf73129-1428-4cd3-a780-95db273d1602",
    "detail-type": "EC2 Instance State-change Notification", "source": "aws.ec2",
    "account": "123456789012", "time": "2024-01-01T00:00:00Z", "region": "us-east-1",
    "resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
    "detail": {"instance-id": "i-abcd1111", "state": "pending"},
}
write("non-guardduty-event.json", ec2)
detail_string = copy.deepcopy(ssh)
detail_string["detail"] = "{\"id\": \"a finding encoded as a string\"}"
write("detail-string.json", detail_string)
no_detail = copy.deepcopy(ssh)
del no_detail["detail"]
write("event-without-detail.json", no_detail)

# Several findings in one document.
write("array.json", [port_probe, other, ec2, rds["detail"]])
with open(os.path.join(HERE, "findings.jsonl"), "w", encoding="utf-8") as f:
    for item in (ssh, api_call["detail"], other):
        f.write(json.dumps(item, separators=(",", ":")) + "\n")
    f.write("\n")

# Lambda with a network connection (no corpus sample has lambdaDetails).
lam = copy.deepcopy(ssh)
d = lam["detail"]
d["type"] = "Backdoor:Lambda/C&CActivity.B"
d["title"] = "Lambda function my-fn is querying an IP address associated with a known command and control server."
d["resource"] = {"resourceType": "Lambda", "lambdaDetails": {
    "functionName": "my-fn", "functionArn": "arn:aws:lambda:us-east-1:123456789012:function:my-fn",
    "role": "arn:aws:iam::123456789012:role/my-fn-role", "tags": []}}
d["service"]["action"]["networkConnectionAction"]["connectionDirection"] = "OUTBOUND"
d["service"]["action"]["networkConnectionAction"]["remoteIpDetails"]["organization"]["asn"] = 16509
d["service"]["action"]["networkConnectionAction"]["remoteIpDetails"]["organization"]["asnOrg"] = "AMAZON-02"
write("lambda-network-connection.json", lam)

# Whole-document failures.
write_raw("empty.json", b"")
write_raw("whitespace.json", b"  \n\t \r\n")
write_raw("malformed.json", b'{"source": "aws.guardduty",}\n')
write_raw("invalid-utf8.json", json.dumps(ssh).encode().replace(b"brute force attacks", b"brute \xff\xc0 force attacks"))
