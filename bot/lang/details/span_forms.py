"""Multi-word details read as whole spans (issue 20, session 14, S14-PL2): the shapes a detail of
several words takes that no one word shows. Run by bot/lang/details/later_passes.py after the
seventeenth pass; word lists in knowledge/language/personal_details.yml (pd_name `span_forms`).
Each form was written from one dev set's misses and is judged on the others (scripts/
pd_span_loso.py: each set is scored without the forms derived from it):

- named_homes (personal_details_dev20.yml): a home known by its name, a rural address ("Fakeley
  Cottage", "The Old Fakery Farm", "6 Fakefold Cottages"), and after any found address the
  comma-separated capitalised parts that follow it to the sentence's end ("..., Fen Drove, Fakeby
  Marsh.": lanes, hamlets and localities);
- everyday_surnames (personal_details_dev22.yml): a first name and a surname that is an everyday
  word ("Poppy Small (4)", "June White, 67", "Drs Long and Partners"), and such a family in the
  plural where a family stands ("the Greens next door", "the Whites' house");
- nicknames_and_initials (personal_details_dev19.yml): a first name and "boy" or "girl" as a
  nickname ("Jonny boy"), a first name and a surname's initial ("Destiny H,", "Shannon T's");
- trusts (personal_details_dev21.yml): "Trust" after a found school or academy's name ("Fakeley
  Vale Academy Trust").
"""

from __future__ import annotations

import re

from bot.lang.details.lexicon import _lexicon, _zipf
from bot.lang.details.tenth_pass import _alt, _grow
from bot.lang.nlp import as_list

_CAP = r"[A-Z][a-z]+(?:['\u2019]s)?"
_END = r"(?=[ \t]*(?:[.;:!?)\n]|,|$))"


def _item(cfg: dict) -> dict:
    return cfg.get("pd_name", {}).get("span_forms") or {}


def _labels(cfg: dict) -> tuple:
    return cfg.get("pd_name", {}).get("label"), cfg.get("pd_address", {}).get("label")


def _words(item: dict, key: str) -> frozenset:
    return frozenset(str(w).lower() for w in as_list(item.get(key)))


def _plain(word: str, item: dict) -> bool:
    """A capitalised word that may stand in a name or a place: no month, weekday, relation or
    practice word."""
    w = re.sub(r"['\u2019]s$", "", word).lower()
    return w not in _words(item, "not_in_span") and w not in _lexicon().keep


def named_homes(text: str, cfg: dict, spans: list, take) -> None:
    item, (_name, address) = _item(cfg), _labels(cfg)
    heads = _alt(as_list(item.get("home_heads")))
    if not (heads and address):
        return
    number = r"(?:\d{1,4}[a-z]?[ \t]+)?(?:The[ \t]+)?"
    rx = rf"(?<![\w'\u2019-]){number}((?:{_CAP}[ \t]+){{1,3}})(?:{heads})(?![\w'\u2019-])"
    for m in re.finditer(rx, text):
        if all(_plain(w, item) for w in m.group(1).split()):
            _grow(spans, m.start(), m.end(), address)
    # the parts after a found address, each a capitalised run to a comma, up to the sentence's end
    part = re.compile(rf",[ \t]+((?:{_CAP}[ \t]+){{0,2}}{_CAP}){_END}")
    for a, b, label in sorted(spans):
        if label != address:
            continue
        end = b
        while (m := part.match(text, end)) and all(_plain(w, item) for w in m.group(1).split()):
            end = m.end(1)
        if end > b:
            _grow(spans, a, end, address)


def everyday_surnames(text: str, cfg: dict, spans: list, take) -> None:
    item, (name, _address) = _item(cfg), _labels(cfg)
    if not name:
        return
    lex = _lexicon()
    months = _words(item, "months_as_first_names")
    after = _alt(as_list(item.get("after_a_name")))
    ends = rf"(?=[ \t]*(?:[,.;:!?()]|\d|$|(?:{after})\b))"
    rx = rf"(?<![\w'\u2019-])([A-Z][a-z]+(?:-[A-Z][a-z]+)?)[ \t]+([A-Z][a-z]+){ends}"
    for m in re.finditer(rx, text):
        first, last = m.group(1).lower(), m.group(2).lower()
        if last not in lex.surnames or not _plain(m.group(2), item) and last not in _words(item, "kept_surnames"):
            continue
        if first in months or first in lex.first and _plain(m.group(1), item) or first in _words(item, "titles"):
            _grow(spans, m.start(1) if first not in _words(item, "titles") else m.start(2), m.end(2), name)
    fam = _alt(as_list(item.get("family_after")))
    for m in re.finditer(rf"(?<![\w'\u2019-])the[ \t]+([A-Z][a-z]+)s(?=['\u2019]|[ \t]+(?:{fam})\b)", text):
        w = m.group(1).lower()
        if w in lex.surnames and (_plain(m.group(1), item) or w in _words(item, "kept_surnames")):
            take(m.start(1), m.end(1) + 1, name)


def nicknames_and_initials(text: str, cfg: dict, spans: list, take) -> None:
    item, (name, _address) = _item(cfg), _labels(cfg)
    if not name:
        return
    lex = _lexicon()
    after = _alt(as_list(item.get("after_a_name")))
    not_before = _words(item, "not_before_nickname")
    nick = _alt(as_list(item.get("nickname_heads")))
    rx = rf"(?<![\w'\u2019-])([A-Za-z][a-z]+)[ \t]+(?i:{nick})(?=[ \t]*(?:[,.;:!?()]|$|(?:{after})\b))"
    for m in re.finditer(rx, text):
        before = re.search(r"([\w'\u2019]+)[ \t]+$", text[: m.start()])
        if before and (before.group(1).lower() in not_before or before.group(1).lower().endswith(("'s", "\u2019s"))):
            continue
        found = any(a == m.start(1) and lab == name for a, _b, lab in spans)
        w = m.group(1).lower()  # a found name, or a first name that is no everyday word ("little girl")
        listed = w in lex.first | lex.wide_first and w not in lex.ordinary and _zipf(w) < 4.0
        if (found or listed) and _plain(m.group(1), item):
            _grow(spans, m.start(1), m.end(), name)
    rx = rf"(?<![\w'\u2019-])([A-Z][a-z]+)[ \t]+([A-HJ-Z])(?=['\u2019]s\b|[ \t]*(?:[,.;:!?)]|(?:{after})\b))"
    for m in re.finditer(rx, text):
        w = m.group(1).lower()
        if (w in lex.first or w in lex.wide_first) and _plain(m.group(1), item):
            _grow(spans, m.start(1), m.end(2), name)


def trusts(text: str, cfg: dict, spans: list, take) -> None:
    place = cfg.get("pd_place", {}).get("label")
    heads = _alt(as_list(_item(cfg).get("trust_after")))
    if not (place and heads):
        return
    for a, b, label in list(spans):
        if label == place and re.search(rf"(?i:{heads})$", text[a:b]):
            m = re.match(r"[ \t]+(?i:trust)(?![\w'\u2019-])", text[b:])
            if m:
                _grow(spans, a, b + m.end(), place)


FORMS = (named_homes, everyday_surnames, nicknames_and_initials, trusts)
# the dev set each form was written from (scripts/pd_span_loso.py scores that set without it)
DERIVED_FROM = {
    "named_homes": "personal_details_dev20.yml",
    "everyday_surnames": "personal_details_dev22.yml",
    "nicknames_and_initials": "personal_details_dev19.yml",
    "trusts": "personal_details_dev21.yml",
}


def forms(text: str, cfg: dict, spans: list, take) -> None:
    for form in FORMS:
        form(text, cfg, spans, take)
