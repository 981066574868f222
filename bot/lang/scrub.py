"""scrub(): replace personal details in free text by bracketed labels ("[name]").

The kinds, their patterns and word lists are in knowledge/language/personal_details.yml.
Each kind is searched on the original text; a span already taken by an earlier kind is
not taken again; neighbouring spans of the same kind ("Flat 2, 17 Sample Street") become
one label. Plain regular expressions: scrubbing needs no spaCy and stays fast.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.lang.dates import find_dates
from bot.lang.nlp import as_list, load_yaml, on_reset


@dataclass(frozen=True)
class Scrubbed:
    text: str
    removed: tuple[str, ...]


def _alt(words) -> str:
    return "|".join(re.escape(str(w)) for w in sorted(as_list(words), key=lambda w: -len(str(w))))


@lru_cache(maxsize=1)
def _config() -> dict:
    data = load_yaml("personal_details.yml")
    return {d["id"]: d for d in data.get("details") or []}


@lru_cache(maxsize=1)
def _order() -> tuple:
    return tuple(_config())


on_reset(_config.cache_clear)
on_reset(_order.cache_clear)
on_reset(lambda: _relation_and_i_am_cached.cache_clear())

_NAME_WORD = r"[A-Z][a-zA-Z'\u2019]*(?:-[A-Z]?[a-zA-Z']+)*"
_ANY_WORD = r"[A-Za-z][a-zA-Z'\u2019]*(?:-[A-Za-z]+)*"


def scrub(text: str) -> Scrubbed:
    """The text with personal details replaced, and the kinds removed (in text order)."""
    if not text:
        return Scrubbed(text or "", ())
    spans = detail_spans(text)
    if not spans:
        return Scrubbed(text, ())
    out, pos, kinds = [], 0, []
    for a, b, label in spans:
        out.append(text[pos:a])
        out.append(f"[{label}]")
        pos = b
        if label not in kinds:
            kinds.append(label)
    out.append(text[pos:])
    return Scrubbed("".join(out), tuple(kinds))


def detail_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of each personal detail that scrub() replaces, in text order;
    neighbouring spans of the same kind are already merged into one."""
    if not text:
        return []
    cfg = _config()
    spans: list[tuple[int, int, str]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e, _ in spans)

    def take(a: int, b: int, label: str) -> None:
        if a < b and free(a, b):
            spans.append((a, b, label))

    for kid in _order():
        item = cfg[kid]
        finder = _FINDERS.get(kid, _regex_finder)
        for a, b in finder(text, item):
            take(a, b, item["label"])
    spans.sort()
    merged: list[list] = []
    for a, b, label in spans:
        if merged and merged[-1][2] == label and re.fullmatch(r"[\s,]*", text[merged[-1][1]:a]):
            merged[-1][1] = b
        else:
            merged.append([a, b, label])
    return [(a, b, label) for a, b, label in merged]


def _flags(item) -> int:
    return 0 if item.get("case_sensitive") else re.I


def _regex_finder(text: str, item):
    for rx in as_list(item.get("regex")):
        for m in re.finditer(rx, text, _flags(item)):
            yield m.start(), m.end()


def _nhs(text: str, item):
    ctx = re.compile(rf"(?:{_alt(item.get('context_words'))})\W{{0,12}}$", re.I)
    for a, b in _regex_finder(text, item):
        digits = re.sub(r"\D", "", text[a:b])
        if digits[0] != "0" or ctx.search(text[max(0, a - 20):a]):
            yield a, b


def _phone(text: str, item):
    allowed = {int(n) for n in as_list(item.get("digits"))} or {9, 10}
    for a, b in _regex_finder(text, item):
        chunk = text[a:b]
        # trim trailing groups until the digit count fits ("07700 900123 5 times")
        while True:
            digits = re.sub(r"\D", "", chunk)
            body = digits[2:] if chunk.lstrip("(").startswith("+44") else digits
            if body.startswith("0"):
                body = body[1:]
            if len(body) in allowed:
                yield a, a + len(chunk.rstrip(" -("))
                break
            cut = max(chunk.rfind(" "), chunk.rfind("-"))
            if cut <= 0 or len(body) < min(allowed):
                break
            chunk = chunk[:cut].rstrip(" -(")


def _postcode(text: str, item):
    bad = {str(w).lower() for w in as_list(item.get("not_inward"))}
    for a, b in _regex_finder(text, item):
        if text[b - 2:b].lower() not in bad:
            yield a, b


def _dob(text: str, item):
    trig = re.compile(rf"(?<![a-z])(?:{_alt(item.get('triggers'))})(?![a-z])", re.I)
    after = int(item.get("window_after_trigger", 28))
    before = int(item.get("window_before_trigger", 16))
    trig_spans = [(m.start(), m.end()) for m in trig.finditer(text)]
    if not trig_spans:
        return
    for a, b, _d, _m, year in find_dates(text):
        near = any(0 <= a - te <= after or 0 <= ts - b <= before for ts, te in trig_spans)
        if near:
            yield a, b
    # "born in April 2019": month and year only
    for m in re.finditer(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d\d\b",
                         text, re.I):
        if any(0 <= m.start() - te <= after for ts, te in trig_spans):
            yield m.start(), m.end()


def _address(text: str, item):
    stop = {str(w).lower() for w in as_list(item.get("not_street_name"))}
    flat = re.compile(rf"\b(?:{_alt(item.get('flat_words'))})\s*(?:no\.?\s*)?\d+[a-z]?\b", re.I)
    for m in flat.finditer(text):
        yield m.start(), m.end()
    streets, strong = _alt(item.get("street_words")), _alt(item.get("strong_street_words"))
    number = r"\b\d{1,4}[a-zA-Z]?\b,?\s+"
    capital = re.compile(rf"{number}((?:{_NAME_WORD}\s+){{1,3}})(?:{streets})\b\.?", re.I)
    lower = re.compile(rf"{number}((?:{_ANY_WORD}\s+){{1,2}})(?:{strong})\b\.?", re.I)
    for rx, need_capital in ((capital, True), (lower, False)):
        for m in rx.finditer(text):
            words = m.group(1).split()
            if any(w.lower() in stop for w in words):
                continue
            if need_capital and not all(w[0].isupper() for w in words):
                continue
            yield m.start(), m.end()


def _name(text: str, item):
    stop = {str(w).lower() for w in as_list(item.get("not_names"))}

    def is_name(word: str, lower_ok: bool) -> bool:
        w = word.strip("'\u2019").lower()
        if not w or w in stop or w.endswith("'s") and w[:-2] in stop:
            return False
        if word.isupper() and len(word) > 1:  # MASH, DSL: acronyms, not names
            return False
        return lower_ok or word[0].isupper()

    found: list[tuple[int, int]] = []
    titles = _alt(item.get("titles"))
    for m in re.finditer(rf"\b(?:{titles})\b\.?\s+", text, re.I):
        title = m.group(0).strip().rstrip(".").lower()
        lower_ok = title in {str(t).lower() for t in as_list(item.get("lower_case_titles"))}
        if not m.group(0)[0].isupper() and not lower_ok:
            continue
        words = _words_from(text, m.end(), is_name, lower_ok=lower_ok, limit=3)
        if words:
            found.append((m.start(), words[-1][1]))
    called_after = _alt(item.get("called_after"))
    comma = ",?" if item.get("called_after_comma") else ""
    for m in re.finditer(rf"(?:\b|(?<=')|(?<=\u2019))(?:{called_after}){comma}\s+(?:{_alt(item.get('called_words'))})\s+",
                         text, re.I):
        words = _words_from(text, m.end(), is_name, lower_ok=False, limit=3)
        if words:
            found.append((words[0][0], words[-1][1]))
    for m in re.finditer(rf"\b(?:{_alt(item.get('name_is'))})\s*", text, re.I):
        words = _words_from(text, m.end(), is_name, lower_ok=True, limit=3, allow_and=True)
        found.extend(words)
    for m in re.finditer(rf"\b(?:{_alt(item.get('named_words'))})\s+", text, re.I):
        words = _words_from(text, m.end(), is_name, lower_ok=False, limit=3)
        if words:
            found.append((words[0][0], words[-1][1]))
    for rx in _relation_and_i_am(item):
        for m in rx.finditer(text):
            words = _words_from(text, m.end(), is_name, lower_ok=False, limit=3)
            if words:
                found.append((words[0][0], words[-1][1]))
    yield from found


@lru_cache(maxsize=1)
def _relation_and_i_am_cached(relations: tuple, before: tuple, adjectives: tuple, i_am: tuple) -> tuple:
    out = []
    if relations:
        words = [w for w in before if re.fullmatch(r"\w+", w)]
        suffixes = [w for w in before if not re.fullmatch(r"\w+", w)]
        lead = []
        if words:
            lead.append(rf"(?<![\w'\u2019])(?i:{_alt(words)})")
        if suffixes:
            lead.append(rf"(?<=\w)(?i:{_alt(suffixes)})")
        adj = rf"(?:(?:{_alt(adjectives)})\s+)?" if adjectives else ""
        # the relation word as typed in lower case; the name after it must be capitalised
        out.append(re.compile(rf"(?:{'|'.join(lead)})\s+{adj}(?:{_alt(relations)})\s+"))
    if i_am:
        out.append(re.compile(rf"(?<!\w)(?i:{_alt(i_am)})\s+"))  # also after a quote: "'I'm Poppy"
    return tuple(out)


def _relation_and_i_am(item) -> tuple:
    """Patterns after which a capitalised word is a name: a relation word with a possessive or
    an article before it ("his brother Fakey"), and "I'm" ("I'm Poppy Notreal")."""
    def words(key):
        return tuple(str(w) for w in as_list(item.get(key)))
    return _relation_and_i_am_cached(words("relation_words"), words("relation_before"),
                                     words("relation_adjectives"), words("i_am"))


def _words_from(text, pos, is_name, lower_ok, limit, allow_and=False):
    """Consecutive name words from pos: capitalised ones (one lower-case word when
    lower_ok); with allow_and, "X and Y" gives two names. Returns (start, end) spans."""
    rx = re.compile(rf"[ \t]*({_ANY_WORD})")
    out: list[tuple[int, int]] = []
    run_start = None
    run_end = None
    count = 0
    while count < limit:
        m = rx.match(text, pos)
        ok = m is not None and is_name(m.group(1), lower_ok and run_start is None)
        if not ok:
            if allow_and and run_start is not None:
                j = re.match(r"[ \t]*(?:,|and|&)[ \t]*(?:and[ \t]+)?", text[pos:])
                nxt = rx.match(text, pos + j.end()) if j and j.end() else None
                if nxt and is_name(nxt.group(1), lower_ok):
                    out.append((run_start, run_end))
                    run_start, run_end = nxt.start(1), nxt.start(1) + len(nxt.group(1).rstrip("'\u2019"))
                    pos, count = nxt.end(), count + 1
                    continue
            break
        if run_start is None:
            run_start = m.start(1)
        pos = m.end()
        run_end = m.start(1) + len(m.group(1).rstrip("'\u2019"))  # a closing quote is not the name's
        count += 1
        if not m.group(1)[0].isupper():
            break
    if run_start is not None:
        out.append((run_start, run_end))
    return out


_FINDERS = {"pd_nhs_number": _nhs, "pd_phone": _phone, "pd_postcode": _postcode,
            "pd_date_of_birth": _dob, "pd_address": _address, "pd_name": _name}
