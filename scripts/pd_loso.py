#!/usr/bin/env python3
"""Leave-one-set-out for the learned personal-details detector (bot/lang/details/learned.py).

    python scripts/pd_loso.py                  # LOSO table: rules alone vs rules + model by set
    python scripts/pd_loso.py --c 0.3          # another regularisation
    python scripts/pd_loso.py --write          # fit on every dev set, write pd_learned.json
    python scripts/pd_loso.py -v               # and the words the model took or missed

Every word of the personal-details dev sets (scripts/eval_language.py DEV_SETS; never the
held-out file, never a blind set) is labelled: inside a listed detail (an identifying word of
it, or a rare word of it found again elsewhere) or not; generic words of a detail ("Road",
"Primary") are left out. The rules' spans are read once with the detector off and kept in
/tmp (--refresh reads them again). For each dev set S the model is fitted on the others'
words and S is scored with the rules plus the words the model marks at or above each
threshold, by eval_language.eval_details (removed details, over-scrubbing). The threshold
taken is the lowest one at which every left-out set stays at or under the over-scrubbing
limit (--limit, 1%) and total removed is highest.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import pickle
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "scripts"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import eval_language as ev  # noqa: E402

import bot.lang.scrub as scrub_module  # noqa: E402
from bot.lang.details import learned  # noqa: E402

CACHE = Path("/tmp/pd_loso_rules.pkl")
WORD_KEYS = ("w=", "p=", "n=")  # a word's own identity: kept only when seen in MIN_SETS sets
MIN_SETS = 3
THRESHOLDS = (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0)
SEED = 0
_TAGS = itertools.count()


def _rules_key() -> str:
    h = hashlib.sha1()
    lang = ROOT / "bot" / "lang"
    paths = [lang / "scrub.py", lang / "dates.py", *sorted((lang / "details").glob("*.py"))]
    paths += [ROOT / "knowledge" / "language" / n for n in ("personal_details.yml", "name_words.yml")]
    for path in paths:
        if path.is_file() and path.name != "learned.py":
            h.update(path.read_bytes())
    return h.hexdigest()


def rule_spans(sets, refresh: bool = False) -> dict:
    """text -> the rules' spans (the learned detector off), cached in /tmp by the rules' code."""
    key = _rules_key()
    cache = {}
    if CACHE.exists() and not refresh:
        with open(CACHE, "rb") as fh:
            stored = pickle.load(fh)
        if stored.get("key") == key:
            cache = stored["spans"]
    learned.OFF = True
    texts = {item["text"] for name in sets for item in ev.load_eval(name)}
    missing = [t for t in texts if t not in cache]
    for t in missing:
        cache[t] = list(scrub_module.detail_spans(t))
    if missing:
        with open(CACHE, "wb") as fh:
            pickle.dump({"key": key, "spans": cache}, fh)
    return cache


def labelled(name: str, rules: dict) -> list[dict]:
    """Per message: its tokens, whether the rules took each, features and labels (1, 0, None)."""
    out = []
    for item in ev.load_eval(name):
        text = item["text"]
        toks = learned.tokens(text)
        spans = rules[text]
        covered = [any(a < e and s < b for s, e, _ in spans) for a, b, _w in toks]
        positive: list[tuple[int, int]] = []
        inside: list[tuple[int, int]] = []
        for detail in item.get("details") or []:
            for a, b in ev._occurrences(text, detail):
                inside.append((a, b))
                positive.extend((a + wa, a + wb) for wa, wb in ev.distinctive_words(detail))
            for word in ev.rare_words(detail):
                for m in re.finditer(r"(?<![A-Za-z0-9])" + re.escape(word) + r"(?![A-Za-z0-9])", text):
                    positive.append((m.start(), m.end()))
        labels = []
        for a, b, _w in toks:
            if any(a < e and s < b for s, e in positive):
                labels.append(1)
            elif any(a < e and s < b for s, e in inside):
                labels.append(None)
            else:
                labels.append(0)
        out.append(
            {"text": text, "toks": toks, "covered": covered, "feats": learned.features(text, covered), "labels": labels}
        )
    return out


def _rows(data: dict, names, train: str):
    """Feature lists and labels of the named sets' words (train: 'uncovered' words the rules
    left, or 'all' words)."""
    feats, ys, set_of = [], [], []
    for name in names:
        for msg in data[name]:
            for f, y, done in zip(msg["feats"], msg["labels"], msg["covered"], strict=False):
                if y is None or (train == "uncovered" and done):
                    continue
                feats.append(f)
                ys.append(y)
                set_of.append(name)
    return feats, ys, set_of


def fit(data: dict, names, c: float, train: str) -> dict:
    """{weights, bias} of a logistic regression fitted on the named sets' words."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    feats, ys, set_of = _rows(data, names, train)
    seen: dict = {}
    for f, s in zip(feats, set_of, strict=False):
        for x in f:
            if x.startswith(WORD_KEYS):
                seen.setdefault(x, set()).add(s)
    allowed = {x for x, sets in seen.items() if len(sets) >= MIN_SETS}
    rows = [{x: 1 for x in f if not x.startswith(WORD_KEYS) or x in allowed} for f in feats]
    vec = DictVectorizer()
    X = vec.fit_transform(rows)
    clf = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
    clf.fit(X, ys)
    weights = {
        k: round(float(w), 4) for k, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=False) if abs(w) >= 1e-4
    }
    return {"weights": weights, "bias": round(float(clf.intercept_[0]), 4), "tag": next(_TAGS)}


def scored(data: dict, name: str, rules: dict, model: dict, threshold: float):
    """eval_details of the set with the rules' spans plus the words the model takes, and the
    words taken that lie outside every detail (labelled 0)."""
    added: dict = {}
    wrong = 0
    for msg in data[name]:
        extra = []
        if model["tag"] != msg.get("model"):
            w, bias = model["weights"], model["bias"]
            msg["scores"] = [bias + sum(w.get(x, 0.0) for x in f) for f in msg["feats"]]
            msg["model"] = model["tag"]
        sc = msg["scores"]
        for (a, b, word), done, s, y in zip(msg["toks"], msg["covered"], sc, msg["labels"], strict=False):
            if not done and s >= threshold and not learned.guarded(word):
                extra.append((a, b, "name"))
                wrong += y == 0
        added[msg["text"]] = sorted(list(rules[msg["text"]]) + extra)
    saved = scrub_module.detail_spans
    scrub_module.detail_spans = lambda t: added.get(t) or rules.get(t) or []
    try:
        return ev.eval_details.__wrapped__(name), wrong
    finally:
        scrub_module.detail_spans = saved


def main(argv) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--c", default="0.3", help="regularisation (comma-separated: each is run)")
    ap.add_argument("--train", default="all", help="'all' words or the 'uncovered' ones (comma-separated)")
    ap.add_argument("--limit", type=float, default=0.01)
    ap.add_argument("--refresh", action="store_true")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--sets", default="", help="comma-separated dev sets (default: all DEV_SETS)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    t0 = time.time()
    sets = [s for s in args.sets.split(",") if s] or list(ev.DEV_SETS)
    assert not any("heldout" in s or "held_out" in s or "blind" in s for s in sets)
    rules = rule_spans(sets, args.refresh)
    data = {name: labelled(name, rules) for name in sets}
    print(f"rules read and words labelled ({time.time() - t0:.0f} s)")
    for c in [float(x) for x in args.c.split(",")]:
        for train in args.train.split(","):
            args.c_one, args.train_one = c, train
            run(args, sets, rules, data)
    print(f"({time.time() - t0:.0f} s)")
    return 0


def run(args, sets, rules, data) -> None:
    table: dict = {}  # threshold -> name -> (DetailScore, wrong)
    rules_only: dict = {}
    for name in sets:
        model = fit(data, [s for s in sets if s != name], args.c_one, args.train_one)
        rules_only[name], _ = scored(data, name, rules, model, float("inf"))
        for th in THRESHOLDS:
            table.setdefault(th, {})[name] = scored(data, name, rules, model, th)
        if args.verbose:
            d, _ = table[THRESHOLDS[len(THRESHOLDS) // 2]][name]
            print(name, "left:", [x[1] for x in d.leaks][:30], "lost:", [x[1] for x in d.lost][:30])
    best, best_removed = None, sum(d.removed for d in rules_only.values())
    print(f"\nLOSO (C={args.c_one}, train on {args.train_one} words); removed / over-scrubbed / other words taken")
    print(f"{'threshold':>10} {'removed':>11} {'over':>9} {'worst set':>9} {'other':>6}")
    r = sum(d.removed for d in rules_only.values())
    n = sum(d.details for d in rules_only.values())
    o = sum(d.over_scrubbed for d in rules_only.values())
    cw = sum(d.content_words for d in rules_only.values())
    worst = max(d.over_scrubbing for d in rules_only.values())
    print(f"{'rules':>10} {r:>5}/{n:<5} {o:>4}/{cw:<5} {worst:>8.3%} {0:>6}")
    for th in THRESHOLDS:
        row = table[th]
        r = sum(d.removed for d, _ in row.values())
        o = sum(d.over_scrubbed for d, _ in row.values())
        other = sum(w for _, w in row.values())
        worst = max(d.over_scrubbing for d, _ in row.values())
        print(f"{th:>10} {r:>5}/{n:<5} {o:>4}/{cw:<5} {worst:>8.3%} {other:>6}")
        if worst <= args.limit and r > best_removed:
            best, best_removed = th, r
    print(f"\nchosen threshold: {best}")
    show = best if best is not None else THRESHOLDS[-1]
    print(f"\nby set, rules alone -> rules + model at {show} (left-out figures)")
    for name in sets:
        a = rules_only[name]
        b, w = table[show][name]
        print(
            f"  {name:<28} removed {a.removed:>4} -> {b.removed:>4} /{a.details:<4}"
            f" over {a.over_scrubbed:>2} -> {b.over_scrubbed:>2} /{a.content_words:<5}"
            f" ({b.over_scrubbing:.2%})  other words taken {w}"
        )
        if args.verbose:
            gained = {x[1] for x in a.leaks} - {x[1] for x in b.leaks}
            lost = [x[1] for x in b.lost if x not in a.lost]
            print(f"      caught {sorted(gained)}  lost {lost}")
    if args.write:
        if best is None:
            print("no threshold improves the LOSO figure within the limit: nothing written")
            return
        model = fit(data, sets, args.c_one, args.train_one)
        model = {
            "about": "bot/lang/details/learned.py: weights of the learned personal-details detector, "
            "written by scripts/pd_loso.py --write from the dev sets' words (never a held-out or blind set)",
            "sets": sets,
            "c": args.c_one,
            "train": args.train_one,
            "threshold": best,
            "loso_removed": best_removed,
            "bias": model["bias"],
            "weights": dict(sorted(model["weights"].items())),
        }
        path = ROOT / "knowledge" / "language" / learned.WEIGHTS_FILE
        path.write_text(json.dumps(model, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {path} ({len(model['weights'])} weights)")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
