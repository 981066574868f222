"""Accounts first seen (issue 19): each dev accounts set read by the reader AS IT WAS before the
set was tuned on, scored as scripts/eval_listening.py eval_accounts scores it, and a table per
question: pre-filled, wrong, precision (first seen) and missed (expected, not pre-filled).

Each older reader runs in its own git worktree (/tmp/lc1-<sha>, made here when missing, with the
main venv linked in); the set's file is read from this tree's tests/data/eval/. The items found
are kept in var/account_firstseen/<sha>_<set>.json (the reader of a commit never changes).

  python scripts/account_firstseen.py                    # every pair in FIRST_SEEN and LATER (commits())
  python scripts/account_firstseen.py --sets dev17 dev18 # some of them
  python scripts/account_firstseen.py --gate             # and with this tree's account.not_from_account
                                                         # applied to the old readers' items (before -> after)
  python scripts/account_firstseen.py --loso 1.0         # a (question, value) gate, leave-one-set-out
  python scripts/account_firstseen.py --items dev17      # every pre-filled item of a set, wrong first
  python scripts/account_firstseen.py --missed           # expected answers not pre-filled, first seen and now,
                                                         # by question and expected value (counts and ids)
  python scripts/account_firstseen.py --loso-words 1.0   # (S16-LC4) a (question, value, the words read from)
                                                         # gate, leave-one-set-out; --least N, --clauses

(S16-LC5) accounts_dev25 is first seen by 58ae61f, session 16's starting code (LATER_AT).

(S17-LC7) this tree's reader on every dev set, kept under a tag, and two tags compared per set
(right, wrong, right - 3 x wrong; each item that changed), to judge a change on the sets it was
not made from:
  python scripts/account_firstseen.py --now before        # every dev set (dev, dev2 .. dev26) read now
  python scripts/account_firstseen.py --compare before after --made-from dev26

Only dev sets are listed: a held-out or blind set is never read here.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EVAL = ROOT / "tests" / "data" / "eval"
CACHE = ROOT / "var" / "account_firstseen"

# set -> the commit whose reader first saw it (the code before the set was tuned on)
FIRST_SEEN = {
    "dev10": "cc3697d",  # session 8's end, before its blind sets joined (21031a7^)
    "dev11": "75b68e7",  # session 9, measured before its items were read (210ff28^)
    "dev12": "0ba0ac3",  # session 9's end, blind (3de670f^)
    "dev13": "0211e08",  # session 10, first seen (ae82ece^)
    "dev14": "aff46b4",  # session 10's end, blind, measured by the lead at aff46b4
    "dev15": "5f3c954",  # session 11 (8f13eba^)
    "dev16": "5f3c954",  # session 11's blind set
    "dev17": "d09f72e",  # session 11's code, first seen in session 12
    "dev18": "d09f72e",  # session 12's blind set
    "dev19": "2fced04",  # session 12's code, first seen in session 13
    "dev20": "6d8511d",  # session 13's blind set: session 13's end (the reader unchanged since 42b5f54)
    "dev21": "6d8511d",  # session 13's code, first seen by the lead in session 14 (e9ee9aa)
}
# (S16-LC4) later dev sets first seen by the reader as it stood at session 16's start: it did not
# change from 42b5f54 to 58ae61f, so 6d8511d reads them as it did. Only sets eval_listening.PARTS
# lists as dev splits are taken (a blind set is never one).
AT_SESSION16 = "6d8511d"
LATER = ("dev22", "dev23", "dev24")  # session 14's blind set; session 15's first-seen and blind sets
# (S16-LC5) dev sets written in session 16, first seen by the code at session 16's start (58ae61f)
# accounts_dev26 was session 16's blind twin, first measured (counts only) by the same code; a dev set
# from session 17
# (session 17) accounts_dev27, first seen by session 17's starting code; its twin accounts_dev28 is blind
# accounts_dev28, session 17's blind twin, first measured (counts only) by the same code; a dev set from
# session 18
# (session 18) accounts_dev29, first seen by session 18's starting code; its twin accounts_dev30 is blind
# accounts_dev30, session 18's blind twin, first measured (counts only) by the same code; a dev set from
# session 19
LATER_AT = {
    "dev25": "58ae61f",
    "dev26": "58ae61f",
    "dev27": "90d2b28",
    "dev28": "90d2b28",
    "dev29": "0e069ac",
    "dev30": "0e069ac",
    "dev31": "e134fff",  # (session 19) accounts_dev31, first seen by session 19's starting code
    "dev32": "e134fff",  # its blind twin in session 19, first measured by the same code
    "dev33": "63bceb5",  # (session 20) accounts_dev33, first seen by session 20's starting code; dev34 is blind
    "dev34": "63bceb5",  # its blind twin in session 20, first measured by the same code; dev from session 21
    "dev35": "6125b44",  # (session 21) accounts_dev35, first seen by session 21's starting code; dev36 is blind
    "dev36": "6125b44",  # its blind twin in session 21, first measured by the same code; dev from session 22
    "dev37": "8c8a02c",  # (session 22) accounts_dev37, first seen by session 22's starting code; dev38 is blind
    "dev38": "8c8a02c",  # (session 23) accounts_dev38, blind in session 22: session 22's starting code saw it first
    "dev39": "81b11f8",  # (session 23) accounts_dev39, first seen by session 23's starting code; dev40 is blind
}


def commits() -> dict[str, str]:
    """Set -> the commit whose reader first saw it: FIRST_SEEN and the later dev sets."""
    import scripts.eval_listening as ev

    later = {**{s: AT_SESSION16 for s in LATER}, **LATER_AT}
    return {**FIRST_SEEN, **{s: sha for s, sha in later.items() if s in ev.PARTS and s.startswith("dev")}}


CHILD = r"""
import json, sys, yaml
from datetime import date
sys.path.insert(0, ".")
from bot.lang.account import read_account
from bot.walks.check import default_plan

def values(v):
    if isinstance(v, (list, tuple)):
        return frozenset(str(x) for x in v)
    return frozenset(str(v).split(","))

p = default_plan()
out = []
for item in (yaml.safe_load(open(sys.argv[1], encoding="utf-8")) or {}).get("items") or []:
    acc = read_account(str(item["text"]), p, date(2026, 12, 5))
    got = acc.answers()
    expected = {k: values(v) for k, v in (item.get("expected") or {}).items()}
    facts = {k: values(v) for k, v in (item.get("fact_values") or {}).items()}
    also = {k: {values(a) for a in (v if isinstance(v, list) else [v])} for k, v in (item.get("also_ok") or {}).items()}
    rows = []
    for qid, want in expected.items():
        right = qid in got and (values(got[qid]) == want or values(got[qid]) in also.get(qid, set()))
        rows.append({"q": qid, "kind": "expected", "right": right, "got": qid in got, "want": sorted(want)})
    for i in acc.items:
        qid, value = i.question_id, i.value
        truth = expected.get(qid) or facts.get(qid)
        fine = (truth is None or values(value) == truth or values(value) in also.get(qid, set())
                or (qid == "q_child_voice" and value == "given"))
        if truth is None and qid in (item.get("not_given") or []) and qid != "q_child_voice":
            fine = values(value) in also.get(qid, set())
        rows.append({"q": qid, "kind": "prefilled", "value": value, "evidence": i.evidence, "fine": bool(fine),
                     "truth": sorted(truth or []), "expected": qid in expected})
    out.append({"id": item["id"], "rows": rows})
print(json.dumps(out))
"""


def worktree(sha: str) -> Path:
    path = Path(f"/tmp/lc1-{sha}")
    if not path.exists():
        subprocess.run(["git", "worktree", "add", "--detach", str(path), sha], cwd=ROOT, check=True)
        (path / ".venv").symlink_to(ROOT / ".venv")
    return path


def first_seen(name: str, sha: str | None = None) -> list[dict]:
    """The items of accounts_<name>.yml as the reader of `sha` read them (cached); sha None: this tree."""
    key = sha or "work"
    cache = CACHE / f"{key}_{name}.json"
    if sha and cache.exists():
        return json.loads(cache.read_text())
    where = worktree(sha) if sha else ROOT
    env = {**os.environ, "PYTHONPATH": str(where), "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-c", CHILD, str(EVAL / f"accounts_{name}.yml")],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    items = json.loads(done.stdout.strip().splitlines()[-1])
    CACHE.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(items))
    return items


def dev_files() -> list[str]:
    """Every dev accounts file's name (accounts_<name>.yml) of a dev split eval_listening reads."""
    import scripts.eval_listening as ev

    names = [f"{s}{p}" if s == "dev" else s for s, parts in ev.PARTS.items() if s.startswith("dev") for p in parts]
    return [n for n in names if (EVAL / f"accounts_{n}.yml").exists()]


def read_now(tag: str, sets: list[str]) -> None:
    """Read each set with this tree's reader and keep its items under `tag`."""
    for name in sets:
        items = first_seen(name)
        (CACHE / f"now-{tag}_{name}.json").write_text(json.dumps(items))
        b = totals(table(items))
        print(f"{name}: right {b[3]}/{b[2]}, wrong {b[1]}/{b[0]}", flush=True)


def _scored(items: list[dict]) -> dict[tuple[str, str, str], str]:
    """(item id, question, kind) -> how it scored: 'right', 'wrong', 'fine' or 'missed'."""
    out = {}
    for it in items:
        for r in it["rows"]:
            if r["kind"] == "expected":
                out[(it["id"], r["q"], "e")] = "right" if r["right"] else ("missed" if not r["got"] else "not right")
            else:
                out[(it["id"], r["q"], "p")] = f"{r['value']} ({'fine' if r['fine'] else 'WRONG'})"
    return out


def compare(a: str, b: str, sets: list[str], made_from: list[str]) -> None:
    """Two tags' readings per set, and the totals on the sets a change was made from and on the rest."""
    pooled = {"made from": [0, 0, 0, 0], "left out": [0, 0, 0, 0]}
    for name in sets:
        x = json.loads((CACHE / f"now-{a}_{name}.json").read_text())
        y = json.loads((CACHE / f"now-{b}_{name}.json").read_text())
        tx, ty = totals(table(x)), totals(table(y))
        group = pooled["made from" if name in made_from else "left out"]
        for i, v in enumerate((tx[3], tx[1], ty[3], ty[1])):
            group[i] += v
        sx, sy = _scored(x), _scored(y)
        changed = [(k, sx.get(k, "-"), sy.get(k, "-")) for k in sorted(set(sx) | set(sy)) if sx.get(k) != sy.get(k)]
        if changed or tx != ty:
            print(f"{name}: right {tx[3]} -> {ty[3]}/{ty[2]}, wrong {tx[1]}/{tx[0]} -> {ty[1]}/{ty[0]}")
            for k, u, v in changed:
                print(f"    {k[0]} {k[1]} {'expected' if k[2] == 'e' else 'pre-filled'}: {u} -> {v}")
    for label, (r0, w0, r1, w1) in pooled.items():
        print(f"{label}: right {r0} -> {r1}, wrong {w0} -> {w1}, right - 3 x wrong {r0 - 3 * w0} -> {r1 - 3 * w1}")


def not_from_account(r: dict) -> bool:
    """This tree's account.not_from_account (knowledge/language/account_words.yml) on an old row."""
    from bot.lang.account import Item, _not_from_account

    return _not_from_account(Item(r["q"], r["value"], r["evidence"]))


def gated(items: list[dict], drop) -> list[dict]:
    """The old reader's items less those drop(row) is true of: no longer pre-filled (an expected
    answer one of them was is then missed)."""
    out = []
    for it in items:
        pre = [r for r in it["rows"] if r["kind"] == "prefilled" and not drop(r)]
        kept = {r["q"] for r in pre}
        rows = list(pre)
        for r in it["rows"]:
            if r["kind"] == "expected":
                rows.append({**r, "right": r["right"] and r["q"] in kept, "got": r["got"] and r["q"] in kept})
        out.append({"id": it["id"], "rows": rows})
    return out


MULTI = ("q_parental_factors", "q_dc_signs", "q_strengths", "q_material")


def cell(r: dict) -> tuple[str, str]:
    """(question, value) of a pre-filled row; one cell for a multi question and for each type's
    how-often and impact together."""
    q = r["q"].partition("__")[0] if r["q"].startswith(("q_pattern", "q_impact")) else r["q"]
    return q, "*" if q in MULTI else r["value"]


def loso(sets: list[str], k: float = 1.0, least: int = 3) -> None:
    """A gate fitted by leave-one-set-out: on every set but one, the cells (question, value) whose
    first-seen wrong readings outnumber k x their right ones (at least `least` read) are not
    pre-filled; applied to the set left out. Prints each set first seen before -> after."""
    data = {s: first_seen(s, commits()[s]) for s in sets}

    def fit(train: list[str]) -> set:
        c: dict = defaultdict(lambda: [0, 0, 0])
        for s in train:
            for it in data[s]:
                rights = {r["q"] for r in it["rows"] if r["kind"] == "expected" and r["right"]}
                for r in it["rows"]:
                    if r["kind"] == "prefilled":
                        n = c[cell(r)]
                        n[0], n[1], n[2] = n[0] + 1, n[1] + (not r["fine"]), n[2] + (r["q"] in rights)
        return {key for key, (n, w, rt) in c.items() if n >= least and w > k * rt}

    tb, ta = [0] * 5, [0] * 5
    for s in sets:
        drop = fit([x for x in sets if x != s])
        b = totals(table(data[s]))
        a = totals(table(gated(data[s], lambda r, d=drop: cell(r) in d)))
        tb, ta = [x + y for x, y in zip(tb, b, strict=True)], [x + y for x, y in zip(ta, a, strict=True)]
        print(f"{s} (gate {sorted(drop)}): right {b[3]} -> {a[3]} of {b[2]}, wrong {b[1]}/{b[0]} -> {a[1]}/{a[0]}")
    print(
        f"all left out: right {tb[3]} -> {ta[3]} of {tb[2]}, wrong {tb[1]}/{tb[0]} ({tb[1] / tb[0]:.1%}) -> "
        f"{ta[1]}/{ta[0]} ({ta[1] / max(ta[0], 1):.1%})"
    )


NUMBER_WORD = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b")


def part_keys(evidence: str, longest: int = 5) -> list[str] | None:
    """The words an item was read from, one key per part (", " between them; a number as "#"), or
    None when a part is a clause (more than `longest` words): such an item is never gated."""
    keys = []
    for part in evidence.split(", "):
        words = re.findall(r"[a-z0-9'\u2019#&]+", NUMBER_WORD.sub("#", part.lower()))
        if not words or len(words) > longest:
            return None
        keys.append(" ".join(words))
    return keys


STOP = frozenset(
    "the a an and or but of to in on at for with from by is was are were be been has have had he she they it "
    "his her their him them this that there not no i we me my our you your as so very when who which what".split()
)


def clause_keys(evidence: str) -> list[str]:
    """The words of a clause an item was read from (without the commonest): a gate key each."""
    words = re.findall(r"[a-z][a-z'\u2019-]+", evidence.lower())
    return [w for w in dict.fromkeys(words) if w not in STOP and len(w) > 2]


def fit_words(
    items_of: list[list[dict]], k: float, least: int, clauses: bool = False
) -> dict[tuple[str, str], list[str]]:
    """(question, value) -> the words that read it and were wrong at least `least` times and more
    than k x as often as they made an expected answer right, on the items given (first seen).
    clauses: items read from a clause (a type's signs) are keyed by each word of it."""
    c: dict = defaultdict(lambda: [0, 0])
    for items in items_of:
        for it in items:
            rights = {r["q"] for r in it["rows"] if r["kind"] == "expected" and r["right"]}
            for r in it["rows"]:
                if r["kind"] != "prefilled":
                    continue
                keys = part_keys(r["evidence"])
                if keys is None and clauses:
                    keys = clause_keys(r["evidence"])
                if not keys:
                    continue
                for key in dict.fromkeys(keys):
                    n = c[(r["q"], r["value"], key)]
                    n[0] += not r["fine"]
                    n[1] += r["q"] in rights
    out: dict = defaultdict(list)
    for (q, value, key), (w, rt) in sorted(c.items()):
        if w >= least and w > k * rt:
            out[(q, value)].append(key)
    return dict(out)


def word_gate(gate: dict):
    """drop(row): the row's (question, value) has gate words and every part of its evidence holds
    one, as bot/lang/account.py words_only reads account.not_from_account."""
    from bot.lang.account import words_only

    return lambda r: bool(gate.get((r["q"], r["value"]))) and words_only(gate[(r["q"], r["value"])], r["evidence"])


def loso_words(sets: list[str], k: float = 1.0, least: int = 2, now: bool = False, clauses: bool = False) -> None:
    """A gate of the words a reading came from (question, value, words), fitted on every set's first-
    seen items but one and applied to the set left out (first seen; with now=True also to this
    tree's reading of it). Prints per set right and wrong before -> after, per question the wrong
    and right removed, and right - 3 x wrong."""
    data = {s: first_seen(s, commits()[s]) for s in sets}
    tb, ta = [0] * 5, [0] * 5
    byq: dict = defaultdict(lambda: [0, 0])
    for s in sets:
        gate = fit_words([data[x] for x in sets if x != s], k, least, clauses)
        drop = word_gate(gate)
        before, after = data[s], gated(data[s], drop)
        b, a = totals(table(before)), totals(table(after))
        tb, ta = [x + y for x, y in zip(tb, b, strict=True)], [x + y for x, y in zip(ta, a, strict=True)]
        for it in before:
            rights = {r["q"] for r in it["rows"] if r["kind"] == "expected" and r["right"]}
            for r in it["rows"]:
                if r["kind"] == "prefilled" and drop(r):
                    q = cell(r)[0]
                    byq[q][0] += not r["fine"]
                    byq[q][1] += r["q"] in rights
                    print(f"   {s} {'BAD' if not r['fine'] else 'ok '} {r['q']} = {r['value']}: {r['evidence'][:70]!r}")
        print(f"{s}: right {b[3]} -> {a[3]} of {b[2]}, wrong {b[1]}/{b[0]} -> {a[1]}/{a[0]}")
    print("per question: wrong removed, right lost")
    for q, (w, rt) in sorted(byq.items()):
        print(f"  {q:28} {w:3} {rt:3}")
    print(
        f"all left out (k={k}, least={least}): right {tb[3]} -> {ta[3]} of {tb[2]}, wrong {tb[1]}/{tb[0]} "
        f"({tb[1] / tb[0]:.1%}) -> {ta[1]}/{ta[0]} ({ta[1] / max(ta[0], 1):.1%}); right - 3 x wrong "
        f"{tb[3] - 3 * tb[1]} -> {ta[3] - 3 * ta[1]}"
    )
    if now:
        print("the gate fitted on every set:")
        for (q, value), words in sorted(fit_words(list(data.values()), k, least, clauses).items()):
            print(f"  {q} {value}: {words}")


def table(items: list[dict]) -> dict[str, list[int]]:
    """question -> [pre-filled, wrong, expected, right, missed]."""
    t: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for it in items:
        for r in it["rows"]:
            q = r["q"].partition("__")[0] if r["q"].startswith(("q_pattern", "q_impact")) else r["q"]
            if r["kind"] == "prefilled":
                t[q][0] += 1
                t[q][1] += not r["fine"]
            else:
                t[q][2] += 1
                t[q][3] += r["right"]
                t[q][4] += not r["got"]
    return dict(t)


def totals(t: dict[str, list[int]]) -> list[int]:
    return [sum(v[i] for v in t.values()) for i in range(5)]


def show(name: str, t: dict[str, list[int]]) -> None:
    print(f"\n{name}: question, pre-filled, wrong, precision, expected, right, missed")
    for q, (pre, wrong, exp, right, missed) in sorted(t.items(), key=lambda kv: -kv[1][1]):
        prec = f"{(pre - wrong) / pre:.2f}" if pre else "-"
        print(f"  {q:28} {pre:4} {wrong:4} {prec:>5} {exp:4} {right:4} {missed:4}")
    pre, wrong, exp, right, _ = totals(t)
    print(
        f"  {'total':28} {pre:4} {wrong:4}  right {right}/{exp} ({right / max(exp, 1):.0%}), "
        f"wrong {wrong}/{pre} ({wrong / max(pre, 1):.1%})"
    )


def _missed_rows(items: list[dict]) -> list[tuple[str, str, str]]:
    """(item id, question, expected value) of each expected answer not pre-filled."""
    return [
        (it["id"], r["q"], ",".join(r["want"]))
        for it in items
        for r in it["rows"]
        if r["kind"] == "expected" and not r["got"]
    ]


def missed(sets: list[str], quiet: bool = False) -> None:
    """What the reader misses (expected, not pre-filled), first seen and with this tree's reader, by
    question (how often and impact per type together) and expected value: the misses of the sets
    pooled, and each set's count."""
    first: dict = defaultdict(int)
    now: dict = defaultdict(int)
    for name in sets:
        a = _missed_rows(first_seen(name, commits()[name]))
        b = _missed_rows(first_seen(name))
        print(f"{name}: missed first seen {len(a)}, now {len(b)}")
        for rows, into in ((a, first), (b, now)):
            for _, q, want in rows:
                into[(q.partition("__")[0] if q.startswith(("q_pattern", "q_impact")) else q, want)] += 1
    if quiet:
        return
    print("\nquestion, expected value: missed first seen, now")
    for key in sorted(set(first) | set(now), key=lambda k: (-first.get(k, 0), k)):
        print(f"  {key[0]:28} {key[1]:40} {first.get(key, 0):4} {now.get(key, 0):4}")
    print(f"  {'total':69} {sum(first.values()):4} {sum(now.values()):4}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="*", default=[s for s in commits() if (EVAL / f"accounts_{s}.yml").exists()])
    ap.add_argument("--gate", action="store_true", help="also with this tree's not_from_account on the old items")
    ap.add_argument("--loso", type=float, metavar="K", help="a (question, value) gate fitted leaving each set out")
    ap.add_argument("--items", metavar="SET", help="list every pre-filled item of a set, wrong first")
    ap.add_argument("--missed", action="store_true", help="expected answers not pre-filled, first seen and now")
    ap.add_argument("--loso-words", type=float, metavar="K", help="a (question, value, words) gate, leave-one-set-out")
    ap.add_argument("--least", type=int, default=2, help="--loso-words: wrong readings a gated word needs")
    ap.add_argument("--clauses", action="store_true", help="--loso-words: key clause items by their words")
    ap.add_argument("--quiet", action="store_true", help="totals only")
    ap.add_argument("--now", metavar="TAG", help="read every dev set with this tree, kept under TAG")
    ap.add_argument("--compare", nargs=2, metavar=("A", "B"), help="two --now tags, per set and pooled")
    ap.add_argument("--made-from", nargs="*", default=[], help="--compare: the sets a change was made from")
    args = ap.parse_args()
    if args.now:
        read_now(args.now, dev_files())
        return 0
    if args.compare:
        compare(*args.compare, dev_files(), args.made_from)
        return 0
    if args.missed:
        missed(args.sets, args.quiet)
        return 0
    if args.items:
        items = first_seen(args.items, commits()[args.items])
        rows = [(it["id"], r) for it in items for r in it["rows"] if r["kind"] == "prefilled"]
        for iid, r in sorted(rows, key=lambda x: (x[1]["fine"], x[1]["q"])):
            mark = "ok " if r["fine"] else "BAD"
            print(f"{mark} {iid} {r['q']} = {r['value']} (truth {r['truth']}): {r['evidence'][:110]!r}")
        return 0
    if args.loso_words is not None:
        loso_words(args.sets, args.loso_words, args.least, now=True, clauses=args.clauses)
        return 0
    if args.loso is not None:
        loso(args.sets, args.loso)
        return 0
    all_before, all_after = [0] * 5, [0] * 5
    for name in args.sets:
        items = first_seen(name, commits()[name])
        t = table(items)
        if not args.quiet:
            show(f"{name} first seen by {commits()[name]}", t)
        b = totals(t)
        all_before = [x + y for x, y in zip(all_before, b, strict=True)]
        line = f"{name}: right {b[3]}/{b[2]} ({b[3] / b[2]:.0%}), wrong {b[1]}/{b[0]} ({b[1] / b[0]:.1%})"
        if args.gate:
            a = totals(table(gated(items, not_from_account)))
            all_after = [x + y for x, y in zip(all_after, a, strict=True)]
            line += (
                f" -> gated right {a[3]}/{a[2]} ({a[3] / a[2]:.0%}), wrong {a[1]}/{a[0]} ({a[1] / max(a[0], 1):.1%})"
            )
        print(line)
    b = all_before
    line = f"all: right {b[3]}/{b[2]} ({b[3] / b[2]:.0%}), wrong {b[1]}/{b[0]} ({b[1] / b[0]:.1%})"
    if args.gate:
        a = all_after
        line += f" -> gated right {a[3]}/{a[2]} ({a[3] / a[2]:.0%}), wrong {a[1]}/{a[0]} ({a[1] / max(a[0], 1):.1%})"
    print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
