"""Self-tests for the AWS stand-in's GuardDuty (guardduty_standin.py): requests signed by botocore are answered
with the service's shapes; a wrong Region's detector, a member's archive and bad input are refused as GuardDuty
refuses them. Run: /usr/bin/python3 -m pytest tests/standins/test_guardduty_standin.py"""

import json
import os
import sys
import urllib.error
import urllib.request

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from aws_standin import AwsStandinProcess  # noqa: E402

SECRET = "standinSecretKeyValue0123456789abcdefghij"
DETECTOR = "12abc34d567e8fa901bc2d34e56789f0"
NOW_MS = 1765000000000


def finding(fid, severity, ftype="Recon:EC2/PortProbeUnprotectedPort", account="111111111111", archived=False):
    return {"id": fid, "type": ftype, "severity": severity, "accountId": account, "region": "eu-west-1",
            "updatedAt": "2025-12-06T05:46:40.000Z", "service": {"archived": archived}}


STATE = {
    "access_keys": {"AKIDSTANDINTEST": {"secret": SECRET}},
    "guardduty": {
        "eu-west-1": {"detector": DETECTOR, "findings": [finding("f1", 8.0), finding("f2", 5.0, account="222222222222"),
                                                         finding("f3", 8.0, ftype="Trojan:EC2/DNSDataExfiltration"),
                                                         finding("f4", 2.0, archived=True)]},
        "us-east-1": {"detector": "ffffffffffffffffffffffffffffffff", "member": True, "findings": [finding("g1", 7.0)]},
    },
}


def call(aws, method, path, body=None, region="eu-west-1", secret=SECRET):
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if data is not None else {}
    req = AWSRequest(method=method, url=aws.url + path, data=data, headers=headers)
    SigV4Auth(Credentials("AKIDSTANDINTEST", secret), "guardduty", region).add_auth(req)
    r = urllib.request.Request(req.url, data=req.body or None, headers=dict(req.headers.items()), method=method)
    try:
        with urllib.request.urlopen(r, timeout=10) as resp:
            return resp.status, json.loads(resp.read() or b"{}"), dict(resp.headers.items())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}"), dict(e.headers.items())


@pytest.fixture
def aws(tmp_path):
    with AwsStandinProcess(tmp_path, STATE) as a:
        yield a


def test_list_detectors_is_per_region(aws):
    assert call(aws, "GET", "/detector")[1] == {"detectorIds": [DETECTOR]}
    assert call(aws, "GET", "/detector", region="us-east-1")[1] == {"detectorIds": ["f" * 32]}
    assert call(aws, "GET", "/detector", region="ap-south-1")[1] == {"detectorIds": []}


def test_archive_then_list_and_unarchive(aws):
    path = f"/detector/{DETECTOR}/findings"
    assert call(aws, "POST", path + "/archive", {"findingIds": ["f1"]})[:2] == (200, {})
    open_ids = call(aws, "POST", path, {"findingCriteria": {"criterion": {"service.archived": {"eq": ["false"]}}},
                                        "sortCriteria": {"attributeName": "severity", "orderBy": "DESC"}})[1]
    assert open_ids == {"findingIds": ["f3", "f2"]}
    assert call(aws, "POST", path + "/unarchive", {"findingIds": ["f1"]})[0] == 200
    got = call(aws, "POST", path + "/get", {"findingIds": ["f1"]})[1]
    assert got["findings"][0]["service"]["archived"] is False
    log = aws.requests()
    archive = [e for e in log if e["action"] == "ArchiveFindings"]
    assert archive[0]["region"] == "eu-west-1" and archive[0]["detector"] == DETECTOR
    assert archive[0]["finding_ids"] == ["f1"] and archive[0]["verified"]


def test_statistics_grouped_and_filtered(aws):
    path = f"/detector/{DETECTOR}/findings/statistics"
    body = {"findingStatisticTypes": ["COUNT_BY_SEVERITY"], "groupBy": "SEVERITY", "orderBy": "DESC",
            "findingCriteria": {"criterion": {"service.archived": {"eq": ["false"]}}}}
    stats = call(aws, "POST", path, body)[1]["findingStatistics"]["groupedBySeverity"]
    assert [(g["severity"], g["totalFindings"]) for g in stats] == [(8.0, 2), (5.0, 1)]
    body["groupBy"] = "ACCOUNT"
    stats = call(aws, "POST", path, body)[1]["findingStatistics"]["groupedByAccount"]
    assert {g["accountId"]: g["totalFindings"] for g in stats} == {"111111111111": 2, "222222222222": 1}


def test_pages(aws):
    path = f"/detector/{DETECTOR}/findings"
    first = call(aws, "POST", path, {"maxResults": 3})[1]
    assert len(first["findingIds"]) == 3 and first["nextToken"]
    second = call(aws, "POST", path, {"maxResults": 3, "nextToken": first["nextToken"]})[1]
    assert len(second["findingIds"]) == 1 and "nextToken" not in second


def test_refusals(aws):
    status, body, headers = call(aws, "POST", "/detector/" + "0" * 32 + "/findings/archive", {"findingIds": ["f1"]})
    assert status == 400 and body["__type"] == "BadRequestException"
    assert headers.get("x-amzn-ErrorType") == "BadRequestException"
    member = call(aws, "POST", "/detector/" + "f" * 32 + "/findings/archive", {"findingIds": ["g1"]}, "us-east-1")
    assert member[0] == 400 and "member account" in member[1]["message"]
    assert call(aws, "POST", f"/detector/{DETECTOR}/findings/archive", {"findingIds": []})[0] == 400
    assert call(aws, "POST", f"/detector/{DETECTOR}/findings/archive", {"findingIds": ["x"] * 51})[0] == 400
    bad_sig = call(aws, "POST", f"/detector/{DETECTOR}/findings/archive", {"findingIds": ["f1"]},
                   secret="wrong" + SECRET[5:])
    assert bad_sig[0] == 403 and bad_sig[1]["__type"] == "InvalidSignatureException"
    assert call(aws, "POST", f"/detector/{DETECTOR}/nothing", {})[0] == 404
    # Nothing refused changed anything.
    got = call(aws, "POST", f"/detector/{DETECTOR}/findings/get", {"findingIds": ["f1"]})[1]
    assert got["findings"][0]["service"]["archived"] is False
