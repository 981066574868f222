#!/usr/bin/env python3
"""Scores the language rules on the labelled sets in tests/data/ and prints the figures.

    python scripts/eval_language.py            # figures only
    python scripts/eval_language.py --verbose  # and every message the rules got wrong

danger_phrases.yml    recall on immediate danger, false alarms on near-misses
personal_details.yml  share of messages fully scrubbed (every listed detail gone and the
                      listed kinds reported), changes made to clean messages
cue_sentences.yml     precision and recall for each cue kind
eval/personal_details_dev.yml, eval/personal_details_dev2.yml, eval/personal_details_dev3.yml,
eval/personal_details_dev4.yml, eval/personal_details_dev5.yml, eval/personal_details_dev6.yml,
eval/personal_details_dev7.yml, eval/personal_details_dev8.yml, eval/personal_details_dev9.yml,
eval/personal_details_dev10.yml, eval/personal_details_dev11.yml, eval/personal_details_dev12.yml,
eval/personal_details_dev13.yml, eval/personal_details_dev14.yml (dev parts),
eval/personal_details_heldout.yml (issue 20, written apart
                      from the rules; the held-out part is only ever run, never read to
                      write a rule): share of the personal details removed, and the
                      over-scrubbing (share of the non-identifying content words removed:
                      the `keep` strings, and every content word of a message with no detail)

    python scripts/eval_language.py --dev          # the dev sets only, by kind of detail (no
                                                   # held-out; with -v the details left)
    python scripts/eval_language.py --dev --set personal_details_dev9.yml -v
    python scripts/eval_language.py --held-out     # the held-out set only: counts by kind
    python scripts/eval_language.py --sweep pd_name.unknown_word_zipf=1.0,1.5,2.0
                                                   # a threshold of personal_details.yml tried
                                                   # at each value on the dev sets (never the
                                                   # held-out): removed and over-scrubbed by set

    python scripts/eval_language.py --end-to-end   # (needs the model of `make train`)
    python scripts/eval_language.py --end-to-end --set personal_details_dev6.yml -v  # a dev set's
                                                   # messages instead, with the words found

starts the action server and the Rasa server (tests/servers.py) with debug logging in a
temporary folder, types every held-out message over REST as the opening of a new
conversation and as an answer inside a check, then looks for each detail in every byte of
every file the servers left there: the database file(s) and both logs.

Always exits 0: it reports, tests/unit/test_language.py, tests/unit/test_scrub_eval.py and
tests/conversation/test_personal_details.py decide what is good enough.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = ROOT / "tests" / "data"
CUE_KINDS = ("optimism", "normalising", "vague_time", "parent_focus")


def load(name: str):
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@dataclass
class DangerScore:
    danger: int = 0
    caught: int = 0
    near_misses: int = 0
    false_alarms: int = 0
    misses: list = field(default_factory=list)
    alarms: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.caught / self.danger if self.danger else 1.0


def eval_danger() -> DangerScore:
    from bot.lang.api import detect_danger

    s = DangerScore()
    for ex in load("danger_phrases.yml")["examples"]:
        got = detect_danger(ex["text"])
        if ex["label"] == "danger":
            s.danger += 1
            if got.immediate:
                s.caught += 1
            else:
                s.misses.append((ex["text"], got.reason))
        else:
            s.near_misses += 1
            if got.immediate:
                s.false_alarms += 1
                s.alarms.append((ex["text"], got.reason))
    return s


@dataclass
class ScrubScore:
    messages: int = 0
    fully_scrubbed: int = 0
    clean: int = 0
    clean_changed: int = 0
    leaks: list = field(default_factory=list)
    kind_errors: list = field(default_factory=list)
    changed: list = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.fully_scrubbed / self.messages if self.messages else 1.0


def eval_scrub() -> ScrubScore:
    from bot.lang.api import scrub

    data = load("personal_details.yml")
    s = ScrubScore()
    for ex in data["messages"]:
        s.messages += 1
        got = scrub(ex["text"])
        left = [x for x in ex["secrets"] if x in got.text]
        kinds_ok = set(got.removed) == set(ex["kinds"])
        if left:
            s.leaks.append((ex["text"], got.text, left))
        if not kinds_ok:
            s.kind_errors.append((ex["text"], sorted(ex["kinds"]), list(got.removed)))
        if not left and kinds_ok:
            s.fully_scrubbed += 1
    for text in data["clean"]:
        s.clean += 1
        got = scrub(text)
        if got.text != text or got.removed:
            s.clean_changed += 1
            s.changed.append((text, got.text))
    return s


# -- personal details: the independent sets (issue 20) ------------------------------------------
EVAL_DIR = DATA / "eval"
HELD_OUT = "personal_details_heldout.yml"
DETAIL_SETS = (
    "personal_details_dev.yml",
    "personal_details_dev2.yml",
    "personal_details_dev3.yml",
    "personal_details_dev4.yml",
    "personal_details_dev5.yml",
    "personal_details_dev6.yml",
    "personal_details_dev7.yml",
    "personal_details_dev8.yml",
    "personal_details_dev9.yml",
    "personal_details_dev10.yml",
    "personal_details_dev11.yml",
    "personal_details_dev12.yml",
    "personal_details_dev13.yml",
    "personal_details_dev14.yml",
    "personal_details_dev15.yml",
    "personal_details_dev16.yml",
    "personal_details_dev17.yml",  # session 11 (S11-PW17), dev; dev18 (blind in session 11) joins below once tuned
    "personal_details_dev18.yml",  # session 11 blind (measured once at its end); dev from session 12
    "personal_details_dev19.yml",  # session 12 (S12-PW19), dev
    "personal_details_dev20.yml",  # session 12 blind (measured twice, counts only); dev from session 13
    "personal_details_dev21.yml",  # session 13 (S13-PW21), dev
    "personal_details_dev22.yml",  # session 13 blind (measured twice, counts only); dev from session 14
    "personal_details_dev23.yml",  # session 14 (S14-PW23), dev
    "personal_details_dev24.yml",  # session 14 blind (measured twice, counts only); dev from session 15
    "personal_details_dev25.yml",  # session 15 (S15-PW25), dev
    "personal_details_dev26.yml",  # session 15 blind (measured twice, counts only); dev from session 16
    "personal_details_dev27.yml",  # session 16 (S16-PW27), dev
    "personal_details_dev28.yml",  # session 16 blind (measured twice, counts only); dev from session 17
    "personal_details_dev29.yml",  # session 17 (S17-PW29), dev (first seen, not tuned on in session 17)
    "personal_details_dev30.yml",  # session 17 blind (measured twice, counts only); dev from session 18
    "personal_details_dev31.yml",  # session 18 (S18-PW31), dev (first seen, not tuned on in session 18)
    "personal_details_dev32.yml",  # session 18 blind (measured once, counts only); dev from session 19
    "personal_details_dev33.yml",  # session 19 (S19-PW33), dev (first seen, not tuned on in session 19)
    "personal_details_dev34.yml",  # session 19 blind (measured once, counts only); dev from session 20
    "personal_details_dev35.yml",  # session 20 (S20-PW35), dev (first seen, not tuned on in session 20)
    "personal_details_dev36.yml",  # session 20 blind (measured twice, counts only); dev from session 21
    "personal_details_dev37.yml",  # session 21 (S21-PW37), dev (first seen, not tuned on in session 21)
    "personal_details_dev38.yml",  # session 21 blind (measured twice, counts only); dev from session 22
    "personal_details_dev39.yml",  # session 22 (S22-PW39), dev (first seen, not tuned on in session 22)
    "personal_details_dev40.yml",  # session 22 blind (measured twice, counts only); dev from session 23
    "personal_details_dev41.yml",  # session 23 (S23-PW41), dev (first seen, not tuned on in session 23)
    HELD_OUT,
)
DEV_SETS = tuple(n for n in DETAIL_SETS if n != HELD_OUT)
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")  # letters of any script (Vietnamese "ễ" too) and digits
# words that carry no content of their own (over-scrubbing counts the others)
STOPWORDS = frozenset(
    """a an the and or but of to in on at by for with from as is are was were be been am
i im i'm he she it we they you his her its our their my your him them me us this that these those there
here so not no do does did has have had will would can could should just also then than too very""".split()
)
# words inside a detail that identify nobody on their own ("Road", "Primary", "Flat", "RC" as
# "C of E" is; the kinds
# of place and of group the scrubber keeps after a name, "[place] foodbank", "[name] household");
# a detail counts as removed when every one of its other words is gone
GENERIC = frozenset(
    """st saint of the and c e flat flats house road rd street lane close drive avenue way
court crescent gardens place terrace grove square estate tower towers park green hill view primary
academy school nursery college infants juniors junior infant high surgery medical centre center health
practice hospital clinic children's childrens family community pre-school preschool c.e. church
creche crèche playgroup pub inn site hostel refuge
foodbank caravan care home ward unit apartment household paediatrics paediatric maternity antenatal
room plot pitch berth
mr mrs ms miss dr mx
auntie aunty uncle
rc r.c. ce pre""".split()
)


def load_eval(name: str) -> list:
    with open(EVAL_DIR / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or []


def _covered(a: int, b: int, spans) -> bool:
    return all(any(s <= i < e for s, e, _ in spans) for i in range(a, b))


def _overlaps(a: int, b: int, spans) -> bool:
    return any(a < e and s < b for s, e, _ in spans)


def _occurrences(text: str, part: str) -> list[tuple[int, int]]:
    out, i = [], text.find(part)
    while i >= 0:
        out.append((i, i + len(part)))
        i = text.find(part, i + 1)
    return out


# a label before a date of birth, a due date or a case-system number, when a number follows it
# ("born the 3rd of March 2019", "due on the 14th": the words before the date identify nobody)
_LABEL = re.compile(
    r"(?:d\.?o\.?b\.?|edd|due date|lcs|mosaic(?: id)?|ehm(?: ref)?|cad|case ref|ref|id"
    r"|born(?: on)?(?: the)?|due(?: on)?(?: the)?)(?: is)?[:\s]+(?=\d)",
    re.I,
)
_POSSESSIVE = re.compile(r"(?<=[A-Za-z\u00c0-\u024f])['\u2019]s$|$")


def distinctive_words(detail: str) -> list[tuple[int, int]]:
    """(start, end) in the detail of the words that identify: all but the generic ones, and
    all of them when only generic words and numbers are left ("12/03/2018", "Flat 3"); a
    possessive "'s" is no part of the word that identifies."""
    # a possessive ending identifies nobody: "Kian's" is removed when "[name]'s" is left; nor does
    # the label a writer put before a date or a number ("dob 21/07/2012", "EDD 14/09/2027", "LCS
    # 4471182", "Mosaic ID 58213"): the issue's own stored form keeps it ("dob [date of birth]")
    label = _LABEL.match(detail)
    skip = label.end() if label and label.end() < len(detail) else 0
    found = [
        (m.start(), m.end() - len(_POSSESSIVE.search(m.group()).group()), m.group())
        for m in _WORD.finditer(detail)
        if m.start() >= skip
    ]
    words = [(a, b) for a, b, _ in found]
    # a generic word is generic with its possessive too ("children's centre": "children" is left
    # of it once the "'s" is cut, and identifies nobody)
    named = [
        (a, b)
        for a, b, whole in found
        if detail[a:b].lower() not in GENERIC and whole.lower() not in GENERIC and not detail[a:b].isdigit()
    ]
    if not named:  # a date, a number: every part of it
        return words
    return [(a, b) for a, b in words if (a, b) in named or (detail[a:b].isdigit() and len(detail[a:b]) > 3)]


def rare_words(detail: str) -> list[str]:
    """The identifying words of a detail that are looked for on their own too: four letters or
    more and rare in English (a common word such as "Summer" or "House" in a log line
    identifies nobody; the detail as a whole is always looked for)."""
    from wordfreq import zipf_frequency

    out = []
    for a, b in distinctive_words(detail):
        word = detail[a:b]
        if len(word) >= 4 and re.search(r"[A-Za-z]", word) and zipf_frequency(word, "en") < RARE_ZIPF:
            out.append(word)
    return out


RARE_ZIPF = 3.0


# the kind of a labelled detail, read from its own shape (the sets label no kinds): for the
# figures by kind only, never used by the scrubber
_KIND_TESTS = (
    ("email", re.compile(r"@")),
    ("postcode", re.compile(r"^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$")),
    (
        "date",
        re.compile(
            r"\b\d{1,4}\s*[/.-]\s*\d{1,2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
            r"|\b\d{1,2}(?:st|nd|rd|th)\b|\b(?:edd|dob|due)\b",
            re.I,
        ),
    ),
    ("number", re.compile(r"^[^A-Za-z]*$|\d{5}|^[A-Za-z]{0,3}[\s/-]?\d[\d\s/-]{4,}")),
    (
        "address",
        re.compile(
            r"^(?:flat|apt|unit|plot|pitch|no\.?)?\s*\d+[a-z]?\b|\b(?:street|st|road|rd|lane|ln|close|drive|dr|avenue|ave"
            r"|way|court|crescent|gardens|place|terrace|grove|square|estate|tower|towers|walk|row|mews|view"
            r"|hill|rise|parade|house|flats)\.?$",
            re.I,
        ),
    ),
    (
        "place",
        re.compile(
            r"\b(?:primary|academy|school|nursery|college|infants|juniors|junior|high|surgery|medical|centre|center"
            r"|practice|hospital|clinic|ward|church|masjid|mosque|general|pre-school|preschool|playgroup|creche"
            r"|prison|hmp|refuge|hostel|foodbank|unit|st|saint|st\.|park)\b|'s$",
            re.I,
        ),
    ),
)


def detail_kind(detail: str) -> str:
    """email, postcode, date, number, address, place, or a name: "name (lower case)" when no
    letter of it is a capital, else "name or town" (a capitalised word alone may be either)."""
    for kind, rx in _KIND_TESTS:
        if rx.search(detail.strip()):
            return kind
    return "name (lower case)" if detail == detail.lower() else "name or town"


@dataclass
class DetailScore:
    name: str
    items: int = 0
    details: int = 0
    removed: int = 0
    content_words: int = 0
    over_scrubbed: int = 0
    keep_strings: int = 0
    keep_damaged: int = 0
    leaks: list = field(default_factory=list)
    lost: list = field(default_factory=list)
    by_kind: dict = field(default_factory=dict)  # kind -> [removed, total]

    @property
    def share_removed(self) -> float:
        return self.removed / self.details if self.details else 1.0

    @property
    def over_scrubbing(self) -> float:
        return self.over_scrubbed / self.content_words if self.content_words else 0.0


@cache  # every set once per process: test_scrub_eval asks for each set several times
def eval_details(name: str) -> DetailScore:
    """Scores scrub() on one independent set: a detail is removed when every word of it that
    identifies (distinctive_words) lies inside a replaced span; a content word is over-scrubbed
    when a replaced span touches it."""
    from bot.lang.scrub import detail_spans

    s = DetailScore(name)
    for item in load_eval(name):
        text = item["text"]
        spans = detail_spans(text)
        s.items += 1
        detail_places = []
        for detail in item.get("details") or []:
            s.details += 1
            places = _occurrences(text, detail) or [(0, 0)]
            detail_places.extend(places)
            words = distinctive_words(detail)
            ok = all(_covered(a + wa, a + wb, spans) for a, _b in places for wa, wb in words)
            # and no rare word of it survives elsewhere in the message ("Oakmoor" again later)
            ok = ok and not any(
                not _covered(m.start(), m.end(), spans)
                for word in rare_words(detail)
                for m in re.finditer(r"(?<![A-Za-z0-9])" + re.escape(word) + r"(?![A-Za-z0-9])", text)
            )
            s.removed += ok
            tally = s.by_kind.setdefault(detail_kind(detail), [0, 0])
            tally[0] += ok
            tally[1] += 1
            if not ok:
                s.leaks.append((item["id"], detail, text))
        counted: set = set()

        def count(a: int, b: int) -> None:
            if (a, b) in counted or any(a < e and d < b for d, e in detail_places):
                return
            word = text[a:b]
            if word.lower() in STOPWORDS:
                return
            counted.add((a, b))
            s.content_words += 1
            if _overlaps(a, b, spans):
                s.over_scrubbed += 1
                s.lost.append((item["id"], word, text))

        for keep in item.get("keep") or []:
            s.keep_strings += 1
            places = [
                p for p in _occurrences(text, keep) if not any(p[0] < e and d < p[1] for d, e in detail_places)
            ] or _occurrences(text, keep)[:1]
            if places and _overlaps(places[0][0], places[0][1], spans):
                s.keep_damaged += 1
            for a, _b in places[:1]:
                for m in _WORD.finditer(keep):
                    count(a + m.start(), a + m.end())
        if not item.get("details"):
            for m in _WORD.finditer(text):
                count(m.start(), m.end())
    return s


def print_details(d: DetailScore, verbose: bool, show_texts: bool, by_kind: bool = False) -> None:
    print(
        f"personal details, {d.name} ({d.items} messages, {d.details} details, {d.content_words} "
        f"non-identifying content words)"
    )
    print(f"  details removed   {d.share_removed:.3f}  ({d.removed}/{d.details})")
    print(
        f"  over-scrubbing    {d.over_scrubbing:.3f}  ({d.over_scrubbed}/{d.content_words} content words; "
        f"{d.keep_damaged} of {d.keep_strings} keep strings touched)"
    )
    if by_kind:
        print("  by kind: " + ", ".join(f"{k} {r}/{t}" for k, (r, t) in sorted(d.by_kind.items())))
    if verbose and show_texts:
        for iid, detail, text in d.leaks:
            print(f"    left: {iid} {detail!r} in {text!r}")
        for iid, word, text in d.lost:
            print(f"    over-scrubbed: {iid} {word!r} in {text!r}")
    elif verbose:  # the held-out part: which items, never their words (no rule is written from it)
        print(f"    items with a detail left: {sorted({iid for iid, _d, _t in d.leaks})}")
        print(f"    items over-scrubbed: {sorted({iid for iid, _w, _t in d.lost})}")


# -- end to end: the held-out messages typed into the running assistant ------------------------------
VOICE = "What does the child say"


def _question_line(replies: list) -> str:
    for m in reversed(replies):
        t = m.get("text") or ""
        if re.match(r"\(\d+ of about \d+\)", t):
            return t
    return ""


def type_messages(base_url: str, items: list, ref: str = "PD-2020") -> dict:
    """Types each message over REST as the opening of a new conversation, and as the answer to
    the check's free-text question (going back after each stored answer). Returns counts."""
    import uuid

    import requests

    url = f"{base_url}/webhooks/rest/webhook"
    run = uuid.uuid4().hex[:8]

    def say(sender: str, message: str) -> list:
        r = requests.post(url, json={"sender": sender, "message": message}, timeout=120)
        r.raise_for_status()
        return r.json()

    def text_of(replies: list) -> str:
        return "\n".join(m.get("text") or "" for m in replies)

    counts = {"openings": 0, "answers": 0, "answers_stored": 0}
    for n, item in enumerate(items):
        say(f"pd-open-{run}-{n}", item["text"])
        counts["openings"] += 1
    sender = f"pd-answer-{run}"
    say(sender, "/start_check")
    replies = say(sender, "no")
    replies = say(sender, ref)
    for _ in range(40):
        if VOICE in text_of(replies):
            break
        replies = say(sender, "/skip")
    else:
        raise RuntimeError(f"never reached the free-text question: {text_of(replies)}")
    for item in items:
        replies = say(sender, item["text"])
        counts["answers"] += 1
        line = _question_line(replies)
        if VOICE not in line:  # stored, and the check moved on: back to the question
            counts["answers_stored"] += VOICE not in line and bool(line)
            replies = say(sender, "/go_back")
            if VOICE not in text_of(replies):
                # a reply that left the check (the 999 answer, a question): open it again
                replies = say(sender, f"resume {ref}")
                for _ in range(40):
                    if VOICE in text_of(replies):
                        break
                    replies = say(sender, "/skip")
    return counts


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by its path relative to folder: what the servers wrote before
    anything was typed (start-up logs, an empty schema), for scan_files' baseline."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def scan_files(folder: Path, items: list, baseline: dict[str, bytes] | None = None) -> dict:
    """Every detail of the items looked for in every byte of every file under folder: the
    detail as typed, and each of its identifying words of four letters or more on its own
    (a whole word, same case). A word the file already held before any message was typed
    (`baseline`, from snapshot(): "Will assume non-transactional DDL" in a start-up log line)
    counts only where it occurs more often than it did then. Returns {"files": [...],
    "bytes": n, "found": [(id, what, file)]}."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    blobs = {p: p.read_bytes() for p in files}
    baseline = baseline or {}
    found = []
    for item in items:
        for detail in item.get("details") or []:
            wanted = {detail} | set(rare_words(detail))
            for what in sorted(wanted):
                pattern = re.compile(rb"(?<![A-Za-z0-9])" + re.escape(what.encode()) + rb"(?![A-Za-z0-9])")
                # also as JSON writes it ("\u2019" for a curly quote)
                escaped = json.dumps(what)[1:-1].encode()

                def count(blob: bytes) -> int:
                    if what.encode() not in blob and escaped not in blob:
                        return 0  # (the same count, without a regular expression over the whole file)
                    n = len(pattern.findall(blob))
                    return n + (blob.count(escaped) if escaped != what.encode() else 0)

                for p, blob in blobs.items():
                    if count(blob) > count(baseline.get(str(p.relative_to(folder)), b"")):
                        found.append((item["id"], what, str(p.relative_to(folder))))
    labels = sum(
        len(
            re.findall(
                rb"\[(?:name|place|address|postcode|date of birth|phone|email|NHS number|"
                rb"reference number|car registration|username)\]",
                blob,
            )
        )
        for p, blob in blobs.items()
        if ".db" in p.name
    )
    return {
        "files": [str(p.relative_to(folder)) for p in files],
        "bytes": sum(map(len, blobs.values())),
        "found": found,
        "labels_in_database": labels,
    }


def _json_paths(node, what: str, path: str = "") -> list[str]:
    if isinstance(node, str):
        return [path or "."] if what in node else []
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _json_paths(v, what, f"{path}.{k}")]
    if isinstance(node, list):
        return [p for v in node for p in _json_paths(v, what, f"{path}[]")]
    return []


def locate(folder: Path, items: list, found: list) -> list[tuple[str, str]]:
    """Where each found detail sits, without its words: (item id, "file: table.column / JSON
    path" or "file: logger name"), for mending the mechanism that let it through."""
    import sqlite3

    words = {(iid, what) for iid, what, _ in found}
    out: set = set()
    for p in sorted(folder.rglob("*.db")):
        con = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
        try:
            tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            for t in tables:
                cols = [r[1] for r in con.execute(f"PRAGMA table_info('{t}')")]
                for row in con.execute(f"SELECT * FROM '{t}'"):
                    for col, val in zip(cols, row, strict=False):
                        if not isinstance(val, str):
                            continue
                        for iid, what in words:
                            if what in val:
                                where = f"{p.name}: {t}.{col}"
                                try:
                                    data = json.loads(val)
                                    where += " " + ",".join(sorted(set(_json_paths(data, what)))[:3])
                                    if isinstance(data, dict) and data.get("event"):
                                        where += f" (event {data.get('event')} {data.get('name') or ''})"
                                except ValueError:
                                    pass
                                out.add((iid, where))
        finally:
            con.close()
    for p in sorted(folder.rglob("*.log")):
        for line in p.read_text(errors="replace").splitlines():
            for iid, what in words:
                if what in line:
                    m = re.search(r"(DEBUG|INFO|WARNING|ERROR)\s+([\w.]+)", line)
                    out.add((iid, f"{p.name}: {m.group(1) + ' ' + m.group(2) if m else line[:40]}"))
    return sorted(out)


def warm_up(base_url: str) -> None:
    """One conversation with no personal detail before the snapshot: the first turn of a check
    makes the database tables and writes the migration lines (alembic's "Running upgrade ..."),
    which name no message and so are no leak; the scan compares with what was there after it."""
    import requests

    url = f"{base_url}/webhooks/rest/webhook"
    for message in ("hello", "/start_check", "no", "PD-0001"):
        requests.post(url, json={"sender": "pd-warm-up", "message": message}, timeout=120).raise_for_status()


def end_to_end(name: str = "personal_details_heldout.yml", model: Path | None = None) -> dict:
    """Starts the servers in a temporary folder (debug logging), types the set's messages and
    scans the folder once the servers have stopped. The model is the one `make train` made
    for the current data unless one is given."""
    import tempfile

    sys.path.insert(0, str(ROOT))
    from tests.servers import actions_cmd, free_port, processes, rasa_cmd, server_env, wait_for

    if model is None:
        name_sh = subprocess.run(
            ["bash", "scripts/model_name.sh"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        model = ROOT / "models" / f"{name_sh}.tar.gz"
    if not model.exists():
        raise SystemExit(f"{model} is missing: run `make train` first")
    items = load_eval(name)
    with tempfile.TemporaryDirectory(prefix="pd-e2e-") as tmp_name:
        tmp = Path(tmp_name)
        env = server_env(tmp, ACTION_PORT=str(free_port()))
        port = free_port()
        with processes(tmp, env) as start:
            actions = start("actions", actions_cmd(env["ACTION_PORT"]) + ["--debug"])
            rasa = start("rasa", rasa_cmd(model, port, "credentials.yml", "--debug"))
            wait_for(f"http://127.0.0.1:{env['ACTION_PORT']}/health", actions, tmp / "actions.log")
            wait_for(f"http://127.0.0.1:{port}/", rasa, tmp / "rasa.log")
            warm_up(f"http://127.0.0.1:{port}")
            before = snapshot(tmp)  # both servers up and warmed, no detail typed yet
            counts = type_messages(f"http://127.0.0.1:{port}", items)
        result = scan_files(tmp, items, before)
        result["where"] = locate(tmp, items, result["found"])
    result.update(counts)
    return result


def shared_with_others(items: list, found: list) -> set:
    """The (item id, string) pairs found whose string another message of the set holds outside
    its own details, as a whole word in the same case ("rocky" the name, and "a rocky patch" in
    a message with no detail): the scan of stored bytes cannot tell which message put it there,
    so such a find may be no leak. Counted apart; the figure above still counts them."""
    out = set()
    for iid, what in {(iid, what) for iid, what, _ in found}:
        rx = re.compile(r"(?<![A-Za-z0-9])" + re.escape(what) + r"(?![A-Za-z0-9])")
        for other in items:
            if other["id"] == iid:
                continue
            text = other["text"]
            spans = [p for d in other.get("details") or [] for p in _occurrences(text, d)]
            if any(not _overlaps(m.start(), m.end(), [(a, b, "") for a, b in spans]) for m in rx.finditer(text)):
                out.add((iid, what))
                break
    return out


def past_the_scrubber(name: str, found: list) -> set:
    """The (item id, string) pairs found whose detail the scrubber removes when it reads the
    message as typed (eval_details): stored by a path that skips the scrubber or gives it less
    of the message (a log line that quotes it escaped, a piece read on its own), not a detail
    the rules miss. What is stored should be at least as scrubbed as that reading: 0 is the aim."""
    left = {(iid, detail) for iid, detail, _ in eval_details(name).leaks}
    items = {i["id"]: i for i in load_eval(name)}
    out = set()
    for iid, what, _where in found:
        details = [d for d in items[iid].get("details") or [] if what == d or what in rare_words(d)]
        if details and all((iid, d) not in left for d in details):
            out.add((iid, what))
    return out


def print_end_to_end(name: str, r: dict, verbose: bool, show_texts: bool = False) -> None:
    items = load_eval(name)
    details = sum(len(i.get("details") or []) for i in items)
    missed = {(iid, what) for iid, what, _ in r["found"]}
    print(
        f"end to end, {name}: {r['openings']} openings, {r['answers']} answers ({r['answers_stored']} stored), "
        f"{len(r['files'])} files, {r['bytes']} bytes scanned"
    )
    print(
        f"  details found in stored bytes  {len({i for i, _ in missed})} messages, {len(missed)} strings "
        f"(of {details} details)"
    )
    shared = shared_with_others(items, r["found"])
    only_shared = {i for i, _ in missed} - {i for i, w in missed if (i, w) not in shared}
    print(
        f"  of which found only as a word another message holds outside its details  "
        f"{len(only_shared)} messages ({len(shared)} strings)"
    )
    past = past_the_scrubber(name, r["found"])
    past_own = {i for i, w in past if (i, w) not in shared}
    print(
        f"  of which a detail the scrubber removes from the message as typed (a path that skips or weakens it)  "
        f"{len({i for i, _ in past})} messages ({len(past)} strings; {len(past_own)} messages not only as a word "
        f"another message holds)"
    )
    if verbose and show_texts:  # a dev set: the words found too
        for iid, what, where in sorted(set(r["found"])):
            print(f"    found: {iid} {what!r} in {where}")
    if verbose:  # held-out: the items and where their details were, not the words
        for iid, where in r.get("where") or sorted({(iid, where) for iid, _what, where in r["found"]}):
            print(f"    found: {iid} in {where}")


@dataclass
class CueScore:
    sentences: int = 0
    tp: dict = field(default_factory=lambda: {k: 0 for k in CUE_KINDS})
    fp: dict = field(default_factory=lambda: {k: 0 for k in CUE_KINDS})
    fn: dict = field(default_factory=lambda: {k: 0 for k in CUE_KINDS})
    errors: list = field(default_factory=list)

    def precision(self, kind: str) -> float:
        found = self.tp[kind] + self.fp[kind]
        return self.tp[kind] / found if found else 1.0

    def recall(self, kind: str) -> float:
        wanted = self.tp[kind] + self.fn[kind]
        return self.tp[kind] / wanted if wanted else 1.0


def eval_cues() -> CueScore:
    from bot.lang.api import find_cues

    s = CueScore()
    for ex in load("cue_sentences.yml")["sentences"]:
        s.sentences += 1
        cues = find_cues(ex["text"])
        got, want = {c.kind for c in cues}, set(ex["kinds"])
        for k in CUE_KINDS:
            s.tp[k] += k in got and k in want
            s.fp[k] += k in got and k not in want
            s.fn[k] += k in want and k not in got
        if got != want:
            s.errors.append((ex["text"], sorted(want), [(c.kind, c.matched) for c in cues]))
    return s


def sweep(spec: str) -> None:
    """One threshold ("pd_name.unknown_word_zipf=1.0,1.5") set to each value in turn in the
    loaded rules (the file is not changed), the dev sets scored at each: the curve of details
    removed against over-scrubbing, by set."""
    from bot.lang.details.lexicon import _config
    from bot.lang.nlp import reset_caches

    key, values = spec.split("=", 1)
    kid, field_name = key.split(".", 1)
    short = [n.replace("personal_details_", "").replace(".yml", "") for n in DEV_SETS]
    print(f"{key:<40} " + " ".join(f"{n:>16}" for n in short) + "   all removed  all over")
    for value in values.split(","):
        reset_caches()
        eval_details.cache_clear()
        node = _config()[kid]
        *path, leaf = field_name.split(".")  # a nested threshold: pd_name.tenth_pass.town_zipf
        for part in path:
            node = node[part]
        node[leaf] = yaml.safe_load(value)
        row, total = [], [0, 0, 0, 0]
        for name in DEV_SETS:
            d = eval_details(name)
            row.append(f"{d.removed:>4}/{d.details:<4} {d.over_scrubbed:>2}/{d.content_words:<4}")
            total = [total[0] + d.removed, total[1] + d.details, total[2] + d.over_scrubbed, total[3] + d.content_words]
        worst = max(eval_details(n).over_scrubbing for n in DEV_SETS)
        print(
            f"{value:<40} " + " ".join(f"{r:>16}" for r in row) + f"   {total[0]}/{total[1]}  {total[2]}/{total[3]}"
            f"  (worst set {worst:.3f})"
        )
    reset_caches()
    eval_details.cache_clear()


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv or "-v" in argv
    t0 = time.perf_counter()
    if "--end-to-end" in argv:
        name = argv[argv.index("--set") + 1] if "--set" in argv else HELD_OUT
        model = Path(argv[argv.index("--model") + 1]) if "--model" in argv else None
        print_end_to_end(name, end_to_end(name, model), verbose, show_texts="heldout" not in name)
        print(f"({time.perf_counter() - t0:.1f} s)")
        return 0

    if "--sweep" in argv:
        sweep(argv[argv.index("--sweep") + 1])
        print(f"({time.perf_counter() - t0:.1f} s)")
        return 0
    if "--dev" in argv or "--held-out" in argv:
        if "--held-out" in argv:  # counts only: no item ids, no texts
            print_details(eval_details(HELD_OUT), False, show_texts=False, by_kind=True)
        else:
            names = [argv[argv.index("--set") + 1]] if "--set" in argv else DEV_SETS
            total = [0, 0, 0, 0]
            for name in names:
                d = eval_details(name)
                print_details(d, verbose, show_texts=True, by_kind=True)
                total = [
                    total[0] + d.removed,
                    total[1] + d.details,
                    total[2] + d.over_scrubbed,
                    total[3] + d.content_words,
                ]
            if len(names) > 1:
                print(
                    f"all dev sets: details removed {total[0]}/{total[1]}, over-scrubbing "
                    f"{total[2]}/{total[3]} content words"
                )
        print(f"({time.perf_counter() - t0:.1f} s)")
        return 0

    d = eval_danger()
    print(f"danger ({d.danger} immediate, {d.near_misses} near-misses)")
    print(f"  recall        {d.recall:.3f}  ({d.caught}/{d.danger})")
    print(f"  false alarms  {d.false_alarms} of {d.near_misses} near-misses")
    if verbose:
        for text, why in d.misses:
            print(f"    missed: {text!r}  [{why}]")
        for text, why in d.alarms:
            print(f"    false alarm: {text!r}  [{why}]")

    p = eval_scrub()
    print(f"personal details ({p.messages} messages with details, {p.clean} clean)")
    print(f"  fully scrubbed          {p.share:.3f}  ({p.fully_scrubbed}/{p.messages})")
    print(f"  clean messages changed  {p.clean_changed} of {p.clean}")
    if verbose:
        for text, out, left in p.leaks:
            print(f"    leak: {text!r} -> {out!r} still has {left}")
        for text, want, got in p.kind_errors:
            print(f"    kinds: {text!r} wanted {want} got {got}")
        for text, out in p.changed:
            print(f"    changed: {text!r} -> {out!r}")

    for name in DETAIL_SETS:
        if (EVAL_DIR / name).exists():
            # the held-out part: its figure and the ids it misses, never its texts
            print_details(eval_details(name), verbose, show_texts="heldout" not in name)
        else:
            print(f"personal details, {name}: missing")

    c = eval_cues()
    print(f"cues ({c.sentences} sentences)")
    print(f"  {'kind':<13} {'precision':>9} {'recall':>7}   tp fp fn")
    for k in CUE_KINDS:
        print(f"  {k:<13} {c.precision(k):>9.3f} {c.recall(k):>7.3f}   {c.tp[k]:>2} {c.fp[k]:>2} {c.fn[k]:>2}")
    if verbose:
        for text, want, got in c.errors:
            print(f"    {text!r} wanted {want} got {got}")
    print(f"({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
