"""Measures the answers to practice questions through the trained model (issues 18 and 22).

Every message is parsed by the trained Rasa model (the NLU pipeline with the danger layer),
then routed as the rules route it: `faq` and `ask_question` go to action_answer_question and
`nlu_fallback` to action_clarify (actions/answers.py, the same decision code: decide() and
the coverage check, answer_or_not_covered), any other
intent to its own action. Each outcome is one of:
  not_covered   "the documents I hold don't cover that", nearest topics, who to ask
  national      an item beyond the five documents that says so and names its national source
  case          a case description handed to the check
  article       an answer from the five documents (for an uncovered question: unrelated)
  invitation    "what would you like to know?"
  clarify       "did you mean ..." with the menu's choices
  other:<name>  another intent's action (a check, a greeting, the 999 answer, ...); a message
                routed to start_check, help or show_chronology that reads as a practice question
                with no sign of that request is scored as `faq` (rasa_ext/question_route.py, applied
                here too when the model was trained without it); an
                `out_of_scope` message is scored through the out_of_scope rule's action
                (actions/answers.out_of_scope_decision): not_covered when it is a practice
                question (bot/knowledge/practice_question.py), else other:out_of_scope

Sets: tests/data/eval/uncovered_dev.yml, uncovered_dev2.yml, uncovered_dev3.yml, uncovered_dev4.yml,
uncovered_dev5.yml (session 8, a fifth independent writer), uncovered_dev6.yml (session 9, a sixth),
uncovered_dev7.yml (session 10, dev), uncovered_dev8.yml (session 10, blind; a dev set since
session 11) and uncovered_heldout.yml (practice questions the five documents do not cover; the held-out
part is only run to report a figure), the covered_controls of uncovered_dev2.yml .. uncovered_dev8.yml
(`covered_dev2` .. `covered_dev8`, each with its faq topic), the practice
questions of tests/data/eval/routing_dev.yml (`routing`: 3 per topic, dev) and
tests/nlu/faq_test_set.yml (covered questions, each labelled with its topic; held out), and
`smalltalk`: the messages of routing_dev.yml .. routing_dev8.yml labelled
out_of_scope (small talk and other work tasks, dev), which should never get the practice
fallback (`got_the_practice_fallback`). An uncovered
question answered with an article (local or national) is an unrelated article unless the article
is from the topic that now covers its subject (NOW_COVERED below).

    python scripts/eval_answers.py [--model models/x.tar.gz] [--show]
        [--sets dev,dev2,dev3,dev4,dev5,dev6,dev7,routing,smalltalk,heldout,covered]

Choosing knowledge/faq.yml `answering: min_confidence` (and the FaqSelector's `scale`) on dev
data only: `--sweep 4,8,16 [--thresholds 0.05,0.1,...]` prints, for each scale and floor, the
uncovered dev questions answered with a local article and the covered dev questions (the topics'
own examples in 5-fold cross-validation of the selector, `cv_covered`) that get their article.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("LOG_LEVEL", "WARNING")  # Rasa's debug lines would print every message parsed


# Questions the uncovered sets were written as uncovered, whose subject knowledge/faq.yml has since
# been given a topic of its own (an item that names its national source): the set's `topic` label
# -> the faq topic keys whose answer is right for it. Any other answer with an article, local or
# national, is an unrelated article. (The dev items themselves are not edited: tests/data/eval/README.md.)
NOW_COVERED: dict[str, frozenset[str]] = {
    "co_sleeping": frozenset({"safe_sleep"}),
    "private_fostering": frozenset({"private_fostering"}),
    "disclosure_response": frozenset({"disclosure"}),
    "disclosure_sexual_abuse": frozenset({"disclosure"}),
    "harmful_sexual_behaviour": frozenset({"disclosure"}),  # "a child tells me ...": a disclosure
    "young_carers": frozenset({"young_carers"}),
}

# the topics those are: a label that is one of their keys ("safe_sleep") is covered by it too
NOW_COVERING: frozenset[str] = frozenset().union(*NOW_COVERED.values())


def covering(label: str) -> frozenset[str]:
    """The faq topic keys whose answer is right for an uncovered item labelled `label`."""
    return NOW_COVERED.get(label, frozenset()) | ({label.removeprefix("faq_")} & NOW_COVERING)


# a blind uncovered set (its covered controls too) is run once at the end, like the held-out set.
# uncovered_dev8 (session 10, blind, measured twice for counts only) is a dev set since session 11;
# uncovered_dev9 (session 11, S11-RW10) is a dev set; uncovered_dev10 (written blind with it, measured once
# at the end of session 11) is a dev set from session 12
# uncovered_dev12 (blind in session 12) is dev from session 13; uncovered_dev14 is written blind in session 13
# uncovered_dev14 (blind in session 13, measured twice for counts only) is dev from session 14
BLIND: frozenset[str] = frozenset()


def is_blind(name: str) -> bool:
    """A held-out or blind set's part, whose texts are never printed."""
    return "heldout" in name or name in BLIND


Row = tuple[str, str | None, frozenset[str]]  # text, expected topic (covered), topics right for it (uncovered)


def load_sets(which: list[str]) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for part in (
        "dev",
        "heldout",
        "dev2",
        "dev3",
        "dev4",
        "dev5",
        "dev6",
        "dev7",
        "dev8",
        "dev9",
        "dev10",
        "dev11",
        "dev12",
        "dev13",
        "dev14",
        "dev15",  # session 20 (S20-UW15): first seen at 63bceb5; its blind twin uncovered_dev16 was read by no script
        "dev16",  # session 20 blind (measured once, counts only); dev from session 21
        "dev17",  # session 22 (S22-UW17): first seen at 8c8a02c; its blind twin uncovered_dev18 is read by no script
        "dev18",  # session 22 blind (measured once, counts only); dev from session 23
        "dev19",  # session 23 (S23-UW19): first seen at 81b11f8; its blind twin uncovered_dev20 is read by no script
    ):
        if part in which:
            data = yaml.safe_load((ROOT / "tests" / "data" / "eval" / f"uncovered_{part}.yml").read_text())
            out[f"uncovered_{part}"] = [(str(i["text"]), None, covering(str(i.get("topic")))) for i in data["items"]]
            if data.get("covered_controls"):
                out[f"covered_{part}"] = [
                    (str(i["text"]), str(i["expected_topic"]).removeprefix("faq_"), frozenset())
                    for i in data["covered_controls"]
                ]
    if "routing" in which:  # the practice questions of the routing dev set, 3 per topic
        data = yaml.safe_load((ROOT / "tests" / "data" / "eval" / "routing_dev.yml").read_text())
        out["covered_routing_dev"] = [
            (str(i["text"]), str(i["topic"]).removeprefix("faq_"), frozenset())
            for i in data["items"]
            if i.get("intent") == "faq" and i.get("topic")
        ]
    # true small talk and other work tasks (dev)
    for part in [f"routing_dev{n}" for n in ("", 2, 3, 4, 5, 6, 7, 8, 9, 10)]:
        if "smalltalk" in which and (ROOT / "tests" / "data" / "eval" / f"{part}.yml").exists():
            data = yaml.safe_load((ROOT / "tests" / "data" / "eval" / f"{part}.yml").read_text())
            out[f"smalltalk_{part}"] = [
                (str(i["text"]), None, frozenset()) for i in data["items"] if i.get("intent") == "out_of_scope"
            ]
    if "covered" in which:
        rows = []
        for block in yaml.safe_load((ROOT / "tests" / "nlu" / "faq_test_set.yml").read_text())["nlu"]:
            key = block["intent"].split("/", 1)[1]
            rows += [(line.strip()[2:], key, frozenset()) for line in block["examples"].splitlines() if line.strip()]
        out["covered"] = rows
    return out


def outcome(parse: dict, kb) -> tuple[str, str | None]:
    from actions.answers import answer_or_not_covered
    from bot.knowledge.answers import is_invitation
    from bot.lang.questions import is_practice_question

    text = parse.get("text") or ""
    intent = (parse.get("intent") or {}).get("name")
    selector = (parse.get("response_selector") or {}).get("faq") or {}
    response = selector.get("response") or {}
    key, conf, ranking = (
        response.get("intent_response_key"),
        float(response.get("confidence") or 0),
        list(selector.get("ranking") or []),
    )
    if intent and not parse.get("question_route") and _routed(text, intent, kb):
        intent = "faq"  # what rasa_ext/question_route.py does, for a model trained before it was in config.yml
    if intent == "out_of_scope":  # the out_of_scope rule's action: the fallback for a practice question
        from actions.answers import out_of_scope_decision

        found = out_of_scope_decision(text, kb, ranking)
        return ("other:out_of_scope", None) if found is None else (found.kind, None)
    if intent not in ("faq", "ask_question", "nlu_fallback"):
        return f"other:{intent}", None
    if is_invitation(text, kb):
        return ("invitation" if intent != "nlu_fallback" else "clarify"), None
    d = answer_or_not_covered(text, kb, key, conf, ranking)
    if intent == "nlu_fallback" and d.kind == "not_covered" and not is_practice_question(text):
        return "clarify", None
    if d.kind in ("item", "topic"):
        item_id = d.key if d.kind == "item" else next(t.answer[0] for t in _topics(kb) if t.key == d.key)
        item = kb.items[item_id]
        return ("national" if kb.documents[item.source.doc].national else "article"), (
            d.key if d.kind == "topic" else item_id
        )
    return d.kind, None


def _routed(text: str, intent: str, kb) -> bool:
    """Whether the question-route component reads a start_check / help / show_chronology message as
    a practice question to answer (bot/knowledge/practice_question.answered_instead)."""
    from bot.knowledge.practice_question import answered_instead

    return answered_instead(text, intent, kb)


_TOPICS = None


def _topics(kb):
    global _TOPICS
    if _TOPICS is None:
        from bot.knowledge import faq

        _TOPICS = faq.topics(kb)
    return _TOPICS


def answers_topic(key_or_item: str | None, expected: str, kb) -> bool:
    topic = next((t for t in _topics(kb) if t.key == expected), None)
    return bool(key_or_item) and (key_or_item == expected or (topic is not None and key_or_item in topic.answer))


def _selector_node(agent) -> tuple[str, str]:
    """(the FaqSelector's node, the node whose messages it reads) in the model's predict graph."""
    for name, node in agent.processor.model_metadata.predict_schema.nodes.items():
        if node.uses.__name__ == "FaqSelector":
            return name, node.needs["messages"]
    raise SystemExit("the model has no FaqSelector")


def set_scale(agent, scale: float) -> None:
    """The loaded FaqSelector's confidence scale (its `scale` option; applied at prediction)."""
    name, _ = _selector_node(agent)
    agent.processor.graph_runner._instantiated_nodes[name]._component.config["scale"] = float(scale)


def cv_covered(agent, kb, folds: int = 5, seed: int = 18) -> list[dict]:
    """Covered dev questions without a held-out set: each topic's own training examples
    (knowledge/faq.yml), each predicted by a FaqSelector trained on the other folds (same
    features, same options), taken as routed to the answers (the intent is not measured).
    The sweep's support check leaves each fold's examples out of the topics' words; the
    featurizers' vocabulary still includes them."""
    import random

    from rasa.core.channels.channel import UserMessage
    from rasa.engine.constants import PLACEHOLDER_MESSAGE

    from rasa_ext.faq_selector import FaqSelector

    name, before = _selector_node(agent)
    live = agent.processor.graph_runner._instantiated_nodes[name]._component
    rows = [(ex, t.key) for t in _topics(kb) for ex in t.examples]
    msgs = agent.processor.graph_runner.run(
        inputs={PLACEHOLDER_MESSAGE: [UserMessage(text) for text, _ in rows]}, targets=[before]
    )[before]
    rng = random.Random(seed)
    by_topic: dict[str, list[int]] = {}
    for i, (_, key) in enumerate(rows):
        by_topic.setdefault(key, []).append(i)
    fold_of = {}
    for _key, idx in sorted(by_topic.items()):
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            fold_of[i] = j % folds
    from rasa.shared.nlu.training_data.training_data import TrainingData

    out = []
    for f in range(folds):
        train = [i for i in range(len(rows)) if fold_of[i] != f]
        test = [i for i in range(len(rows)) if fold_of[i] == f]
        for i in train:
            msgs[i].set("intent", "faq")
            msgs[i].set("intent_response_key", f"faq/{rows[i][1]}")
        sel = FaqSelector(dict(live.config), None, None)
        sel.persist = lambda: None
        sel.train(TrainingData(training_examples=[msgs[i] for i in train], responses=live.model["responses"]))
        decisions = sel.decisions([msgs[i] for i in test])
        probs = sel.scores([msgs[i] for i in test])
        labels = sel.model["labels"]
        for i, p, z in zip(test, probs, decisions, strict=True):
            order = p.argsort()[::-1][:10]
            out.append(
                {
                    "text": rows[i][0],
                    "expected": rows[i][1],
                    "fold": f,
                    "key": labels[order[0]],
                    "conf": float(p[order[0]]),
                    "ranking": [
                        {"intent_response_key": labels[j], "confidence": float(p[j]), "score": round(float(z[j]), 4)}
                        for j in order
                    ],
                }
            )
    return out


def _kind(text: str, kb, key, conf, ranking) -> tuple[str, str | None]:
    fake = {
        "text": text,
        "intent": {"name": "faq"},
        "response_selector": {
            "faq": {"response": {"intent_response_key": key, "confidence": conf}, "ranking": ranking}
        },
    }
    return outcome(fake, kb)


@contextlib.contextmanager
def _topic_words_without(kb, left_out: set[str]):
    """The support check's topic words, and the topic vocabulary of actions/answers.foreign_words,
    as if the left-out examples were not in knowledge/faq.yml (so that cross-validation does not
    find a question's words in its own example)."""
    from bot.knowledge import answers

    real = answers._topic_words
    words = {}
    for t in _topics(kb):
        found = set()
        kept = [e for e in t.examples if e not in left_out]
        for text in (*kept, *(n for a in t.answer for n in answers._names(kb.items[a]))):
            found.update(answers.key_terms(text, kb))
        words[t.key] = frozenset(found)
    answers._topic_words = lambda _kb: words
    answers._topic_counts.cache_clear()
    # the same for the topic-words check of actions/answers.py (foreign_words)
    from actions import answers as action
    from bot.lang.nlp import norm_word

    real_vocabulary = action._topic_vocabulary
    vocabularies = {}
    for t in _topics(kb):
        found = set(action.settings(kb).generic)
        kept = [e for e in t.examples if e not in left_out]
        for text in (*kept, *(action._item_words(kb.items[a]) for a in t.answer)):
            for w in action._words(text).split():
                found.update((w, norm_word(w)))
        by_length: dict[int, list[str]] = {}
        for w in found:
            by_length.setdefault(len(w), []).append(w)
        vocabularies[t.key] = (frozenset(found), {n: tuple(ws) for n, ws in by_length.items()})
    action._topic_vocabulary = lambda key, _kb: vocabularies.get(key, (frozenset(), {}))
    try:
        yield
    finally:
        answers._topic_words = real
        answers._topic_counts.cache_clear()
        action._topic_vocabulary = real_vocabulary


def sweep(agent, kb, scales: list[float], thresholds: list[float]) -> None:
    """For each confidence scale, each dev message's outcome with the selector's confidence
    passing and failing min_confidence, then the counts at each threshold: uncovered dev
    questions answered with a local article, and covered dev questions (cross-validated
    training examples) that get their article. Never reads a held-out set."""
    dev = load_sets(["dev"])["uncovered_dev"]
    for scale in scales:
        set_scale(agent, scale)
        rows = []  # (conf, outcome if it passes, outcome if not, expected)
        for text, _, _ in dev:
            parse = asyncio.run(agent.parse_message(text))
            intent = (parse.get("intent") or {}).get("name")
            sel = (parse.get("response_selector") or {}).get("faq") or {}
            resp = sel.get("response") or {}
            if intent not in ("faq", "ask_question", "nlu_fallback"):
                k = (f"other:{intent}", None)
                rows.append((1.0, k, k, None))
                continue
            conf = float(resp.get("confidence") or 0)
            hi = outcome({**parse, "response_selector": {"faq": {**sel, "response": {**resp, "confidence": 1.0}}}}, kb)
            lo = outcome({**parse, "response_selector": {"faq": {**sel, "response": {**resp, "confidence": -1.0}}}}, kb)
            rows.append((conf, hi, lo, None))
        cov = []
        predicted = cv_covered(agent, kb)
        for f in sorted({r["fold"] for r in predicted}):
            left_out = {r["text"] for r in predicted if r["fold"] == f}
            with _topic_words_without(kb, left_out):
                for r in (r for r in predicted if r["fold"] == f):
                    hi = _kind(r["text"], kb, r["key"], 1.0, r["ranking"])
                    lo = _kind(r["text"], kb, r["key"], -1.0, r["ranking"])
                    cov.append((r["conf"], hi, lo, r["expected"]))
        for t in thresholds:
            unc = sum(1 for c, hi, lo, _ in rows if (hi if c >= t else lo)[0] == "article")
            got = sum(
                1
                for c, hi, lo, e in cov
                if (o := (hi if c >= t else lo))[0] in ("article", "national") and answers_topic(o[1], e, kb)
            )
            print(
                f"scale {scale:g} min_confidence {t:.2f}: uncovered dev articles {unc}/{len(rows)}, "
                f"covered (cv) got their article {got}/{len(cov)}"
            )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=None)
    ap.add_argument("--sets", default="dev,dev2,dev3,heldout,covered")
    ap.add_argument("--show", action="store_true", help="print each dev message's outcome (never a held-out one)")
    ap.add_argument("--out", default=str(ROOT / "results" / "answers.json"))
    ap.add_argument("--scale", type=float, default=None, help="override the FaqSelector's confidence scale")
    ap.add_argument("--sweep", default=None, help="scales to sweep on dev data only, e.g. 4,8,12")
    ap.add_argument("--thresholds", default="0.05,0.1,0.15,0.2,0.25,0.3,0.35,0.4,0.5")
    args = ap.parse_args(argv)
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    # Unconfigured, structlog prints every parse (the message and its intent) at debug level to stdout:
    # that would show the held-out questions in the log (as scripts/eval_routing.py guards against too).
    configure_structlog(logging.WARNING)
    logging.getLogger("rasa").setLevel(logging.WARNING)

    from bot.knowledge.loader import get_kb

    model = args.model or max((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    agent = Agent.load(str(model))
    kb = get_kb()
    if args.sweep:
        sweep(agent, kb, [float(x) for x in args.sweep.split(",")], [float(x) for x in args.thresholds.split(",")])
        return 0
    if args.scale is not None:
        set_scale(agent, args.scale)
    figures: dict = {"model": Path(model).name}
    for name, rows in load_sets(args.sets.split(",")).items():
        counts: Counter = Counter()
        right = unrelated = now_covered = 0
        from_out_of_scope: Counter = Counter()  # read as out_of_scope: the polite reply or the fallback
        for text, expected, accepted in rows:
            parse = asyncio.run(agent.parse_message(text))
            kind, key = outcome(parse, kb)
            if (parse.get("intent") or {}).get("name") == "out_of_scope":
                from_out_of_scope["fallback" if kind == "not_covered" else "polite"] += 1
            counts[kind.split(":")[0] if kind.startswith("other") else kind] += 1
            ok = None
            if expected:
                ok = kind in ("article", "national") and answers_topic(key, expected, kb)
                right += ok
            elif name.startswith("smalltalk"):
                ok = kind != "not_covered"
            elif kind in ("article", "national"):
                fits = any(answers_topic(key, a, kb) for a in accepted)
                now_covered += fits
                unrelated += not fits
                ok = fits
            if args.show and not is_blind(name):  # held-out and blind texts are never printed
                miss = f" MISS (want {expected})" if expected else " UNRELATED"
                mark = "" if ok is None else (" OK" if ok else (" FALLBACK" if name.startswith("smalltalk") else miss))
                print(f"[{name}] {kind:12} {key or '':34} {text[:90]}{mark}")
        figures[name] = {"n": len(rows), **dict(counts)}
        figures[name]["read_as_out_of_scope"] = sum(from_out_of_scope.values())
        figures[name]["out_of_scope_given_the_fallback"] = from_out_of_scope["fallback"]
        if name.startswith("smalltalk"):  # labelled out_of_scope: the polite reply, never the fallback
            figures[name]["got_the_practice_fallback"] = counts["not_covered"]
        elif name.startswith("uncovered"):
            figures[name]["answered_with_a_local_article"] = counts["article"]
            figures[name]["answered_with_an_unrelated_article"] = unrelated
            figures[name]["answered_from_the_topic_now_covering_it"] = now_covered
            figures[name]["labelled_with_a_subject_now_covered"] = sum(1 for *_, a in rows if a)
        else:
            figures[name]["got_their_article"] = right
            figures[name]["rate"] = round(right / len(rows), 3) if rows else None
        print(name, json.dumps(figures[name]))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
