"""How well the check listens (issue 19), on the independent labelled sets in tests/data/eval/
(written apart from the rules; the held-out parts are only run here, never read to write a
rule or a word list).

  answers   per question kind: accuracy (the answer stored, or offered back first for a
            'yes'), how often it was offered back, wrong readings, and harm described but
            stored as "no clear impact" (must be 0)
  accounts  % of the check's answers an account pre-fills correctly and wrongly; a simulated
            practitioner who answers the rest from the case facts in their own words (turns to
            the summary, Skip pressed after a misunderstanding); the cost of reading an account
            (p50 ms, a report, not an assertion)

  python scripts/eval_listening.py [--split dev|dev3|...|dev11|heldout|all] [--no-sim]
  python scripts/eval_listening.py --write-examples dev dev3 ... dev19   (the fallback classifier's training
            examples, knowledge/language/answer_examples.yml, from every dev answers set, never a held-out or blind
            one; chosen leave-one-set-out by scripts/answers_loso.py, S13-LK12)

A set's further parts are read with it: the dev accounts are accounts_dev.yml and
accounts_dev2.yml (17 more, written before the reader's rules were read). dev3 (answers_dev3.yml,
accounts_dev3.yml, by a writer who never read the readers) is its own split. In also_ok, a list
of lists (or "a,b") gives the defensible readings of a multi question.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EVAL = ROOT / "tests" / "data" / "eval"
TODAY = date(2026, 12, 5)
MIN_ACCURACY, MIN_PREFILLED, MAX_WRONG, MAX_TURNS = 0.9, 0.70, 0.05, 12


# each split and the files it reads: dev3 was written by someone who never read the readers and
# is reported on its own (the honest figure on unseen language); it is a dev set all the same
PARTS = {
    "dev": ("", "2"),
    "dev3": ("3",),
    "dev4": ("4",),
    "dev5": ("5",),
    "dev6": ("6",),
    "dev7": ("7",),
    "dev8": ("8",),
    "dev9": ("9",),
    "dev10": ("10",),  # accounts_dev10 (session 8, blind): measured once at the end
    "dev11": ("11",),  # accounts_dev11 (session 9, S9-AC11): measured first, then a tuning set
    "dev12": ("12",),  # accounts_dev12 (session 9, S9-AC11, blind): measured once by the lead at the end, then tuned on
    # accounts_dev13 (session 10, S10-AC13): measured first, then a tuning set; answers_dev13 and accounts_dev14
    # (session 10, blind): measured once by the lead at the end of the first pass, then tuning sets
    "dev13": ("13",),
    "dev14": ("14",),
    # accounts_dev15 (session 11, S11-AC15): measured first, then a tuning set; accounts_dev16 and answers_dev15
    # (written blind with them) were measured once by the lead at the end of session 11: dev sets from session 12
    "dev15": ("15",),
    "dev16": ("16",),
    # accounts_dev17 (session 12, S12-AC17): first seen, then dev; accounts_dev18 (written with it) is blind
    "dev17": ("17",),
    "dev18": ("18",),  # accounts_dev18: session 12 blind (measured twice, counts only); dev from session 13
    "dev19": ("19",),  # accounts_dev19 (session 13, S13-AC19): first seen, then dev; accounts_dev20 is blind
    "dev20": ("20",),  # accounts_dev20: session 13 blind (measured twice, counts only); dev from session 14
    "dev21": ("21",),  # accounts_dev21 (session 14, S14-AC21): first seen, then dev; accounts_dev22 is blind
    "dev22": ("22",),  # accounts_dev22: session 14 blind (measured twice, counts only); dev from session 15
    "dev23": ("23",),  # accounts_dev23 (session 15, S15-AC23): first seen, then dev; accounts_dev24 is blind
    "dev24": ("24",),  # accounts_dev24: session 15 blind (measured twice, counts only); dev from session 16
    "dev25": ("25",),  # accounts_dev25 (session 16, S16-AC25): first seen, then dev; accounts_dev26 is blind
    "dev26": ("26",),  # accounts_dev26: session 16 blind (measured twice, counts only); dev from session 17
    "dev27": ("27",),  # accounts_dev27 (session 17, S17-AC27): first seen, not tuned on; accounts_dev28 is blind
    "dev28": ("28",),  # accounts_dev28: session 17 blind (measured twice, counts only); dev from session 18
    "dev29": ("29",),  # accounts_dev29 (session 18, S18-AC29): first seen, not tuned on; accounts_dev30 is blind
    "dev30": ("30",),  # accounts_dev30: session 18 blind (measured twice, counts only); dev from session 19
    "dev31": ("31",),  # accounts_dev31 (session 19, S19-AC31): first seen, not tuned on; accounts_dev32 is blind
    "dev32": ("32",),  # accounts_dev32: session 19 blind (measured once, counts only); dev from session 20
    "dev33": ("33",),  # accounts_dev33 (session 20, S20-AC33): first seen, not tuned on; accounts_dev34 is blind
    "dev34": ("34",),  # accounts_dev34: session 20 blind (measured twice, counts only); dev from session 21
    "dev35": ("35",),  # accounts_dev35 (session 21, S21-AC35): first seen, not tuned on; accounts_dev36 is blind
    "dev36": ("36",),  # accounts_dev36: session 21 blind (measured twice, counts only); dev from session 22
    "dev37": ("37",),  # accounts_dev37 (session 22, S22-AC37): first seen, not tuned on; accounts_dev38 is blind
    "dev38": ("38",),  # accounts_dev38 (session 22, blind, measured once at the end): a dev set from session 23
    "dev39": ("39",),  # accounts_dev39 (session 23, S23-AC39): first seen, not tuned on; accounts_dev40 is blind
    "heldout": ("",),
}
# the splits whose answers_<split>.yml sets are read; accounts and answers share the split names,
# and a split an answers set is written for only joins here once it may be measured (a set written
# blind for the end stays out of every script)
ANSWER_SPLITS = (
    *("dev", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14"),
    "dev15",
    "dev16",  # answers_dev16 (session 12, S12-AW16): first seen, then dev; answers_dev17 is blind
    "dev18",  # answers_dev18 (session 13, S13-AW18): first seen, then dev; answers_dev19 is blind
    "dev17",  # answers_dev17: session 12 blind (measured twice, counts only); dev from session 13
    "dev19",  # answers_dev19: session 13 blind (measured twice, counts only); dev from session 14
    "dev20",  # answers_dev20 (session 20, S20-AW20): first seen at 63bceb5, then dev; answers_dev21 is blind
    "dev21",  # answers_dev21: session 20 blind (measured twice, counts only); dev from session 21
    "dev22",  # answers_dev22 (session 21, S21-AW22): first seen at 6125b44, not tuned on; answers_dev23 is blind
    "dev23",  # answers_dev23: session 21 blind (measured twice, counts only); dev from session 22
    "heldout",
)
# dev9: blind, once; dev10: session 9 (S9-AW10), first seen then dev; dev11: session 9, blind, measured once at the end,
# then a tuning set; dev12: session 10 (S10-AW12), first seen then dev; dev13: session 10, blind, measured once by
# the lead (at HEAD aff46b4), then a tuning set


def load(name: str) -> list[dict]:
    """The items of a set ('answers_dev', 'accounts_dev3', 'accounts_heldout'): accounts_dev
    also reads accounts_dev2.yml; dev3 is its own split."""
    items: list[dict] = []
    stem, _, split = name.rpartition("_")
    base = split.rstrip("0123456789") if split.startswith("dev") else split
    suffixes = PARTS.get(split) or ("",)
    paths = [EVAL / f"{stem}_{base}{sfx}.yml" for sfx in suffixes] if split in PARTS else [EVAL / f"{name}.yml"]
    for path in paths:
        if path.exists():
            items += (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("items") or []
    return items


def plan():
    from bot.walks.check import default_plan

    return default_plan()


def kind_of(question_id: str) -> str:
    return question_id.partition("__")[0]


def values(v) -> frozenset:
    if isinstance(v, (list, tuple)):
        return frozenset(str(x) for x in v)
    return frozenset(str(v).split(","))


# -- one answer, as the check reads it ---------------------------------------------------------
def understand(p, question, text: str) -> tuple[str, str]:
    """(status, value) as bot.walks.check.CheckService.handle reads a typed answer: 'sure', 'ask'
    (offered back: "That sounds like ..., is that right?") or 'none'."""
    from bot.lang.answers import read_answer

    parsed = p.parse(question, text, TODAY)
    reading = None if question.id == "q_danger_now" else read_answer(question, text, TODAY)
    if reading is None:
        return ("sure", parsed.value) if parsed.ok else ("none", "")
    # as bot/walks/check_own_words.py _take_reading: a reading offered back stays offered back even
    # when a length of time was also found; a length the reader left alone is stored unless the
    # answer asks something
    from bot.lang.answer_openings import asks

    if reading.status in ("sure", "ask"):
        return reading.status, reading.value
    if question.kind == "duration" and asks(text) is None and parsed.ok:
        return "sure", parsed.value
    return reading.status, reading.value


@dataclass
class KindScore:
    n: int = 0
    right: int = 0
    asked: int = 0
    wrong: int = 0
    misses: list = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.n if self.n else 0.0


def eval_answers(split: str) -> tuple[dict[str, KindScore], int, int]:
    p = plan()
    kinds: dict[str, KindScore] = defaultdict(KindScore)
    harm_as_none = harm_items = 0
    for item in load(f"answers_{split}") if split in ANSWER_SPLITS else []:
        q = p.by_id.get(item["question_id"])
        if q is None:
            continue
        status, value = understand(p, q, str(item["text"]))
        expected = values(item["expected"])
        also = {str(a) for a in item.get("also_ok") or []}
        if expected == {"ask"}:  # the words leave it open: asking (or asking again) is right
            also.add("ask")
        ks = kinds[kind_of(q.id)]
        ks.n += 1
        ok = (
            (status == "sure" and (values(value) == expected or value in also))
            or (status == "ask" and (values(value) == expected or value in also or "ask" in also))
            or (status == "none" and "ask" in also)
        )
        if ok:
            ks.right += 1
            ks.asked += status == "ask"
        else:
            ks.wrong += status == "sure"
            ks.misses.append((item["id"], item["text"], sorted(expected), status, value))
        if kind_of(q.id) == "q_impact" and (item.get("harm") or expected & {"some", "serious"}):
            harm_items += 1
            harm_as_none += value == "none_yet"
    return dict(kinds), harm_as_none, harm_items


# -- accounts ------------------------------------------------------------------------------
@dataclass
class AccountScore:
    expected: int = 0
    right: int = 0
    prefilled: int = 0
    wrong: int = 0
    ms: list = field(default_factory=list)
    misses: list = field(default_factory=list)
    missed: list = field(default_factory=list)


def eval_accounts(split: str) -> AccountScore:
    from bot.lang.account import read_account

    p = plan()
    sc = AccountScore()
    for item in load(f"accounts_{split}"):
        t0 = time.perf_counter()
        acc = read_account(str(item["text"]), p, TODAY)
        sc.ms.append((time.perf_counter() - t0) * 1000)
        got = acc.answers()
        expected = {k: values(v) for k, v in (item.get("expected") or {}).items()}
        facts = {k: values(v) for k, v in (item.get("fact_values") or {}).items()}
        # also_ok: a value, a list of values, or (multi questions) a list of lists or "a,b" strings
        also = {
            k: {values(a) for a in (v if isinstance(v, list) else [v])} for k, v in (item.get("also_ok") or {}).items()
        }
        sc.expected += len(expected)
        for qid, want in expected.items():
            if qid in got and (values(got[qid]) == want or values(got[qid]) in also.get(qid, set())):
                sc.right += 1
            elif qid not in got:
                sc.missed.append((item["id"], qid, sorted(want)))
        for qid, value in got.items():
            sc.prefilled += 1
            truth = expected.get(qid) or facts.get(qid)
            fine = (
                truth is None
                or values(value) == truth
                or values(value) in also.get(qid, set())
                or (qid == "q_child_voice" and value == "given")
            )
            if truth is None and qid in (item.get("not_given") or []) and qid != "q_child_voice":
                fine = values(value) in also.get(qid, set())
            if not fine:
                sc.wrong += 1
                words = next((i.evidence for i in acc.items if i.question_id == qid), "")
                sc.misses.append((item["id"], qid, value, sorted(truth or []), words))
    return sc


# -- the simulated practitioner ---------------------------------------------------------------
def own_words(p, q, facts: dict, truth) -> str:
    """How the practitioner answers one question: the case facts in their words, else the label."""
    if q.id in facts:
        return str(facts[q.id])
    if not truth:
        return ""
    joiner = " and " if q.kind == "multi" else ", "
    return joiner.join(p.label(q, v) for v in sorted(truth))


def stored_wrong(p, answers: dict, item: dict) -> int:
    """Answers stored in a simulated check that the case facts contradict (the account's, the
    typed answers' and the paired questions' readings alike; skipped ones apart)."""
    truth = {k: values(v) for k, v in {**(item.get("fact_values") or {}), **(item.get("expected") or {})}.items()}
    also = {k: {values(a) for a in (v if isinstance(v, list) else [v])} for k, v in (item.get("also_ok") or {}).items()}
    wrong = 0
    for qid, value in answers.items():
        want = truth.get(qid)
        if want is None or value == "skipped" or qid in ("q_case_ref", "q_child_voice"):
            continue
        wrong += not (values(value) == want or values(value) in also.get(qid, set()))
    return wrong


def simulate(item: dict, db_url: str) -> tuple[int, int, bool, int]:
    """Runs a check from the account to the summary: 'yes' to a right reading, the matching
    button otherwise, the case facts in their own words at each question; Skip when the same
    question comes twice (a misunderstanding). Returns (turns, skips after a
    misunderstanding, reached the summary, answers stored that the case facts contradict)."""
    from bot.records import store as records
    from bot.records.migrate import migrate
    from bot.walks.check import CheckService, Incoming

    migrate(db_url)  # opening a database never migrates it: the schema is an explicit step
    svc = CheckService(db_url=db_url)
    p = svc.plan
    check_id, _ = svc.start("sim", item["id"], account=str(item["text"]))
    expected = {k: values(v) for k, v in (item.get("expected") or {}).items()}
    facts = dict(item.get("facts") or {})
    fact_values = {k: values(v) for k, v in (item.get("fact_values") or {}).items()}
    turns = skips = 0
    last = None

    def wrong_now() -> int:
        with records.session_scope(db_url) as s:
            return stored_wrong(p, svc._answers(s.get(records.Check, check_id)), item)

    asked_twice: set[str] = set()
    for _ in range(80):
        if not svc.is_active(check_id):
            return turns, skips, True, wrong_now()
        replies = svc.prompt(check_id)
        with records.session_scope(db_url) as s:
            check = s.get(records.Check, check_id)
            q = p.next_question(svc._answers(check))
        if q is None:
            return turns, skips, True, wrong_now()
        first = replies[0] if replies else None
        truth = expected.get(q.id) or fact_values.get(q.id)
        rest_types = None
        with records.session_scope(db_url) as s:
            rest_types = svc._rest_of_types(s.get(records.Check, check_id), q)
        offer = first is not None and first.text.startswith("That sounds like")
        # the understood list comes with the next question: a practitioner who finds it right
        # answers the question (the list is not confirmed in a turn of its own)
        partner = None if offer else svc.partner_of(check_id)
        if rest_types and not offer:
            # the types the account left out, asked together: the ones that worry them, in their words
            # (a type the facts leave not sure is said so: "not sure about emotional neglect")
            def truth_of(t):
                return expected.get(f"q_seen__{t.id}") or fact_values.get(f"q_seen__{t.id}") or set()

            said = [str(facts.get(f"q_seen__{t.id}") or t.name) for t in rest_types if "yes" in truth_of(t)]
            said += [
                f"not sure about {t.name.lower()}"
                for t in rest_types
                if "unsure" in truth_of(t) and "yes" not in truth_of(t)
            ]
            text = "; ".join(said) if said else "none of these"
        elif first is not None and first.text.startswith("That sounds like"):
            pending = p.label(q, next(iter(truth))) if truth else None
            offered = first.text
            if (
                truth
                and pending
                and f"'{pending}'" in offered
                or (truth and "serious" in truth and "serious impact" in offered)
            ):
                text = "yes"
            else:
                titles = {b.title: b.payload for b in first.buttons}
                label = ", ".join(p.label(q, v) for v in sorted(truth or [])) if truth else None
                text = titles.get(label) if label in titles else "/skip"
        elif q.id == last:
            if q.id in asked_twice or not truth:
                text = "/skip"
                skips += 1
            else:
                asked_twice.add(q.id)
                titles = {b.title: b.payload for b in (first.buttons if first else ())}
                label = p.label(q, ",".join(v for v in (o.value for o in q.options) if v in truth)) if truth else ""
                text = titles.get(label) or "/skip"
                skips += text == "/skip"
        elif q.id in facts or truth:
            text = own_words(p, q, facts, truth)
            # two questions asked as one: the practitioner answers both, in their own words
            both = ""
            if partner is not None:
                both = own_words(p, partner, facts, expected.get(partner.id) or fact_values.get(partner.id))
            text = f"{text}; {both}" if both else text
        else:
            text = "/skip"
        last = q.id
        intent = {"/skip": ("skip", 1.0)}.get(text, (None, 0.0))
        svc.handle(check_id, Incoming(text, intent[0], intent[1]))
        turns += 1
    return turns, skips, False, wrong_now()


def eval_simulation(split: str) -> tuple[list[int], int, int, int, int]:
    """(turns per account, Skips after a misunderstanding, unfinished, answers stored wrong,
    answers stored)."""
    items = load(f"accounts_{split}")
    turns: list[int] = []
    skips = unfinished = wrong = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n, item in enumerate(items):
            db = f"sqlite:///{os.path.join(tmp, f'sim{n}.db')}"
            t, k, done, w = simulate(item, db)
            turns.append(t)
            skips += k
            unfinished += not done
            wrong += w
    return turns, skips, unfinished, wrong, len(items)


def report(split: str, sim: bool = True) -> bool:
    ok = True
    kinds, harm_none, harm_n = eval_answers(split)
    if kinds:
        print(f"== answers ({split}): per question kind")
        for k, s in sorted(kinds.items()):
            flag = "" if s.accuracy >= MIN_ACCURACY else "  << below 0.9"
            ok &= s.accuracy >= MIN_ACCURACY
            print(f"  {k:20} n={s.n:3}  accuracy={s.accuracy:.2f}  offered back={s.asked:2}  wrong={s.wrong:2}{flag}")
        print(f"  harm described, stored as 'no clear impact': {harm_none} of {harm_n}")
        ok &= harm_none == 0
        if split.startswith("dev"):
            for _k, s in sorted(kinds.items()):
                for m in s.misses:
                    print("   miss", m)
    acc = eval_accounts(split)
    if acc.expected:
        right, wrong = acc.right / acc.expected, acc.wrong / max(1, acc.prefilled)
        print(
            f"== accounts ({split}): pre-filled correctly {right:.0%} of {acc.expected} expected answers; "
            f"wrongly {wrong:.1%} of {acc.prefilled} pre-filled"
        )
        print(f"  reading an account: p50 {statistics.median(acc.ms):.1f} ms, max {max(acc.ms):.1f} ms (report only)")
        ok &= right >= MIN_PREFILLED and wrong <= MAX_WRONG
        if split.startswith("dev"):
            for m in acc.misses:
                print("   wrong", m)
            for m in acc.missed:
                print("   missed", m)
        if sim:
            turns, skips, unfinished, wrong, n = eval_simulation(split)
            print(
                f"  simulated practitioner: median {statistics.median(turns):g} turns to the summary "
                f"(max {max(turns)}), {skips} Skip after a misunderstanding, {unfinished} unfinished; "
                f"{wrong} answers stored that the case facts contradict, over {n} checks (report only)"
            )
            ok &= statistics.median(turns) <= MAX_TURNS and skips == 0 and unfinished == 0
    return ok


# -- the fallback classifier's examples (bot/lang/answer_fallback.py) ---------------------------
EXAMPLES = ROOT / "knowledge" / "language" / "answer_examples.yml"
EXAMPLE_KINDS = ("yes_no", "choice")  # one answer per item: the multi questions are left to the rules


def examples_from(splits: list[str]) -> dict[str, dict[str, list[str]]]:
    """question base id -> option value -> the texts of the dev sets' answers with that one expected
    value (never a held-out set; an item whose words leave it open, expected 'ask', is left out)."""
    if any(not s.startswith("dev") for s in splits):
        raise SystemExit("examples come from dev sets only")
    p = plan()
    out: dict[str, dict[str, list[str]]] = {}
    if any(s not in ANSWER_SPLITS for s in splits):
        raise SystemExit(f"answers are read from {', '.join(ANSWER_SPLITS[:-1])} only")
    for split in splits:
        for item in load(f"answers_{split}"):
            q = p.by_id.get(item["question_id"])
            want = values(item["expected"])
            if q is None or q.kind not in EXAMPLE_KINDS or len(want) != 1:
                continue
            value = next(iter(want))
            if value not in {o.value for o in q.options}:
                continue
            texts = out.setdefault(kind_of(q.id), {}).setdefault(value, [])
            if str(item["text"]) not in texts:
                texts.append(str(item["text"]))
    return {k: dict(sorted(v.items())) for k, v in sorted(out.items())}


def write_examples(splits: list[str]) -> None:
    data = examples_from(splits)
    head = (
        "# Training examples of the fallback classifier (bot/lang/answer_fallback.py): typed answers\n"
        "# of the dev sets in tests/data/eval/ with one expected option, by question and option.\n"
        "# Written by `python scripts/eval_listening.py --write-examples " + " ".join(splits) + "`: do not edit\n"
        "# by hand. Never a held-out set. These are no lexicon: no rule matches them; the classifier\n"
        '# only ever offers its reading back ("That sounds like <option>, is that right?") where the\n'
        "# rules of bot/lang/answers.py find nothing.\n"
    )
    body = yaml.safe_dump({"splits": list(splits), "examples": data}, allow_unicode=True, sort_keys=False, width=110)
    EXAMPLES.write_text(head + body, encoding="utf-8")
    n = sum(len(t) for v in data.values() for t in v.values())
    print(f"wrote {n} examples from {', '.join(splits)} to {EXAMPLES.relative_to(ROOT)}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write-examples", nargs="+", metavar="SPLIT")
    ap.add_argument("--split", default="all", choices=(*PARTS, "all"))
    ap.add_argument("--no-sim", action="store_true")
    args = ap.parse_args()
    if args.write_examples:
        write_examples(args.write_examples)
        return 0
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/listening.db")
    splits = tuple(PARTS) if args.split == "all" else (args.split,)
    ok = all([report(s, not args.no_sim) for s in splits])
    print("PASS" if ok else "BELOW TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
