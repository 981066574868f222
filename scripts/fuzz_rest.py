#!/usr/bin/env python3
"""Sends generated malformed requests to the REST channel of a running server and counts
the answers by status. The goal is no 5xx answer and no dropped connection.

    python scripts/fuzz_rest.py --url http://127.0.0.1:5005 [--count 5000] [--max-seconds 300]
                                [--max-nlu 200] [--seed 8] [--json]

Loopback only: it refuses any other host. What it sends, each kind in turn:
  bad JSON (truncated, trailing garbage, random bytes, invalid UTF-8, deep nesting, NaN),
  JSON that is not an object, wrong types for sender / message / metadata, huge, empty,
  whitespace-only, control-character and unicode bodies, messages over the limit, odd
  methods and paths, odd or contradictory headers (content types, charsets, encodings,
  huge headers), malformed HTTP on a raw socket, and, within a budget (--max-nlu), well
  formed messages that reach NLU: unknown button payloads ("/no_such_intent",
  "/start_check{bad json"), HTML and script, emoji-only, lone surrogates, long text.
Most requests are rejected before NLU, so 5,000 take well under a minute; the ones that
reach NLU are capped (a local copy of the channel's check, bot.walks.inputs, counts them).
Exit status: 0 when there was no 5xx, no dropped connection and the server still answers.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import socket
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.walks.inputs import check_rest_payload  # noqa: E402  the channel's own check, to count NLU-bound requests

try:
    from ujson import loads as server_loads  # what Sanic parses with
except ImportError:  # pragma: no cover
    from json import loads as server_loads

PATH = "/webhooks/rest/webhook"
WORDS = [
    "hello",
    "menu",
    "skip",
    "yes",
    "no",
    "why",
    "back",
    "pause",
    "stop",
    "resume ABC-12",
    "mum",
    "baby",
    "neglect",
    "help",
    "999",
    "what is drift?",
    "not sure",
    "4",
    "ABC-12",
    "she's 3",
]
UNKNOWN_PAYLOADS = [
    "/no_such_intent",
    "/start_check{bad json",
    '/start_check{"x": }',
    "/",
    "//",
    "/greet{",
    '/greet{"a": [1, 2]}',
    "/skip@0.9",
    "/menu@nan",
    "/start_check{}{}",
    '/ask_question{"q":',
    "/__init__",
    "/nlu_fallback",
    "/../../etc/passwd",
    "/restart",
    "/session_start",
    '/greet{"entity": "' + "x" * 300 + '"}',
    "/start_check" + "}" * 50,
    '/inform{"a":1}',
]
ODD_TEXTS = [
    "<script>alert(1)</script>",
    "<b>bold</b> <img src=x onerror=alert(1)>",
    "&lt;&gt;&amp;",
    "\U0001f600\U0001f600\U0001f622",
    "\U0001f476\U0001f3fd",
    "\u200b\u200bhi\u200b",
    "\ufeffmenu",
    "'; DROP TABLE cases; --",
    "{{7*7}} ${7*7} %s %n",
    "\u202eevil\u202c",
    "ｈｅｌｌｏ",
    "Ḩ̵̛e̷l̶l̸o̵",
    "a\x00b\x01c\x7f",
    "\ud800 lone surrogate",
    "\ud83d",
    "\u0000",
    "\n\n\n\t",
    "￿",
    "\U0010ffff",
    "مرحبا",
    "你好",
    "שלום",
    "🙂" * 200,
    "x" * 4999,
    ("word " * 999)[:4999],
    "../" * 100,
    "null",
    "true",
    "[]",
    "{}",
    "NaN",
    "-0",
    "1e309",
]


def _rand_text(rnd: random.Random, n: int) -> str:
    pools = [
        range(0x20, 0x7F),
        range(0x00, 0x20),
        range(0x80, 0x300),
        range(0x1F300, 0x1F650),
        range(0x4E00, 0x4E80),
        range(0xD800, 0xD810),
        range(0xFFF0, 0x10000),
    ]
    out = []
    for _ in range(n):
        pool = rnd.choice(pools)
        out.append(chr(rnd.choice(pool)))
    return "".join(out)


WRONG = [
    None,
    True,
    False,
    0,
    -1,
    1.5,
    10**30,
    [],
    ["hi"],
    {},
    {"text": "hi"},
    "",
    " ",
    "\x00",
    float("inf"),
    "x" * 300,
]


class Gen:
    """One request: method, path, headers, body (bytes) or a raw HTTP message."""

    def __init__(self, rnd: random.Random, sender_prefix: str):
        self.rnd = rnd
        self.prefix = sender_prefix
        self.n = 0

    def sender(self) -> str:
        self.n += 1
        return f"{self.prefix}-{self.n % 50}"

    # each returns (kind, method, path, headers, body, raw)
    def bad_json(self):
        r = self.rnd
        good = json.dumps({"sender": self.sender(), "message": r.choice(WORDS)})
        choice = r.randrange(11)
        if choice == 0:
            body = good[: r.randrange(1, len(good) - 1)].encode()
        elif choice == 1:
            body = (good + r.choice(["}", "]", ",", "garbage", "\x00", "{}"])).encode()
        elif choice == 2:
            body = bytes(r.randrange(256) for _ in range(r.randrange(1, 400)))
        elif choice == 3:
            body = b'{"sender": "x", "message": "' + bytes([r.choice([0xFF, 0xFE, 0xC3, 0x80, 0xED])]) * 3 + b'"}'
        elif choice == 4:
            depth = r.choice([100, 1000, 5000, 20000])
            body = ("[" * depth + "]" * depth).encode() if r.random() < 0.5 else ("[" * depth).encode()
        elif choice == 5:
            body = b'{"sender": "x", "message": NaN}' if r.random() < 0.5 else b'{"sender": Infinity, "message": "hi"}'
        elif choice == 6:
            body = b"{'sender': 'x', 'message': 'single quotes'}"
        elif choice == 7:
            body = b'{"sender": "x", "message": "hi", "sender": ' + b"1" * r.choice([20, 400, 4000]) + b"}"
        elif choice == 8:
            body = good.encode("utf-16") if r.random() < 0.5 else good.encode("utf-32")
        elif choice == 9:
            body = b'{"sender": "x", "message": "\\ud800\\udfff\\uZZZZ"}'
        else:
            body = b"\xef\xbb\xbf" + good.encode()  # a byte-order mark
        return "bad_json", "POST", PATH, {"Content-Type": "application/json"}, body, None

    def not_object(self):
        obj = self.rnd.choice(
            [
                [],
                ["sender", "message"],
                "hello",
                42,
                3.14,
                None,
                True,
                [{"sender": "x"}],
                "x" * 1000,
                [[[[]]]],
                {"": ""},
            ]
        )
        return "not_object", "POST", PATH, {"Content-Type": "application/json"}, json.dumps(obj).encode(), None

    def wrong_types(self):
        r = self.rnd
        body: dict = {"sender": self.sender(), "message": r.choice(WORDS)}
        field = r.choice(["sender", "message", "metadata", "both", "missing"])
        if field == "sender":
            body["sender"] = r.choice(WRONG + ["s" * 201, "\ud800", "../../etc", "\n", 10**20])
        elif field == "message":
            body["message"] = r.choice(WRONG)
        elif field == "metadata":
            body["metadata"] = (
                r.choice([None, "x", 1, [], [1, 2], True])
                if r.random() < 0.8
                else {"channel": "msteams", "user_id": r.choice([None, 1, [], {"a": 1}])}
            )
        elif field == "both":
            body = {"sender": r.choice(WRONG), "message": r.choice(WRONG)}
        else:
            body.pop(r.choice(["sender", "message"]))
            if r.random() < 0.5:
                body["text"] = "hello"  # a near-miss field name
        try:
            data = json.dumps(body, allow_nan=True).encode("utf-8", "surrogatepass")
        except (TypeError, ValueError):
            data = b"{}"
        return "wrong_types", "POST", PATH, {"Content-Type": "application/json"}, data, None

    def sizes(self):
        r = self.rnd
        choice = r.randrange(6)
        if choice == 0:
            body = json.dumps({"sender": self.sender(), "message": "a" * r.choice([5001, 10_000, 60_000])}).encode()
        elif choice == 1:
            pad = "x" * r.choice([70_000, 200_000])
            body = json.dumps({"sender": self.sender(), "message": "hi", "pad": pad}).encode()
        elif choice == 2:
            body = b""
        elif choice == 3:
            body = json.dumps(
                {
                    "sender": self.sender(),
                    "message": r.choice(["", " ", "\n\t", "\x00\x01", "\u200b", "\x7f" * 10, "\r\n"]),
                }
            ).encode()
        elif choice == 4:
            body = json.dumps({"sender": self.sender(), "message": "🙂" * r.choice([1300, 2000, 5001])}).encode()
        else:
            body = b" " * r.choice([1, 100, 70_000])
        return "sizes", "POST", PATH, {"Content-Type": "application/json"}, body, None

    def methods_paths(self):
        r = self.rnd
        method = r.choice(["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "POST", "TRACE"])
        path = r.choice(
            [
                PATH,
                PATH + "/",
                PATH + "?x=1",
                PATH + "?sender=x&message=hi",
                "/webhooks/rest/",
                "/webhooks/rest",
                "/webhooks/rest/webhook%00",
                "/webhooks/rest/webhook/../webhook",
                "/webhooks/REST/webhook",
                "/webhooks/rest/webhook?" + "a=1&" * 200,
                "/webhooks/nope/webhook",
                "/webhooks/rest/webhook;x",
            ]
        )
        body = b""
        if method in ("POST", "PUT", "PATCH"):
            body = json.dumps({"sender": self.sender(), "message": ""}).encode()
        if method == "POST" and path.split("?")[0].rstrip("/") in (PATH, "/webhooks/rest/webhook/../webhook"):
            body = b"{bad"
        return "method_path", method, path, {"Content-Type": "application/json"}, body, None

    def headers(self):
        r = self.rnd
        body = r.choice(
            [
                b"{bad json",
                json.dumps({"sender": self.sender(), "message": ""}).encode(),
                json.dumps({"sender": self.sender()}).encode(),
                b"sender=x&message=hi",
            ]
        )
        hdrs = r.choice(
            [
                {"Content-Type": "text/plain"},
                {"Content-Type": "application/x-www-form-urlencoded"},
                {"Content-Type": "multipart/form-data; boundary=zzz"},
                {"Content-Type": "application/json; charset=latin-1"},
                {"Content-Type": "application/json; charset=utf-16"},
                {"Content-Type": "application/xml"},
                {"Content-Type": ""},
                {"Content-Type": "application/json", "Content-Encoding": "gzip"},
                {"Content-Type": "application/json", "Accept": "text/html"},
                {"Accept-Charset": "ebcdic"},
                {"Content-Type": "application/json", "X-Forwarded-For": "1.2.3.4, evil"},
                {"Content-Type": "application/json", "Authorization": "Bearer " + "x" * 2000},
                {"Content-Type": "application/json", "Cookie": "a=" + "b" * 4000},
                {"Content-Type": "application/json", "X-Long": "y" * r.choice([8000, 20_000])},
                {"Content-Type": "application/json", "Expect": "100-continue"},
                {"Content-Type": "application/json", "Origin": "http://evil.example"},
            ]
        )
        return "headers", "POST", PATH, hdrs, body, None

    def raw_http(self):
        r = self.rnd
        body = b'{"sender": "raw", "message": ""}'
        raw = r.choice(
            [
                b"POST " + PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n" + body,
                b"POST " + PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n" + body,
                b"POST " + PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
                b"POST " + PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 30\r\n\r\n{}",
                b"POST " + PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                b"ZZ\r\nxx\r\n0\r\n\r\n",
                b"POST " + PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                b"5\r\n{bad}\r\n0\r\n\r\n",
                b"FOO " + PATH.encode() + b" HTTP/1.1\r\nHost: x\r\n\r\n",
                b"POST " + PATH.encode() + b" HTTP/9.9\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}",
                b"POST " + PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n",
                b"POST " + PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nX-\xff\xfe: \xff\r\nContent-Length: 2\r\n\r\n{}",
                b"POST /webhooks/rest/web\x00hook HTTP/1.1\r\nHost: x\r\n\r\n",
                b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03",  # a TLS hello on plain HTTP
                b"GARBAGE\r\n\r\n",
                b"POST "
                + PATH.encode()
                + b" HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: "
                + str(len(body)).encode()
                + b"\r\n\r\n"
                + body,
            ]
        )
        return "raw_http", None, None, None, None, raw

    def reaches_nlu(self):
        r = self.rnd
        msg = r.choice(
            [
                r.choice(UNKNOWN_PAYLOADS),
                r.choice(ODD_TEXTS),
                _rand_text(r, r.randrange(1, 60)),
                r.choice(WORDS) + r.choice(ODD_TEXTS[:10]),
            ]
        )
        body = {"sender": self.sender(), "message": msg}
        if r.random() < 0.2:
            body["metadata"] = r.choice(
                [
                    {},
                    {"x": [1, 2, {"y": None}]},
                    {"channel": "msteams", "user_id": "someone"},
                    {"deep": json.loads("[" * 50 + "]" * 50)},
                ]
            )
        return (
            "nlu",
            "POST",
            PATH,
            {"Content-Type": "application/json"},
            json.dumps(body, ensure_ascii=r.random() < 0.5).encode("utf-8", "surrogatepass"),
            None,
        )


def would_reach_nlu(method, path, body: bytes | None) -> bool:
    """Whether the channel would pass this request on to NLU (its own check, run here)."""
    if method != "POST" or path is None or path.split("?")[0] != PATH or body is None:
        return False
    try:
        parsed = server_loads(body)
        not_json = False
    except Exception:
        parsed, not_json = None, True
    checked = check_rest_payload(parsed, not_json or not body, len(body))
    return not checked.error and not checked.reply


def send_raw(host: str, port: int, raw: bytes, timeout: float) -> int:
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.sendall(raw)
        try:
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        data = b""
        try:
            while b"\r\n" not in data and len(data) < 4096:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        except TimeoutError:
            return -2  # no answer: counted apart, not as a 5xx
    if not data:
        return 0  # the server closed the connection without an answer (its answer to garbage)
    try:
        return int(data.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return -3


def run(url: str, count: int, max_seconds: float, max_nlu: int, seed: int, verbose: bool = False) -> dict:
    parts = urlsplit(url)
    host, port = parts.hostname, parts.port or 80
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"fuzz_rest: refusing {host}: loopback only")
    rnd = random.Random(seed)
    gen = Gen(rnd, f"fuzz{seed}")
    kinds = [gen.bad_json, gen.not_object, gen.wrong_types, gen.sizes, gen.methods_paths, gen.headers, gen.raw_http]
    statuses: collections.Counter = collections.Counter()
    by_kind: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    failures: list[dict] = []
    session = requests.Session()
    start = time.monotonic()
    sent = nlu = errors = 0
    nlu_every = max(1, count // max_nlu) if max_nlu else 0
    while sent < count and time.monotonic() - start < max_seconds:
        if nlu_every and sent % nlu_every == 0 and nlu < max_nlu:
            kind, method, path, hdrs, body, raw = gen.reaches_nlu()
        else:
            kind, method, path, hdrs, body, raw = kinds[sent % len(kinds)]()
        reaches = raw is None and would_reach_nlu(method, path, body)
        if reaches and nlu >= max_nlu:
            continue  # over the budget: generate another
        nlu += reaches
        sent += 1
        try:
            if raw is not None:
                status = send_raw(host, port, raw, 15)
            else:
                resp = session.request(
                    method, f"http://{host}:{port}{path}", data=body, headers=hdrs, timeout=60 if reaches else 15
                )
                status = resp.status_code
        except requests.RequestException as exc:
            status, errors = -1, errors + 1
            session = requests.Session()
            failures.append({"kind": kind, "error": type(exc).__name__, "body": (body or b"")[:200].decode("latin-1")})
        statuses[status] += 1
        by_kind[kind][status] += 1
        if status >= 500 and len(failures) < 50:
            failures.append(
                {
                    "kind": kind,
                    "status": status,
                    "method": method,
                    "path": path,
                    "body": (body or raw or b"")[:300].decode("latin-1"),
                }
            )
        if verbose and sent % 500 == 0:
            print(f"  {sent} sent, {time.monotonic() - start:.0f} s", file=sys.stderr)
    elapsed = time.monotonic() - start
    alive = False
    try:
        ok = requests.post(
            f"http://{host}:{port}{PATH}", json={"sender": f"fuzz{seed}-after", "message": "hello"}, timeout=60
        )
        alive = ok.status_code == 200 and bool(ok.json())
    except (requests.RequestException, ValueError):
        alive = False
    five = sum(n for s, n in statuses.items() if s >= 500)
    return {
        "sent": sent,
        "seconds": round(elapsed, 1),
        "reached_nlu": nlu,
        "status_5xx": five,
        "connection_errors": errors,
        "server_alive_after": alive,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "by_kind": {k: {str(s): n for s, n in sorted(v.items())} for k, v in sorted(by_kind.items())},
        "failures": failures[:50],
        "note": "status 0: the server closed a malformed raw connection without an answer; -1: dropped "
        "connection or timeout; -2: no answer in time on a raw socket",
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default=f"http://127.0.0.1:{os.environ.get('RASA_PORT', '5005')}")
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--max-seconds", type=float, default=300)
    ap.add_argument("--max-nlu", type=int, default=200, help="at most this many requests reach NLU")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    report = run(args.url, args.count, args.max_seconds, args.max_nlu, args.seed, args.verbose)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"fuzz_rest: {report['sent']} requests in {report['seconds']} s, {report['reached_nlu']} reached NLU")
        print(
            f"  5xx answers: {report['status_5xx']}   dropped connections: {report['connection_errors']}   "
            f"server answers afterwards: {report['server_alive_after']}"
        )
        print("  by status: " + ", ".join(f"{s}: {n}" for s, n in report["statuses"].items()))
        for k, v in report["by_kind"].items():
            print(f"  {k:12} " + ", ".join(f"{s}: {n}" for s, n in v.items()))
        for f in report["failures"][:10]:
            print(f"  FAILED {f}")
    bad = report["status_5xx"] or report["connection_errors"] or not report["server_alive_after"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
