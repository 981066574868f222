#!/usr/bin/env python3
"""Issue 18 experiment (S8-DC1): does a small learned second opinion, beside the danger rules,
catch more or false-alarm less on a danger set it was not trained on?

Leave-one-set-out over the dev sets danger_dev.yml .. danger_dev13.yml (never the blind set,
scripts/eval_danger.py BLIND, never the held-out): for each set S a classifier (TF-IDF word 1-2
grams + char 3-5 grams, logistic regression, fixed random_state) is fitted on the other sets and scores S. Combined with
  rules    decide_danger(text) as it stands now (tuned on every dev set: optimistic on S), and
  first    the rules as they stood in the commit that added S (before any tuning on S: the
           honest figure; dev and dev2 predate the history kept here, so they have none)
in three ways: (a) rules OR p >= high, (b) rules AND NOT (p <= low and no acute word standing
in the message, danger_policy.acute_word) -- a veto that never touches an explicit acute
frame --, (c) both.

    python scripts/danger_loso.py                  # the table (rule verdicts cached)
    python scripts/danger_loso.py --refresh        # recompute the cached rule verdicts
    python scripts/danger_loso.py --write-examples # knowledge/language/danger_examples.yml from
                                                   # every dev set but the blind one (the learned second opinion's data)
    python scripts/danger_loso.py --broad          # the broad readings (bot/lang/danger_broad.py)
                                                   # on the first-seen rules, set by set (S11-DI10)
    python scripts/danger_loso.py --skip dev17     # leave a set out of everything (before it is seen)
    python scripts/danger_loso.py --classes        # the readings and near-miss shapes made since CLASSES_SINCE,
                                                   # each counted only on sets other than its sources (S16-DI15)
    python scripts/danger_loso.py --classes --since 58ae61f   # against another commit's danger.yml (S17-DI16)
    python scripts/danger_loso.py --false-alarms   # every ordinary false alarm, in sample (decide_danger now,
                                                   # its reason) and left out (--classes "after", what fired)
    python scripts/danger_loso.py --false-alarms near_miss   # the same for the near-miss items

The broad readings, leave-one-set-out: for each set S a reading counts on S only when it also
catches first-seen misses of at least two other sets (so it was not made from S alone); its false
alarms are counted on every dev set's ordinary and near-miss items, on the data/nlu examples of
other intents and on the uncovered practice questions.

Counts only are printed; rule verdicts are cached in results/danger/loso_rules.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "scripts"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from eval_danger import BLIND, BLIND_UNCOVERED, SPLITS, load_split  # noqa: E402

from bot.lang.danger_learned import LEARNERS  # noqa: E402

SETS = [s for s in SPLITS if s.startswith("dev") and s not in BLIND]  # dev .. dev13; never held-out or blind
CACHE = ROOT / "results" / "danger" / "loso_rules.json"
HIGHS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.97)
LOWS = (0.01, 0.02, 0.05, 0.1, 0.2)

_OLD_RULES = """
import json, sys
from bot.lang.danger_policy import decide_danger
texts = json.load(sys.stdin)
print(json.dumps([decide_danger(t).immediate for t in texts]))
"""


def added_in(split: str) -> str:
    """The commit that added the set's file ("" when the history kept here does not hold it)."""
    out = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%H", "--", f"tests/data/eval/{SPLITS[split]}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.split()
    return out[-1] if out else ""


def first_seen(split: str, texts: list[str]) -> list[bool] | None:
    """The rules' verdicts as they stood in the commit that added the set."""
    commit = added_in(split)
    if not commit or split in ("dev", "dev2"):
        return None
    tar = subprocess.run(["git", "archive", commit, "bot", "knowledge"], cwd=ROOT, capture_output=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=BytesIO(tar)) as tf:
            tf.extractall(tmp)
        env = {"PYTHONPATH": tmp, "PATH": str(ROOT / ".venv" / "bin"), "PYTHONWARNINGS": "ignore"}
        run = subprocess.run(
            [sys.executable, "-c", _OLD_RULES],
            input=json.dumps(texts),
            cwd=tmp,
            env=env,
            capture_output=True,
            text=True,
        )
    if run.returncode:
        print(f"first-seen rules for {split} failed: {run.stderr[-400:]}", file=sys.stderr)
        return None
    return json.loads(run.stdout.strip().splitlines()[-1])


def rule_verdicts(sets: dict, refresh: bool) -> dict:
    # --refresh recomputes the rules now; the first-seen verdicts (the rules of the commit that added a set)
    # cannot change and are kept when the set's size is the same (S18-DL20)
    old = json.loads(CACHE.read_text()) if CACHE.exists() else {}
    cache = {} if refresh else dict(old)
    from bot.lang.danger_policy import acute_word, decide_danger

    changed = False
    for name, items in sets.items():
        texts = [i["text"] for i in items]
        entry = cache.get(name)
        if entry and entry.get("n") == len(texts) and entry.get("acute_kind") == "standing":
            continue
        now = [decide_danger(t).immediate for t in texts]
        kept = old.get(name) or {}
        first = kept["first"] if kept.get("n") == len(texts) and "first" in kept else first_seen(name, texts)
        fired = [a or bool(first and b) for a, b in zip(now, first or now, strict=True)]
        acute = [bool(f and acute_word(t)) for f, t in zip(fired, texts, strict=True)]
        cache[name] = {"n": len(texts), "rules": now, "first": first, "acute": acute, "acute_kind": "standing"}
        changed = True
        print(f"  rule verdicts for {name} done", file=sys.stderr)
    if changed:
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_text(json.dumps(cache) + "\n")
    return cache


def make_classifier(kind: str = "lr", c: float = 4.0):
    from bot.lang.danger_learned import make_classifier as make

    return make(c, 0, kind)


def nlu_other() -> list[str]:
    """The training examples of every intent but immediate_danger in data/nlu (entity markup
    removed): always on the not-danger side of the training data, never scored. Only the other
    intents: the danger intent's examples may have been written from dev items."""
    import re

    import yaml

    out = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if "intent" not in block or block["intent"] == "immediate_danger":
                continue
            for line in (block.get("examples") or "").splitlines():
                text = re.sub(r"^\s*-\s*", "", line).strip()
                text = re.sub(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})", r"\1", text)
                if text:
                    out.append(text)
    return sorted(set(out))


def loso_probs(sets: dict, forward: bool = False, extra: list[str] = (), kind: str = "lr", c: float = 4.0) -> dict:
    """Each set scored by a classifier fitted on the other sets (forward: only on the sets
    added before it, as the classifier would have stood when the set was first seen)."""
    out = {}
    order = list(sets)
    for held in sets:
        others = order[: order.index(held)] if forward else [s for s in order if s != held]
        if forward and len(others) < 3:
            continue
        train = [i for s in others for i in sets[s]]
        clf = make_classifier(kind, c)
        clf.fit(
            [i["text"] for i in train] + list(extra), [i["label"] == "danger" for i in train] + [False] * len(extra)
        )
        out[held] = list(clf.predict_proba([i["text"] for i in sets[held]])[:, 1])
    return out


def counts(items, verdicts) -> tuple[int, int, int, int, int, int]:
    d = [v for i, v in zip(items, verdicts, strict=True) if i["label"] == "danger"]
    o = [v for i, v in zip(items, verdicts, strict=True) if i["label"] == "ordinary"]
    n = [v for i, v in zip(items, verdicts, strict=True) if i["label"] == "near_miss"]
    return sum(d), len(d), sum(o), len(o), sum(n), len(n)


def combine(rules, probs, acute, high=None, low=None) -> list[bool]:
    out = []
    for r, p, a in zip(rules, probs, acute, strict=True):
        v = r
        if low is not None and r and p <= low and not a:
            v = False
        if high is not None and not r and p >= high:
            v = True
        out.append(v)
    return out


def fmt(c) -> str:
    return f"{c[0]}/{c[1]} {c[2]}/{c[3]} {c[4]}/{c[5]}"


def add(a, b):
    return tuple(x + y for x, y in zip(a, b, strict=True))


EXAMPLES = ROOT / "knowledge" / "language" / "danger_examples.yml"
# by the leave-one-set-out table (docs/safety.md; `--learners --kinds lr`, S14-DI13 over dev4..dev22): lr,
# p >= 0.96, (a+) guarded (a+g): 1055/1100 caught, 32 + 48 false alarms (a: 1034, a+ unguarded: 1056, the
# same false alarms). The guard keeps the learned opinion off an exclusion that states a fact of the child's
# safety (an invented 15-year-old out at a friend's with mum knowing where: p 0.98 under unguarded a+).
# No veto: p <= 0.05 cuts false alarms by LOSO, but the first-seen table does not hold today's rule catches
# S14-DI13: (a+) with a guard: the exclusions that state a fact of the child's safety now are never overturned
GUARD = ["an older child", "an older child, for a short time", "an adult watching the child", "an adult close by"]
GUARD += ["another adult drives or has the child", "the carer is sober", "dealt with since", "no child in it"]
GUARD += [
    "dealt with before it is told",
    "the children are elsewhere",
    "said of an adult who has left",
    "a few minutes",
]
GUARD += ["a near-miss", "a near miss, not happening", "put right in the next sentence", "a short time", "a minor harm"]
# S18-DL20: refitted on dev..dev30, lr C 16, p >= 0.965 (a+g): LOSO (--compare) +33 caught on the rules as first
# seen, +5 on the rules now (learned off), no false alarm more, no set losing a catch; no veto (see docs/safety.md)
# S19-DL21: the same examples and settings kept (no refit on dev..dev32, no short-message threshold or weight:
# each cost a catch on some set left out or gave the 999 answer to an invented look-alike; docs/safety.md)
# S21-DL22: the same examples and settings kept: the best refit (dev..dev36, lr C 32, p >= 0.95: more caught left out on
# both bases, no set losing a catch) gives the 999 answer to an activity named in general ("leaving toddlers alone in
# the car", p 0.98); guarding "talked about in general" would cost d33-006 and d34-008 in sample (docs/safety.md)
CHOSEN = {"high": 0.965, "c": 16.0, "seed": 0, "kind": "lr", "ruled_out": True, "low": None, "guard": GUARD}
# S22-DL23: in a message of at most SHORT_WORDS words the learned opinion never overturns "talked about in general"
# (an activity named as a topic: "leaving toddlers alone in the car"); a long opening read so still may be.
# With that guard, refitted on dev..dev38, lr C 32, p >= 0.95: LOSO (--compare) +9 caught on the rules now (learned
# off), +38 on the rules as first seen, no set losing a catch on either, no ordinary false alarm more, near-miss
# -1 / +1, none on the uncovered questions or data/nlu (docs/safety.md)
SHORT_GUARD = ["talked about in general"]
CHOSEN |= {"high": 0.95, "c": 32.0, "short_guard": SHORT_GUARD, "short_words": 15}


def write_examples(sets: dict) -> None:
    import yaml

    danger = sorted({i["text"].strip() for items in sets.values() for i in items if i["label"] == "danger"})
    other = sorted(
        {i["text"].strip() for items in sets.values() for i in items if i["label"] != "danger"} - set(danger)
    )
    head = (
        "# Training examples of the learned second opinion beside the danger rules\n"
        "# (bot/lang/danger_learned.py): the labelled messages of the dev sets " + ", ".join(sets) + "\n"
        "# in tests/data/eval/ (danger; ordinary and near_miss as not_danger), and the data/nlu training\n"
        "# examples of every intent but immediate_danger (other_intents, not danger). Written by\n"
        "# `python scripts/danger_loso.py --write-examples`: do not edit by hand. Never a held-out or\n"
        "# blind set (danger_heldout.yml, scripts/eval_danger.py BLIND). These are no lexicon: no rule matches them.\n"
        "# settings: high = the rules caught nothing and the probability is at least this -> immediate\n"
        "# (ruled_out: also where the rules heard a signal and ruled it out); low = a rule catch with the\n"
        "# probability at most this and no acute word standing is taken back; kind = the learner; guard = the\n"
        "# exclusions never overturned; short_guard = those never overturned in a message of at most\n"
        "# short_words words.\n"
        "# Chosen by leave-one-set-out over the same dev sets (scripts/danger_loso.py, docs/safety.md).\n"
    )
    body = yaml.safe_dump(
        {
            "sets": list(sets),
            "settings": CHOSEN,
            "examples": {
                "danger": danger,
                "not_danger": other,
                "other_intents": sorted(set(nlu_other()) - set(danger)),
            },
        },
        allow_unicode=True,
        sort_keys=False,
        width=110,
    )
    EXAMPLES.write_text(head + body, encoding="utf-8")
    print(f"wrote {len(danger)} danger and {len(other)} other examples to {EXAMPLES.relative_to(ROOT)}")


def broad_table(sets: dict, cache: dict, probs: dict) -> None:
    """The broad readings on the rules as first seen, and with the learned reading (LOSO)."""
    from bot.lang.danger_broad import broad_reading, reading_names
    from bot.lang.danger_nearmiss import near_miss_form

    names = [s for s in sets if cache[s].get("first")]
    readings = reading_names()
    # every reading that fires on each item (not only the first), none where a near-miss shape stands
    fired = {
        s: [
            set() if near_miss_form(i["text"]) else {r for r in readings if broad_reading(i["text"], only=r)}
            for i in sets[s]
        ]
        for s in names
    }
    support = {r: set() for r in readings}  # sets whose first-seen misses the reading catches
    alarms = {r: 0 for r in readings}
    for s in names:
        for i, first, rs in zip(sets[s], cache[s]["first"], fired[s], strict=True):
            for r in rs:
                if i["label"] == "danger" and not first:
                    support[r].add(s)
                if i["label"] != "danger":
                    alarms[r] += 1
    print("\n== broad readings: sets whose first-seen misses each catches; false alarms on every dev set")
    for r in readings:
        where = ", ".join(sorted(support[r]))
        print(f"{r:26s} sets {len(support[r]):2d} ({where}); ordinary/near-miss alarms {alarms[r]}")
    rows = {"first": {}, "first + broad (LOSO)": {}, "first OR p>=0.97": {}, "first OR p>=0.97 + broad": {}}
    for s in names:
        items, first = sets[s], cache[s]["first"]
        kept = [any(len(support[r] - {s}) >= 2 for r in rs) for rs in fired[s]]
        learned = combine(first, probs[s], cache[s]["acute"], high=0.97) if s in probs else first
        rows["first"][s] = counts(items, first)
        rows["first + broad (LOSO)"][s] = counts(items, [a or b for a, b in zip(first, kept, strict=True)])
        rows["first OR p>=0.97"][s] = counts(items, learned)
        rows["first OR p>=0.97 + broad"][s] = counts(items, [a or b for a, b in zip(learned, kept, strict=True)])
    print(f"{'reading':26s} " + " | ".join(f"{s:>13s}" for s in names) + " |      summed")
    for label, per in rows.items():
        total = (0,) * 6
        for c in per.values():
            total = add(total, c)
        print(f"{label:26s} " + " | ".join(f"{fmt(per[s]):>13s}" for s in names) + f" | {fmt(total)}")
    nlu = sum(bool(broad_reading(t)) for t in nlu_other())
    questions = uncovered_texts()
    unc = sum(bool(broad_reading(t)) for t in questions)
    print(f"broad readings on data/nlu examples of other intents: {nlu}; uncovered questions: {unc}/{len(questions)}")


LEARNER_RUNS = (("lr", 4.0), ("lr13", 4.0), ("svm", 0.5))
LEARNER_HIGHS = (0.8, 0.9, 0.95, 0.96, 0.965, 0.97, 0.98, 0.99)


def item_readings(sets: dict) -> dict:
    """Per dev item, with the rules as they are now: did they hear a signal (detect_danger's
    `mentioned`), and which broad readings fire (none where a near-miss shape stands). Cached."""
    from bot.lang.danger import detect_danger
    from bot.lang.danger_broad import broad_reading, reading_names
    from bot.lang.danger_learned import ruled_out_why
    from bot.lang.danger_nearmiss import near_miss_form

    path = CACHE.with_name("loso_items.json")
    cache = json.loads(path.read_text()) if path.exists() else {}
    names, changed = reading_names(), False
    for s, items in sets.items():
        if (cache.get(s) or {}).get("n") == len(items) and "why" in cache[s]:
            continue
        texts = [i["text"] for i in items]
        found = [detect_danger(t) for t in texts]
        cache[s] = {
            "n": len(items),
            "mentioned": [f.mentioned for f in found],
            "why": [ruled_out_why(f.reason) if f.mentioned else "" for f in found],
            "broad": [[] if near_miss_form(t) else [r for r in names if broad_reading(t, only=r)] for t in texts],
        }
        changed = True
    if changed:
        path.write_text(json.dumps(cache) + "\n")
    return cache


def cached_probs(sets: dict, extra: list[str], kind: str, c: float) -> dict:
    path = CACHE.with_name(f"loso_probs_{kind}_{c}.json")
    key = {s: len(v) for s, v in sets.items()}
    if path.exists():
        got = json.loads(path.read_text())
        if got.get("key") == key and got.get("extra") == len(extra):
            return got["probs"]
    probs = {s: [float(x) for x in v] for s, v in loso_probs(sets, extra=extra, kind=kind, c=c).items()}
    path.write_text(json.dumps({"key": key, "extra": len(extra), "probs": probs}) + "\n")
    return probs


def learner_table(sets: dict, cache: dict, extra: list[str], per_set: list[str], kinds=LEARNERS) -> None:
    """The learners of LEARNER_RUNS, leave-one-set-out, on the rules as first seen plus the broad
    readings that also catch first-seen misses of two other sets (the production order): adding a
    catch only where the rules heard no signal (a), also where they ruled one out (a+), and a veto
    of a catch at p <= low with no acute word standing (v)."""
    items_now = item_readings(sets)
    names = [s for s in sets if cache[s].get("first")]
    support: dict = {}
    for s in names:
        for i, first, rs in zip(sets[s], cache[s]["first"], items_now[s]["broad"], strict=True):
            for r in rs:
                if i["label"] == "danger" and not first:
                    support.setdefault(r, set()).add(s)
    base = {
        s: [
            f or any(len(support.get(r, set()) - {s}) >= 2 for r in rs)
            for f, rs in zip(cache[s]["first"], items_now[s]["broad"], strict=True)
        ]
        for s in names
    }
    total = (0,) * 6
    for s in names:
        total = add(total, counts(sets[s], base[s]))
    print(f"\n== learners, LOSO over {names[0]}..{names[-1]}, base = rules first seen + broad (LOSO): {fmt(total)}")
    print("row: summed danger caught, ordinary FA, near-miss FA (FA total)")
    for kind, c in [r for r in LEARNER_RUNS if r[0] in kinds]:
        probs = cached_probs(sets, extra, kind, c)
        for h in LEARNER_HIGHS:
            for ruled_out in (False, True, "g"):
                for low in (None, 0.01, 0.02, 0.05):
                    per = {}
                    for s in names:
                        out = []
                        rows = zip(
                            base[s],
                            probs[s],
                            items_now[s]["mentioned"],
                            cache[s]["acute"],
                            items_now[s]["why"],
                            strict=False,
                        )
                        for b, p, m, a, why in rows:
                            v = b
                            if low is not None and b and p <= low and not a:
                                v = False
                            # a+g: (a+) guarded, never over a GUARD exclusion (S14-DI13)
                            may = not m or (ruled_out is True) or (ruled_out == "g" and why not in GUARD)
                            if not b and p >= h and may:
                                v = True
                            out.append(v)
                        per[s] = counts(sets[s], out)
                    tot = (0,) * 6
                    for x in per.values():
                        tot = add(tot, x)
                    use = {False: "a ", True: "a+", "g": "a+g"}[ruled_out]
                    label = f"{kind} C={c} {use} p>={h}" + (f" v<={low}" if low else "")
                    print(f"{label:34s} {fmt(tot)} ({tot[2] + tot[4]})")
                    if label.replace(" ", "") in [x.replace(" ", "") for x in per_set]:
                        print("    " + "; ".join(f"{s} {fmt(per[s])}" for s in names))


# S16-DI15: the classes of this pass judged leave-one-set-out, the way S15-DI14 did. The rules' readings and
# near-miss shapes as they stood at CLASSES_SINCE ("before") against today's ("after"), on the production
# order of the learner table's chosen row (first-seen rules, broad readings kept when first-seen misses of two
# other sets support them, then lr a+g p >= 0.96). A near-miss shape that takes back an item the shapes at
# CLASSES_SINCE did not counts on a set only when another of its sources (SHAPE_SOURCES) made it; a cost (a
# danger item taken back, an ordinary or near-miss item newly caught) counts on every set.
# S17-DI16: the same table for session 17's classes, against danger.yml at the session's start (90d2b28);
# `--since 58ae61f` gives S16-DI15's table again (with today's sets).
# S17-DI17: the ordinary false alarms' classes, against danger.yml as S17-DI16 left it (d9c7b3e); `--since 90d2b28`
# gives S17-DI16's table again (with this pass's shapes in it too); `--false-alarms` lists every ordinary false alarm.
CLASSES_SINCE = "d9c7b3e"
SHAPE_SOURCES = {
    "no_child_in_it": ("dev8", "dev9", "dev11"),
    "reflecting_on_a_past_case": ("dev4", "dev11"),
    "history_and_gone_now": ("dev6", "dev9", "dev14", "dev28"),
    "missing_a_lesson": ("dev22", "dev28"),
    "treated_and_well_now": ("dev24", "dev25", "dev26"),
    "services_have_it": ("dev16", "dev21", "dev22", "dev23", "dev25", "dev26", "dev34"),  # dev34: S20-DI21
    "there_the_whole_time": ("dev11", "dev26"),
    "parent_in_touch": ("dev25", "dev28"),
    # S17-DI18: made from the lead's invented probes, no dev set's items: they count on no set (costs only)
    "lasting_condition_no_gp": (),
    "reported_housing_hazard": (),
    # S18-DI19 (session 18; `--since 9b2490f` for its table): the sets each shape was made from
    "policy_or_plan_question": ("dev27", "dev29", "dev30"),
    "services_with_them_now": ("dev27", "dev29"),
    "case_review_or_reflective_log": ("dev29",),
    "past_and_sorted": ("dev29",),
    "last_year_and_gone_now": ("dev30",),
    "sober_sitter_has_them": ("dev30",),
    "adult_seizure_over": ("dev30",),
    # S19-DI20 (session 19; `--since e134fff` for its table): the sets each shape was made from
    "head_bump_good_signs": ("dev7", "dev9", "dev11", "dev19", "dev31"),
    "sign_over_well_now": ("dev7", "dev31", "dev32"),
    "fire_over_no_one_hurt": ("dev15", "dev29", "dev31", "dev34"),  # dev34: S20-DI21's fire service wording
    "back_safe_and_well": ("dev32",),
    "said_no_one_in_danger": ("dev31",),
    "older_teen_alone_by_agreement": ("dev31",),
    "older_child_on_own_as_a_habit": ("dev29", "dev32"),
    # S20-DI21 (session 20; `--since 63bceb5` for its table)
    "joke_told_with_a_laugh": ("dev33",),
    "said_not_now": ("dev33",),
    "adult_getting_them_down": ("dev34",),
    # S21-DI22 (session 21; `--since e0791e6` for its table); whereabouts_known as it extended it
    "visit_no_answer": ("dev35", "dev36"),
    "adult_turned_out_to_be_there": ("dev36",),
    "hazard_made_safe_and_fine": ("dev36",),
    "parent_coming_for_mild_illness": ("dev36",),
    "whereabouts_known": ("dev35",),
}


def _readings_at(rev: str, texts: list[str]) -> tuple[list[str], list[list[str]]]:
    """Each text's near-miss shape and broad readings (unfiltered) with danger.yml as it stood at rev."""
    import yaml

    from bot.lang import danger_broad, danger_nearmiss

    old = yaml.safe_load(
        subprocess.run(
            ["git", "show", f"{rev}:knowledge/language/danger.yml"], cwd=ROOT, capture_output=True, text=True
        ).stdout
    )
    real = (danger_nearmiss.load_yaml, danger_broad.load_yaml)
    danger_nearmiss.load_yaml = danger_broad.load_yaml = lambda name: old
    danger_nearmiss._forms.cache_clear()
    danger_broad._readings.cache_clear()
    try:
        names = danger_broad.reading_names()
        shapes = [danger_nearmiss.near_miss_form(t) for t in texts]
        broad = [[r for r in names if danger_broad.broad_reading(t, only=r)] for t in texts]
    finally:
        danger_nearmiss.load_yaml, danger_broad.load_yaml = real
        danger_nearmiss._forms.cache_clear()
        danger_broad._readings.cache_clear()
    return shapes, broad


def classes_table(sets: dict, cache: dict, extra: list[str], since: str = CLASSES_SINCE, quiet: bool = False) -> dict:
    """Prints the table (unless quiet) and returns the verdicts {"before"|"after": {set: [bool]}} and
    why each item fired ({set: [str]}: the near-miss shape, broad readings or the learned opinion)."""
    from bot.lang.danger_broad import broad_reading, reading_names
    from bot.lang.danger_nearmiss import near_miss_form

    items_now = item_readings(sets)
    names = [s for s in sets if cache[s].get("first")]
    probs = cached_probs(sets, extra, CHOSEN["kind"], CHOSEN["c"])
    now_names = reading_names()
    per = {}
    for s in names:
        texts = [i["text"] for i in sets[s]]
        shape0, broad0 = _readings_at(since, texts)
        shape1 = [near_miss_form(t) for t in texts]
        broad1 = [[r for r in now_names if broad_reading(t, only=r)] for t in texts]
        per[s] = (shape0, broad0, shape1, broad1)
    rows, verdicts = {}, {}
    for label in ("before", "after"):
        support: dict = {}
        eff = {}
        for s in names:
            shape0, broad0, shape1, broad1 = per[s]
            shapes, broads = [], []
            for i, (a, b) in enumerate(zip(shape0, shape1, strict=True)):
                new = label == "after" and b and b != a
                counted = new and (sets[s][i]["label"] == "danger" or set(SHAPE_SOURCES.get(b, ())) - {s})
                shapes.append(b if counted else a)
                broads.append(broad1[i] if label == "after" else broad0[i])
            eff[s] = (shapes, [[] if sh else br for sh, br in zip(shapes, broads, strict=True)])
            for i, first, rs in zip(sets[s], cache[s]["first"], eff[s][1], strict=True):
                for r in rs:
                    if i["label"] == "danger" and not first:
                        support.setdefault(r, set()).add(s)
        for s in names:
            shapes, broads = eff[s]
            out = []
            for k, (f, rs) in enumerate(zip(cache[s]["first"], broads, strict=True)):
                b = (f and not (shapes[k] and shapes[k] != per[s][0][k])) or any(
                    len(support.get(r, set()) - {s}) >= 2 for r in rs
                )
                m, why = items_now[s]["mentioned"][k], items_now[s]["why"][k]
                if not b and probs[s][k] >= CHOSEN["high"] and (not m or why not in GUARD):
                    b = True
                out.append(b)
            rows.setdefault(label, {})[s] = counts(sets[s], out)
            verdicts.setdefault(label, {})[s] = out
    if quiet:
        return {"verdicts": verdicts, "probs": probs, "per": per}
    for label, got in rows.items():
        total = (0,) * 6
        for c in got.values():
            total = add(total, c)
        print(f"{label:7s} {fmt(total)}")
        print("    " + "; ".join(f"{s} {fmt(got[s])}" for s in names))
    for s in names:
        pairs = zip(sets[s], verdicts["before"][s], verdicts["after"][s], strict=True)
        for k, (item, a, b) in enumerate(pairs):
            if a != b:
                why = per[s][2][k] or ",".join(per[s][3][k]) or "the learned opinion"
                print(f"  {s} {item['id']} {item['label']}: {a} -> {b} ({why})")
    return {"verdicts": verdicts, "probs": probs, "per": per}


def false_alarms(sets: dict, cache: dict, extra: list[str], label: str = "ordinary") -> None:
    """S17-DI17: every false alarm of one label (ordinary by default) on the dev sets, in sample
    (decide_danger now, with its reason) and left out (the --classes "after" row, with what fired:
    the rules as first seen, a broad reading kept by its LOSO rule, or the learned opinion's
    leave-one-set-out probability). Dev sets only, never a blind or held-out one."""
    from bot.lang.danger_policy import decide_danger

    got = classes_table(sets, cache, extra, quiet=True)
    loso, probs, per = got["verdicts"]["after"], got["probs"], got["per"]
    n_in = n_out = total = 0
    for s, items in sets.items():
        for k, item in enumerate(items):
            if item["label"] != label:
                continue
            total += 1
            now = cache[s]["rules"][k]
            out = s in loso and loso[s][k]
            if not (now or out):
                continue
            n_in += now
            n_out += out
            why = []
            if out:
                first = cache[s]["first"][k]
                broad = "" if per[s][2][k] else ",".join(per[s][3][k])
                why.append(
                    "first-seen rules" if first else (f"broad {broad}" if broad else f"learned p={probs[s][k]:.2f}")
                )
            reason = decide_danger(item["text"]).reason if now else ""
            where = ("IN " if now else "   ") + ("LOSO" if out else "    ")
            print(f"{s:5s} {item['id']:22s} {where} | {'; '.join(why)} | now: {reason}")
            print(f"      {item['text']!r}")
    print(f"{label} false alarms: in sample {n_in}, left out {n_out} (of {total} in sample)")


# S18-DL20: the examples refitted on dev..dev30 against the dev..dev22 examples, judged leave-one-set-out only.
# PREVIOUS_SETS: the sets of the examples file before this pass (its per-set LOSO figure is the baseline: for a
# set it holds, fitted on the others of it; for a set it did not hold, fitted on all of it, as it stood).
# S19-DL21: the baseline is the dev..dev30 examples as S18-DL20 left them (lr C 16, p >= 0.965); newest dev29..dev32.
PREVIOUS_SETS = tuple(f"dev{n}" if n > 1 else "dev" for n in range(1, 31))
BEFORE_VARIANT = "lr C=16"
BEFORE_HIGH = 0.965
# S21-DL22: the same baseline (dev..dev30, lr C 16, p >= 0.965); newest dev31..dev36 (never in the examples)
NEWEST = ("dev31", "dev32", "dev33", "dev34", "dev35", "dev36")
# S22-DL23: the two sets made dev sets this session summed apart as well
NEWER = ("dev37", "dev38")
COMPARE_HIGHS = (0.9, 0.93, 0.95, 0.96, 0.965, 0.97, 0.98)
COMPARE_LOWS = (0.01, 0.02, 0.05)
# the learner variants (kind, C); the threshold is read in the table
VARIANTS = {"lr C=4": ("lr", 4.0), "lr C=16": ("lr", 16.0), "lr C=1": ("lr", 1.0), "lr C=32": ("lr", 32.0)}
# S19-DL21: sample weights (pool_probs' weigh): the data/nlu examples of other intents (all short, never danger)
# weighed less, or the short dev messages weighed more
WEIGHTS = {"lr C=16": None, "lr C=32": None, "lr C=16 nlu 0.3": {"nlu": 0.3}, "lr C=16 short x3": {"short": 3.0}}
VARIANTS |= {"lr C=16 nlu 0.3": ("lr", 16.0), "lr C=16 short x3": ("lr", 16.0)}
# S19-DL21: a message of at most SHORT_WORDS words (a typed answer mid-check is mostly one) read with its own
# threshold: the text's length is known at run time, the context of the dev items (answer) is not
SHORT_WORDS = 15
SHORT_HIGHS = (0.8, 0.85, 0.9, 0.93, 0.95)


def _rules_digest() -> str:
    import hashlib

    h = hashlib.sha256()
    for path in sorted((ROOT / "knowledge" / "language").glob("danger*.yml")) + sorted(
        (ROOT / "bot" / "lang").glob("danger*.py")
    ):
        if path.name != EXAMPLES.name and path.name != "danger_learned.py":
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def rules_only(named: dict, refresh: bool = False) -> dict:
    """Per text of each named list, the rules as they are now with the learned opinion off: fired (and
    whether by detect_danger, which a veto may take back, or by a broad reading), heard a signal
    (mentioned), why it was ruled out, an acute word standing. Cached per rules digest."""
    from bot.lang import danger_policy
    from bot.lang.danger import detect_danger
    from bot.lang.danger_learned import ruled_out_why

    path = CACHE.with_name("loso_rules_only.json")
    digest = _rules_digest()
    cache = json.loads(path.read_text()) if path.exists() else {}
    if cache.get("digest") != digest:
        cache = {"digest": digest}
    elif refresh:
        # only the named lists are scored again: another call's lists (the dev sets, then the uncovered
        # questions in one --refresh run) stay in the file
        cache = {k: v for k, v in cache.items() if k not in named}
    real = danger_policy.danger_probability
    danger_policy.danger_probability = lambda text: None
    changed = False
    try:
        for name, texts in named.items():
            if (cache.get(name) or {}).get("n") == len(texts):
                continue
            rows = {"n": len(texts), "fired": [], "detect": [], "mentioned": [], "why": [], "acute": []}
            for t in texts:
                found = detect_danger(t)
                fired = danger_policy.decide_danger(t).immediate
                rows["fired"].append(fired)
                rows["detect"].append(found.immediate)
                rows["mentioned"].append(found.mentioned)
                rows["why"].append(ruled_out_why(found.reason) if found.mentioned else "")
                rows["acute"].append(bool(fired and danger_policy.acute_word(t)))
            cache[name] = rows
            changed = True
            print(f"  rules-only verdicts for {name} done", file=sys.stderr)
    finally:
        danger_policy.danger_probability = real
    if changed:
        path.write_text(json.dumps(cache) + "\n")
    return cache


def pool_probs(sets: dict, pool: tuple, extra: list[str], kind: str, c: float, weigh: dict | None = None) -> dict:
    """Each dev set scored by a classifier fitted on the pool's sets other than it (a set outside the
    pool: on the whole pool), the data/nlu examples of other intents as not danger; a training message
    whose text is also in the scored set is left out of the fit. weigh (S19-DL21): sample weights, "short"
    for a dev message of at most SHORT_WORDS words, "nlu" for a data/nlu example. Cached."""
    tag = "".join(f"_{k}{v}" for k, v in sorted((weigh or {}).items()))
    path = CACHE.with_name(f"loso_pool_{kind}_{c}{tag}_{len(pool)}.json")
    key = {s: len(v) for s, v in sets.items()}
    if path.exists():
        got = json.loads(path.read_text())
        if got.get("key") == key and got.get("extra") == len(extra) and got.get("pool") == list(pool):
            return got["probs"]
    out = {}
    for held in sets:
        seen = {i["text"].strip() for i in sets[held]}
        train = [i for s in pool if s != held and s in sets for i in sets[s] if i["text"].strip() not in seen]
        clf = make_classifier(kind, c)
        texts = [i["text"] for i in train] + list(extra)
        labels = [i["label"] == "danger" for i in train] + [False] * len(extra)
        fit = {}
        if weigh:
            w = [weigh.get("short", 1.0) if short(i["text"]) else 1.0 for i in train]
            fit = {"logisticregression__sample_weight": w + [weigh.get("nlu", 1.0)] * len(extra)}
        clf.fit(texts, labels, **fit)
        out[held] = [float(x) for x in clf.predict_proba([i["text"] for i in sets[held]])[:, 1]]
    path.write_text(json.dumps({"key": key, "extra": len(extra), "pool": list(pool), "probs": out}) + "\n")
    return out


def layered(base, probs, rules, high=None, low=None, guard=True, texts=None) -> list[bool]:
    """The production order (decide_danger) on a base verdict: a detect_danger catch with no acute word
    standing taken back at p <= low; where the base caught nothing, p >= high adds a catch where the
    rules heard no signal or ruled it out for a reason outside GUARD (a+g) and, given the texts
    (S22-DL23), outside SHORT_GUARD in a message of at most SHORT_WORDS words. high: one threshold, or a
    list (one per item, S19-DL21: a short message's own)."""
    out = []
    highs = high if isinstance(high, list) else [high] * len(base)
    for k, (b, p, h) in enumerate(zip(base, probs, highs, strict=True)):
        v = b
        if b and low is not None and p <= low and rules["detect"][k] and not rules["acute"][k]:
            v = False
        m, why = rules["mentioned"][k], rules["why"][k]
        kept = guard and (why in GUARD or (texts is not None and why in SHORT_GUARD and short(texts[k])))
        if not b and h is not None and p >= h and (not m or not kept):
            v = True
        out.append(v)
    return out


def short(text: str) -> bool:
    """A message of at most SHORT_WORDS words (S19-DL21)."""
    return len(text.split()) <= SHORT_WORDS


def thresholds(texts: list[str], high: float, short_high: float | None) -> list[float]:
    return [short_high if short_high is not None and short(t) else high for t in texts]


def uncovered_texts() -> list[str]:
    import glob

    import yaml

    questions = []
    for path in sorted(glob.glob(str(ROOT / "tests" / "data" / "eval" / "uncovered_*.yml"))):
        if "heldout" in path or Path(path).stem in BLIND_UNCOVERED:
            continue
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        items = data if isinstance(data, list) else (data or {}).get("items") or []
        questions += [i["text"] if isinstance(i, dict) else str(i) for i in items]
    return questions


def compare_table(sets: dict, cache: dict, extra: list[str], refresh: bool, variants: list[str]) -> None:
    """S18-DL20, S19-DL21: per dev set, LOSO, the learned opinion fitted on PREVIOUS_SETS (the baseline: the
    examples as they stood, BEFORE_VARIANT) and on every dev set (each of `variants`), layered on two bases: the
    rules now with the learned opinion off (in sample for the rules, tuned on most sets), and the rules as first
    seen (the honest base; dev, dev2, dev3 have none). Each row: summed, the newest sets, the typed answers
    (context: answer) and the short messages (at most SHORT_WORDS words); the short rows with their own threshold."""
    import time

    rules = rules_only({s: [i["text"] for i in v] for s, v in sets.items()}, refresh)
    names = list(sets)
    before = tuple(s for s in PREVIOUS_SETS if s in sets)
    plan = [(BEFORE_VARIANT, f"dev..{before[-1]} (before)", before)]
    plan += [(v, f"dev..{names[-1]}", tuple(names)) for v in variants]
    runs = []  # (label, probs)
    for vlabel, plabel, pool in plan:
        kind, c = VARIANTS[vlabel]
        t0 = time.process_time()
        runs.append((f"{vlabel}, fitted on {plabel}", pool_probs(sets, pool, extra, kind, c, WEIGHTS.get(vlabel))))
        print(f"  {runs[-1][0]}: {time.process_time() - t0:.0f} s CPU", file=sys.stderr)

    def pick(s, items, verdicts, what):
        if what == "answer":
            return [i for i in items if i.get("context") == "answer"], [
                v for i, v in zip(items, verdicts, strict=True) if i.get("context") == "answer"
            ]
        if what == "short":
            return [i for i in items if short(i["text"])], [
                v for i, v in zip(items, verdicts, strict=True) if short(i["text"])
            ]
        return items, verdicts

    def show(label, verdicts, only=None, what=""):
        tot = (0,) * 6
        for s, v in verdicts.items():
            if only is None or s in only:
                tot = add(tot, counts(*pick(s, sets[s], v, what)))
        return f"{label:64s} {fmt(tot)} ({tot[2] + tot[4]})"

    ref = {}  # per base, the baseline's verdicts (the examples as they stood, p >= BEFORE_HIGH)

    def block(label, verdicts, per_set=False):
        print(show(label, verdicts))
        print(show("  newest", verdicts, NEWEST))
        print(show("  " + "+".join(NEWER), verdicts, NEWER))
        print(show("  typed answers", verdicts, what="answer"))
        print(show("  short messages", verdicts, what="short"))
        if per_set:
            print("    " + "; ".join(f"{s} {fmt(counts(sets[s], v))}" for s, v in verdicts.items()))
        if ref:
            # against the baseline: the sets losing a catch (none may), and every change item by item
            lost = [s for s in verdicts if counts(sets[s], verdicts[s])[0] < counts(sets[s], ref[s])[0]]
            moved = [
                f"{s} {i['label'][:4]}{'+' if b else '-'}"
                for s in verdicts
                for i, a, b in zip(sets[s], ref[s], verdicts[s], strict=True)
                if a != b
            ]
            print(f"    sets losing a catch: {', '.join(lost) or 'none'}; changed: {', '.join(moved) or 'none'}")

    for bname in ("rules now, learned off", "rules first seen"):
        bsets = [s for s in names if bname.startswith("rules now") or cache[s].get("first")]
        base = {s: rules[s]["fired"] if bname.startswith("rules now") else cache[s]["first"] for s in bsets}
        print(f"\n== base: {bname}; summed over {bsets[0]}..{bsets[-1]} | newest {', '.join(NEWEST)} (LOSO)")
        block("base", base)
        ref.clear()
        ref.update({s: layered(base[s], runs[0][1][s], rules[s], BEFORE_HIGH) for s in bsets})
        texts = {s: [i["text"] for i in sets[s]] for s in bsets}
        for label, probs in runs:
            for high in COMPARE_HIGHS:
                for low in (None, *COMPARE_LOWS):
                    if low is not None and high != CHOSEN["high"]:
                        continue
                    got = {s: layered(base[s], probs[s], rules[s], high, low) for s in bsets}
                    row = f"{label}, p>={high}" + (f", veto p<={low}" if low else "")
                    block(row, got, high in (BEFORE_HIGH, CHOSEN["high"]))
                    if low is None:
                        # S22-DL23: the short-message guard of "talked about in general"
                        got = {s: layered(base[s], probs[s], rules[s], high, None, texts=texts[s]) for s in bsets}
                        block(f"{label}, p>={high}, short guard", got, high in (0.95, BEFORE_HIGH))
            for high in sorted({0.95, BEFORE_HIGH, CHOSEN["high"]}):
                for sh in SHORT_HIGHS:
                    texts = {s: [i["text"] for i in sets[s]] for s in bsets}
                    got = {s: layered(base[s], probs[s], rules[s], thresholds(texts[s], high, sh)) for s in bsets}
                    block(f"{label}, p>={high}, short p>={sh}", got, True)
            # the veto's cost, set by set: a veto must lose no catch on any set
            for low in COMPARE_LOWS:
                lost = {}
                for s in bsets:
                    a = layered(base[s], probs[s], rules[s], CHOSEN["high"], None)
                    b = layered(base[s], probs[s], rules[s], CHOSEN["high"], low)
                    n = sum(x and not y and i["label"] == "danger" for i, x, y in zip(sets[s], a, b, strict=True))
                    if n:
                        lost[s] = n
                print(f"    veto p<={low}: danger items lost {sum(lost.values())} ({lost})")
    # what the full fit does on text it was not fitted on: the uncovered practice questions (the model on
    # each pool), and data/nlu's other intents in 3 folds (p >= high, an upper bound: the guard is not read)
    questions = uncovered_texts()
    urules = rules_only({"uncovered": questions}, refresh)["uncovered"]
    print(f"\n== uncovered practice questions ({len(questions)}), rules-only fire on {sum(urules['fired'])}")
    for vlabel, plabel, pool in plan:
        kind, c = VARIANTS[vlabel]
        train = [i for s in pool for i in sets[s]]
        texts, labels = [i["text"] for i in train], [i["label"] == "danger" for i in train]
        t0 = time.process_time()
        weigh = WEIGHTS.get(vlabel) or {}

        def kw(tr, weigh=weigh, texts=texts):
            w = [weigh.get("short", 1.0) if short(t) else 1.0 for t in texts] + [weigh.get("nlu", 1.0)] * len(tr)
            return {"logisticregression__sample_weight": w} if weigh else {}

        clf = make_classifier(kind, c).fit(texts + extra, labels + [False] * len(extra), **kw(extra))
        fit = time.process_time() - t0
        p = list(clf.predict_proba(questions)[:, 1])
        got = {h: sum(layered(urules["fired"], p, urules, h, None)) - sum(urules["fired"]) for h in COMPARE_HIGHS}
        got |= {
            f"{h} short guard": sum(layered(urules["fired"], p, urules, h, None, texts=questions))
            - sum(urules["fired"])
            for h in (0.95, 0.965)
        }
        for sh in SHORT_HIGHS:
            ths = thresholds(questions, CHOSEN["high"], sh)
            got[f"short {sh}"] = sum(layered(urules["fired"], p, urules, ths, None)) - sum(urules["fired"])
        vetoed = {lo: sum(urules["fired"]) - sum(layered(urules["fired"], p, urules, None, lo)) for lo in COMPARE_LOWS}
        print(f"{vlabel}, {plabel}: fit {fit:.1f} s CPU; questions added by p>=high: {got}; vetoed: {vetoed}")
        fired = dict.fromkeys([*COMPARE_HIGHS, *(f"short {sh}" for sh in SHORT_HIGHS)], 0)
        for k in range(3):
            tr = [t for j, t in enumerate(extra) if j % 3 != k]
            te = [t for j, t in enumerate(extra) if j % 3 == k]
            q = make_classifier(kind, c).fit(texts + tr, labels + [False] * len(tr), **kw(tr)).predict_proba(te)[:, 1]
            for h in COMPARE_HIGHS:
                fired[h] += int((q >= h).sum())
            for sh in SHORT_HIGHS:
                fired[f"short {sh}"] += sum(x >= h for x, h in zip(q, thresholds(te, CHOSEN["high"], sh), strict=True))
        print(f"    data/nlu other intents, 3-fold, p >= high (of {len(extra)}): {fired}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--refresh", action="store_true")
    ap.add_argument("--write-examples", action="store_true")
    ap.add_argument("--broad", action="store_true", help="the broad readings' table (S11-DI10)")
    ap.add_argument("--skip", nargs="*", default=[], help="sets to leave out of everything")
    ap.add_argument("--no-nlu", action="store_true", help="train on the dev sets only (no data/nlu negatives)")
    ap.add_argument("--learners", action="store_true", help="the learners of LEARNER_RUNS compared (S13-DI12)")
    ap.add_argument("--per-set", nargs="*", default=[], help="rows of --learners to print set by set")
    ap.add_argument("--kinds", nargs="*", default=list(LEARNERS), help="the learners of --learners to run")
    ap.add_argument("--classes", action="store_true", help="this pass's classes, LOSO (S16-DI15)")
    ap.add_argument("--false-alarms", nargs="?", const="ordinary", help="list one label's false alarms (S17-DI17)")
    ap.add_argument("--since", default=CLASSES_SINCE, help="--classes: the danger.yml to compare with (a commit)")
    ap.add_argument("--compare", action="store_true", help="the pools compared, LOSO (S18-DL20)")
    ap.add_argument("--variants", nargs="*", default=["lr C=4"], choices=list(VARIANTS), help="--compare's learners")
    args = ap.parse_args()
    sets = {s: load_split(s) for s in SETS if s not in args.skip}
    sets = {s: items for s, items in sets.items() if items}
    if args.write_examples:
        write_examples(sets)
        return 0
    # --compare reads the rules now from rules_only (its own --refresh); here only the first-seen verdicts it
    # reads (which never change) and any new set's (S22-DL23: not every set's rules-now verdicts again)
    cache = rule_verdicts(sets, args.refresh and not args.compare)
    extra = [] if args.no_nlu else nlu_other()
    if args.broad:
        broad_table(sets, cache, loso_probs(sets, extra=extra))
        return 0
    if args.false_alarms:
        false_alarms(sets, cache, extra, args.false_alarms)
        return 0
    if args.compare:
        compare_table(sets, cache, extra, args.refresh, args.variants)
        return 0
    if args.classes:
        classes_table(sets, cache, extra, args.since)
        return 0
    if args.learners:
        learner_table(sets, cache, extra, args.per_set, args.kinds)
        return 0
    loso, forward = loso_probs(sets, extra=extra), loso_probs(sets, forward=True, extra=extra)
    print(
        f"training: the other dev sets{'' if args.no_nlu else f' and {len(extra)} data/nlu examples of other intents'}"
    )

    for base, probs in (("rules", loso), ("first", loso), ("first", forward)):
        names = [s for s in sets if cache[s].get(base) and s in probs]
        print(
            f"\n== rules {'now (tuned on every set)' if base == 'rules' else 'as first seen'}, classifier "
            f"{'fitted on the sets before S only' if probs is forward else 'leave-one-set-out'}; "
            "counts: danger caught, ordinary FA, near-miss FA"
        )
        rows = {"base": dict(), "clf>=0.5": dict()}
        for h in HIGHS:
            rows[f"(a) OR p>={h}"] = {}
        for lo in LOWS:
            rows[f"(b) veto p<={lo}"] = {}
        for h in (0.8, 0.9, 0.95, 0.97):
            for lo in (0.02, 0.05):
                rows[f"(c) p>={h}, veto<={lo}"] = {}
        for s in names:
            items, r, p, a = sets[s], cache[s][base], probs[s], cache[s]["acute"]
            rows["base"][s] = counts(items, r)
            rows["clf>=0.5"][s] = counts(items, [x >= 0.5 for x in p])
            for h in HIGHS:
                rows[f"(a) OR p>={h}"][s] = counts(items, combine(r, p, a, high=h))
            for lo in LOWS:
                rows[f"(b) veto p<={lo}"][s] = counts(items, combine(r, p, a, low=lo))
            for h in (0.8, 0.9, 0.95, 0.97):
                for lo in (0.02, 0.05):
                    rows[f"(c) p>={h}, veto<={lo}"][s] = counts(items, combine(r, p, a, high=h, low=lo))
        print(f"{'reading':24s} " + " | ".join(f"{s:>13s}" for s in names) + " |      summed")
        for label, per in rows.items():
            total = (0,) * 6
            for c in per.values():
                total = add(total, c)
            print(f"{label:24s} " + " | ".join(f"{fmt(per[s]):>13s}" for s in names) + f" | {fmt(total)}")
    if extra:
        # the data/nlu examples of other intents in 3 folds: trained on every dev set and two
        # folds, scored on the third (short chat such as a goodbye is not in the dev sets)
        dev = [i for items in sets.values() for i in items]
        fired = {h: 0 for h in HIGHS}
        for k in range(3):
            train = [t for j, t in enumerate(extra) if j % 3 != k]
            test = [t for j, t in enumerate(extra) if j % 3 == k]
            clf = make_classifier()
            clf.fit([i["text"] for i in dev] + train, [i["label"] == "danger" for i in dev] + [False] * len(train))
            p = clf.predict_proba(test)[:, 1]
            for h in HIGHS:
                fired[h] += int((p >= h).sum())
        print(
            f"\ndata/nlu examples of other intents, 3-fold, p >= high (of {len(extra)}): "
            + ", ".join(f"{h}: {n}" for h, n in fired.items())
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
