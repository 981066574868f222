"""A learned gap-filler for accounts (issue 19, S15-LC3), judged leave-one-set-out.

The rule reader (bot/lang/account.py) leaves many questions unanswered on a writer it has not
seen. Here a small classifier per question (tf-idf words and word pairs, logistic regression,
fixed seed) is fitted on every dev accounts set but one and predicts the left-out set's
accounts, ONLY at the questions the rule reader left unanswered. Its classes are the question's
values and "none" (the account does not tell it). A value is filled only above a confidence
threshold chosen inside the training sets (grouped by set, out-of-fold): the lowest threshold
whose out-of-fold fills are at least PRECISION right.

Scored as scripts/eval_listening.py eval_accounts scores a pre-filled answer (right: the
expected value or an also_ok one; wrong: against the expected value or the case facts, or a
value at a question the set says the account does not give).

  python scripts/account_loso.py              # the LOSO table, per set: right, wrong before -> after
  python scripts/account_loso.py --by-question
  python scripts/account_loso.py --agree      # (S16-LC4) answers that go together, fitted leaving each set out

--agree: where an account holds words of two or more answers of a one-answer question, the reader
asks (a contradiction) unless account.answers_agree says they go together (the first kept). Each
dev account is read once with the words of every such pair recorded (whatever answers_agree says);
a pairing (question, the answers said) -> the answer kept is fitted on every set but one: kept
where that answer was right (the expected one or an also_ok one) in at least AGREE_LEAST other sets
and never wrong (against the expected answer or the case facts); then scored on the set left out.
The words recorded are the reader's before its context rules, so a pairing may change fewer
answers than it is scored with here: the change itself is measured by reading every set with it.

Only dev sets are read (eval_listening.PARTS, splits starting 'dev'); a held-out or blind set never.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import scripts.eval_listening as ev  # noqa: E402

CACHE = ROOT / "var" / "account_loso"
SEED = 15
PRECISION = 0.95
GRID = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
NONE = "_none"
C = 4.0
MIN_FILLS = 3
# the sets of the leave-one-set-out table; a later dev set (dev23) is predicted from all of them, untuned
LOSO_SETS = ("dev", *(f"dev{n}" for n in range(3, 23)))
# single-value questions the gap-filler may answer (the multi ones, the age, the scale and the
# danger question are left to the rules and the check)
QUESTIONS = (
    "q_disability",
    *(f"q_seen__{t}" for t in ("medical", "nutritional", "emotional", "educational", "physical", "supervision")),
    "q_material",
    "q_uses_support",
    "q_engagement",
    "q_dc_signs",
    "q_seen_alone",
    "q_duration",
    "q_previous",
    "q_dsl_knows",
)
QUESTIONS = tuple(q if not q.startswith("q_seen__") else q + "_neglect" for q in QUESTIONS)


def dev_splits() -> list[str]:
    return [s for s in ev.PARTS if s.startswith("dev")]


def _reader_answers(texts: list[str]) -> list[dict]:
    from bot.lang.account import read_account

    key = hashlib.sha1("\n\x00".join(texts).encode()).hexdigest()[:16]
    reader = hashlib.sha1(
        b"".join(p.read_bytes() for p in sorted((ROOT / "bot" / "lang").glob("account*.py")))
        + (ROOT / "knowledge" / "language" / "account_words.yml").read_bytes()
        + (ROOT / "knowledge" / "language" / "answers.yml").read_bytes()
    ).hexdigest()[:12]
    path = CACHE / f"{reader}_{key}.json"
    if path.exists():
        return json.loads(path.read_text())
    p = ev.plan()
    out = [read_account(t, p, ev.TODAY).answers() for t in texts]
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out))
    return out


def rows() -> list[dict]:
    """One row per dev account: set, text, the rule reader's answers, expected, facts, also_ok, not_given."""
    out = []
    for s in dev_splits():
        for item in ev.load(f"accounts_{s}"):
            out.append(
                {
                    "set": s,
                    "id": item["id"],
                    "text": str(item["text"]),
                    "expected": {k: ev.values(v) for k, v in (item.get("expected") or {}).items()},
                    "facts": {k: ev.values(v) for k, v in (item.get("fact_values") or {}).items()},
                    "also": {
                        k: {ev.values(a) for a in (v if isinstance(v, list) else [v])}
                        for k, v in (item.get("also_ok") or {}).items()
                    },
                    "not_given": set(item.get("not_given") or []),
                }
            )
    got = _reader_answers([r["text"] for r in out])
    for r, g in zip(out, got, strict=True):
        r["got"] = g
    return out


def label(r: dict, qid: str) -> str | None:
    """The training class: the expected value, "none" where the account does not give it, or
    None (left out of training: only an also_ok reading, or an expected set of several values)."""
    if qid in r["expected"]:
        want = r["expected"][qid]
        return next(iter(want)) if len(want) == 1 else None
    if qid in r["also"]:
        return None
    return NONE


def judge(r: dict, qid: str, value: str) -> str:
    """'right', 'wrong' or 'fine' (no truth: counted as pre-filled, neither right nor wrong)."""
    v = ev.values(value)
    if qid == "q_child_voice":
        return "fine"
    truth = r["expected"].get(qid) or r["facts"].get(qid)
    if truth is not None and (v == truth or v in r["also"].get(qid, set())):
        return "right" if qid in r["expected"] else "fine"
    if truth is None:
        if qid in r["not_given"]:
            return "fine" if v in r["also"].get(qid, set()) else "wrong"
        return "fine"
    return "wrong"


def _vectorizer(texts: list[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    return vec, vec.fit_transform(texts)


def _fit(X, ys: list[str]):
    from sklearn.linear_model import LogisticRegression

    if len(set(ys)) < 2:
        return None
    clf = LogisticRegression(C=C, max_iter=2000, random_state=SEED, class_weight="balanced")
    clf.fit(X, ys)
    return clf


def _predict(clf, X) -> list[tuple[str, float]]:
    if clf is None or X.shape[0] == 0:
        return [(NONE, 1.0)] * X.shape[0]
    P = clf.predict_proba(X)
    best = P.argmax(axis=1)
    return [(str(clf.classes_[b]), float(P[i, b])) for i, b in enumerate(best)]


def _allowed(qid: str, value: str) -> bool:
    return value != NONE and not (qid.startswith("q_impact") and value == "none_yet")


def fold_predictions(train: list[dict], test: list[dict]) -> dict[str, list[tuple[dict, str, float]]]:
    """Per question: (row, value, confidence) for the test rows the rule reader left unanswered,
    from models fitted on every training row with a class (the rule reader's answers or not:
    every account is an example of how a writer tells it)."""
    vec, X = _vectorizer([r["text"] for r in train])
    Xt = vec.transform([r["text"] for r in test])
    out = {}
    for qid in QUESTIONS:
        idx = [i for i, r in enumerate(train) if label(r, qid) is not None]
        clf = _fit(X[idx], [label(train[i], qid) for i in idx])
        gap = [i for i, r in enumerate(test) if qid not in r["got"]]
        out[qid] = [(test[i], v, p) for i, (v, p) in zip(gap, _predict(clf, Xt[gap]), strict=True)]
    return out


def thresholds(train: list[dict]) -> dict[str, float]:
    """Per question, the lowest threshold whose out-of-fold fills (5 folds of the training sets,
    grouped by set) are at least PRECISION right (right / (right + wrong)), with at least MIN_FILLS
    right; else never (1.01)."""
    sets = sorted({r["set"] for r in train})
    preds: dict[str, list] = defaultdict(list)
    for k in range(5):
        hold = set(sets[k::5])
        fp = fold_predictions([r for r in train if r["set"] not in hold], [r for r in train if r["set"] in hold])
        for qid, ps in fp.items():
            preds[qid] += ps
    out = {}
    for qid in QUESTIONS:
        out[qid] = 1.01
        for t in GRID:
            right = wrong = 0
            for r, v, p in preds[qid]:
                if p >= t and _allowed(qid, v):
                    j = judge(r, qid, v)
                    right += j == "right"
                    wrong += j == "wrong"
            if right >= MIN_FILLS and right / (right + wrong) >= PRECISION:
                out[qid] = t
                break
    return out


def _score(rs: list[dict]) -> list[int]:
    """[right, expected, wrong, pre-filled] of the rule reader alone."""
    b = [0, 0, 0, 0]
    for r in rs:
        b[1] += len(r["expected"])
        for qid, want in r["expected"].items():
            v = ev.values(r["got"][qid]) if qid in r["got"] else None
            b[0] += v is not None and (v == want or v in r["also"].get(qid, set()))
        for qid, value in r["got"].items():
            b[3] += 1
            b[2] += judge(r, qid, value) == "wrong"
    return b


def loso(rs: list[dict], sets: list[str], check: list[str], by_question: bool = False) -> None:
    """Each set of `sets` left out in turn (fitted and thresholds chosen on the others); each set
    of `check` (untuned) predicted from all of `sets`."""
    before, after = {}, {}
    perq = defaultdict(lambda: [0, 0, 0])  # right, wrong, no truth
    plan_ = [(s, [x for x in sets if x != s]) for s in sets] + [(c, list(sets)) for c in check]
    for s, train_sets in plan_:
        train = [r for r in rs if r["set"] in train_sets]
        test = [r for r in rs if r["set"] == s]
        before[s] = _score(test)
        a = list(before[s])
        ts = thresholds(train)
        for qid, ps in fold_predictions(train, test).items():
            for r, v, p in ps:
                if p >= ts[qid] and _allowed(qid, v):
                    j = judge(r, qid, v)
                    a[0] += j == "right"
                    a[2] += j == "wrong"
                    a[3] += 1
                    perq[qid][("right", "wrong", "fine").index(j)] += s not in check
        after[s] = a
        used = " ".join(f"{q[2:]}={t:g}" for q, t in ts.items() if t <= 1)
        print(f"  {s}: {before[s][0]} -> {a[0]} right, {before[s][2]} -> {a[2]} wrong; thresholds {used}", flush=True)
    print(f"{'set':6} {'right before':>16} {'right after':>12} {'wrong before':>16} {'wrong after':>14}")

    def line(name, b, a):
        print(
            f"{name:6} {b[0]:>5}/{b[1]:<4}{b[0] / b[1]:6.1%} {a[0]:>5}{a[0] / a[1]:7.1%}"
            f" {b[2]:>5}/{b[3]:<4}{b[2] / b[3]:6.1%} {a[2]:>4}/{a[3]:<4}{a[2] / a[3]:6.1%}"
        )

    for s in [*sets, *check]:
        line(s, before[s], after[s])
    tb = [sum(before[s][i] for s in sets) for i in range(4)]
    ta = [sum(after[s][i] for s in sets) for i in range(4)]
    line("LOSO", tb, ta)
    if by_question:
        for qid, (ri, wr, fi) in sorted(perq.items()):
            print(f"  {qid:32} right {ri:3} wrong {wr:3} no truth {fi:3}")


AGREE_LEAST = 2


def _pairs(texts: list[str]) -> list[list[list]]:
    """Per account, [question, the answers said] for each one-answer question whose words said
    more than one answer (bot/lang/account.py _settled, and account_sentences.agreed for an unsure
    whole reading), whatever account.answers_agree makes of them (cached)."""
    import bot.lang.account as A

    key = hashlib.sha1("\n\x00".join(texts).encode()).hexdigest()[:16]
    reader = hashlib.sha1(
        b"".join(p.read_bytes() for p in sorted((ROOT / "bot" / "lang").glob("account*.py")))
        + (ROOT / "knowledge" / "language" / "answers.yml").read_bytes()
    ).hexdigest()[:12]
    path = CACHE / f"pairs_{reader}_{key}.json"
    if path.exists():
        return json.loads(path.read_text())
    seen: list = []
    settled, agreed = A._settled, A.agreed

    def _settled(q, reading, doc, sents, clauses, unborn, found):
        if q.kind != "multi":
            values = {str(o.value) for o in q.options or ()}
            said = {reading.value} | {
                h.key
                for h in reading.hits
                if h.key in values
                and A._counts(q.id, doc, sents, clauses, h, unborn)
                and not (found is not None and A._a_sign(q.id, h, found))
            }
            if len(said) > 1:
                seen.append([q.id, sorted(said)])
        return settled(q, reading, doc, sents, clauses, unborn, found)

    def _agreed(q, reading):
        if reading is not None and reading.status == "ask" and q.kind != "multi":
            values = {str(o.value) for o in q.options or ()}
            said = {h.key for h in reading.hits if h.key in values}
            if len(said) > 1:
                seen.append([q.id, sorted(said)])
        return agreed(q, reading)

    p = ev.plan()
    out = []
    A._settled, A.agreed = _settled, _agreed
    try:
        for t in texts:
            seen.clear()
            A.read_account(t, p, ev.TODAY)
            out.append([list(x) for x in dict.fromkeys((q, tuple(v)) for q, v in seen)])
    finally:
        A._settled, A.agreed = settled, agreed
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out))
    return out


def agree_loso(rs: list[dict], sets: list[str]) -> None:
    """Pairings of answers that go together, fitted on every set but one and scored on it."""
    pairs = _pairs([r["text"] for r in rs])
    cases = []  # (set, row, question, answers said)
    for r, ps in zip(rs, pairs, strict=True):
        for q, said in ps:
            cases.append((r["set"], r, q, tuple(said)))

    def fit(train: set[str]) -> dict:
        right: dict = defaultdict(lambda: defaultdict(set))
        wrong: dict = defaultdict(lambda: defaultdict(int))
        for s, r, q, said in cases:
            if s not in train:
                continue
            for v in said:
                j = judge(r, q, v)
                if j == "right":
                    right[(q, said)][v].add(s)
                elif j == "wrong":
                    wrong[(q, said)][v] += 1
        out = {}
        for key, by in right.items():
            ok = [(len(where), v) for v, where in by.items() if len(where) >= AGREE_LEAST and not wrong[key][v]]
            if ok:
                out[key] = max(ok)[1]
        return out

    total = [0, 0, 0]
    for s in sets:
        rules = fit({x for x in sets if x != s})
        got = [0, 0, 0]
        for cs, r, q, said in cases:
            if cs != s or (q, said) not in rules:
                continue
            j = judge(r, q, rules[(q, said)])
            got[("right", "wrong", "fine").index(j)] += 1
            print(f"    {s} {r['id']} {q} {'|'.join(said)} -> {rules[(q, said)]}: {j}")
        total = [a + b for a, b in zip(total, got, strict=True)]
        print(f"  {s}: kept answers right {got[0]}, wrong {got[1]}, no truth {got[2]}", flush=True)
    print(f"LOSO: right {total[0]}, wrong {total[1]}, no truth {total[2]}")
    print("fitted on every set:")
    for (q, said), v in sorted(fit(set(sets)).items()):
        print(f"  {q} {'|'.join(said)} -> {v}")


# -- (S23-LC15) strengths read from an account's prose, lifted by value where leave-one-set-out says so --------
STRENGTHS = ("supportive_adult", "parent_insight", "warm_relationship", "school_nursery")


def _scored_rows(item: dict, acc) -> list[dict]:
    """One account read, scored as scripts/account_firstseen.py's CHILD scores it (the same rows)."""
    got = acc.answers()
    expected = {k: ev.values(v) for k, v in (item.get("expected") or {}).items()}
    facts = {k: ev.values(v) for k, v in (item.get("fact_values") or {}).items()}
    also = {
        k: {ev.values(a) for a in (v if isinstance(v, list) else [v])} for k, v in (item.get("also_ok") or {}).items()
    }
    rows = []
    for qid, want in expected.items():
        right = qid in got and (ev.values(got[qid]) == want or ev.values(got[qid]) in also.get(qid, set()))
        rows.append({"q": qid, "kind": "expected", "right": right, "got": qid in got, "want": sorted(want)})
    for i in acc.items:
        qid, value = i.question_id, i.value
        truth = expected.get(qid) or facts.get(qid)
        fine = (
            truth is None
            or ev.values(value) == truth
            or ev.values(value) in also.get(qid, set())
            or (qid == "q_child_voice" and value == "given")
        )
        if truth is None and qid in (item.get("not_given") or []) and qid != "q_child_voice":
            fine = ev.values(value) in also.get(qid, set())
        rows.append(
            {
                "q": qid,
                "kind": "prefilled",
                "value": value,
                "evidence": i.evidence,
                "fine": bool(fine),
                "truth": sorted(truth or []),
                "expected": qid in expected,
            }
        )
    return rows


def strength_reads(sets: list[str]) -> dict[str, list[dict]]:
    """Every account of the sets read in this process twice: as the reader stands (rows, the before) and
    with account.not_from_prose lifted for q_strengths (open: the q_strengths item so read, or None)."""
    from bot.lang.account import read_account
    from bot.lang.account_signs import settings

    p = ev.plan()
    gate = settings().setdefault("not_from_prose", {})
    kept = list(gate.get("q_strengths") or [])
    out: dict[str, list[dict]] = {}
    try:
        for s in sets:
            got = []
            for item in ev.load(f"accounts_{s}"):
                text = str(item["text"])
                gate["q_strengths"] = kept
                before = read_account(text, p, ev.TODAY)
                gate["q_strengths"] = []
                items = read_account(text, p, ev.TODAY).items
                lifted = next((i for i in items if i.question_id == "q_strengths"), None)
                opened = None
                if lifted is not None and "q_strengths" not in before.answers():
                    opened = {"value": lifted.value, "evidence": lifted.evidence}
                got.append({"id": item["id"], "rows": _scored_rows(item, before), "open": opened, "item": item})
            out[s] = got
            print(f"read {s}", flush=True)
    finally:
        gate["q_strengths"] = kept
    return out


def _opened(it: dict, lift: frozenset) -> list[dict]:
    """An account's rows with its prose strengths reading pre-filled where every value of it is lifted."""
    o = it["open"]
    if o is None or not set(o["value"].split(",")) <= lift:
        return it["rows"]
    from bot.lang.account import Account, Item

    acc = Account((Item("q_strengths", o["value"], o["evidence"]),), (), (), ())
    extra = [r for r in _scored_rows(it["item"], acc) if r["q"] == "q_strengths"]
    rows = [r for r in it["rows"] if r["q"] != "q_strengths"]
    return (
        rows
        + [r for r in extra if r["kind"] == "prefilled"]
        + [{**r, "right": r["right"], "got": True} for r in extra if r["kind"] == "expected"]
    )


def _totals(items: list[list[dict]]) -> tuple[int, int, int, int]:
    """right, expected, wrong, pre-filled over the items' rows."""
    rows = [r for it in items for r in it]
    exp = [r for r in rows if r["kind"] == "expected"]
    pre = [r for r in rows if r["kind"] == "prefilled"]
    return sum(r["right"] for r in exp), len(exp), sum(not r["fine"] for r in pre), len(pre)


def strengths_loso(data: dict[str, list[dict]], k: float) -> None:
    """For each dev set, the strengths values lifted from account.not_from_prose are chosen on the other sets
    (the subset of STRENGTHS whose prose readings score best by right - k x wrong there, above 0; none where
    none does), and applied to the set left out: per set right and wrong before -> after, and summed."""
    import itertools

    subsets = [frozenset(c) for n in range(len(STRENGTHS) + 1) for c in itertools.combinations(STRENGTHS, n)]

    def gain(sets: list[str], lift: frozenset) -> tuple[int, int]:
        b = _totals([it["rows"] for s in sets for it in data[s]])
        a = _totals([_opened(it, lift) for s in sets for it in data[s]])
        return a[0] - b[0], a[2] - b[2]

    tb, ta = [0, 0, 0, 0], [0, 0, 0, 0]
    for s in data:
        train = [x for x in data if x != s]
        scores = {L: gain(train, L) for L in subsets}
        best = max(subsets, key=lambda L: (scores[L][0] - k * scores[L][1], -len(L)))
        if scores[best][0] - k * scores[best][1] <= 0:
            best = frozenset()
        b = _totals([it["rows"] for it in data[s]])
        a = _totals([_opened(it, best) for it in data[s]])
        tb, ta = [x + y for x, y in zip(tb, b, strict=True)], [x + y for x, y in zip(ta, a, strict=True)]
        print(f"{s} lift {sorted(best) or '-'}: right {b[0]} -> {a[0]}/{b[1]}, wrong {b[2]}/{b[3]} -> {a[2]}/{a[3]}")
    print(
        f"left out, summed (k={k}): right {tb[0]} -> {ta[0]} of {tb[1]}, wrong {tb[2]}/{tb[3]} "
        f"({tb[2] / max(tb[3], 1):.1%}) -> {ta[2]}/{ta[3]} ({ta[2] / max(ta[3], 1):.1%})"
    )
    print("each value's prose readings on every dev set (right gained, wrong added), lifted alone and all:")
    for L in [*(frozenset([v]) for v in STRENGTHS), frozenset(STRENGTHS)]:
        print(f"  {'+'.join(sorted(L))}: {gain(list(data), L)}")


def strengths_main(ks: list[float], tag: str | None) -> None:
    """--strengths K.. [--strengths-now TAG]: read every dev set in this process, then the LOSO table per K;
    with a tag, the before rows kept as scripts/account_firstseen.py --now keeps them (for its --compare)."""
    data = strength_reads(dev_splits())
    for k in ks:
        strengths_loso(data, k)
    if tag:
        from scripts.account_firstseen import CACHE as NOW

        NOW.mkdir(parents=True, exist_ok=True)
        for s, items in data.items():
            (NOW / f"now-{tag}_{s}.json").write_text(json.dumps([{"id": it["id"], "rows": it["rows"]} for it in items]))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--by-question", action="store_true")
    ap.add_argument("--precision", type=float, default=PRECISION, help="out-of-fold precision a threshold needs")
    ap.add_argument("--min-fills", type=int, default=MIN_FILLS, help="out-of-fold right fills a threshold needs")
    ap.add_argument("--agree", action="store_true", help="answers that go together, leave-one-set-out")
    ap.add_argument("--strengths", type=float, nargs="+", metavar="K", help="(S23-LC15) strengths lifted, LOSO")
    ap.add_argument("--strengths-now", metavar="TAG", help="--strengths: keep every set's rows under TAG")
    args = ap.parse_args()
    globals().update(PRECISION=args.precision, MIN_FILLS=args.min_fills)
    if args.strengths is not None:
        strengths_main(args.strengths, args.strengths_now)
        return 0
    if args.agree:
        agree_loso(rows(), dev_splits())
        return 0
    np.random.seed(SEED)
    sets = [s for s in dev_splits() if s in LOSO_SETS]
    check = [s for s in dev_splits() if s not in LOSO_SETS]
    rs = rows()
    loso(rs, sets, check, args.by_question)
    return 0


if __name__ == "__main__":
    sys.exit(main())
