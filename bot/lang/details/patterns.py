"""Personal details found by their shape (bot/lang/scrub.py): NHS and phone numbers,
postcodes, dates of birth, street addresses and case-system reference numbers; patterns and
context words in knowledge/language/personal_details.yml.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang.dates import find_dates
from bot.lang.details.lexicon import (
    _ANY_WORD,
    _NAME_WORD,
    _alt,
    _lexicon,
)
from bot.lang.details.places import _places
from bot.lang.nlp import as_list


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
        # "8TH" is an inward code, "s47 2nd" not; typed without a space ("zx75nd") it is one
        ordinal = (
            text[b - 2 : b].islower() and text[b - 2 : b] in bad and not re.fullmatch(r"[a-z]+\d+", text[a : b - 2])
        )
        # "BS3 4nd" is no ordinal: an ending that does not fit its digit ("2nd", "4th") is a
        # postcode's inward letters (S19-PL7, personal_details_dev31)
        endings = item.get("ordinal_endings") or {}
        if ordinal and endings and text[b - 2 : b] in set(endings.values()):
            digit = text[b - 3]
            ordinal = text[b - 2 : b] == endings.get(digit, endings.get("other"))
        if not ordinal:
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
    for rx in as_list(item.get("forms_with_their_word")):  # the word is in the pattern: "due 04/26"
        for m in re.finditer(rx, text):
            yield m.start(1), m.end(1)
    trig_spans = [(m.start(), m.end()) for m in trig.finditer(text)]
    # "due" alone is a trigger in a text about a pregnancy ("baby Ezekiel due 7th Feb")
    if item.get("pregnancy_triggers") and re.search(str(item.get("pregnancy_text") or "(?!)"), text, re.I):
        due = re.compile(rf"(?<![a-z])(?:{_alt(item.get('pregnancy_triggers'))})(?![a-z])", re.I)
        other = re.compile(rf"\b(?:{_alt(item.get('pregnancy_triggers_not_after'))})\b[\w\s']{{0,12}}$", re.I)
        trig_spans += [
            (m.start(), m.end())
            for m in due.finditer(text)
            if not (item.get("pregnancy_triggers_not_after") and other.search(text[max(0, m.start() - 24) : m.start()]))
        ]
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
    # a house number, a range of them ("16-18 Cole's Hill"), or one after "no." or "number"
    # ("no. 16 Dale View", "no.9 birch gr")
    number = r"(?:\b(?:no\.?|number|num|\#)[ \t]*)?\b\d{1,4}(?:-\d{1,4})?[a-zA-Z]?\b,?\s+"
    capital = re.compile(rf"{number}((?:{_NAME_WORD}\s+){{1,3}})(?:{streets})\b\.?", re.I)
    lower = re.compile(rf"{number}((?:{_ANY_WORD}\s+){{1,2}})(?:{strong})\b\.?", re.I)
    # after "at" or "address": any street word, in any case ("nan lives at 5 church view")
    said = _alt(item.get("address_after"))
    anywhere = (
        re.compile(rf"(?<![\w'])(?:{said})\W{{0,3}}({number}((?:{_ANY_WORD}\s+){{1,2}})(?:{streets})\b\.?)", re.I)
        if said
        else None
    )
    # after "no." or "number" any street word, in any case ("no.9 birch gr")
    numbered = re.compile(
        rf"\b(?:no\.?|number|num)[ \t]*\d{{1,4}}[a-zA-Z]?\b,?[ \t]+(?:(?:on|in|off)[ \t]+(?:the[ \t]+)?)?"
        rf"((?:{_ANY_WORD}[ \t]+){{1,2}})(?:{streets})\b\.?",
        re.I,
    )
    for m in numbered.finditer(text):
        if not any(w.lower() in stop for w in m.group(1).split()):
            yield m.start(), m.end()
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


def _reference(text: str, item):
    context = _reference_context(tuple(str(w) for w in as_list(item.get("context_words"))))
    before = tuple(str(w) for w in as_list(item.get("amount_before")))
    after = _alt(item.get("amount_after"))
    for a, b in _regex_finder(text, item):
        amount = text[:a].endswith(before) if before else False
        amount = amount or bool(after and re.match(rf"[ \t]*(?:{after})\b", text[b:], re.I))
        off = max(0, a - 40)
        if amount and re.search(rf"(?:^|\W)(?:{_alt(item.get('record_before'))})\W{{0,3}}$", text[off:a], re.I):
            amount = False
        if amount and not any(off + m.start(1) == a for m in context.finditer(text[off:b])):
            continue  # an amount, and no record word before it
        yield a, b
    for key, digits in (("context_words", 4), ("long_number_context_words", 5)):
        for m in _reference_context(tuple(str(w) for w in as_list(item.get(key)))).finditer(text):
            # a number typed in groups ("123 4567", "7788-99") counts all its digits
            if len(re.sub(r"\D", "", m.group(1))) >= digits:
                yield m.start(1), m.end(1)
    # five digits or more anywhere in a message that names a record system ("eclipse 6093357,
    # mosaic has an older one 44019"), unless an amount
    systems = _alt(item.get("context_words"))
    if systems and re.search(rf"\b(?:{systems})\b", text, re.I):
        for m in re.finditer(r"(?<![\w/.,£$€-])\d{5}(?![\w/-]|[.,]\d)", text):
            if not (after and re.match(rf"[ \t]*(?:{after})\b", text[m.end() :], re.I)):
                yield m.start(), m.end()
    # seven digits or more in groups of three or more with spaces ("4471 223"), no span of years
    for m in re.finditer(r"(?<![\w/.-])\d{3,}(?:[ \t]\d{3,})+(?![\w/-]|\.\w)", text):
        if len(re.sub(r"\D", "", m.group(0))) >= 7 and not re.fullmatch(r"(?:(?:19|20)\d\d\s*)+", m.group(0)):
            yield m.start(), m.end()


@lru_cache(maxsize=8)
def _reference_context(words: tuple):
    if not words:
        return re.compile(r"(?!)")
    return re.compile(
        rf"\b(?:{_alt(words)})\b\W{{0,4}}(?:(?:no|number|is|ref|id|:)\W{{0,3}})*"
        rf"([A-Za-z]{{0,4}}[-/]?\d+(?:[ -]\d{{2,}})*(?:/[A-Za-z0-9]{{1,4}})?)(?![\w/-]|\.\w)",
        re.I,
    )


def _handle(text: str, item):
    """A social-media handle: "@" and a name ("@kxng.reemz07", not "@ 3pm" or "@home"), or a
    user name after a word that announces one ("insta account is ellablossom.xo")."""
    from bot.lang.details.lexicon import _zipf

    common = float(item.get("common_word_zipf", 4.0))
    for m in re.finditer(r"(?<![\w.@])@([A-Za-z0-9_](?:[\w.]*\w)?)", text):
        name = m.group(1)
        if not re.search(r"[A-Za-z]", name):
            continue
        if re.fullmatch(r"[a-z]+", name) and _zipf(name) >= common:
            continue  # "@home", "@school"
        yield m.start(), m.end()
    said = _alt(item.get("context_words"))
    if not said:
        return
    lex = _lexicon()
    rx = re.compile(
        rf"(?<![\w'])(?:{said})(?:[ \t]+(?:account|name|handle|profile|id|page))?[ \t]*(?:is|was|:|=|called|named|as)"
        rf"[ \t]*(@?[A-Za-z0-9_](?:[\w.]*\w)?)",
        re.I,
    )
    for m in rx.finditer(text):
        name = m.group(1)
        plain = re.fullmatch(r"[A-Za-z]+", name)
        if plain and (_zipf(name.lower()) >= float(item.get("plain_word_zipf", 3.0)) or name.lower() in lex.keep):
            continue  # "her insta account is private"
        yield m.start(1), m.end(1)
    # session 20 (S20-PL8): a user name's own shape, letters joined by a dot or an underscore
    # ("jace.k_official", "Tafa_GG2014", "kai.lbk"), after such a word with no verb, a comma or a
    # bracket ("xbox name Tafa_GG2014", "Snapchat account, kejsi.dk_x", "Snapchat (laylaa.m_x)") or
    # before "on" and one ("kai.lbk on Instagram"); never anywhere by its shape alone: a log line's
    # names ("rasa_ext.tracker_store", "action_listen") have it too
    if not item.get("handle_shapes"):
        return
    shape = r"[A-Za-z0-9]+(?:[._][A-Za-z0-9]+)+"
    files = _alt(item.get("not_handle_endings"))
    not_file = rf"(?![._](?:{files})\b)" if files else ""
    near = re.compile(
        rf"(?<![\w'])(?:{said})\b(?:[ \t]+(?:account|name|handle|profile|id|page))?"
        rf"(?:[ \t]*[:,(][ \t]*|[ \t]+)({shape})\b{not_file}"
        rf"|(?<![\w.@])({shape})\b[ \t]+on[ \t]+(?:{said})\b",
        re.I,
    )
    for m in near.finditer(text):
        g = 1 if m.group(1) else 2
        name = m.group(g)
        if re.search(r"[A-Za-z]", name) and not re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?", name):
            yield m.start(g), m.end(g)


def _house_numbers(text: str, spans: list, labels: tuple, item):
    """A house, flat or room number after a street, place or name found ("Tanner Street, number
    41", "in Dunmarsh, room 12"), or after "at" ("the neighbour at no 18")."""
    words = _alt(item.get("house_number_words"))
    if not words:
        return []
    out = []
    number = rf"(?:{words})\.?[ \t]*\d{{1,4}}[a-zA-Z]?\b"
    after = re.compile(rf"[ \t]*,?[ \t]*({number})", re.I)
    for b in sorted({b for _a, b, label in spans if label in labels}):
        m = after.match(text, b)
        if m:
            out.append((m.start(1), m.end(1)))
    lead = _alt(item.get("house_number_after"))
    if lead:
        for m in re.finditer(rf"(?<![\w'])(?:{lead})[ \t]+({number})(?![:./]\d)", text, re.I):
            out.append((m.start(1), m.end(1)))
    return out
