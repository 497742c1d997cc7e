"""Every EventBridge event in testdata/events/** (top-level objects, array elements and JSON Lines that carry
"source" and "detail-type"), and what an EventBridge rule should do with each, written from the GuardDuty and
EventBridge documentation (events-ref-guardduty.html, guardduty_findings_cloudwatch.html) rather than from the templates' patterns."""

import functools
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
EVENTS_DIR = ROOT / "testdata" / "events"

FINDING = "GuardDuty Finding"
# docs.aws.amazon.com/eventbridge/latest/ref/events-ref-guardduty.html, "GuardDuty service events"
OTHER_GUARDDUTY = {
    "GuardDuty Runtime Protection Healthy", "GuardDuty Runtime Protection Unhealthy",
    "GuardDuty Malware Protection Object Scan Result", "GuardDuty Malware Protection Resource Status Active",
    "GuardDuty Malware Protection Resource Status Warning", "GuardDuty Malware Protection Resource Status Error",
    "GuardDuty Malware Protection Post Scan Action Failed",
}
# docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-event-formats.html (ASFF) and
# securityhub-v2-cwe-event-formats.html (OCSF, the new Security Hub); both from source aws.securityhub.
SECURITY_HUB_IMPORTED = "Security Hub Findings - Imported"
SECURITY_HUB_IMPORTED_V2 = "Findings Imported V2"


def _envelopes(doc):
    if isinstance(doc, dict) and "source" in doc and "detail-type" in doc:
        yield doc
    elif isinstance(doc, list):
        for item in doc:
            yield from _envelopes(item)


@functools.lru_cache(maxsize=None)
def load(events_dir=EVENTS_DIR):
    """[(label, event)] for every envelope found; files that are not JSON (deliberately malformed inputs) are
    skipped, JSON Lines files are read line by line."""
    found = []
    for path in sorted(events_dir.rglob("*")):
        if path.suffix not in (".json", ".jsonl") or not path.is_file():
            continue
        rel = path.relative_to(events_dir)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        docs = []
        if path.suffix == ".jsonl":
            for n, line in enumerate(text.splitlines(), 1):
                try:
                    docs.append(("%s:%d" % (rel, n), json.loads(line)))
                except ValueError:
                    pass
        else:
            try:
                docs.append((str(rel), json.loads(text)))
            except ValueError:
                pass
        for label, doc in docs:
            for i, event in enumerate(_envelopes(doc)):
                found.append(("%s#%d" % (label, i) if isinstance(doc, list) else label, event))
    return tuple(found)


def _severity(event):
    detail = event.get("detail")
    severity = detail.get("severity") if isinstance(detail, dict) else None
    return severity if isinstance(severity, (int, float)) and not isinstance(severity, bool) else None


def central_should_match(event, floor, other, security_hub):
    """deploy/template.yaml's rule: findings at or above the floor; the other GuardDuty events and Security Hub
    imports from other products only when chosen."""
    source, kind = event.get("source"), event.get("detail-type")
    if source == "aws.guardduty" and kind == FINDING:
        severity = _severity(event)
        return severity is not None and severity >= floor
    if source == "aws.guardduty" and kind in OTHER_GUARDDUTY:
        return other
    if source == "aws.securityhub" and kind in (SECURITY_HUB_IMPORTED, SECURITY_HUB_IMPORTED_V2) and security_hub:
        findings = (event.get("detail") or {}).get("findings") or []
        return any(isinstance(f, dict) and isinstance(_product_name(kind, f), str) and _product_name(kind, f) != "GuardDuty"
                   for f in findings)
    return False


def _product_name(kind, finding):
    """ASFF: ProductName; OCSF: metadata.product.name (security-hub-adv-ocsf-findings.html)."""
    if kind == SECURITY_HUB_IMPORTED:
        return finding.get("ProductName")
    metadata = finding.get("metadata")
    product = metadata.get("product") if isinstance(metadata, dict) else None
    return product.get("name") if isinstance(product, dict) else None


def forwarder_should_match(event, other):
    source, kind = event.get("source"), event.get("detail-type")
    return source == "aws.guardduty" and (kind == FINDING or (other and kind in OTHER_GUARDDUTY))
