"""GuardDuty's REST-JSON API as the AWS stand-in serves it: ListDetectors, ArchiveFindings, UnarchiveFindings,
ListFindings, GetFindings and GetFindingsStatistics, per Region (the Region is the one the request was signed for,
as a real regional endpoint would be).

State (the AWS stand-in's "guardduty" key):
  {"eu-west-1": {"detector": "12abc...", "member": false (true: archive is refused, as for a member account),
                 "findings": [<finding objects as GetFindings returns them: id, type, severity, accountId,
                              updatedAt, service.archived, ...>]}}
A Region not listed has no detector. Paths, members and limits follow the service model that
tests/guardduty_model pins (@aws-sdk/client-guardduty): findingIds 1..50, maxResults 1..50 for ListFindings and
1..100 for statistics, findingCriteria.criterion with eq/neq/gt/gte/lt/lte (and the older equals/notEquals/
greaterThan... names).
Errors as GuardDuty shapes them: 400 BadRequestException {"message", "__type"} for bad input, a wrong detector or a
member's archive; 404 for an unknown path.
"""

import datetime
import json
import re

PATH = re.compile(r"^/detector(?:/([^/]+)/findings(?:/(archive|unarchive|get|statistics))?)?$")
OPERATIONS = {("GET", None, None): "ListDetectors", ("POST", "findings", None): "ListFindings",
              ("POST", "findings", "archive"): "ArchiveFindings", ("POST", "findings", "unarchive"): "UnarchiveFindings",
              ("POST", "findings", "get"): "GetFindings", ("POST", "findings", "statistics"): "GetFindingsStatistics"}
CONDITION_NAMES = {"equals": "eq", "notEquals": "neq", "greaterThan": "gt", "greaterThanOrEqual": "gte",
                   "lessThan": "lt", "lessThanOrEqual": "lte"}


class BadRequest(Exception):
    """400 BadRequestException with GuardDuty's message."""


def operation_of(method, path):
    """(operation, detector id) for a GuardDuty path, or (None, None)."""
    m = PATH.match(path.split("?", 1)[0])
    if not m:
        return None, None
    detector, sub = m.group(1), m.group(2)
    op = OPERATIONS.get((method, "findings" if detector else None, sub))
    return op, detector


def _epoch_ms(value):
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).replace("Z", "+00:00")
    return datetime.datetime.fromisoformat(text).timestamp() * 1000


def _field(finding, dotted):
    value = finding
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _matches(finding, criteria):
    for name, condition in ((criteria or {}).get("criterion") or {}).items():
        value = _field(finding, name)
        for op, operand in condition.items():
            op = CONDITION_NAMES.get(op, op)
            if op in ("eq", "neq"):
                text = str(value).lower() if isinstance(value, bool) else str(value)
                hit = text in [str(o) for o in operand]
                if hit != (op == "eq"):
                    return False
                continue
            if value is None:
                return False
            number = _epoch_ms(value) if name in ("updatedAt", "createdAt") else float(value)
            if not {"gt": number > operand, "gte": number >= operand, "lt": number < operand,
                    "lte": number <= operand}.get(op, False):
                return False
    return True


class GuardDuty:
    def __init__(self, state):
        self.regions = state.setdefault("guardduty", {})

    def run(self, op, region, detector, body):
        """The reply object for one verified request; raises BadRequest."""
        home = self.regions.get(region)
        if op == "ListDetectors":
            return {"detectorIds": [home["detector"]] if home else []}
        if not home or detector != home["detector"]:
            raise BadRequest("The request is rejected because the input detectorId is not owned by the current "
                             "account.")
        findings = home.setdefault("findings", [])
        if op in ("ArchiveFindings", "UnarchiveFindings", "GetFindings"):
            ids = body.get("findingIds")
            if not isinstance(ids, list) or not 1 <= len(ids) <= 50:
                raise BadRequest("The request is rejected because an invalid or out-of-range value is specified "
                                 "as an input parameter.")
            if op == "GetFindings":
                wanted = set(ids)
                return {"findings": [f for f in findings if f.get("id") in wanted]}
            if home.get("member"):
                raise BadRequest("The request is rejected because the current account cannot archive findings "
                                 "as a member account.")
            for f in findings:
                if f.get("id") in ids:
                    f.setdefault("service", {})["archived"] = op == "ArchiveFindings"
            return {}
        matching = [f for f in findings if _matches(f, body.get("findingCriteria"))]
        if op == "ListFindings":
            size = body.get("maxResults", 50)
            if not isinstance(size, int) or not 1 <= size <= 50:
                raise BadRequest("The request is rejected because maxResults is out of range.")
            sort = body.get("sortCriteria") or {}
            if sort.get("attributeName"):
                matching.sort(key=lambda f: _field(f, sort["attributeName"]) or 0,
                              reverse=sort.get("orderBy", "ASC") == "DESC")
            start = int(body.get("nextToken") or 0)
            page = matching[start:start + size]
            reply = {"findingIds": [f["id"] for f in page]}
            if start + size < len(matching):
                reply["nextToken"] = str(start + size)
            return reply
        return self.statistics(matching, body)

    @staticmethod
    def statistics(matching, body):
        group = body.get("groupBy")
        size = body.get("maxResults", 25)
        if body.get("findingStatisticTypes") != ["COUNT_BY_SEVERITY"] and not group:
            raise BadRequest("The request is rejected because findingStatisticTypes is invalid.")
        if not isinstance(size, int) or not 1 <= size <= 100:
            raise BadRequest("The request is rejected because maxResults is out of range.")
        if not group:
            counts = {}
            for f in matching:
                counts[str(float(f.get("severity", 0)))] = counts.get(str(float(f.get("severity", 0))), 0) + 1
            return {"findingStatistics": {"countBySeverity": counts}}
        key, member, name = {"SEVERITY": (lambda f: float(f.get("severity", 0)), "groupedBySeverity", "severity"),
                             "ACCOUNT": (lambda f: f.get("accountId"), "groupedByAccount", "accountId"),
                             "FINDING_TYPE": (lambda f: f.get("type"), "groupedByFindingType", "findingType")
                             }.get(group, (None, None, None))
        if key is None:
            raise BadRequest("The request is rejected because groupBy is invalid.")
        totals = {}
        for f in matching:
            totals[key(f)] = totals.get(key(f), 0) + 1
        ordered = sorted(totals.items(), key=lambda kv: kv[1], reverse=body.get("orderBy", "DESC") == "DESC")
        return {"findingStatistics": {member: [{name: k, "totalFindings": n, "lastGeneratedAt": 0}
                                               for k, n in ordered[:size]]}}

    @staticmethod
    def error_body(code, message):
        return json.dumps({"message": message, "__type": code})
