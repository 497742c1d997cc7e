"""What Slack checks on an incoming-webhook body, as a pure function (stdlib only). Used by slack_standin.py.

validate_body(body, content_type) -> (status, error, notes)

The rules and their sources are written up in tests/standins/SLACK_RULES.md; each check below names its rule
there (R1, R2, ...). Lengths are counted in characters (Unicode code points, Python's len()), as Slack's docs
state limits in "characters"; the product counts UTF-8 bytes, which is never more permissive.
"""

import json
import urllib.parse

MAX_BLOCKS = 50             # R5
MAX_ATTACHMENTS = 100       # R4
MAX_TEXT_OBJECT = 3000      # R7
MAX_HEADER_TEXT = 150       # R8
MAX_FIELDS = 10             # R7
MAX_FIELD_TEXT = 2000       # R7
MAX_CONTEXT_ELEMENTS = 10   # R9
MAX_ACTIONS_ELEMENTS = 25   # R10
MAX_BUTTON_TEXT = 75        # R10
MAX_URL = 3000              # R10, R11
MAX_BUTTON_VALUE = 2000     # R10
MAX_ID = 255                # R6
MAX_ALT_TEXT = 2000         # R11
MAX_TOP_LEVEL_TEXT = 40000  # R3: truncated, not rejected

TOP_LEVEL_KEYS = {"text", "blocks", "attachments", "mrkdwn", "unfurl_links", "unfurl_media", "thread_ts",
                  "metadata", "channel", "username", "icon_emoji", "icon_url", "link_names", "parse",
                  "reply_broadcast", "response_type", "replace_original", "delete_original"}
ATTACHMENT_LEGACY_FIELDS = {"fallback", "pretext", "author_name", "author_link", "author_icon", "title",
                            "title_link", "text", "fields", "image_url", "thumb_url", "footer", "footer_icon", "ts",
                            "mrkdwn_in", "actions", "callback_id", "attachment_type"}


class Invalid(Exception):
    """A rule broken: Slack answers 400 with this error code."""

    def __init__(self, error, where):
        super().__init__("%s at %s" % (error, where))
        self.error = error
        self.where = where


def _blocks_error(where, why):
    return Invalid("invalid_blocks", "%s: %s" % (where, why))


def _keys(obj, allowed, where):
    extra = set(obj) - set(allowed)
    if extra:  # R6: Block Kit objects have a closed set of fields
        raise _blocks_error(where, "unknown field(s) %s" % sorted(extra))


def _string(value, where, max_len, min_len=1):
    if not isinstance(value, str):
        raise _blocks_error(where, "must be a string")
    if len(value) < min_len:
        raise _blocks_error(where, "must not be empty")
    if len(value) > max_len:
        raise _blocks_error(where, "%d characters > %d" % (len(value), max_len))


def text_object(obj, where, max_len, plain_only=False):
    """R7: {"type": "plain_text"|"mrkdwn", "text": 1..max_len characters}; emoji only on plain_text,
    verbatim only on mrkdwn."""
    if not isinstance(obj, dict):
        raise _blocks_error(where, "text object must be an object")
    kind = obj.get("type")
    if kind == "plain_text":
        _keys(obj, {"type", "text", "emoji"}, where)
        if "emoji" in obj and not isinstance(obj["emoji"], bool):
            raise _blocks_error(where + ".emoji", "must be a boolean")
    elif kind == "mrkdwn" and not plain_only:
        _keys(obj, {"type", "text", "verbatim"}, where)
        if "verbatim" in obj and not isinstance(obj["verbatim"], bool):
            raise _blocks_error(where + ".verbatim", "must be a boolean")
    else:
        raise _blocks_error(where + ".type", "must be %s" % ("plain_text" if plain_only else "plain_text or mrkdwn"))
    _string(obj.get("text"), where + ".text", max_len)
    if not obj["text"].strip():
        raise _blocks_error(where + ".text", "must not be blank")


def _image_element(obj, where):
    _keys(obj, {"type", "image_url", "slack_file", "alt_text"}, where)
    if "image_url" in obj:
        _string(obj["image_url"], where + ".image_url", MAX_URL)
    elif not isinstance(obj.get("slack_file"), dict):
        raise _blocks_error(where, "image needs image_url or slack_file")
    _string(obj.get("alt_text"), where + ".alt_text", MAX_ALT_TEXT)


def _button(obj, where):
    """R10: text plain_text <= 75, url <= 3000, value <= 2000, action_id <= 255, style primary|danger."""
    _keys(obj, {"type", "text", "action_id", "url", "value", "style", "confirm", "accessibility_label"}, where)
    text_object(obj.get("text"), where + ".text", MAX_BUTTON_TEXT, plain_only=True)
    if "url" in obj:
        _string(obj["url"], where + ".url", MAX_URL)
    if "value" in obj:
        _string(obj["value"], where + ".value", MAX_BUTTON_VALUE)
    if "action_id" in obj:
        _string(obj["action_id"], where + ".action_id", MAX_ID)
    if "style" in obj and obj["style"] not in ("primary", "danger"):
        raise _blocks_error(where + ".style", "must be primary or danger")
    if "accessibility_label" in obj:
        _string(obj["accessibility_label"], where + ".accessibility_label", MAX_BUTTON_TEXT)


INTERACTIVE_ELEMENTS = {"static_select", "external_select", "users_select", "conversations_select",
                        "channels_select", "overflow", "datepicker", "timepicker", "datetimepicker", "checkboxes",
                        "radio_buttons", "multi_static_select", "multi_external_select", "multi_users_select",
                        "multi_conversations_select", "multi_channels_select", "workflow_button"}


def element(obj, where):
    if not isinstance(obj, dict):
        raise _blocks_error(where, "element must be an object")
    kind = obj.get("type")
    if kind == "button":
        _button(obj, where)
    elif kind == "image":
        _image_element(obj, where)
    elif kind in INTERACTIVE_ELEMENTS:
        if "action_id" in obj:
            _string(obj["action_id"], where + ".action_id", MAX_ID)
    else:
        raise _blocks_error(where + ".type", "unknown element type %r" % (kind,))


def _elements(block, where, max_count):
    elements = block.get("elements")
    if not isinstance(elements, list) or not elements:
        raise _blocks_error(where + ".elements", "must be a non-empty array")
    if len(elements) > max_count:
        raise _blocks_error(where + ".elements", "%d elements > %d" % (len(elements), max_count))
    return elements


def block(obj, where):
    """R6-R12 for one block."""
    if not isinstance(obj, dict):
        raise _blocks_error(where, "block must be an object")
    kind = obj.get("type")
    if "block_id" in obj:
        _string(obj["block_id"], where + ".block_id", MAX_ID)
    if kind == "section":
        _keys(obj, {"type", "block_id", "text", "fields", "accessory", "expand"}, where)
        if "text" not in obj and "fields" not in obj:
            raise _blocks_error(where, "section needs text or fields")
        if "text" in obj:
            text_object(obj["text"], where + ".text", MAX_TEXT_OBJECT)
        if "fields" in obj:
            fields = obj["fields"]
            if not isinstance(fields, list) or not fields:
                raise _blocks_error(where + ".fields", "must be a non-empty array")
            if len(fields) > MAX_FIELDS:
                raise _blocks_error(where + ".fields", "%d fields > %d" % (len(fields), MAX_FIELDS))
            for j, field in enumerate(fields):
                text_object(field, "%s.fields[%d]" % (where, j), MAX_FIELD_TEXT)
        if "accessory" in obj:
            element(obj["accessory"], where + ".accessory")
    elif kind == "header":
        _keys(obj, {"type", "block_id", "text"}, where)
        text_object(obj.get("text"), where + ".text", MAX_HEADER_TEXT, plain_only=True)
    elif kind == "divider":
        _keys(obj, {"type", "block_id"}, where)
    elif kind == "context":
        _keys(obj, {"type", "block_id", "elements"}, where)
        for j, e in enumerate(_elements(obj, where, MAX_CONTEXT_ELEMENTS)):
            here = "%s.elements[%d]" % (where, j)
            if isinstance(e, dict) and e.get("type") == "image":
                _image_element(e, here)
            else:
                text_object(e, here, MAX_TEXT_OBJECT)
    elif kind == "actions":
        _keys(obj, {"type", "block_id", "elements"}, where)
        for j, e in enumerate(_elements(obj, where, MAX_ACTIONS_ELEMENTS)):
            element(e, "%s.elements[%d]" % (where, j))
    elif kind == "image":
        _keys(obj, {"type", "block_id", "image_url", "slack_file", "alt_text", "title"}, where)
        _image_element({k: v for k, v in obj.items() if k not in ("block_id", "title")}, where)
        if "title" in obj:
            text_object(obj["title"], where + ".title", MAX_ALT_TEXT, plain_only=True)
    elif kind == "rich_text":
        _keys(obj, {"type", "block_id", "elements"}, where)
        if not isinstance(obj.get("elements"), list):
            raise _blocks_error(where + ".elements", "must be an array")
    else:
        # R12: the `markdown` block and input/file/video blocks are not accepted in webhook messages.
        raise _blocks_error(where + ".type", "unknown or unsupported block type %r" % (kind,))


def blocks(value, where):
    """R5: an array of at most 50 blocks with unique block_ids."""
    if not isinstance(value, list):
        raise Invalid("invalid_blocks_format", where)
    if len(value) > MAX_BLOCKS:
        raise _blocks_error(where, "%d blocks > %d" % (len(value), MAX_BLOCKS))
    seen = set()
    for i, b in enumerate(value):
        block(b, "%s[%d]" % (where, i))
        if "block_id" in b:
            if b["block_id"] in seen:
                raise _blocks_error("%s[%d].block_id" % (where, i), "duplicate block_id")
            seen.add(b["block_id"])


def attachments(value):
    """R4: at most 100 attachment objects; blocks inside follow R5; legacy fields and blocks do not mix."""
    if not isinstance(value, list):
        raise Invalid("invalid_attachments", "attachments")
    if len(value) > MAX_ATTACHMENTS:
        raise Invalid("too_many_attachments", "attachments")
    for i, a in enumerate(value):
        where = "attachments[%d]" % i
        if not isinstance(a, dict):
            raise Invalid("invalid_attachments", where)
        if "blocks" in a:
            if set(a) & ATTACHMENT_LEGACY_FIELDS - {"fallback"}:
                raise Invalid("invalid_attachments", where + ": legacy fields mixed with blocks")
            blocks(a["blocks"], where + ".blocks")
        if "color" in a and not isinstance(a["color"], str):
            raise Invalid("invalid_attachments", where + ".color")


def decode(body, content_type):
    """R1: a JSON object, sent as application/json or as the `payload` field of a form post."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    try:
        text = body.decode("utf-8")
        if ctype == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(text, strict_parsing=False)
            text = form.get("payload", [""])[0]
        payload = json.loads(text)
    except (UnicodeDecodeError, ValueError):
        raise Invalid("invalid_payload", "body")
    if not isinstance(payload, dict):
        raise Invalid("invalid_payload", "body")
    return payload


def validate_body(body, content_type="application/json"):
    """(status, error, notes): (200, "ok", [...]) or (400, code, [where])."""
    notes = []
    try:
        payload = decode(body, content_type)
        has_text = isinstance(payload.get("text"), str) and payload["text"].strip() != ""
        if "text" in payload and not isinstance(payload["text"], str):
            raise Invalid("invalid_payload", "text")
        if "blocks" in payload:
            blocks(payload["blocks"], "blocks")
        if "attachments" in payload:
            attachments(payload["attachments"])
        # R2: something to show.
        if not has_text and not payload.get("blocks") and not payload.get("attachments"):
            raise Invalid("no_text", "text")
        if has_text and len(payload["text"]) > MAX_TOP_LEVEL_TEXT:
            notes.append("text truncated to %d characters" % MAX_TOP_LEVEL_TEXT)  # R3
    except Invalid as e:
        return 400, e.error, [e.where]
    return 200, "ok", notes
