#!/usr/bin/python3
"""Slack Web API stand-in for loopback tests (stdlib only): chat.postMessage and chat.update.

Behaves like https://slack.com/api/<method> for a bot token (docs.slack.dev/reference/methods/chat.postMessage,
chat.update, docs.slack.dev/apis/web-api/rate-limits; docs/STATE.md lists what is relied on):
  * POST only, body JSON (Content-Type application/json) or form-encoded; answers HTTP 200 with
    {"ok": true, "channel", "ts", "message"} or {"ok": false, "error": CODE}.
  * Authorization: Bearer <token>. No token -> not_authed; unknown token -> invalid_auth; token without the
    chat:write scope -> missing_scope (with "needed"/"provided").
  * channel unknown -> channel_not_found; bot not a member -> not_in_channel; archived -> is_archived.
  * postMessage: none of text/blocks/attachments -> no_text; text over 40,000 characters -> msg_too_long;
    blocks not a list -> invalid_blocks_format; more than 50 blocks -> invalid_blocks; more than 100
    attachments -> too_many_attachments; thread_ts not a message of the channel -> thread_not_found.
    Returns a fresh ts ("<epoch>.<6 digits>", unique and increasing).
  * update: ts unknown in that channel -> message_not_found; a message not posted by this token's bot ->
    cant_update_message; same content checks as postMessage. The message is replaced, its history kept.
  * Rate limits, per token bucket: chat.postMessage 1 per second per channel with bursts of --burst
    (replies included); chat.update Tier 3, --update-per-minute (default 50) per workspace. Over the limit:
    HTTP 429, Retry-After: seconds until a token is free (at least 1), body {"ok":false,"error":"ratelimited"}.
  * --plan: comma-separated faults applied in arrival order before the checks: ok, ratelimited (429 with
    Retry-After --retry-after), 500, 503, error:CODE (HTTP 200 ok:false CODE), reset (TCP RST).

--state FILE or inline JSON: {"tokens": {"xoxb-...": {"bot_id": "B1", "scopes": ["chat:write"]}},
                             "channels": {"C0SEC": {"name": "security", "member": true, "archived": false}}}
--log FILE: one JSON line per request, before the answer: seq, method, channel, ts, thread_ts, outcome
  ("ok" or the error), status, retry_after, body (the parsed request without any token). Never the token.
GET /_standin/messages: every message as JSON {channel: [{ts, thread_ts, reply_broadcast, text, attachments,
  blocks, edits, history}]}, for assertions (reply_broadcast: a thread reply also shown in the channel).
Base URL (http://127.0.0.1:PORT/api/) goes to --port-file (atomically) or stdout. Stops on SIGTERM/SIGINT
and when its parent process exits.
"""

import argparse
import http.server
import json
import os
import socket
import struct
import sys
import threading
import time
import urllib.parse

from child_process import StandinChild, publish_url, serve_until_stopped

MAX_TEXT = 40000
MAX_BLOCKS = 50
MAX_ATTACHMENTS = 100


class Bucket:
    """Token bucket: `capacity` requests at once, refilled at `rate` per second."""

    def __init__(self, capacity, rate):
        self.capacity, self.rate = float(capacity), float(rate)
        self.tokens, self.stamp = float(capacity), time.monotonic()

    def take(self):
        """(allowed, retry_after_seconds)."""
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True, 0
        return False, max(1, int((1 - self.tokens) / self.rate + 0.999))


class Reject(Exception):
    def __init__(self, error, status=200, extra=None):
        super().__init__(error)
        self.error, self.status, self.extra = error, status, extra or {}


class Workspace:
    def __init__(self, state, plan, burst, update_per_minute, retry_after, log_path):
        self.tokens = state.get("tokens", {})
        self.channels = state.get("channels", {})
        self.plan = list(plan)
        self.burst, self.update_per_minute, self.retry_after = burst, update_per_minute, retry_after
        self.lock = threading.Lock()
        self.messages = {}  # channel -> {ts: message}
        self.buckets = {}
        self.last_ts = 0.0
        self.seq = 0
        self.log_file = open(log_path, "a", encoding="utf-8") if log_path else None

    def log(self, entry):
        self.seq += 1
        if self.log_file:
            self.log_file.write(json.dumps(dict(entry, seq=self.seq), sort_keys=True) + "\n")
            self.log_file.flush()

    def next_ts(self):
        ts = max(time.time(), self.last_ts + 0.000001)
        self.last_ts = ts
        return "%.6f" % ts

    def bucket(self, key, capacity, rate):
        if key not in self.buckets:
            self.buckets[key] = Bucket(capacity, rate)
        return self.buckets[key]

    @staticmethod
    def check_content(args):
        text, blocks, attachments = args.get("text"), args.get("blocks"), args.get("attachments")
        if isinstance(blocks, str):  # form-encoded bodies carry JSON strings
            try:
                blocks = json.loads(blocks)
            except ValueError:
                raise Reject("invalid_blocks_format")
        if isinstance(attachments, str):
            try:
                attachments = json.loads(attachments)
            except ValueError:
                raise Reject("invalid_attachments")
        if not text and not blocks and not attachments:
            raise Reject("no_text")
        if text is not None and not isinstance(text, str):
            raise Reject("invalid_arguments")
        if text and len(text) > MAX_TEXT:
            raise Reject("msg_too_long")
        if blocks is not None and not isinstance(blocks, list):
            raise Reject("invalid_blocks_format")
        if blocks and len(blocks) > MAX_BLOCKS:
            raise Reject("invalid_blocks")
        if attachments is not None and not isinstance(attachments, list):
            raise Reject("invalid_attachments")
        if attachments and len(attachments) > MAX_ATTACHMENTS:
            raise Reject("too_many_attachments")
        for a in attachments or []:
            if isinstance(a, dict) and len(a.get("blocks") or []) > MAX_BLOCKS:
                raise Reject("invalid_blocks")
        return text, blocks, attachments

    def handle(self, method, token, args):
        """Returns the ok:true reply; raises Reject."""
        if token is None:
            raise Reject("not_authed")
        identity = self.tokens.get(token)
        if identity is None:
            raise Reject("invalid_auth")
        scopes = identity.get("scopes", ["chat:write"])
        if "chat:write" not in scopes:
            raise Reject("missing_scope", extra={"needed": "chat:write", "provided": ",".join(scopes)})
        channel = args.get("channel")
        info = self.channels.get(channel)
        if info is None:  # names work too, as in Slack: "#security" or "security"
            for cid, c in self.channels.items():
                if c.get("name") and channel in (c["name"], "#" + c["name"]):
                    channel, info = cid, c
        if info is None:
            raise Reject("channel_not_found")
        if info.get("archived"):
            raise Reject("is_archived")
        if not info.get("member", True):
            raise Reject("not_in_channel")
        if method == "chat.postMessage":
            allowed, wait = self.bucket(("post", channel), self.burst, 1.0).take()
        else:
            allowed, wait = self.bucket(("update", token), self.update_per_minute, self.update_per_minute / 60.0).take()
        if not allowed:
            raise Reject("ratelimited", status=429, extra={"retry_after": wait})
        text, blocks, attachments = self.check_content(args)
        msgs = self.messages.setdefault(channel, {})
        if method == "chat.postMessage":
            thread_ts = args.get("thread_ts")
            if thread_ts is not None and thread_ts not in msgs:
                raise Reject("thread_not_found")
            ts = self.next_ts()
            msgs[ts] = {"ts": ts, "thread_ts": thread_ts, "text": text, "blocks": blocks,
                        "attachments": attachments, "reply_broadcast": bool(thread_ts and args.get("reply_broadcast")), "bot_id": identity.get("bot_id", "B0"), "edits": 0,
                        "history": []}
            return {"ok": True, "channel": channel, "ts": ts,
                    "message": {"type": "message", "text": text or "", "ts": ts, "bot_id": identity.get("bot_id")}}
        ts = args.get("ts")
        message = msgs.get(ts)
        if message is None:
            raise Reject("message_not_found")
        if message["bot_id"] != identity.get("bot_id", "B0"):
            raise Reject("cant_update_message")
        message["history"].append({k: message[k] for k in ("text", "blocks", "attachments")})
        message.update(text=text, blocks=blocks, attachments=attachments, edits=message["edits"] + 1)
        return {"ok": True, "channel": channel, "ts": ts, "text": text or ""}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    workspace = None

    def log_message(self, *args):
        pass

    def reply(self, status, payload, headers=()):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/_standin/messages":
            with self.workspace.lock:
                snapshot = {c: sorted(m.values(), key=lambda x: x["ts"]) for c, m in self.workspace.messages.items()}
            self.reply(200, snapshot)
        else:
            self.reply(405, {"ok": False, "error": "method_not_supported_for_channel_type"})

    def do_POST(self):
        ws = self.workspace
        length = int(self.headers.get("Content-Length", "0") or 0)
        raw = self.rfile.read(length) if length else b""
        method = self.path.split("?")[0].rsplit("/", 1)[-1]
        auth = self.headers.get("Authorization", "")
        token = auth[len("Bearer "):].strip() if auth.startswith("Bearer ") else None
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        entry = {"method": method, "channel": None, "ts": None, "thread_ts": None, "retry_after": None}
        with ws.lock:
            try:
                if ctype == "application/json":
                    try:
                        args = json.loads(raw.decode("utf-8"))
                    except (UnicodeDecodeError, ValueError):
                        raise Reject("invalid_json")
                    if not isinstance(args, dict):
                        raise Reject("json_not_object")
                else:
                    args = dict(urllib.parse.parse_qsl(raw.decode("utf-8", "replace")))
                    if token is None and "token" in args:
                        token = args.pop("token")
                entry.update(channel=args.get("channel"), ts=args.get("ts"), thread_ts=args.get("thread_ts"),
                             body={k: v for k, v in args.items() if k != "token"})
                if method not in ("chat.postMessage", "chat.update"):
                    raise Reject("unknown_method", status=404)
                fault = ws.plan.pop(0) if ws.plan else "ok"
                if fault == "ratelimited":
                    raise Reject("ratelimited", status=429, extra={"retry_after": ws.retry_after})
                if fault in ("500", "503"):
                    raise Reject("internal_error", status=int(fault))
                if fault.startswith("error:"):
                    raise Reject(fault[len("error:"):])
                if fault == "reset":
                    entry.update(outcome="reset", status=0)
                    ws.log(entry)
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.close_connection = True
                    self.connection.close()
                    return
                result = ws.handle(method, token, args)
                entry.update(outcome="ok", status=200, ts=result["ts"] if method == "chat.postMessage" else entry["ts"],
                             channel=result["channel"])
                ws.log(entry)
                answer = (200, result, ())
            except Reject as r:
                headers = ()
                if r.status == 429:
                    entry["retry_after"] = r.extra.pop("retry_after")
                    headers = (("Retry-After", str(entry["retry_after"])),)
                entry.update(outcome=r.error, status=r.status)
                ws.log(entry)
                answer = (r.status, dict({"ok": False, "error": r.error}, **r.extra), headers)
        self.reply(*answer)


def load_json_arg(value):
    if not value:
        return None
    if value.lstrip().startswith(("{", "[")):
        return json.loads(value)
    with open(value, encoding="utf-8") as f:
        return json.load(f)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--state", required=True)
    ap.add_argument("--plan", default="")
    ap.add_argument("--burst", type=int, default=5, help="chat.postMessage burst per channel (refill 1/s)")
    ap.add_argument("--update-per-minute", type=int, default=50, help="chat.update per workspace (Tier 3)")
    ap.add_argument("--retry-after", type=int, default=1, help="Retry-After of a planned ratelimited")
    ap.add_argument("--log", default="")
    ap.add_argument("--port-file", default="")
    args = ap.parse_args(argv)
    Handler.workspace = Workspace(load_json_arg(args.state) or {}, [p for p in args.plan.split(",") if p],
                                  args.burst, args.update_per_minute, args.retry_after, args.log)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    publish_url("http://127.0.0.1:%d/api/" % server.server_address[1], args.port_file)
    return serve_until_stopped(server)


class SlackWebApiProcess(StandinChild):
    """with SlackWebApiProcess(tmp_path, state={...}, plan="ratelimited,ok") as slack: slack.url, slack.requests(),
    slack.messages()"""

    def __init__(self, workdir, state, plan="", burst=5, update_per_minute=50, retry_after=1,
                 python="/usr/bin/python3"):
        super().__init__(os.path.abspath(__file__), workdir, "slack_web_api",
                         ["--state", json.dumps(state), "--plan", plan, "--burst", str(burst),
                          "--update-per-minute", str(update_per_minute), "--retry-after", str(retry_after)],
                         python)

    def messages(self):
        import urllib.request
        with urllib.request.urlopen(self.url.replace("/api/", "/_standin/messages"), timeout=5) as r:
            return json.loads(r.read())


if __name__ == "__main__":
    sys.exit(main())
