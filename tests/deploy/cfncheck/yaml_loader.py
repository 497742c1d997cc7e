"""CloudFormation YAML: PyYAML plus the short-form intrinsic tags (!Ref, !Sub, !GetAtt, ...), turned into the
long form ({"Ref": ...}, {"Fn::Sub": ...}), as CloudFormation itself does. Duplicate keys are an error
(CloudFormation rejects them; PyYAML would silently keep the last one)."""

import yaml

# Tag -> long-form key. !GetAtt "A.B" is split on the first dot; !Condition is the condition reference.
_FUNCTIONS = {
    "Ref": "Ref", "Condition": "Condition", "GetAtt": "Fn::GetAtt", "Sub": "Fn::Sub", "If": "Fn::If",
    "Equals": "Fn::Equals", "Not": "Fn::Not", "And": "Fn::And", "Or": "Fn::Or", "Select": "Fn::Select",
    "Split": "Fn::Split", "Join": "Fn::Join", "FindInMap": "Fn::FindInMap", "Base64": "Fn::Base64",
    "Cidr": "Fn::Cidr", "GetAZs": "Fn::GetAZs", "ImportValue": "Fn::ImportValue", "Transform": "Fn::Transform",
    "Length": "Fn::Length", "ToJsonString": "Fn::ToJsonString", "Contains": "Fn::Contains",
    "EachMemberEquals": "Fn::EachMemberEquals", "ValueOf": "Fn::ValueOf", "RefAll": "Fn::RefAll",
}


class TemplateError(Exception):
    """The template cannot be read at all (YAML syntax, duplicate key, unknown tag)."""


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    result = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise TemplateError("line %d: duplicate key %r" % (key_node.start_mark.line + 1, key))
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _make_constructor(tag, long_name):
    def construct(loader, node):
        if isinstance(node, yaml.ScalarNode):
            value = loader.construct_scalar(node)
            if tag == "GetAtt":
                if "." not in value:
                    raise TemplateError("line %d: !GetAtt %r needs Resource.Attribute" % (node.start_mark.line + 1, value))
                value = value.split(".", 1)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = _construct_mapping(loader, node, deep=True)
        return {long_name: value}
    return construct


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
for _tag, _long in _FUNCTIONS.items():
    _Loader.add_constructor("!" + _tag, _make_constructor(_tag, _long))


def _unknown_tag(loader, tag_suffix, node):
    raise TemplateError("line %d: unknown tag !%s" % (node.start_mark.line + 1, tag_suffix))


_Loader.add_multi_constructor("!", _unknown_tag)


def load(text):
    """Parses one template; raises TemplateError with a one-line reason."""
    try:
        doc = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from SafeLoader
    except yaml.YAMLError as err:
        raise TemplateError("YAML: %s" % str(err).replace("\n", " ")) from None
    if not isinstance(doc, dict):
        raise TemplateError("a template is a mapping")
    return doc
