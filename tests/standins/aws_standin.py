#!/usr/bin/python3
"""AWS stand-in for loopback tests: Organizations, SSM, Secrets Manager, STS, SNS and GuardDuty on 127.0.0.1.

Every request's SigV4 signature is checked with an independent implementation, botocore
(botocore.auth.SigV4Auth over a botocore.awsrequest.AWSRequest rebuilt from what arrived, re-signed with
the secret this stand-in knows for the access key id and the request's own X-Amz-Date). So a request
accepted here is one real AWS would accept as far as signing goes. Debian's python3-botocore is installed
for /usr/bin/python3; nothing else outside the standard library is used.

Routing: JSON 1.1 by X-Amz-Target (AWSOrganizationsV20161128.DescribeAccount, .ListTagsForResource, .ListParents,
.DescribeOrganizationalUnit, AmazonSSM.GetParameter, secretsmanager.GetSecretValue); Query by the form field
Action (AssumeRole, Publish); REST-JSON by method and path for GuardDuty (guardduty_standin.py says which).

--state FILE (JSON):
  {"access_keys": {"AKIDBASE": {"secret": "...", "session_token": "..." (optional: temporary key)}},
   "accounts":    {"111111111111": "prod-payments"},
   "tags":        {"111111111111": {"team": "payments"}}   (an account in "accounts" without tags has none)
   "parents":     {"111111111111": "ou-ab12-prod0001", "ou-ab12-prod0001": "ou-ab12-work0001"}
                  (child -> parent OU; a child not listed, or one listed with "r-..." sits under the root r-ab12)
   "ous":         {"ou-ab12-prod0001": "Prod", "ou-ab12-work0001": "Workloads"}
   "parameters":  {"/slack/webhook": {"value": "...", "type": "SecureString"}}   (or a plain string value)
   "secrets":     {"slack": "..."},
   "roles":       {"arn:aws:iam::999999999999:role/OrgRead": {}},
   "topics":      ["arn:aws:sns:eu-west-1:111111111111:gd-fallback"],
   "guardduty":   {"eu-west-1": {"detector": "...", "findings": [...]}}   (see guardduty_standin.py)}
--plan FILE or inline JSON: a list of fault rules, checked in order for each request that passed the
signature check; a rule with "times" is used up after that many matches (otherwise it applies forever):
  {"action": "DescribeAccount" | "*", "access_key": "AKID..." (optional), "fault": F, "times": N}
  F = "throttle" | "deny" | "not_found" | "500"
--log FILE: one JSON line per request, written before the answer: seq, action, service, access_key_id,
  has_session_token, verified (bool), outcome, status; for GuardDuty also region, detector and finding_ids.
  Never a secret, token, signature or body.
--port-file FILE: receives the base URL (http://127.0.0.1:PORT), written atomically.

Errors as AWS shapes them: JSON 1.1 -> {"__type": ..., "message": ...} plus x-amzn-ErrorType; Query ->
<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>. Bad signature:
InvalidSignatureException (JSON) / SignatureDoesNotMatch (Query), 403. Unknown key or wrong/missing session
token for a temporary key: UnrecognizedClientException (JSON) / InvalidClientTokenId (Query), 403.
AssumeRole issues fresh temporary credentials (ASIA...) that later requests must use with their token.
SIGTERM/SIGINT stop it; it also exits when its parent process goes away.
"""

import argparse
import datetime
import http.server
import json
import os
import secrets as pysecrets
import sys
import threading
import time
import urllib.parse
import uuid
from xml.sax.saxutils import escape as xml_escape

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from guardduty_standin import GuardDuty, BadRequest, operation_of
from child_process import StandinChild, publish_url, register_issued_secrets, serve_until_stopped

JSON_TARGETS = {
    "AWSOrganizationsV20161128.DescribeAccount": ("organizations", "DescribeAccount"),
    "AWSOrganizationsV20161128.ListTagsForResource": ("organizations", "ListTagsForResource"),
    "AWSOrganizationsV20161128.ListParents": ("organizations", "ListParents"),
    "AWSOrganizationsV20161128.DescribeOrganizationalUnit": ("organizations", "DescribeOrganizationalUnit"),
    "AmazonSSM.GetParameter": ("ssm", "GetParameter"),
    "secretsmanager.GetSecretValue": ("secretsmanager", "GetSecretValue"),
}
QUERY_ACTIONS = {"AssumeRole": ("sts", "2011-06-15"), "Publish": ("sns", "2010-03-31")}
THROTTLE_CODE = {"organizations": "TooManyRequestsException", "ssm": "ThrottlingException",
                 "secretsmanager": "ThrottlingException", "sts": "Throttling", "sns": "Throttled",
                 "guardduty": "TooManyRequestsException"}
DENY_CODE = {"sts": "AccessDenied", "sns": "AuthorizationError"}


class Rejected(Exception):
    def __init__(self, status, code, message, outcome):
        super().__init__(message)
        self.status, self.code, self.message, self.outcome = status, code, message, outcome


class Stand:
    def __init__(self, state, plan, log_path, max_skew_seconds):
        self.state = state
        self.state.setdefault("access_keys", {})
        self.plan = plan
        self.log_path = log_path
        self.max_skew = max_skew_seconds
        self.lock = threading.Lock()
        self.seq = 0
        self.guardduty = GuardDuty(self.state)

    def log(self, entry):
        with self.lock:
            self.seq += 1
            entry = dict(entry, seq=self.seq)
            if self.log_path:
                with open(self.log_path, "a", encoding="utf-8") as f:
                    f.write(json.dumps(entry, sort_keys=True) + "\n")

    def fault_for(self, action, access_key):
        with self.lock:
            for rule in self.plan:
                if rule.get("action", "*") not in ("*", action):
                    continue
                if rule.get("access_key") not in (None, access_key):
                    continue
                if "times" in rule:
                    if rule["times"] <= 0:
                        continue
                    rule["times"] -= 1
                return rule["fault"]
        return None

    # -- signature ---------------------------------------------------------------------------------
    def verify(self, method, path, headers, body, service, query_protocol):
        """Returns the access key id; raises Rejected. `headers` maps lower-case names to values."""
        bad_sig = ("SignatureDoesNotMatch" if query_protocol else "InvalidSignatureException")
        bad_key = ("InvalidClientTokenId" if query_protocol else "UnrecognizedClientException")
        auth = headers.get("authorization", "")
        if not auth.startswith("AWS4-HMAC-SHA256 "):
            raise Rejected(403, "MissingAuthenticationToken" if not auth else "IncompleteSignature",
                           "Request is missing a valid SigV4 Authorization header", "no_signature")
        fields = {}
        for part in auth[len("AWS4-HMAC-SHA256 "):].split(","):
            k, _, v = part.strip().partition("=")
            fields[k] = v
        try:
            akid, date, region, scope_service, terminator = fields["Credential"].split("/")
            signed = fields["SignedHeaders"].split(";")
            fields["Signature"]
        except (KeyError, ValueError):
            raise Rejected(403, "IncompleteSignature", "Authorization header is malformed", "bad_signature")
        key = self.state["access_keys"].get(akid)
        if key is None:
            raise Rejected(403, bad_key, "The security token included in the request is invalid.", "unknown_key")
        token = key.get("session_token")
        if token is not None and headers.get("x-amz-security-token") != token:
            raise Rejected(403, bad_key, "The security token included in the request is invalid.", "bad_token")
        amz_date = headers.get("x-amz-date", "")
        try:
            when = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
        except ValueError:
            raise Rejected(403, bad_sig, "X-Amz-Date is missing or malformed", "bad_signature")
        if abs(time.time() - when.timestamp()) > self.max_skew:
            raise Rejected(403, bad_sig, "Signature expired: the request time is too far from the server time",
                           "bad_signature")
        required = {"host", "x-amz-date"} | {h for h in ("content-type", "x-amz-target", "x-amz-security-token")
                                              if h in headers}
        if not required.issubset(signed) or terminator != "aws4_request" or date != amz_date[:8]:
            raise Rejected(403, bad_sig, "The request signature does not cover the required headers or scope",
                           "bad_signature")
        if scope_service != service:
            raise Rejected(403, bad_sig, f"Credential should be scoped to correct service: '{service}'.",
                           "bad_signature")
        # Rebuild the request from exactly what arrived and let botocore sign it.
        request = AWSRequest(method=method, url="http://" + headers["host"] + path, data=body,
                             headers={h: headers[h] for h in signed if h in headers})
        request.context["timestamp"] = amz_date
        signer = SigV4Auth(Credentials(akid, key["secret"], token), scope_service, region)
        signer._modify_request_before_signing(request)  # sets X-Amz-Date from context, the known token
        canonical = signer.canonical_request(request)
        expected = signer.signature(signer.string_to_sign(request, canonical), request)
        if not pysecrets.compare_digest(expected, fields["Signature"]):
            raise Rejected(403, bad_sig,
                           "The request signature we calculated does not match the signature you provided. "
                           "Check your AWS Secret Access Key and signing method.", "bad_signature")
        return akid

    # -- operations ---------------------------------------------------------------------------------
    def fault(self, fault, service, action, query_protocol):
        if fault == "throttle":
            raise Rejected(400, THROTTLE_CODE[service], "Rate exceeded", "throttle")
        if fault == "deny":
            code = DENY_CODE.get(service, "AccessDeniedException")
            raise Rejected(403 if query_protocol else 400, code,
                           f"User: arn:aws:sts::000000000000:assumed-role/standin is not authorized to perform: "
                           f"{service}:{action}", "deny")
        if fault == "not_found":
            self.not_found(service)
        if fault == "500":
            raise Rejected(500, "InternalFailure" if not query_protocol else "InternalError",
                           "We encountered an internal error. Please try again.", "500")
        raise Rejected(500, "InternalFailure", "unknown plan fault", "bad_plan")

    def not_found(self, service):
        code, msg = {
            "organizations": ("AccountNotFoundException", "You specified an account that doesn't exist."),
            "ssm": ("ParameterNotFound", ""),
            "secretsmanager": ("ResourceNotFoundException", "Secrets Manager can't find the specified secret."),
            "sns": ("NotFound", "Topic does not exist"),
            "sts": ("NoSuchEntity", "The role does not exist"),
            "guardduty": ("BadRequestException", "The request is rejected because the input detectorId is not owned "
                                                 "by the current account."),
        }[service]
        raise Rejected(404 if service in ("sns", "sts") else 400, code, msg, "not_found")

    def run_organizations_tree(self, action, args):
        """Tags, parents and OUs with AWS's shapes and error codes (Organizations API Reference)."""
        accounts, ous = self.state.get("accounts", {}), self.state.get("ous", {})
        root = "r-ab12"
        if action == "ListTagsForResource":
            rid = args.get("ResourceId", "")
            if rid not in accounts and rid not in ous:
                raise Rejected(400, "TargetNotFoundException", "You specified a target that doesn't exist.",
                               "not_found")
            tags = self.state.get("tags", {}).get(rid, {})
            return {"Tags": [{"Key": k, "Value": v} for k, v in tags.items()]}
        if action == "ListParents":
            child = args.get("ChildId", "")
            if child not in accounts and child not in ous:
                raise Rejected(400, "ChildNotFoundException",
                               "We can't find an organizational unit (OU) or AWS account with the ChildId that you "
                               "specified.", "not_found")
            parent = self.state.get("parents", {}).get(child, root)
            kind = "ROOT" if parent.startswith("r-") else "ORGANIZATIONAL_UNIT"
            return {"Parents": [{"Id": parent, "Type": kind}]}
        ou = args.get("OrganizationalUnitId", "")
        if ou not in ous:
            raise Rejected(400, "OrganizationalUnitNotFoundException",
                           "We can't find an OU with the OrganizationalUnitId that you specified.", "not_found")
        return {"OrganizationalUnit": {"Id": ou, "Name": ous[ou],
                                       "Arn": f"arn:aws:organizations::000000000000:ou/o-standin/{ou}"}}

    def run_json(self, action, args):
        if action in ("ListTagsForResource", "ListParents", "DescribeOrganizationalUnit"):
            return self.run_organizations_tree(action, args)
        if action == "DescribeAccount":
            aid = args.get("AccountId", "")
            name = self.state.get("accounts", {}).get(aid)
            if name is None:
                self.not_found("organizations")
            return {"Account": {"Id": aid, "Arn": f"arn:aws:organizations::000000000000:account/o-standin/{aid}",
                                "Email": f"{aid}@example.com", "Name": name, "Status": "ACTIVE", "State": "ACTIVE",
                                "JoinedMethod": "CREATED", "JoinedTimestamp": 1.5e9}}
        if action == "GetParameter":
            name = args.get("Name", "")
            p = self.state.get("parameters", {}).get(name)
            if p is None:
                self.not_found("ssm")
            if isinstance(p, str):
                p = {"value": p, "type": "String"}
            value = p["value"]
            if p.get("type") == "SecureString" and not args.get("WithDecryption", False):
                value = "AQICAHstandinCiphertext=="
            return {"Parameter": {"Name": name, "Type": p.get("type", "String"), "Value": value, "Version": 1,
                                  "ARN": f"arn:aws:ssm:us-east-1:000000000000:parameter{name}", "DataType": "text"}}
        if action == "GetSecretValue":
            sid = args.get("SecretId", "")
            s = self.state.get("secrets", {}).get(sid)
            if s is None:
                self.not_found("secretsmanager")
            return {"ARN": f"arn:aws:secretsmanager:us-east-1:000000000000:secret:{sid}-AbCdEf", "Name": sid,
                    "VersionId": "v1", "SecretString": s, "VersionStages": ["AWSCURRENT"], "CreatedDate": 1.5e9}
        raise Rejected(400, "UnknownOperationException", "", "unknown_action")

    def run_query(self, action, form, service):
        ns = {"sts": "https://sts.amazonaws.com/doc/2011-06-15/", "sns": "http://sns.amazonaws.com/doc/2010-03-31/"}
        if action == "AssumeRole":
            role = form.get("RoleArn", "")
            if role not in self.state.get("roles", {}):
                raise Rejected(403, "AccessDenied", f"Not authorized to perform sts:AssumeRole on {role}", "deny")
            akid = "ASIA" + pysecrets.token_hex(8).upper()
            secret = pysecrets.token_urlsafe(30)
            token = "FwoGZXIvYXdzE" + pysecrets.token_urlsafe(60)
            duration = int(form.get("DurationSeconds", "3600"))
            expiration = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=duration)
            with self.lock:
                self.state["access_keys"][akid] = {"secret": secret, "session_token": token, "role": role}
            register_issued_secrets(secret, token)
            return (f'<AssumeRoleResponse xmlns="{ns["sts"]}"><AssumeRoleResult><SourceIdentity/>'
                    f"<AssumedRoleUser><AssumedRoleId>AROASTANDIN:{xml_escape(form.get('RoleSessionName', ''))}"
                    f"</AssumedRoleId><Arn>{xml_escape(role)}</Arn></AssumedRoleUser><Credentials>"
                    f"<AccessKeyId>{akid}</AccessKeyId><SecretAccessKey>{xml_escape(secret)}</SecretAccessKey>"
                    f"<SessionToken>{xml_escape(token)}</SessionToken>"
                    f"<Expiration>{expiration.strftime('%Y-%m-%dT%H:%M:%SZ')}</Expiration></Credentials>"
                    f"</AssumeRoleResult><ResponseMetadata><RequestId>{uuid.uuid4()}</RequestId>"
                    f"</ResponseMetadata></AssumeRoleResponse>")
        if action == "Publish":
            topic = form.get("TopicArn", "")
            if topic not in self.state.get("topics", []):
                self.not_found("sns")
            subject = form.get("Subject", "")
            message = form.get("Message", "")
            if (not message or len(message.encode()) > 262144 or len(subject) >= 100
                    or any(ord(c) < 0x20 or ord(c) > 0x7e for c in subject)):
                raise Rejected(400, "InvalidParameter", "Invalid parameter: Message or Subject", "invalid")
            return (f'<PublishResponse xmlns="{ns["sns"]}"><PublishResult><MessageId>{uuid.uuid4()}</MessageId>'
                    f"</PublishResult><ResponseMetadata><RequestId>{uuid.uuid4()}</RequestId></ResponseMetadata>"
                    f"</PublishResponse>")
        raise Rejected(400, "InvalidAction", "", "unknown_action")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    stand = None  # set by main

    def log_message(self, *args):
        pass

    def send(self, status, body, content_type, extra=()):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.startswith("/detector"):
            return self.rest("GET", *self.read_request())
        self.send(405, "", "text/plain")

    def read_request(self):
        length = int(self.headers.get("Content-Length", "0") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {}
        for name, value in self.headers.items():
            lname = name.lower()
            headers[lname] = (headers[lname] + "," + value) if lname in headers else value
        return headers, body

    def rest(self, method, headers, body):
        """GuardDuty's REST-JSON: the operation is the method and path; errors are JSON with x-amzn-ErrorType."""
        op, detector = operation_of(method, self.path)
        auth = headers.get("authorization", "")
        entry = {"action": op, "service": "guardduty", "access_key_id": None, "verified": False,
                 "has_session_token": "x-amz-security-token" in headers, "detector": detector}
        try:
            if "Credential=" in auth:
                scope = auth.split("Credential=", 1)[1].split(",", 1)[0].split("/")
                entry["access_key_id"] = scope[0]
                entry["region"] = scope[2] if len(scope) > 2 else None
            if op is None:
                raise Rejected(404, "UnknownOperationException", "", "unknown_action")
            akid = self.stand.verify(method, self.path, headers, body, "guardduty", False)
            entry["verified"] = True
            args = json.loads(body or b"{}")
            if not isinstance(args, dict):
                raise Rejected(400, "BadRequestException", "The request body is not a JSON object.", "invalid")
            if "findingIds" in args:
                entry["finding_ids"] = args["findingIds"]
            fault = self.stand.fault_for(op, akid)
            if fault:
                self.stand.fault(fault, "guardduty", op, False)
            with self.stand.lock:
                reply = self.stand.guardduty.run(op, entry["region"], detector, args)
            entry.update(outcome="ok", status=200)
            self.stand.log(entry)
            self.send(200, json.dumps(reply), "application/json")
        except (Rejected, BadRequest, ValueError) as e:
            r = e if isinstance(e, Rejected) else Rejected(400, "BadRequestException", str(e), "invalid")
            entry.update(outcome=r.outcome, status=r.status, error_code=r.code)
            self.stand.log(entry)
            self.send(r.status, GuardDuty.error_body(r.code, r.message), "application/json",
                      [("x-amzn-ErrorType", r.code)])

    def do_POST(self):
        headers, body = self.read_request()
        if self.path.startswith("/detector"):
            return self.rest("POST", headers, body)
        target = headers.get("x-amz-target")
        query_protocol = target is None
        entry = {"action": None, "service": None, "access_key_id": None, "verified": False,
                 "has_session_token": "x-amz-security-token" in headers}
        try:
            auth = headers.get("authorization", "")
            if "Credential=" in auth:
                entry["access_key_id"] = auth.split("Credential=", 1)[1].split("/", 1)[0]
            if not query_protocol:
                if target not in JSON_TARGETS:
                    raise Rejected(400, "UnknownOperationException", "", "unknown_action")
                service, action = JSON_TARGETS[target]
                form = None
            else:
                form = dict(urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
                action = form.get("Action", "")
                if action not in QUERY_ACTIONS:
                    raise Rejected(400, "InvalidAction", f"Could not find operation {action}", "unknown_action")
                service = QUERY_ACTIONS[action][0]
            entry["action"], entry["service"] = action, service
            if action == "Publish":  # what was published, for tests of the message itself
                entry["topic"], entry["message"] = form.get("TopicArn"), form.get("Message")
            akid = self.stand.verify("POST", self.path, headers, body, service, query_protocol)
            entry["verified"] = True
            fault = self.stand.fault_for(action, akid)
            if fault:
                self.stand.fault(fault, service, action, query_protocol)
            if query_protocol:
                reply = self.stand.run_query(action, form, service)
                entry.update(outcome="ok", status=200)
                self.stand.log(entry)
                self.send(200, reply, "text/xml")
            else:
                args = json.loads(body or b"{}")
                reply = self.stand.run_json(action, args)
                entry.update(outcome="ok", status=200)
                self.stand.log(entry)
                self.send(200, json.dumps(reply), "application/x-amz-json-1.1")
        except Rejected as r:
            entry.update(outcome=r.outcome, status=r.status, error_code=r.code)
            self.stand.log(entry)
            if query_protocol:
                kind = "Receiver" if r.status >= 500 else "Sender"
                xml = (f"<ErrorResponse><Error><Type>{kind}</Type><Code>{r.code}</Code>"
                       f"<Message>{xml_escape(r.message)}</Message></Error>"
                       f"<RequestId>{uuid.uuid4()}</RequestId></ErrorResponse>")
                self.send(r.status, xml, "text/xml")
            else:
                self.send(r.status, json.dumps({"__type": r.code, "message": r.message}),
                          "application/x-amz-json-1.1", [("x-amzn-ErrorType", r.code)])


def load_json_arg(value):
    if not value:
        return None
    if value.lstrip().startswith(("{", "[")):
        return json.loads(value)
    with open(value, encoding="utf-8") as f:
        return json.load(f)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--state", required=True, help="JSON file (or inline JSON) with keys, accounts, ...")
    ap.add_argument("--plan", default="", help="JSON file (or inline JSON) list of fault rules")
    ap.add_argument("--log", default="", help="append one JSON line per request")
    ap.add_argument("--port-file", default="", help="write the base URL here")
    ap.add_argument("--max-skew-seconds", type=int, default=300)
    args = ap.parse_args(argv)

    Handler.stand = Stand(load_json_arg(args.state) or {}, load_json_arg(args.plan) or [], args.log,
                          args.max_skew_seconds)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    url = f"http://127.0.0.1:{server.server_address[1]}"
    publish_url(url, args.port_file)
    return serve_until_stopped(server)


class AwsStandinProcess(StandinChild):
    """Runs the stand-in as a child process (pytest and other Python callers).

    with AwsStandinProcess(tmp_path, state={...}, plan=[...]) as aws:
        ... aws.url ...; aws.requests() -> the log lines as dicts
    """

    def __init__(self, workdir, state, plan=None, python="/usr/bin/python3"):
        state_path = os.path.join(str(workdir), "aws_state.json")
        with open(state_path, "w", encoding="utf-8") as f:
            json.dump(state, f)
        super().__init__(os.path.abspath(__file__), workdir, "aws_standin",
                         ["--state", state_path, "--plan", json.dumps(plan or [])], python)


if __name__ == "__main__":
    sys.exit(main())
