"""Self-tests for aws_standin.py: requests signed by botocore (not by our C++ signer) are accepted, and any
tampering is caught. Run: /usr/bin/python3 -m pytest tests/standins/test_aws_standin.py"""

import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from aws_standin import AwsStandinProcess  # noqa: E402

SECRET = "standinSecretKeyValue0123456789abcdefghij"
STATE = {
    "access_keys": {"AKIDSTANDINTEST": {"secret": SECRET}},
    "accounts": {"111111111111": "prod-payments"},
    "tags": {"111111111111": {"team": "payments"}},
    "parents": {"111111111111": "ou-ab12-prod0001", "ou-ab12-prod0001": "ou-ab12-work0001"},
    "ous": {"ou-ab12-prod0001": "Prod", "ou-ab12-work0001": "Workloads"},
    "parameters": {"/slack/webhook": {"value": "https://hooks.slack.com/services/T/B/SECRETPATH", "type": "SecureString"}},
    "secrets": {"slack": "{\"url\": \"https://hooks.slack.com/services/T/B/OTHER\"}"},
    "roles": {"arn:aws:iam::999999999999:role/OrgRead": {}},
    "topics": ["arn:aws:sns:eu-west-1:111111111111:fallback"],
}


def signed(url, body, headers, service, region="us-east-1", key="AKIDSTANDINTEST", secret=SECRET, token=None):
    req = AWSRequest(method="POST", url=url + "/", data=body, headers=headers)
    SigV4Auth(Credentials(key, secret, token), service, region).add_auth(req)
    return req


def send(req, mutate=None):
    headers = dict(req.headers.items())
    body = req.body
    if mutate:
        headers, body = mutate(headers, body)
    r = urllib.request.Request(req.url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(r, timeout=10) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def describe(url, account="111111111111", **kw):
    return signed(url, json.dumps({"AccountId": account}).encode(),
                  {"Content-Type": "application/x-amz-json-1.1",
                   "X-Amz-Target": "AWSOrganizationsV20161128.DescribeAccount"}, "organizations", **kw)


@pytest.fixture
def aws(tmp_path):
    with AwsStandinProcess(tmp_path, STATE, plan=[{"action": "GetParameter", "fault": "throttle", "times": 1}]) as a:
        yield a


def test_accepts_botocore_signed_request(aws):
    status, body = send(describe(aws.url))
    assert status == 200, body
    assert json.loads(body)["Account"]["Name"] == "prod-payments"
    log = aws.requests()
    assert log[-1]["verified"] is True and log[-1]["action"] == "DescribeAccount"
    assert log[-1]["access_key_id"] == "AKIDSTANDINTEST"


def organizations(url, action, args):
    return signed(url, json.dumps(args).encode(),
                  {"Content-Type": "application/x-amz-json-1.1",
                   "X-Amz-Target": "AWSOrganizationsV20161128." + action}, "organizations")


def test_organizations_tags_parents_and_ous(aws):
    status, body = send(organizations(aws.url, "ListTagsForResource", {"ResourceId": "111111111111"}))
    assert status == 200, body
    assert json.loads(body) == {"Tags": [{"Key": "team", "Value": "payments"}]}
    walk, child = [], "111111111111"
    while True:
        status, body = send(organizations(aws.url, "ListParents", {"ChildId": child}))
        assert status == 200, body
        parent = json.loads(body)["Parents"][0]
        if parent["Type"] == "ROOT":
            assert parent["Id"].startswith("r-")
            break
        assert parent["Type"] == "ORGANIZATIONAL_UNIT"
        status, body = send(organizations(aws.url, "DescribeOrganizationalUnit", {"OrganizationalUnitId": parent["Id"]}))
        assert status == 200, body
        walk.append(json.loads(body)["OrganizationalUnit"]["Name"])
        child = parent["Id"]
    assert "/".join(reversed(walk)) == "Workloads/Prod"
    for action, args, code in (("ListTagsForResource", {"ResourceId": "999999999999"}, "TargetNotFoundException"),
                               ("ListParents", {"ChildId": "999999999999"}, "ChildNotFoundException"),
                               ("DescribeOrganizationalUnit", {"OrganizationalUnitId": "ou-ab12-none0000"},
                                "OrganizationalUnitNotFoundException")):
        status, body = send(organizations(aws.url, action, args))
        assert status == 400 and json.loads(body)["__type"] == code, body
    assert all(entry["verified"] for entry in aws.requests())


def test_rejects_tampered_signature(aws):
    def flip(headers, body):
        auth = headers["Authorization"]
        last = auth[-1]
        headers["Authorization"] = auth[:-1] + ("0" if last != "0" else "1")
        return headers, body

    status, body = send(describe(aws.url), flip)
    assert status == 403
    assert json.loads(body)["__type"] == "InvalidSignatureException"
    assert aws.requests()[-1]["verified"] is False


def test_rejects_tampered_body_and_wrong_secret(aws):
    status, _ = send(describe(aws.url), lambda h, b: (h, b.replace(b"111111111111", b"222222222222")))
    assert status == 403
    status, body = send(describe(aws.url, secret="wrong" + SECRET))
    assert status == 403 and json.loads(body)["__type"] == "InvalidSignatureException"


def test_rejects_unknown_key(aws):
    status, body = send(describe(aws.url, key="AKIDNOBODY"))
    assert status == 403
    assert json.loads(body)["__type"] == "UnrecognizedClientException"


def test_assume_role_then_temporary_credentials_need_their_token(aws):
    form = urllib.parse.urlencode({"Action": "AssumeRole", "Version": "2011-06-15",
                                   "RoleArn": "arn:aws:iam::999999999999:role/OrgRead",
                                   "RoleSessionName": "t"}).encode()
    status, xml = send(signed(aws.url, form, {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
                              "sts", region="eu-west-1"))
    assert status == 200, xml

    def field(tag):
        return xml.split(f"<{tag}>")[1].split(f"</{tag}>")[0]

    key, secret, token = field("AccessKeyId"), field("SecretAccessKey"), field("SessionToken")
    status, _ = send(describe(aws.url, key=key, secret=secret, token=token))
    assert status == 200
    status, body = send(describe(aws.url, key=key, secret=secret))  # no token
    assert status == 403 and json.loads(body)["__type"] == "UnrecognizedClientException"
    status, body = send(describe(aws.url, key=key, secret=secret, token=token + "x"))
    assert status == 403


def test_query_signature_mismatch_is_xml(aws):
    form = urllib.parse.urlencode({"Action": "Publish", "Version": "2010-03-31",
                                   "TopicArn": "arn:aws:sns:eu-west-1:111111111111:fallback",
                                   "Message": "hi"}).encode()
    req = signed(aws.url, form, {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}, "sns",
                 region="eu-west-1")
    status, xml = send(req)
    assert status == 200 and "<MessageId>" in xml
    status, xml = send(req, lambda h, b: (h, b.replace(b"hi", b"ho")))
    assert status == 403 and "<Code>SignatureDoesNotMatch</Code>" in xml


def test_plan_throttles_then_succeeds_and_log_has_no_secrets(aws):
    def get_param():
        return signed(aws.url, json.dumps({"Name": "/slack/webhook", "WithDecryption": True}).encode(),
                      {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AmazonSSM.GetParameter"},
                      "ssm", region="eu-west-1")

    status, body = send(get_param())
    assert status == 400 and json.loads(body)["__type"] == "ThrottlingException"
    status, body = send(get_param())
    assert status == 200 and json.loads(body)["Parameter"]["Value"].endswith("SECRETPATH")
    with open(aws.log_path, encoding="utf-8") as f:
        text = f.read()
    assert SECRET not in text and "SECRETPATH" not in text and "Signature=" not in text
