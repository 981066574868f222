"""make load: simulated practitioners doing whole guided checks at once, through nginx, on the
production profile (scripts/prod_local.sh), then checks of what was stored.

Each practitioner (a REST conversation of its own, with its own case reference) starts a
check and answers whatever question it is shown, the way a person using the buttons does:
the question is recognised from its text (the plan in knowledge/check.yml, rendered with
the answers given so far), an answer is chosen from its buttons (seeded, so a run can be
repeated), and the value the assistant should store is worked out with the same parser
(`bot.walks.check_plan.Plan.parse`). A "please try again" (503, `custom.retry`) is retried after a
pause, as a user would; a "here is where we are" (`custom.resync`) is answered afresh.

Afterwards, in PostgreSQL:
- lost answers: every answer the assistant accepted (it moved on to another question)
  must be stored, non-superseded, with the expected value, under the practitioner's case;
  an answer stored that the practitioner never gave to that question counts as misfiled;
- order: the stored answers are in the order given, the tracker's user messages are the
  messages that were handled, in order, and each conversation's event ids and timestamps
  increase together;
- each check is complete, one check per case.

Reports errors, lost and misfiled answers, order violations, and turn latency p50/p95/p99 to
results/load.json and results/load.md (and stdout). Exit status 1 if any of them is not 0.

    python scripts/load_test.py [--users 50] [--deadline 600] [--think 0.5 2.0] [--keep]

The stack is started if nginx does not answer (and stopped afterwards unless --keep).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PROD = ROOT / "var" / "prod"

# Plain answers to "What does the child say?". (Some fuller answers are taken by this model as
# a question about practice or as immediate danger; the load test measures the platform.)
CHILD_VOICE = ["nothing yet", "not asked yet", "nothing so far"]


# -- the stack ---------------------------------------------------------------------------------
def read_env_file(path: Path) -> dict[str, str]:
    out = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if "=" in line and not line.lstrip().startswith("#"):
                k, v = line.split("=", 1)
                out[k.strip()] = v.strip().strip('"')
    return out


@dataclass
class Stack:
    url: str
    token: str
    database_url: str
    started_here: bool = False

    @classmethod
    def connect(cls, start: bool = True) -> Stack:
        started = False
        if not _healthy():
            if not start:
                raise SystemExit("the production profile is not running: make prod-local")
            print("load: starting the production profile (scripts/prod_local.sh start)", flush=True)
            subprocess.run(["bash", "scripts/prod_local.sh", "start"], cwd=ROOT, check=True)
            started = True
        secrets, ports = read_env_file(PROD / "secrets.env"), read_env_file(PROD / "ports.env")
        return cls(
            url=f"http://127.0.0.1:{ports['NGINX_PORT']}",
            token=secrets["REST_API_TOKEN"],
            database_url=f"postgresql://assistant:{secrets['PG_PASSWORD']}@127.0.0.1:{ports['PG_PORT']}/assistant",
            started_here=started,
        )

    def stop(self) -> None:
        subprocess.run(["bash", "scripts/prod_local.sh", "stop"], cwd=ROOT, check=False)


def _healthy() -> bool:
    ports = read_env_file(PROD / "ports.env")
    if not ports or not (PROD / "secrets.env").exists():
        return False
    import urllib.request

    try:
        for url in [f"http://127.0.0.1:{ports['NGINX_PORT']}/healthz"] + [
            f"http://127.0.0.1:{p}/webhooks/rest/" for p in ports["RASA_PORTS"].split()
        ]:
            with urllib.request.urlopen(url, timeout=3) as r:
                if r.status != 200:
                    return False
        return True
    except OSError:
        return False


# -- one practitioner --------------------------------------------------------------------------
@dataclass
class Turn:
    sender: str
    message: str
    status: int
    latency: float
    kind: str  # ok, retry (please try again), resync, error
    started: float
    question: str | None = None


@dataclass
class Practitioner:
    index: int
    run_id: str
    url: str
    token: str
    rng: random.Random
    think: tuple[float, float] = (0.5, 2.0)
    max_attempts: int = 8
    timeout: float = 150.0
    sender: str = ""
    reference: str = ""
    turns: list[Turn] = field(default_factory=list)
    answered: list[tuple[str, str]] = field(default_factory=list)  # (question id, expected value), in order
    attempts: list[tuple[str, str, str]] = field(default_factory=list)  # (question id, expected value, kind)
    handled_messages: list[str] = field(default_factory=list)  # messages whose turn succeeded (not resynced)
    failed_messages: list[str] = field(default_factory=list)  # messages answered "please try again"
    completed: bool = False
    error: str = ""
    retries_seen: int = 0
    message_count: int = 0
    resyncs_seen: int = 0
    in_flight: int = 0  # requests sent and not yet answered (0 or 1)

    def __post_init__(self) -> None:
        self.sender = self.sender or f"load-{self.run_id}-{self.index:03d}"
        # letters, a dash and a number, like the references practitioners use (ABC-12, FAM-0042)
        letters = "".join(chr(ord("A") + int(c, 16) % 26) for c in self.run_id[:5] if c in "0123456789abcdef")
        self.reference = self.reference or f"LT{letters}-{self.index:03d}"

    async def post(
        self, session: aiohttp.ClientSession, message: str, question: str | None, expected: str | None = None
    ) -> tuple[str, list]:
        """One message, retried while the answer is 'please try again' (with the same message id, so
        a turn that succeeded but whose answer was lost is not taken twice). Returns (kind, messages)."""
        self.message_count += 1
        message_id = f"{self.sender}:{self.message_count}"
        for attempt in range(self.max_attempts):
            t0 = time.monotonic()
            started = time.time()
            status, body = 0, None
            self.in_flight += 1
            try:
                async with session.post(
                    f"{self.url}/webhooks/rest/webhook",
                    params={"sender": self.sender},
                    json={"sender": self.sender, "message": message, "message_id": message_id},
                    headers={"Authorization": f"Bearer {self.token}"},
                    timeout=aiohttp.ClientTimeout(total=self.timeout),
                ) as r:
                    status = r.status
                    try:
                        body = await r.json(content_type=None)
                    except Exception:
                        body = None
            except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                body = {"error": f"{type(exc).__name__}: {exc}"}
            finally:
                self.in_flight -= 1
            latency = time.monotonic() - t0
            msgs = body if isinstance(body, list) else []
            custom = next((m.get("custom") for m in msgs if isinstance(m, dict) and m.get("custom")), None) or {}
            if status == 200 and custom.get("resync"):
                kind = "resync"
            elif status == 200:
                kind = "ok"
            elif status in (502, 503, 504) and custom.get("retry"):
                kind = "retry"
            else:
                kind = "error"
            self.turns.append(Turn(self.sender, message, status, latency, kind, started, question))
            if question is not None:
                self.attempts.append((question, expected or "", kind))
            if kind == "ok":
                self.handled_messages.append(message)
                return kind, msgs
            if kind == "resync":
                self.resyncs_seen += 1
                return kind, msgs
            if kind == "retry":
                self.retries_seen += 1
                self.failed_messages.append(message)
            else:
                self.failed_messages.append(message)
                self.error = f"HTTP {status}: {json.dumps(body)[:300]}"
            await asyncio.sleep(1.0 + attempt * 0.5 + self.rng.random())
        raise RuntimeError(f"no answer after {self.max_attempts} attempts ({self.error or 'please try again'})")

    async def run_check(self, session: aiohttp.ClientSession, plan, deadline: float) -> None:
        from bot.walks.check_plan import Plan  # noqa: F401 (the plan object comes from the caller)

        given: dict[str, str] = {}
        kind, msgs = await self.post(session, "/start_check", None)
        asked_before: str | None = None
        same_again = 0
        while time.monotonic() < deadline:
            text = "\n".join(m.get("text") or "" for m in msgs if isinstance(m, dict))
            if "Here is the summary" in text:
                self.completed = True
                return
            q = identify(plan, text, given)
            if q is None:
                raise RuntimeError(f"could not recognise the question in: {text[:300]!r}")
            if asked_before == q.id and kind == "ok" and self.answered and self.answered[-1][0] == q.id:
                # the assistant asked the same question again: the last answer was not taken
                self.answered.pop()
                given.pop(q.id, None)
                same_again += 1
                if same_again >= 3:
                    raise RuntimeError(
                        f"the assistant asked {q.id} again after three answers "
                        f"({self.turns[-1].message!r}): {text[:200]!r}"
                    )
            else:
                same_again = 0
            message, expected = choose_answer(plan, q, self)
            await asyncio.sleep(self.rng.uniform(*self.think))
            kind, msgs = await self.post(session, message, q.id, expected)
            if kind == "ok":
                self.answered.append((q.id, expected))
                given[q.id] = expected
            asked_before = q.id
        raise RuntimeError("deadline reached before the check was complete")


def identify(plan, text: str, given: dict[str, str]):
    """The question whose rendered text comes first in the reply (the longest of those starting
    there, if one question's text holds another's). A paired prompt asks two questions (issue
    19); the simulated practitioner answers the first and the check asks the other on its own.
    The examples shown depend on the age band and disability; when an answer to those was
    stored by a turn that failed, the practitioner does not know it, so every band is tried."""
    from bot.knowledge.loader import AGE_BANDS

    tries = [(given.get("q_age"), given.get("q_disability") == "yes")]
    tries += [(band, disabled) for band in list(AGE_BANDS) + [None] for disabled in (False, True)]
    for band, disabled in tries:
        best = None
        for q in plan.questions:
            rendered = q.render(band, disabled)
            if rendered and rendered in text:
                key = (text.index(rendered), -len(rendered))
                if best is None or key < best[2]:
                    best = (q, rendered, key)
        if best:
            return best[0]
    return None


def choose_answer(plan, q, who: Practitioner) -> tuple[str, str]:
    rng = who.rng
    if q.id == "q_danger_now":
        message = "No"
    elif q.kind == "case_ref":
        message = who.reference
    elif q.kind == "text":
        message = rng.choice(CHILD_VOICE)
    elif q.id.startswith("q_seen__"):
        message = rng.choices(["No", "Yes", "Not sure"], weights=[6, 3, 1])[0]
    elif q.options:
        message = rng.choice(q.options).label
    else:
        message = "don't know"
    parsed = plan.parse(q, message, dt.date.today())
    if not parsed.ok:
        raise RuntimeError(f"the load test's answer {message!r} does not parse for {q.id}: {parsed.detail}")
    return message, parsed.value


# -- checks in the database --------------------------------------------------------------------
def verify(database_url: str, people: list[Practitioner]) -> dict[str, Any]:
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url, future=True)
    out = {
        "lost_answers": 0,
        "misfiled_answers": 0,
        "wrong_value": 0,
        "order_violations": 0,
        "saved_from_failed_turns": 0,
        "duplicated_events": 0,
        "checks_not_complete": 0,
        "answers_sent": 0,
        "answers_found": 0,
        "conversations_checked": 0,
        "problems": [],
    }
    with engine.connect() as conn:
        for p in people:
            out["conversations_checked"] += 1
            rows = conn.execute(
                text(
                    "SELECT a.id, a.question_id, a.value, c.id AS check_id, c.status FROM answers a "
                    "JOIN checks c ON a.check_id = c.id JOIN cases k ON c.case_id = k.id "
                    "JOIN users u ON k.owner_id = u.id "
                    "WHERE k.reference = :ref AND u.external_id = :sender AND NOT a.superseded ORDER BY a.id"
                ),
                {"ref": p.reference, "sender": p.sender},
            ).fetchall()
            stored = {r.question_id: r.value for r in rows}
            out["answers_sent"] += len(p.answered)
            out["answers_found"] += len(rows)
            sent = dict(p.answered)
            # an answer whose turn failed ("please try again") may have been stored or not
            tried = {q: v for q, v, kind in p.attempts if kind in ("retry", "error")}
            for qid, value in p.answered:
                if qid not in stored:
                    out["lost_answers"] += 1
                    out["problems"].append(f"{p.sender}: answer to {qid} lost")
                elif stored[qid] != value:
                    out["wrong_value"] += 1
                    out["problems"].append(f"{p.sender}: {qid} stored {stored[qid]!r}, sent {value!r}")
            for qid in stored:
                if qid in sent:
                    continue
                if tried.get(qid) == stored[qid]:
                    out["saved_from_failed_turns"] += 1
                else:
                    out["misfiled_answers"] += 1
                    out["problems"].append(f"{p.sender}: {qid}={stored[qid]!r} stored but never given")
            order = [r.question_id for r in rows]
            expected_order = list(dict.fromkeys(q for q, _, _ in p.attempts if q in stored))
            if order != expected_order:
                out["order_violations"] += 1
                out["problems"].append(f"{p.sender}: answers stored in order {order}, given {expected_order}")
            checks = {(r.check_id, r.status) for r in rows}
            if p.completed and (len(checks) != 1 or next(iter(checks))[1] != "complete"):
                out["checks_not_complete"] += 1
                out["problems"].append(f"{p.sender}: checks {sorted(checks)}")
            # the tracker: the handled messages, in order; ids and timestamps increase together
            events = conn.execute(
                text("SELECT id, type_name, timestamp, data FROM events WHERE sender_id = :s " "ORDER BY id"),
                {"s": p.sender},
            ).fetchall()
            user_texts = [json.loads(e.data).get("text") for e in events if e.type_name == "user"]
            if not _in_order(p.handled_messages, user_texts, p.failed_messages):
                out["order_violations"] += 1
                out["problems"].append(
                    f"{p.sender}: tracker user messages {user_texts} vs handled {p.handled_messages}"
                )
            stamps = [e.timestamp for e in events if e.timestamp is not None]
            if any(b < a - 1e-3 for a, b in zip(stamps, stamps[1:], strict=False)):
                out["order_violations"] += 1
                out["problems"].append(f"{p.sender}: event timestamps go backwards")
            # an event written twice (same type, time and content) means a tracker was saved from a
            # stale copy
            keys = [(e.type_name, e.timestamp, e.data) for e in events]
            if len(set(keys)) != len(keys):
                out["duplicated_events"] += 1
                out["problems"].append(f"{p.sender}: {len(keys) - len(set(keys))} events stored twice")
    engine.dispose()
    out["problems"] = out["problems"][:50]
    # the turns of the conversations with a problem, for whoever reads the report
    bad = {line.split(":")[0] for line in out["problems"]}
    out["turn_logs"] = {
        p.sender: [[round(t.started, 3), t.message, t.kind, t.status, t.question, round(t.latency, 2)] for t in p.turns]
        for p in people
        if p.sender in bad
    }
    return out


def _in_order(handled: list[str], stored: list[str], failed: list[str]) -> bool:
    """Every handled message is in the tracker in order; the tracker has nothing else but
    messages whose turn failed (which may or may not have been saved)."""
    i = 0
    spare = list(failed)
    for text in stored:
        if i < len(handled) and text == handled[i]:
            i += 1
        elif text in spare:
            spare.remove(text)
        else:
            return False
    return i == len(handled)


# -- report ------------------------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def summarise(people: list[Practitioner], wall: float, checks: dict[str, Any], args: Any) -> dict[str, Any]:
    turns = [t for p in people for t in p.turns]
    ok = [t.latency for t in turns if t.kind in ("ok", "resync")]
    errors = [p.error or "incomplete" for p in people if not p.completed]
    return {
        "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "practitioners": len(people),
        "concurrent": len(people),
        "think_time_s": list(args.think),
        "wall_time_s": round(wall, 1),
        "checks_completed": sum(p.completed for p in people),
        "turns": len(turns),
        "turns_per_s": round(len(turns) / wall, 2) if wall else None,
        "errors": len(errors) + sum(1 for t in turns if t.kind == "error"),
        "error_samples": errors[:10],
        "please_try_again": sum(1 for t in turns if t.kind == "retry"),
        "resyncs": sum(1 for t in turns if t.kind == "resync"),
        "latency_ms": {
            "p50": round(percentile(ok, 0.50) * 1000),
            "p95": round(percentile(ok, 0.95) * 1000),
            "p99": round(percentile(ok, 0.99) * 1000),
            "mean": round(statistics.mean(ok) * 1000) if ok else None,
            "max": round(max(ok) * 1000) if ok else None,
        },
        **{k: v for k, v in checks.items() if k not in ("problems", "turn_logs")},
        "problems": checks.get("problems", []),
        "turn_logs": checks.get("turn_logs", {}),
    }


def markdown(report: dict[str, Any], title: str = "Load test") -> str:
    lat = report["latency_ms"]
    rows = [
        ("practitioners at once", report.get("concurrent", report["practitioners"])),
        ("whole checks completed", f"{report['checks_completed']} / {report['practitioners']}"),
        ("turns (REST requests)", report["turns"]),
        ("wall time", f"{report['wall_time_s']} s ({report['turns_per_s']} turns/s)"),
        ("errors", report["errors"]),
        ("'please try again' answers", report["please_try_again"]),
        ("'here is where we are' answers", report["resyncs"]),
        ("answers sent / found in PostgreSQL", f"{report['answers_sent']} / {report['answers_found']}"),
        ("lost answers", report["lost_answers"]),
        ("misfiled or wrong answers", report["misfiled_answers"] + report["wrong_value"]),
        ("order violations / events stored twice", f"{report['order_violations']} / {report['duplicated_events']}"),
        ("latency p50 / p95 / p99", f"{lat['p50']} / {lat['p95']} / {lat['p99']} ms"),
        ("latency mean / max", f"{lat['mean']} / {lat['max']} ms"),
    ]
    out = [f"### {title} ({report['when']})", "", "| measure | value |", "| --- | --- |"]
    out += [f"| {k} | {v} |" for k, v in rows]
    return "\n".join(out) + "\n"


# -- main --------------------------------------------------------------------------------------
async def run_people(people: list[Practitioner], plan, deadline: float, ramp: float) -> None:
    conn = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=conn) as session:

        async def one(p: Practitioner) -> None:
            await asyncio.sleep(ramp * p.index / max(1, len(people)))
            try:
                await p.run_check(session, plan, deadline)
            except Exception as exc:
                p.error = p.error or f"{type(exc).__name__}: {exc}"

        await asyncio.gather(*(one(p) for p in people))


def in_flight(people: list[Practitioner]) -> int:
    """Turns sent and not yet answered, now."""
    return sum(p.in_flight for p in people)


async def keep_busy(
    workers: int,
    stack: Stack,
    plan,
    seed: int,
    think: tuple[float, float],
    stop: asyncio.Event,
    people: list[Practitioner],
    deadline: float,
    ramp: float = 3.0,
) -> None:
    """`workers` practitioners at once, each doing one whole check after another (a new
    conversation and case reference each time) until `stop` is set; the check under way then is
    finished. Every practitioner made is appended to `people` (for verify())."""
    run_id = uuid.uuid4().hex[:8]
    made = [0]
    conn = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=conn) as session:

        async def worker(w: int) -> None:
            await asyncio.sleep(ramp * w / max(1, workers))
            while not stop.is_set() and time.monotonic() < deadline:
                i = made[0]
                made[0] += 1
                p = Practitioner(i, run_id, stack.url, stack.token, random.Random(seed * 1000 + i), think=think)
                people.append(p)
                try:
                    await p.run_check(session, plan, deadline)
                except Exception as exc:
                    p.error = p.error or f"{type(exc).__name__}: {exc}"

        await asyncio.gather(*(worker(w) for w in range(workers)))


def make_people(n: int, stack: Stack, seed: int, think: tuple[float, float], run_id: str | None = None):
    run_id = run_id or uuid.uuid4().hex[:8]
    return [
        Practitioner(i, run_id, stack.url, stack.token, random.Random(seed * 1000 + i), think=think) for i in range(n)
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--deadline", type=float, default=600, help="seconds for the whole run (bounded)")
    ap.add_argument("--think", type=float, nargs=2, default=(0.5, 2.0), help="pause between answers, seconds")
    ap.add_argument("--ramp", type=float, default=5.0, help="seconds over which the practitioners start")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--keep", action="store_true", help="leave the stack running if this run started it")
    ap.add_argument("--out", default="results/load")
    args = ap.parse_args(argv)

    from bot.walks.check import default_plan

    plan = default_plan()
    stack = Stack.connect()
    try:
        people = make_people(args.users, stack, args.seed, tuple(args.think))
        t0 = time.monotonic()
        print(
            f"load: {args.users} practitioners doing whole checks through {stack.url} (bounded to "
            f"{args.deadline:.0f} s)",
            flush=True,
        )
        asyncio.run(run_people(people, plan, time.monotonic() + args.deadline, args.ramp))
        wall = time.monotonic() - t0
        checks = verify(stack.database_url, people)
        report = summarise(people, wall, checks, args)
    finally:
        if stack.started_here and not args.keep:
            stack.stop()
    write_report(args.out, report, markdown(report))
    return 1 if failed(report) else 0


def write_report(out_arg: str, report: dict, md: str) -> None:
    """results/<name>.json and .md, and the table on stdout (with the first problems, if any)."""
    out = ROOT / out_arg
    out.parent.mkdir(parents=True, exist_ok=True)
    Path(f"{out}.json").write_text(json.dumps(report, indent=2) + "\n")
    Path(f"{out}.md").write_text(md)
    print(md)
    if report.get("problems"):
        print("problems:\n  " + "\n  ".join(report["problems"][:20]))


def failed(report: dict) -> bool:
    """Any error, lost, misfiled or wrong answer, order violation, or check not completed."""
    return bool(
        report["errors"]
        or report["lost_answers"]
        or report["misfiled_answers"]
        or report["wrong_value"]
        or report["order_violations"]
        or report["duplicated_events"]
        or report["checks_not_complete"]
        or report["checks_completed"] < report["practitioners"]
    )


if __name__ == "__main__":
    sys.exit(main())
