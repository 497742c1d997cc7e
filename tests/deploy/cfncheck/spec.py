"""Resource and property validation against AWS's published CloudFormation resource specification, as shipped
by the npm package @aws-cdk/cfnspec (pinned in tests/deploy/package-lock.json). The specification also carries
SAM's AWS::Serverless::* resource types (from SAM's own spec), so those are checked the same way if a template
uses them; ours do not (plain CloudFormation).

Input is a resolved template (every intrinsic evaluated for one set of parameter values), so types are the real
ones CloudFormation would hand to the resource provider."""

import difflib
import json
import os
from pathlib import Path

SPEC_PATH = Path(os.environ.get("CFNSPEC_JSON") or Path(__file__).resolve().parents[1]
                 / "node_modules" / "@aws-cdk" / "cfnspec" / "spec" / "specification.json")

RESOURCE_KEYS = {"Type", "Properties", "Condition", "DependsOn", "DeletionPolicy", "UpdateReplacePolicy",
                 "Metadata", "CreationPolicy", "UpdatePolicy"}


# Properties AWS added after the pinned specification (2.72.1, spring 2023), each with its source. Only what the
# templates use; anything else unknown is still an error.
LATER_PROPERTIES = [
    # AddPermission's InvokedViaFunctionUrl (AWS API changes, Lambda 2025-10-10: "Add InvokedViaFunctionUrl
    # context key to limit invocations to only FURL invokes"), which function URLs created since October 2025 need
    # beside lambda:InvokeFunctionUrl (Lambda developer guide, "Control access to Lambda function URLs").
    ("AWS::Lambda::Permission", "InvokedViaFunctionUrl",
     {"PrimitiveType": "Boolean", "Required": False, "UpdateType": "Immutable"}),
]


class Spec:
    def __init__(self, path=SPEC_PATH):
        if not path.exists():
            raise FileNotFoundError("%s missing: run scripts/install-deps.sh (npm ci in tests/deploy)" % path)
        data = json.loads(path.read_text())
        self.version = data["ResourceSpecificationVersion"]
        self.resources = data["ResourceTypes"]
        self.property_types = data["PropertyTypes"]
        for rtype, name, prop in LATER_PROPERTIES:
            self.resources[rtype]["Properties"].setdefault(name, prop)

    def attributes(self, resource_type):
        return self.resources.get(resource_type, {}).get("Attributes", {})

    def validate_resource(self, logical_id, resource_type, properties):
        """Returns a list of error strings for one resolved resource."""
        if resource_type not in self.resources:
            close = difflib.get_close_matches(resource_type, self.resources.keys(), 1)
            return ["%s: unknown resource type %s%s" % (logical_id, resource_type, _hint(close))]
        errors = []
        self._validate_struct(self.resources[resource_type]["Properties"], properties or {}, resource_type,
                              "%s.Properties" % logical_id, errors)
        return errors

    def _struct_spec(self, resource_type, name):
        return (self.property_types.get("%s.%s" % (resource_type, name))
                or self.property_types.get(name))  # e.g. the global "Tag"

    def _validate_struct(self, prop_specs, value, resource_type, path, errors):
        if not isinstance(value, dict):
            errors.append("%s: expected an object, got %s" % (path, _kind(value)))
            return
        for name, item in value.items():
            if name not in prop_specs:
                close = difflib.get_close_matches(name, prop_specs.keys(), 1)
                errors.append("%s: unknown property %s%s" % (path, name, _hint(close)))
                continue
            self._validate_value(prop_specs[name], item, resource_type, "%s.%s" % (path, name), errors)
        for name, prop in prop_specs.items():
            if prop.get("Required") and name not in value:
                errors.append("%s: required property %s missing" % (path, name))

    def _validate_value(self, prop, value, resource_type, path, errors):
        if "PrimitiveType" in prop:
            _check_primitive(prop["PrimitiveType"], value, path, errors)
        elif "PrimitiveTypes" in prop:  # several allowed primitive types
            if not any(_primitive_ok(t, value) for t in prop["PrimitiveTypes"]):
                errors.append("%s: expected one of %s, got %r" % (path, prop["PrimitiveTypes"], value))
        elif prop.get("Type") in ("List", "Map"):
            container = list if prop["Type"] == "List" else dict
            if not isinstance(value, container):
                errors.append("%s: expected a %s, got %s" % (path, prop["Type"], _kind(value)))
                return
            items = value if container is list else list(value.values())
            keys = range(len(items)) if container is list else list(value.keys())
            for key, item in zip(keys, items):
                item_path = "%s[%s]" % (path, key)
                if "PrimitiveItemType" in prop:
                    _check_primitive(prop["PrimitiveItemType"], item, item_path, errors)
                elif "ItemType" in prop:
                    sub = self._struct_spec(resource_type, prop["ItemType"])
                    if sub is None:
                        errors.append("%s: specification lacks item type %s" % (item_path, prop["ItemType"]))
                    else:
                        self._validate_struct(sub.get("Properties", {}), item, resource_type, item_path, errors)
        elif "Type" in prop:
            sub = self._struct_spec(resource_type, prop["Type"])
            if sub is None:
                errors.append("%s: specification lacks type %s" % (path, prop["Type"]))
            elif "Properties" in sub:
                self._validate_struct(sub["Properties"], value, resource_type, path, errors)
            else:  # a property type that is itself a primitive
                _check_primitive(sub.get("PrimitiveType", "Json"), value, path, errors)


def _primitive_ok(kind, value):
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)).startswith(("Fn::", "Ref")):
        return False  # an intrinsic left unresolved is never a valid value
    if kind in ("String", "Timestamp"):
        return isinstance(value, (str, int, float)) and not isinstance(value, bool)
    if kind in ("Integer", "Long"):
        if isinstance(value, bool):
            return False
        if isinstance(value, int):
            return True
        return isinstance(value, str) and value.strip().lstrip("-").isdigit()
    if kind == "Double":
        if isinstance(value, bool):
            return False
        if isinstance(value, (int, float)):
            return True
        try:
            float(value)
            return True
        except (TypeError, ValueError):
            return False
    if kind == "Boolean":
        return isinstance(value, bool) or value in ("true", "false")
    if kind == "Json":
        if isinstance(value, dict):
            return True
        if isinstance(value, str):
            try:
                return isinstance(json.loads(value), dict)
            except ValueError:
                return False
        return False
    return False


def _check_primitive(kind, value, path, errors):
    if not _primitive_ok(kind, value):
        errors.append("%s: expected %s, got %r" % (path, kind, value))


def _kind(value):
    return {dict: "an object", list: "a list", str: "a string"}.get(type(value), type(value).__name__)


def _hint(close):
    return " (did you mean %s?)" % close[0] if close else ""
