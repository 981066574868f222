"""scrub(): replace personal details in free text by bracketed labels ("[name]").

The kinds, their patterns and word lists are in knowledge/language/personal_details.yml.
Each kind is searched on the original text; a span already taken by an earlier kind is
not taken again; neighbouring spans of the same kind ("Flat 2, 17 Sample Street") become
one label. Regular expressions, and for names and places word lists: first names and
surnames from the Faker package, how common a word is in English from wordfreq, and the
project's own lists in knowledge/language/name_words.yml (practice terms, the words of the
knowledge base and the council names of knowledge/profiles/ are never names).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from bot.lang.dates import find_dates
from bot.lang.nlp import as_list, load_yaml, on_reset


@dataclass(frozen=True)
class Scrubbed:
    text: str
    removed: tuple[str, ...]


def _alt(words) -> str:
    return _alt_of(tuple(str(w) for w in as_list(words)))


@lru_cache(maxsize=256)
def _alt_of(words: tuple) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: -len(w)))


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
on_reset(lambda: _lexicon.cache_clear())
on_reset(lambda: _alt_of.cache_clear())

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


def is_common_word(word: str) -> bool:
    """An everyday English word (not rare by wordfreq's Zipf scale, pd_name `common_word_zipf`)."""
    return _zipf(word.lower()) >= float(_config().get("pd_name", {}).get("common_word_zipf", 4.0))


def removed_notice(kinds, roles: bool = False) -> str:
    """What the practitioner is told when details were taken out of what they typed
    (the text is in personal_details.yml, `notice`; with roles, the wording for a person
    who does something, such as the owner of an agreed action). Told once a conversation:
    bot/walks/details_notice.py."""
    kinds = [str(k) for k in kinds]
    listed = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]
    notice = load_yaml("personal_details.yml")["notice"]
    return str(notice["roles_text" if roles and notice.get("roles_text") else "text"]).format(kinds=listed)


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
    _widen_to_places(text, cfg, spans)
    _dates_after_names(text, cfg, spans, take)
    _dates_after_dates_of_birth(text, cfg, spans, take)
    _town_after_address(text, cfg, spans, take)
    _names_again(text, cfg, spans, take)
    spans.sort()
    merged: list[list] = []
    for a, b, label in spans:
        if merged and merged[-1][2] == label and re.fullmatch(r"[\s,]*", text[merged[-1][1] : a]):
            merged[-1][1] = b
        else:
            merged.append([a, b, label])
    return [(a, b, label) for a, b, label in merged]


def _names_again(text: str, cfg: dict, spans: list, take) -> None:
    """A word found as a name once is a name wherever else it stands in the text, in the same
    case ("The middle one Rose is ... Rose told her teacher")."""
    label = cfg.get("pd_name", {}).get("label")
    lex = _lexicon()
    words = set()
    for a, b, lab in spans:
        if lab == label:
            words.update(w for w in _TOKEN.findall(text[a:b]) if len(w) >= 3 and w.lower() not in lex.keep)
    for word in words:
        for m in re.finditer(r"(?<![\w'\u2019-])" + re.escape(word) + r"(?![\w-])", text):
            take(m.start(), m.end(), label)


def _widen_to_places(text: str, cfg: dict, spans: list) -> None:
    """A school or surgery named after its street: the street found as an address becomes part
    of the place ("at Green Lane Primary", "Church Road Surgery")."""
    place = cfg.get("pd_place")
    if not place:
        return
    for a, b in _places(text, place):
        inside = [sp for sp in spans if a <= sp[0] and sp[1] <= b]
        crossing = [sp for sp in spans if sp[0] < b and a < sp[1] and sp not in inside]
        if inside and not crossing:
            for sp in inside:
                spans.remove(sp)
            spans.append((a, b, place["label"]))


def _dates_after_dates_of_birth(text: str, cfg: dict, spans: list, take) -> None:
    """Full dates listed after a date of birth are dates of birth too ("dob for the kids 1/2/15,
    3/4/17 and 5/6/19", "and the baby's is 19.8.22")."""
    dob = cfg.get("pd_date_of_birth", {}).get("label")
    if not dob:
        return
    ends = [b for a, b, label in spans if label == dob]
    if not ends:
        return
    gap = re.compile(r"[\s,;]*(?:(?:and|&)\s+)?(?:(?:the\s+)?[\w']+(?:'s)?\s+(?:is|was)\s+)?$", re.I)
    for a, b, _d, _m, year in find_dates(text):
        if year is None:
            continue
        if any(e <= a and a - e <= 40 and gap.fullmatch(text[e:a]) for e in ends):
            take(a, b, dob)
            ends.append(b)


def _town_after_address(text: str, cfg: dict, spans: list, take) -> None:
    """The word after a street address and a comma is its town ("5 church view, mossford,"),
    when it is no everyday word or practice term."""
    address = cfg.get("pd_address", {}).get("label")
    place = cfg.get("pd_place", {}).get("label")
    if not address or not place:
        return
    lex = _lexicon()
    common = float(cfg.get("pd_address", {}).get("town_zipf", 3.0))
    for _a, b, label in list(spans):
        if label != address:
            continue
        m = re.match(rf"[ \t]*,[ \t]*({_NAME_WORD}|[a-z]+)(?=[ \t]*(?:[,.;\n]|$|[A-Za-z]{{1,2}}\d))", text[b:])
        if not m:
            continue
        w = m.group(1).lower()
        if len(w) < 3 or w in lex.keep or w in lex.vocab or w in lex.not_place or _zipf(w) >= common:
            continue
        take(b + m.start(1), b + m.end(1), place)


def _dates_after_names(text: str, cfg: dict, spans: list, take) -> None:
    """A full date right after a name is that person's date of birth ("Kayden, 23rd Sept 2019")."""
    name = cfg.get("pd_name", {}).get("label")
    dob = cfg.get("pd_date_of_birth", {}).get("label")
    ends = sorted(b for a, b, label in spans if label == name)
    if not ends or not dob:
        return
    for a, b, _d, _m, year in find_dates(text):
        if year is not None and any(
            e <= a and re.fullmatch(r"[\s,(:-]*(?:b\.?|born|dob)?[\s,(:-]*", text[e:a]) for e in ends
        ):
            take(a, b, dob)


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
        if digits[0] != "0" or ctx.search(text[max(0, a - 20) : a]):
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
        if not (text[b - 2 : b].islower() and text[b - 2 : b] in bad):  # "8TH" is an inward code, "8th" not
            yield a, b
    outward = r"([A-Za-z]{1,2}\d[A-Za-z\d]?(?:\s+\d(?![\d:./]))?)(?![\w/])"
    if item.get("outward_after"):
        for m in re.finditer(rf"\b(?:{_alt(item.get('outward_after'))})\s*{outward}", text, re.I):
            yield m.start(1), m.end(1)
    if item.get("outward_before"):
        for m in re.finditer(rf"\b([A-Z]{{1,2}}\d[A-Z\d]?)\s+(?:{_alt(item.get('outward_before'))})\b", text):
            yield m.start(1), m.end(1)


def _dob(text: str, item):
    trig = re.compile(rf"(?<![a-z])(?:{_alt(item.get('triggers'))})(?![a-z])", re.I)
    after = int(item.get("window_after_trigger", 28))
    before = int(item.get("window_before_trigger", 16))
    trig_spans = [(m.start(), m.end()) for m in trig.finditer(text)]
    if not trig_spans:
        return
    for rx in as_list(item.get("other_forms")):  # first: some are longer than the date they hold
        for m in re.finditer(rx, text):
            if any(0 <= m.start() - te <= after or 0 <= ts - m.end() <= before for ts, te in trig_spans):
                yield m.start(), m.end()
    for a, b, _d, _m, _year in find_dates(text):
        near = any(0 <= a - te <= after or 0 <= ts - b <= before for ts, te in trig_spans)
        if near:
            yield a, b
    # "born in April 2019": month and year only
    for m in re.finditer(
        r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d\d\b", text, re.I
    ):
        if any(0 <= m.start() - te <= after for ts, te in trig_spans):
            yield m.start(), m.end()
    for rx in as_list(item.get("month_only_forms")):
        for m in re.finditer(rx, text):
            if any(0 <= m.start() - te <= after for ts, te in trig_spans):
                yield m.start(), m.end()


def _address(text: str, item):
    stop = {str(w).lower() for w in as_list(item.get("not_street_name"))}
    flat = re.compile(rf"\b(?:{_alt(item.get('flat_words'))})\s*(?:no\.?\s*)?\d+[a-z]?\b", re.I)
    for m in flat.finditer(text):
        yield m.start(), m.end()
    block = re.compile(rf"\b(?:{_alt(item.get('block_words'))})\s+(?:[A-Z]|\d{{1,3}}[A-Za-z]?)\b", re.I)
    for m in block.finditer(text):
        yield m.start(), m.end()
    streets, strong = _alt(item.get("street_words")), _alt(item.get("strong_street_words"))
    number = r"\b\d{1,4}[a-zA-Z]?\b,?\s+"
    capital = re.compile(rf"{number}((?:{_NAME_WORD}\s+){{1,3}})(?:{streets})\b\.?", re.I)
    lower = re.compile(rf"{number}((?:{_ANY_WORD}\s+){{1,2}})(?:{strong})\b\.?", re.I)
    # after "at" or "address": any street word, in any case ("nan lives at 5 church view")
    said = _alt(item.get("address_after"))
    anywhere = (
        re.compile(rf"(?<![\w'])(?:{said})\W{{0,3}}({number}((?:{_ANY_WORD}\s+){{1,2}})(?:{streets})\b\.?)", re.I)
        if said
        else None
    )
    for m in anywhere.finditer(text) if anywhere else ():
        if not any(w.lower() in stop for w in m.group(2).split()):
            yield m.start(1), m.end(1)
    # no house number, in lower case, after "lives on": "lives on green street"
    lives = _alt(item.get("street_after"))
    if lives:
        rx = re.compile(rf"(?<![\w'])(?:{lives})\s+((?:{_ANY_WORD}\s+){{1,2}}(?:{strong}))\b", re.I)
        for m in rx.finditer(text):
            words = m.group(1).split()[:-1]
            if not any(w.lower() in stop or w.lower() in _lexicon().not_place for w in words):
                yield m.start(1), m.end(1)
    for rx, need_capital in ((capital, True), (lower, False)):
        for m in rx.finditer(text):
            words = m.group(1).split()
            if any(w.lower() in stop for w in words):
                continue
            if need_capital and not all(w[0].isupper() for w in words):
                continue
            yield m.start(), m.end()
    yield from _places(text, {"max_words": item.get("max_words_without_number", 3)}, streets=True)


def _name(text: str, item):
    stop = {str(w).lower() for w in as_list(item.get("not_names"))}

    def is_name(word: str, lower_ok: bool) -> bool:
        w = word.strip("'\u2019").lower()
        if not w or w in stop or w.endswith("'s") and w[:-2] in stop:
            return False
        if word.isupper() and len(word) > 1:  # MASH, DSL: acronyms, not names
            return False
        return lower_ok or word[0].isupper()

    months = {str(w).lower() for w in as_list(item.get("months_that_are_names"))}

    def is_called(word: str, lower_ok: bool) -> bool:
        """After "called" or "named" a capitalised month is a name too ("a girl called May")."""
        return is_name(word, lower_ok) or (word[:1].isupper() and word.lower() in months)

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
    for m in re.finditer(
        rf"(?:\b|(?<=')|(?<=\u2019))(?:{called_after}){comma}\s+(?:{_alt(item.get('called_words'))})\s+", text, re.I
    ):
        words = _words_from(text, m.end(), is_called, lower_ok=False, limit=3)
        if words:
            found.append((words[0][0], words[-1][1]))
    for m in re.finditer(rf"\b(?:{_alt(item.get('name_is'))})\s*", text, re.I):
        words = _words_from(text, m.end(), is_name, lower_ok=True, limit=3, allow_and=True)
        found.extend(words)
    for m in re.finditer(rf"\b(?:{_alt(item.get('named_words'))})\s+", text, re.I):
        words = _words_from(text, m.end(), is_called, lower_ok=False, limit=3)
        if words:
            found.append((words[0][0], words[-1][1]))
    roles = _alt(item.get("role_words"))
    if roles:
        for m in re.finditer(
            rf"\b(?:{_alt(item.get('role_before'))})\s+(?:{roles})\s+(?:{_alt(item.get('role_verbs'))})\s+", text, re.I
        ):
            words = _words_from(text, m.end(), is_name, lower_ok=False, limit=3, allow_and=True)
            found.extend(words)
    for rx in _relation_and_i_am(item):
        for m in rx.finditer(text):
            words = _words_from(text, m.end(), is_name, lower_ok=False, limit=3)
            if words:
                found.append((words[0][0], words[-1][1]))
    found.extend(_after_a_bare_relation(text, item))
    found.extend(_proper_names(text, item))
    found.extend(_coordinated(text, found))
    yield from found


def _after_a_bare_relation(text: str, item) -> list[tuple[int, int]]:
    """A word typed in lower case right after a relation word is a name when it is a first
    name that is no everyday word, or a word English hardly knows ("mum tash has 3 kids",
    "dad jermaine"); with the next word when that is rare too ("mum natasha testwell")."""
    lex = _lexicon()
    rel = sorted(_words("pd_name", "relation_words") | _words("pd_name", "bare_relation_words"))
    if not rel:
        return []
    rare = float(item.get("after_relation_zipf", 3.0))
    out = []

    def name_like(w: str) -> bool:
        if len(w) < 3 or w in lex.keep or w in lex.vocab or w in lex.ordinary or "'" in w:
            return False
        if w in lex.first:
            return _zipf(w) < 5.0
        if w in lex.wide_first and _lean(w, lex) >= float(item.get("wide_lean", 1.0)):
            return _zipf(w) < float(item.get("wide_zipf", 4.5))
        return _zipf(w) < rare and (len(w) < 5 or not _typo_of_common(w, float(item.get("typo_of_zipf", 4.5))))

    word = r"([a-z][a-z-]*)(?![\w'\u2019])"
    for m in re.finditer(rf"(?<![\w'])(?:{_alt(rel)})[ \t]+{word}(?:[ \t]+{word})?", text, re.I):
        if not m.group(1).islower() or not name_like(m.group(1)):
            continue
        end = m.end(1)
        if m.group(2) and m.group(2).islower() and name_like(m.group(2)) and _zipf(m.group(2)) < rare:
            end = m.end(2)
        out.append((m.start(1), end))
    return out


def _coordinated(text: str, found: list) -> list[tuple[int, int]]:
    """A first name that is also an ordinary word, or a rare word, joined by "and" or "&" to a
    name found ("bill and Testname", "Testname & will", "yusra and Testname"), is a name too."""
    lex = _lexicon()
    item = _config().get("pd_name", {})
    rare = float(item.get("coordinated_zipf", 2.5))
    out = []
    for m in _TOKEN.finditer(text):
        core = re.sub(r"['\u2019]+s?$", "", m.group(0))  # "jordan'" at the end of a quote
        w = core.lower()
        if w in lex.keep or len(w) < 3:
            continue
        if not (w in lex.first and w in lex.ordinary) and not (
            (w in lex.first or w in lex.wide_first or _zipf(w) < rare) and w not in lex.vocab and w not in lex.ordinary
        ):
            continue  # (no typo test: the name beside it is context enough)
        after = re.match(r"[ \t]*(?:and|&)[ \t]+", text[m.end() :])
        before = re.search(r"[ \t]+(?:and|&)[ \t]*$", text[: m.start()])
        if (after and any(a == m.end() + after.end() for a, _b in found)) or (
            before and any(b == before.start() for _a, b in found)
        ):
            out.append((m.start(), m.start() + len(core)))
    return out


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

    return _relation_and_i_am_cached(
        words("relation_words"), words("relation_before"), words("relation_adjectives"), words("i_am")
    )


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


# -- names and places from word lists ----------------------------------------------------------
_LETTER = "A-Za-z\u00c0-\u024f"
_TOKEN = re.compile(rf"[{_LETTER}][{_LETTER}'\u2019]*(?:-[{_LETTER}][{_LETTER}'\u2019]*)*")


@dataclass(frozen=True)
class _Lexicon:
    first: frozenset  # first names (lower case)
    surnames: frozenset
    ordinary: frozenset  # first names that are also ordinary words
    keep: frozenset  # never a name: practice terms, council names, roles, not_names
    vocab: frozenset  # every word of the knowledge base (practice language)
    place_before: frozenset
    institutions: dict  # first word -> the institution words and phrases (tuples) it starts, longest first
    streets: frozenset
    not_place: frozenset
    wide_first: frozenset = frozenset()  # first names of the wider lists only (a stricter rule)
    # how much more often a word is written capitalised than in lower case, in natural log
    # units (0 when the lower-case form is the commoner): a proper-noun signal for words typed
    # in lower case ("dexter", "threlfall")
    capital_lean: dict = None  # type: ignore[assignment]
    # words the same table knows in lower case at least as often as capitalised ("squalor",
    # "nappies"): a rare word typed in lower case that is not among them may be a place's name
    lower_known: frozenset = frozenset()


def _words_of(node, out: set, as_typed: bool = False) -> None:
    """The words of every string in node, in lower case; with as_typed, only the words written
    in lower case or as an acronym there (a capitalised-only word is a proper noun)."""
    if isinstance(node, str):
        out.update(
            w.lower().replace("\u2019", "'")
            for w in _TOKEN.findall(node)
            if not as_typed or w[0].islower() or w.isupper()
        )
    elif isinstance(node, dict):
        for v in node.values():
            _words_of(v, out, as_typed)
    elif isinstance(node, list):
        for v in node:
            _words_of(v, out, as_typed)


def _faker_names(locales: Iterable[str]) -> tuple[set, set]:
    first: set = set()
    last: set = set()

    def listed(provider, attr) -> list:
        try:
            return [str(w) for w in getattr(provider, attr, ()) or ()]
        except TypeError:  # a locale whose list is built per call (a property): none to read
            return []

    for loc in locales:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except ImportError:
            continue
        for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            first.update(w.lower() for w in listed(provider, attr) if " " not in w)
        last.update(w.lower() for w in listed(provider, "last_names") if " " not in w)
    return first, last


def _capital_lean(source: dict) -> tuple[dict, frozenset]:
    """word (lower case) -> how much more often it is written capitalised than in lower case
    (natural log of the ratio; a word seen only capitalised gets `only_capitalised`). Read from
    the English lexeme probabilities that the spacy-lookups-data package ships (cased, a
    million word forms); only words that lean capitalised are kept."""
    import gzip
    import json
    import os

    try:
        import spacy_lookups_data
    except ImportError:
        return {}, frozenset()
    path = os.path.join(os.path.dirname(spacy_lookups_data.__file__), "data", str(source.get("table")))
    if not os.path.exists(path):
        return {}, frozenset()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        probs = json.load(fh)
    only = float(source.get("only_capitalised", 3.0))
    out = {}
    lower = set()
    for word, logp in probs.items():
        if len(word) > 1 and word[0].isupper() and word[1:].islower() and word.isalpha():
            low = probs.get(word.lower())
            if low is None:
                out[word.lower()] = only
            elif logp > low:
                out[word.lower()] = float(logp) - float(low)
        elif word.islower() and word.isalpha():
            cap = probs.get(word.capitalize())
            if cap is None or logp >= cap:
                lower.add(word)
    return out, frozenset(lower)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    import yaml

    from bot.lang.nlp import language_dir

    cfg = load_yaml("name_words.yml")
    first, last = _faker_names(as_list(cfg.get("faker_locales")))
    wide_first, wide_last = _faker_names(as_list(cfg.get("faker_wide_locales")))
    last |= {w for w in wide_last if re.fullmatch(r"[a-z\u00e0-\u024f'-]+", w)}
    first |= {str(w).lower() for w in as_list(cfg.get("extra_first_names"))}
    last |= {str(w).lower() for w in as_list(cfg.get("extra_surnames"))}
    ordinary = {str(w).lower() for w in as_list(cfg.get("names_also_words"))}
    details = _config()
    keep = {str(w).lower() for w in as_list(cfg.get("keep"))}
    keep |= {str(w).lower() for w in as_list(details.get("pd_name", {}).get("not_names"))}
    keep |= {str(w).lower() for w in as_list(details.get("pd_name", {}).get("relation_words"))}
    root = language_dir().parent
    vocab: set = set()
    for path in sorted(root.rglob("*.yml")):
        if path.parent.name == "language" and path.name in ("name_words.yml", "personal_details.yml"):
            continue
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        if path.parent.name == "profiles":
            _words_of([data.get("id"), data.get("name"), data.get("terms"), data.get("level_labels")], keep)
        _words_of(data, vocab, as_typed=True)
    vocab -= first - ordinary  # a name used in a scenario of the knowledge base is still a name
    institutions: dict = {}
    for phrase in sorted(
        (tuple(str(w).lower().split()) for w in as_list(cfg.get("institution_words"))), key=lambda p: -len(p)
    ):
        institutions.setdefault(phrase[0], []).append(phrase)
    return _Lexicon(
        frozenset(first),
        frozenset(last),
        frozenset(ordinary),
        frozenset(keep),
        frozenset(vocab),
        frozenset(str(w).lower() for w in as_list(cfg.get("place_before"))),
        institutions,
        frozenset(str(w).lower() for w in as_list(cfg.get("street_words"))),
        frozenset(str(w).lower() for w in as_list(cfg.get("not_place_name"))),
        frozenset(w for w in wide_first - first if re.fullmatch(r"[a-z\u00e0-\u024f'-]+", w)),
        *_capital_lean(cfg.get("capitalisation") or {}),
    )


@lru_cache(maxsize=50000)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    base: str  # lower case, without a possessive "'s"
    initial: bool  # first word of a sentence, line or quote
    code: bool = False  # part of a code or reference ("cas-7", "AB12"), not a word


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        end = m.end()
        core = re.sub(r"(?:['\u2019]s?)$", "", word)
        end = m.start() + len(core) if core else end
        before = text[: m.start()].rstrip(" \t\"'\u2018\u201c([*\u2022-")
        initial = not before or before[-1] in ".!?:;\n" or "\n" in text[len(before) : m.start()]
        code = bool(re.match(r"[-/_]?\d", text[m.end() : m.end() + 2])) or bool(
            re.search(r"[\d_/@.]$|\d[-/]$", text[max(0, m.start() - 2) : m.start()])
        )
        out.append(_Tok(m.start(), end, core or word, (core or word).lower().replace("\u2019", "'"), initial, code))
    return out


def _is_capital(word: str) -> bool:
    return word[:1].isupper() and not (word.isupper() and len(word) > 1)


def _name_word(tok: _Tok, lex: _Lexicon, item) -> bool:
    """Whether one word, on its own, is a person's name or a proper noun."""
    w, word = tok.base, tok.text
    if len(w) < 2 or w in lex.keep or not re.search(r"[a-z]", w) or tok.code:
        return False
    if "'" in w:  # "O'Brien" yes, "don't" no
        return bool(re.fullmatch(r"[A-Z]'[A-Z][a-z]+", word)) or w in lex.surnames
    if re.fullmatch(r"[A-Z]{2,}s", word):  # "DNAs", "GPs": acronyms
        return False
    if (
        "-" in w
        and any(
            (p in lex.first or p in lex.wide_first) and p not in lex.ordinary and len(p) >= 3 and p not in lex.vocab
            for p in w.split("-")
        )
        and not any(p in lex.keep for p in w.split("-"))
    ):
        return True  # "lacey-mae", "Ellie-May"
    if word.isupper():  # surnames are often typed in capitals; acronyms are not names
        return len(w) >= 3 and (w in lex.surnames or w in lex.first) and w not in lex.ordinary and w not in lex.vocab
    if w in lex.first and w not in lex.ordinary:
        if _is_capital(word):
            return True
        return len(w) >= int(item.get("min_lower_name", 3)) and w not in lex.vocab and _zipf(w) < 5.5
    if not _is_capital(word):
        return _proper_in_lower_case(w, lex, item)
    if tok.initial:
        return w not in lex.vocab and (
            _zipf(w) < float(item.get("initial_zipf", 2.5))
            or (
                w in lex.wide_first
                and w not in lex.ordinary
                and _lean(w, lex) >= float(item.get("wide_lean", 1.0))
                and _zipf(w) < float(item.get("wide_zipf", 4.5))
            )
        )
    if w in lex.first:  # an ordinary word that is also a name, capitalised inside a sentence
        return True
    if (
        w in lex.wide_first
        and w not in lex.vocab
        and w not in lex.ordinary
        and _lean(w, lex) >= float(item.get("wide_lean", 1.0))
        and _zipf(w) < float(item.get("wide_zipf", 4.5))
    ):
        return True
    if w in lex.vocab:
        return False
    if w in lex.surnames and _zipf(w) < float(item.get("surname_zipf", 5.5)):
        return True
    return _zipf(w) < float(item.get("proper_noun_zipf", 3.5))


def _lean(w: str, lex: _Lexicon) -> float:
    return (lex.capital_lean or {}).get(w, 0.0)


def _proper_in_lower_case(w: str, lex: _Lexicon, item) -> bool:
    """A word typed in lower case that is a name all the same: a first name of the wider
    lists, or any word, that is rare in English and far more often written capitalised
    ("dexter", "kobe", "threlfall"), or a wider-list name that the English word counts
    hardly know ("jayla")."""
    if len(w) < int(item.get("min_lower_name", 3)) or w in lex.vocab or w in lex.ordinary or "'" in w:
        return False
    lean, zipf = _lean(w, lex), _zipf(w)
    if _typo_of_common(w, float(item.get("typo_of_zipf", 4.5))):
        return False
    if w in lex.wide_first:
        return (lean >= float(item.get("wide_lean", 1.0)) and zipf < float(item.get("wide_zipf", 4.5))) or zipf < float(
            item.get("wide_unknown_zipf", 2.0)
        )
    return (lean >= float(item.get("lower_proper_lean", 2.0)) and zipf < float(item.get("lower_proper_zipf", 3.0))) or (
        lean >= float(item.get("rare_proper_lean", 0.5)) and zipf < float(item.get("rare_proper_zipf", 2.0))
    )


@lru_cache(maxsize=20000)
def _typo_of_common(w: str, common: float) -> bool:
    """A word one typed letter away from a common English word (a letter left out or one too
    many, or two swapped): "cary" for "carry", "quizz", "freind" for "friend". Such a word is not taken as a name
    from its rarity alone."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    if re.search(r"(.)\1\1", w):  # "hellooo"
        return True
    for i in range(len(w) + 1):
        for c in letters:
            if _zipf(w[:i] + c + w[i:]) >= common:
                return True
    for i in range(len(w)):  # a letter too many ("quizz"): a less common word is enough
        if _zipf(w[:i] + w[i + 1 :]) >= common - 1:
            return True
    for i in range(len(w) - 1):
        if w[i] != w[i + 1] and _zipf(w[:i] + w[i + 1] + w[i] + w[i + 2 :]) >= common:
            return True
    return False


def _after_name(tok: _Tok, lex: _Lexicon, item) -> bool:
    """Whether the word right after a name is part of it (a surname or a second name)."""
    w, word = tok.base, tok.text
    if tok.initial or len(w) < 2 or w in lex.keep or tok.code:
        return False
    if word.isupper():
        return len(w) >= 3 and w not in lex.vocab and (w in lex.surnames or _zipf(w) < 4.5)
    if _is_capital(word):
        return True
    if w in lex.vocab:
        return False
    return (w in lex.surnames and w not in lex.ordinary and _zipf(w) < 4.5) or _zipf(w) < float(
        item.get("surname_after_name_zipf", 3.2)
    )


def _proper_names(text: str, item) -> list[tuple[int, int]]:
    lex = _lexicon()
    toks = _tokens(text)
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        start = None
        titled = i > 0 and toks[i - 1].base in _titles(item) and _joined(text, toks[i - 1], tok)
        if _name_word(tok, lex, item) or (titled and _after_name(_mid(tok), lex, item)):
            start = i
        elif (
            tok.initial
            and _is_capital(tok.text)
            and tok.base in lex.first
            and tok.base not in lex.keep
            and i + 1 < len(toks)
            and _joined(text, tok, toks[i + 1])
            and _is_capital(toks[i + 1].text)
            and _name_word(_mid(toks[i + 1]), lex, item)
        ):
            start = i  # "Will Testperson rang": an ordinary-word name at the start, a name after it
        if start is None and _named_by_context(text, toks, i, lex, item):
            start = i
        if start is None:
            i += 1
            continue
        j = i
        while (
            j + 1 < len(toks)
            and j - i < 3
            and _joined(text, toks[j], toks[j + 1])
            and (_after_name(toks[j + 1], lex, item) or _aged_after(text, toks, j + 1, lex))
        ):
            j += 1
        a = i
        # a capitalised word inside a sentence right before a name is part of it ("Precious Testname")
        while (
            a > 0
            and i - a < 2
            and _joined(text, toks[a - 1], toks[a])
            and _is_capital(toks[a - 1].text)
            and not toks[a - 1].initial
            and toks[a - 1].base not in lex.keep
            and not toks[a - 1].code
            and toks[a - 1].base not in _titles(item)
            and (not found or found[-1][1] < toks[a - 1].start)
        ):
            a -= 1
        found.append((toks[a].start, toks[j].end))
        i = j + 1
    return found


_AGE_AFTER = re.compile(
    r"\s*(?:\(\s*\d{1,2}\s*\)|,?\s*(?:is\s+|aged?\s+)?\d{1,2}\s*"
    r"(?:yo|y/o|yrs?|years?|months?)?\b(?!\s*(?:am|pm|%|times|hours|days|weeks|mins|minutes|[:./])))"
)


def _aged_after(text: str, toks: list, k: int, lex: _Lexicon) -> bool:
    """An uncommon lower-case word after a name with an age after it: a surname ("ava
    testname age 5")."""
    tok = toks[k]
    return (
        not tok.code
        and tok.base not in lex.keep
        and tok.base not in lex.vocab
        and _zipf(tok.base) < 4.0
        and bool(_AGE_AFTER.match(text[tok.end : tok.end + 24]))
    )


_EXPLICIT_AGE = re.compile(
    r"(?:\s*\(\s*\d{1,2}\s*(?:yo|y/o|yrs?|years?|months?|mths?)?\s*\)|"
    r",\s*(?:aged?\s+)?\d{1,2}(?:\s*(?:yo|y/o|yrs?|years?(?: old)?|months?))?(?=\s*(?:[,.;)]|$|and\b))|"
    r"\s+(?:is|aged?)\s+\d{1,2}\b(?![:./%]))"
)


@lru_cache(maxsize=1)
def _person_after():
    """What only a person does right after their name ("told", "disclosed", "is the eldest"):
    person_after in personal_details.yml, pd_name."""
    words = _config().get("pd_name", {}).get("person_after") or []
    return (
        re.compile(rf"(?:[ \t]*(?:{'|'.join(str(w) for w in words)})\b|{_EXPLICIT_AGE.pattern})", re.I)
        if words
        else re.compile(r"(?!)")
    )


@lru_cache(maxsize=1)
def _whose() -> re.Pattern:
    """A possessive that only a person has ("amber's nursery", "jack's mum"): whose_words in
    personal_details.yml, pd_name."""
    words = _config().get("pd_name", {}).get("whose_words") or []
    return re.compile(rf"['\u2019]s[ \t]+(?:{_alt(words)})\b", re.I) if words else re.compile(r"(?!)")


on_reset(lambda: _whose.cache_clear())


on_reset(lambda: _person_after.cache_clear())


def _in_brackets_after_relation(text: str, tok: _Tok, item) -> bool:
    """A single word in brackets right after a relation word: "mum (shaz)", "dad (Daz)"."""
    if not re.match(r"\s*\)", text[tok.end : tok.end + 4]):
        return False
    rel = as_list(item.get("relation_words")) + ["dad", "mum", "nan", "carer", "child", "baby", "son", "daughter"]
    return bool(re.search(rf"(?<![\w'])(?:{_alt(rel)})\s*\(\s*$", text[max(0, tok.start - 24) : tok.start], re.I))


def _named_by_context(text: str, toks: list, i: int, lex: _Lexicon, item) -> bool:
    """An uncommon word that its neighbours show to be a name: "the Brackwell family", "the
    brackwells", "kaidan (2)", "roxy is 10", "Mark (dad)"."""
    tok = toks[i]
    w = tok.base
    if tok.code or len(w) < 3:
        return False
    after = text[tok.end : tok.end + 48]
    named = w in lex.first or w in lex.wide_first
    if (
        w in lex.ordinary
        and named
        and _is_capital(tok.text)
        and _person_after().match(after)
        and (w not in lex.keep or w in _words("pd_name", "kept_words_that_are_names"))
    ):
        return True  # "Will told his teacher", "Hope has not been brought to nursery"
    if (
        w in _words("pd_name", "kept_names_mid_sentence")
        and _is_capital(tok.text)
        and not tok.initial
        and re.search(
            rf"(?<![\w'])(?:{_alt(sorted(_words('pd_name', 'name_before_words')))})[ \t]+$",
            text[max(0, tok.start - 24) : tok.start],
            re.I,
        )
    ):
        return True  # "I'm worried about Will"
    if w in lex.keep:
        return False
    if w in lex.ordinary and named and tok.text.islower() and (_EXPLICIT_AGE.match(after) or _whose().match(after)):
        return True  # "worried about summer, 7", "jack (6)", "amber's nursery rang"
    if _in_brackets_after_relation(text, tok, item) and (named or (w not in lex.vocab and _zipf(w) < 4.0)):
        return True  # "mum (shaz)"
    if (
        _is_capital(tok.text)
        and (w in lex.first or w in lex.wide_first)
        and re.match(
            r"\s*\(\s*(?:%s)\b"  # noqa: UP031 (a regular expression: its braces stay literal)
            % _alt(as_list(item.get("relation_words")) + ["dad", "mum", "nan", "child", "baby", "son", "daughter"]),
            after,
            re.I,
        )
    ):
        return True  # "Mark (dad)", even when the knowledge base uses the word ("a mark")
    if w in lex.vocab:
        return False
    rare = float(item.get("context_name_zipf", 3.5))
    before = text[max(0, tok.start - 4) : tok.start].lower()
    nxt = toks[i + 1].base if i + 1 < len(toks) and _joined(text, tok, toks[i + 1]) else ""
    family = _words("pd_name", "family_words")
    if before.endswith("the ") and nxt in family and _zipf(w) < rare:
        return True
    if (
        before.endswith("the ")
        and w.endswith("s")
        and nxt not in family
        and _zipf(w) < 2.5
        and w[:-1] not in lex.vocab
        and (_zipf(w[:-1]) < 1.5 or w[:-1] in lex.surnames or _lean(w[:-1], lex) >= 1.0)
        and not _typo_of_common(w[:-1], float(item.get("typo_of_zipf", 4.5)))
    ):
        return True  # "the brackwells", "the hadfields"
    if _AGE_AFTER.match(after):
        if (w in lex.first or _zipf(w) < rare) and (w not in lex.ordinary or _is_capital(tok.text)):
            return True  # "kaidan (2)", "roxy is 10", "Jenson, 9"
    prev = toks[i - 1].base if i > 0 and _joined(text, toks[i - 1], tok) else ""
    if (
        prev in _words("pd_name", "rare_place_before")
        and not _is_capital(tok.text)
        and _zipf(w) < float(item.get("rare_place_zipf", 1.5))
    ):
        return True  # "lives w mum in anytown"
    if (
        tok.text.islower()
        and _place_lead().search(text[max(0, tok.start - 24) : tok.start])
        and _place_like(w, lex, item)
    ):
        return True  # "moved to oakhurst", "lives in kingsmead"
    return False


@lru_cache(maxsize=1)
def _place_lead() -> re.Pattern:
    words = sorted(_words("pd_name", "place_name_after"))
    return re.compile(rf"(?<![\w'])(?:{_alt(words)})[ \t]+$", re.I) if words else re.compile(r"(?!)")


on_reset(lambda: _place_lead.cache_clear())


def _place_like(w: str, lex: _Lexicon, item) -> bool:
    """A word typed in lower case that reads as a place's name: more often written capitalised
    and not common, or unknown in lower case to the cased word table and rare in English."""
    if len(w) < 4 or w in lex.vocab or w in lex.keep or w in lex.not_place or w in lex.ordinary:
        return False
    zipf = _zipf(w)
    if _lean(w, lex) >= float(item.get("place_lean", 1.0)) and zipf < float(item.get("place_lean_zipf", 4.0)):
        return True
    return (
        w not in lex.lower_known
        and zipf < float(item.get("place_unknown_zipf", 2.5))
        and not _typo_of_common(w, float(item.get("typo_of_zipf", 4.5)))
    )


def _titles(item) -> frozenset:
    return _words("pd_name", "titles")


@cache
def _words(kid: str, key: str) -> frozenset:
    """A word list of one kind of detail in personal_details.yml, in lower case."""
    return frozenset(str(w).lower() for w in as_list(_config().get(kid, {}).get(key)))


on_reset(lambda: _words.cache_clear())


def _mid(tok: _Tok) -> _Tok:
    return _Tok(tok.start, tok.end, tok.text, tok.base, False, tok.code)


def _joined(text: str, a: _Tok, b: _Tok, possessive: bool = False) -> bool:
    """b follows a with only spaces (or a hyphen) between them; with possessive, also after
    a's "'s" ("St Fictitia's C of E")."""
    gap = text[a.end : b.start]
    if possessive and re.fullmatch(r"['\u2019]s?[ \t]+", gap):
        return b.text[:1].isupper()  # "St Fictitia's C of E", not "Demi's nursery"
    return bool(re.fullmatch(r"[ \t]+|[ \t]*-[ \t]*", gap)) and "'" not in text[a.end - 1 : a.end]


def _places(text: str, item, streets: bool = False) -> list[tuple[int, int]]:
    """Named institutions ("St Imaginary Primary", "nonesuch academy") and streets, estates and
    blocks without a house number ("Fakename Street", "the Brookside estate")."""
    lex = _lexicon()
    toks = _tokens(text)
    out: list[tuple[int, int]] = []
    max_words = int(item.get("max_words", 3))
    want_street = streets
    hard_stop = _words("pd_place", "not_in_a_name")
    lowered = [t.base for t in toks]
    for k, tok in enumerate(toks):
        head_len = 0
        for parts in lex.institutions.get(tok.base, ()):
            if tuple(lowered[k : k + len(parts)]) == parts:
                head_len = len(parts)
                break
        street = not head_len and tok.base in lex.streets
        if (want_street and not street) or (not want_street and not head_len):
            continue
        # the name words before the head word: capitalised words inside a sentence (not a
        # practice term), "of" between two of them ("C of E"), or uncommon lower-case words
        a = k
        while a > 0 and k - a < max_words and _joined(text, toks[a - 1], toks[a], possessive=True):
            prev = toks[a - 1]
            if (
                not want_street
                and a < k
                and _is_capital(prev.text)
                and _is_capital(toks[a].text)
                and toks[a].base in lex.streets
                and prev.base not in lex.keep
            ):
                a -= 1  # the street a school or surgery is named after: "New Road Medical Centre"
                continue
            if (
                not want_street
                and a == k
                and prev.text.islower()
                and prev.base in _road_words()
                and a >= 2
                and _joined(text, toks[a - 2], prev)
                and toks[a - 2].text.islower()
                and toks[a - 2].base not in _words("pd_address", "not_street_name")
                and toks[a - 2].base not in lex.keep
                and not toks[a - 2].code
            ):
                a -= 2  # in lower case too: "registered at church road surgery"
                break
            if (
                not want_street
                and a < k
                and prev.initial
                and _is_capital(prev.text)
                and _is_capital(toks[a].text)
                and prev.base not in lex.not_place
                and prev.base not in hard_stop
                and prev.base not in _practice_words()
            ):
                a -= 1  # a title-case name at the start of a sentence: "Happy Days Nursery said"
                continue
            if _is_capital(prev.text) and not prev.initial and len(prev.base) > 0:
                if prev.base in lex.keep or prev.base in hard_stop:
                    break
            elif (
                prev.base == "of"
                and a >= 2
                and _is_capital(toks[a - 2].text)
                and (_is_capital(toks[a].text) or toks[a].text.isupper())
                and _joined(text, toks[a - 2], prev)
            ):
                a -= 1
                continue
            elif (
                prev.base in lex.not_place
                or prev.base in lex.keep
                or not _place_word(prev, lex, street, toks[a] if a < k else None)
                or (tok.base in _capital_only_heads() and not street)
            ):
                break
            a -= 1
        if a == k and not want_street:
            a = _after_a_preposition(text, toks, k, lex, item)
        if a == k:
            continue
        # "St" before a name: part of it ("St Imaginary Primary")
        if a > 0 and toks[a - 1].base in ("st", "saint") and _joined(text, toks[a - 1], toks[a]):
            a -= 1
        end = toks[k + max(head_len, 1) - 1].end
        out.append((toks[a].start, end))
    if not want_street:
        out.extend(_named_after_a_preposition(text, toks, lex))
        out.extend(_institution_is(text, lex))
    if not want_street:  # a saint's name with its possessive is a school or church ("St Fictitia's")
        for m in re.finditer(r"\b(?:S|s)(?:t\.?|aint)\s+[A-Za-z][a-z]+(?:['\u2019]s)\b", text):
            out.append((m.start(), m.end()))
    merged: list[list[int]] = []
    for a, b in sorted(out):  # "Mockridge Lane" and "Mockridge Lane Surgery": one place
        if merged and a <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


@lru_cache(maxsize=1)
def _practice_words() -> frozenset:
    """name_words.yml `keep` (practice terms, roles) and the relation words: never a name word,
    unlike the feelings of not_names ("Happy Days Nursery")."""
    return frozenset(str(w).lower() for w in as_list(load_yaml("name_words.yml").get("keep"))) | _words(
        "pd_name", "relation_words"
    )


on_reset(lambda: _practice_words.cache_clear())


@lru_cache(maxsize=1)
def _road_words() -> frozenset:
    """Street words that name a school or surgery in lower case too ("church road surgery"):
    pd_address strong_street_words in personal_details.yml."""
    return _words("pd_address", "strong_street_words")


on_reset(lambda: _road_words.cache_clear())


@lru_cache(maxsize=1)
def _capital_only_heads() -> frozenset:
    """Institution words that make a place only of capitalised words before them ("the
    Wellbeing Centre", not "the leisure centre"): name_words.yml, capital_only_institution_words."""
    return frozenset(str(w).lower() for w in as_list(load_yaml("name_words.yml").get("capital_only_institution_words")))


on_reset(lambda: _capital_only_heads.cache_clear())


def _named_after_a_preposition(text: str, toks: list, lex: _Lexicon) -> list[tuple[int, int]]:
    """Two or three capitalised words inside a sentence after "at", "attends", "goes to"...,
    not all of them words of the knowledge base and none a practice term: a place ("at
    Little Stars", "goes to Busy Bees"), not "at Child Protection Conference"."""
    before = _words("pd_place", "lower_case_name_after")
    if not before:
        return []
    lead = re.compile(rf"(?<![\w'])(?:{_alt(sorted(before))})[ \t]+(?:the[ \t]+)?$", re.I)
    stop = _words("pd_place", "not_in_a_name") | _words("pd_name", "not_names")
    out = []
    k = 0
    while k < len(toks):
        tok = toks[k]
        if not (_is_capital(tok.text) and not tok.initial and lead.search(text[max(0, tok.start - 40) : tok.start])):
            k += 1
            continue
        j = k
        while j + 1 < len(toks) and j - k < 2 and _joined(text, toks[j], toks[j + 1]) and _is_capital(toks[j + 1].text):
            j += 1
        run = toks[k : j + 1]
        if (
            len(run) >= 2
            and not any(t.base in lex.keep or t.base in stop or t.code for t in run)
            and not all(t.base in lex.vocab for t in run)
        ):
            out.append((run[0].start, run[-1].end))
        k = j + 1
    return out


def _institution_is(text: str, lex: _Lexicon) -> list[tuple[int, int]]:
    """Capitalised words after "nursery is", "his school is", "GP surgery:" are the place's
    name ("nursery is Busy Bees")."""
    subjects = _words("pd_place", "institution_is")
    if not subjects:
        return []
    stop = _words("pd_place", "not_in_a_name") | _words("pd_name", "not_names")
    out = []
    for m in re.finditer(rf"\b(?:{_alt(sorted(subjects))})(?:\s+(?:is|was|are)|\s*[:=-])\s+(?:the\s+)?", text, re.I):
        run = []
        pos = m.end()
        for _ in range(3):
            w = re.match(rf"({_NAME_WORD}(?:['\u2019]s)?)[ \t]*", text[pos:])
            if not w or not _is_capital(w.group(1)) or w.group(1).lower() in lex.keep or w.group(1).lower() in stop:
                break
            run.append((pos, pos + len(w.group(1))))
            pos += w.end()
        if run:
            out.append((run[0][0], run[-1][1]))
    return out


def _after_a_preposition(text: str, toks: list, k: int, lex: _Lexicon, item) -> int:
    """Where a lower-case place name starts that stands between a word such as "at" or "to"
    (and "the") and an institution word ("is at tiny steps nursery", "at the oak tree
    surgery"): up to two words that are no
    determiner, kind of school or practice term. k itself when there is none."""
    before = _words("pd_place", "lower_case_name_after")
    if not before:
        return k
    lead = re.compile(rf"(?<![\w'])(?:{_alt(sorted(before))})[ \t]+(?:the[ \t]+)?$", re.I)
    a = k
    while a > 0 and k - a < 2 and _joined(text, toks[a - 1], toks[a]):
        prev = toks[a - 1]
        if lead.search(text[max(0, prev.end - 40) : prev.end] + " ") or (prev.base == "the" and a < k):
            break  # "at tiny steps nursery", "at the oak tree surgery"
        if (
            prev.code
            or not prev.text.islower()
            or prev.base in lex.not_place
            or prev.base in lex.keep
            or prev.base in _words("pd_place", "not_in_a_name")
            or prev.base in _words("pd_place", "not_before_institution")
            or _zipf(prev.base) >= float(item.get("common_word_zipf", 5.5))
        ):
            return k
        a -= 1
    if a == k or not lead.search(text[max(0, toks[a].start - 40) : toks[a].start]):
        return k
    return a


def _place_word(tok: _Tok, lex: _Lexicon, street: bool, nxt: _Tok | None = None) -> bool:
    """A word that can be part of a place's name before its institution or street word; at the
    start of a sentence, a capitalised word before another capitalised name word ("Little
    Acorns Nursery rang")."""
    if tok.text.isupper() and len(tok.text) > 1:
        return tok.base not in lex.keep
    if _is_capital(tok.text):
        if tok.initial and nxt is not None and _is_capital(nxt.text):
            return True  # (nxt is a name word, not the institution or street word itself)
        return not tok.initial or tok.base not in lex.vocab or _zipf(tok.base) < 4.0
    # lower case: an unusual word ("nonesuch academy"), or any word before a street word
    # when it is not an everyday one ("brookside estate")
    return tok.base not in lex.vocab and _zipf(tok.base) < (4.0 if street else 4.5)


def _reference(text: str, item):
    yield from _regex_finder(text, item)
    for m in _reference_context(tuple(str(w) for w in as_list(item.get("context_words")))).finditer(text):
        yield m.start(1), m.end(1)
    for m in _reference_context(tuple(str(w) for w in as_list(item.get("long_number_context_words"))), 5).finditer(
        text
    ):
        yield m.start(1), m.end(1)


@lru_cache(maxsize=8)
def _reference_context(words: tuple, digits: int = 4):
    if not words:
        return re.compile(r"(?!)")
    return re.compile(
        rf"\b(?:{_alt(words)})\b\W{{0,4}}(?:(?:no|number|is|:)\W{{0,3}})*"
        rf"([A-Za-z]{{0,4}}[-/]?\d{{{digits},}})(?![\w/.-])",
        re.I,
    )


_FINDERS = {
    "pd_nhs_number": _nhs,
    "pd_phone": _phone,
    "pd_postcode": _postcode,
    "pd_date_of_birth": _dob,
    "pd_address": _address,
    "pd_name": _name,
    "pd_place": lambda text, item: _places(text, item),
    "pd_reference": lambda text, item: _reference(text, item),
}
