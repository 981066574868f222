"""The fifteenth pass of issue 20 (bot/lang/scrub.py, run by bot/lang/details/later_passes.py after
the fourteenth): general forms for the kinds personal_details_dev17.yml showed missing or over-taken.
Word lists in knowledge/language/personal_details.yml (pd_name `fifteenth_pass`):

- initials before "and his/her/their" and a relation are a person ("DK and his sister");
- a listed surname in the plural, capitalised after "the", is a family even when English uses
  the plural as a word ("the Grants are known to us"; not "the grants");
- a capitalised word between a found name and "and" and a found name is a name too, even when it
  is a country or a kept word ("Rhys and Mali Prosser"), and so is one between "baby" and a name;
- a case number of three or more parts joined by slashes, with letters and three digits or more
  ("26/0441/CIN", "GCC/CP/55120");
- a capitalised name before a place head the earlier lists lack ("Harrow Vale Secondary", "Cedar
  Rec", "the Northgate industrial estate");
- a Gaelic or Irish street, whose head word comes first ("2 Sràid na h-Eaglais", "Rathad na Mara"),
  and a Gaelic place of two capitalised words joined by an article ("at Baile na Cille");
- two pairs of initials joined by "and" ("AB and CD (twins)"); a hospital called "the Royal" and a
  place's name ("at the Royal Fakeshire"); a caravan's pitch or plot after a found place (", pitch 4");
- not taken: an age after "aged" as a house number ("twins aged 3, Bramley Road Nursery"), a word
  for a child's sex ("male") as a name, a practice acronym after "Pre-"/"Post-" ("Pre-CP"), a kept
  shop's format ("the Tesco Extra"), nor an institution word that opens the next sentence.
"""

from __future__ import annotations

import re

from bot.lang.details.lexicon import _TOKEN, _lexicon, _words, _zipf
from bot.lang.details.tenth_pass import _alt, _grow, _listed
from bot.lang.nlp import as_list

_CAP = r"[A-Z\u00c0-\u00de][a-z\u00df-\u024f'\u2019]+"
_NEXT = r"(?![\w'\u2019-])"


def _item(cfg: dict) -> dict:
    return cfg.get("pd_name", {}).get("fifteenth_pass") or {}


def _label(cfg: dict, kid: str) -> str | None:
    return cfg.get(kid, {}).get("label")


def initials_before_relations(text: str, cfg: dict, spans: list, take) -> None:
    name = _label(cfg, "pd_name")
    relations = _alt(_words("pd_name", "relation_words"))
    keep = _lexicon().keep
    rx = (
        rf"(?<![\w.'\u2019-])([A-Z]{{2,3}}|[A-Z]\.[ \t]?[A-Z]\.?)(?=[ \t]+(?:and|&)[ \t]+(?:his|her|their)"
        rf"[ \t]+(?:(?:little|big|older|younger|baby|twin|half|step)[ \t]+)?(?:{relations})s?\b)"
    )
    for m in re.finditer(rx, text):
        if re.sub(r"[ .]", "", m.group(1)).lower() not in keep and name:
            take(m.start(1), m.end(1), name)


def paired_initials(text: str, cfg: dict, spans: list, take) -> None:
    name = _label(cfg, "pd_name")
    lex = _lexicon()
    known = lex.keep | lex.vocab  # practice acronyms and words the check reads ("PE and RE")
    after = r"(?=[ \t]*(?:\(|,|[ \t](?:are|were|both|have|had)\b))"
    rx = rf"(?<![\w.'\u2019-])([A-Z]{{2}})[ \t]+(?:and|&)[ \t]+([A-Z]{{2}}){after}"
    for m in re.finditer(rx, text):
        if name and m.group(1).lower() not in known and m.group(2).lower() not in known:
            take(m.start(1), m.end(1), name)
            take(m.start(2), m.end(2), name)


def families_in_capitals(text: str, cfg: dict, spans: list, take) -> None:
    name = _label(cfg, "pd_name")
    lex = _lexicon()
    most = float(_item(cfg).get("capital_family_zipf", 4.5))
    # (and before a plural's apostrophe: "the Wards' caravan")
    rx = r"(?<![\w'\u2019-])[Tt]he[ \t]+([A-Z][a-z]{2,})s(?:(?![\w'\u2019-])|(?=['\u2019](?![\w'\u2019-])))"
    for m in re.finditer(rx, text):
        w = m.group(1).lower()
        everyday = _zipf(w) >= float(_item(cfg).get("capital_family_singular_zipf", 5.0))
        if w in lex.surnames and w not in lex.keep and _zipf(w + "s") < most and not everyday and name:
            take(m.start(1), m.end(), name)


def _found(spans: list, label: str | None) -> list[tuple[int, int]]:
    return sorted((a, b) for a, b, lab in spans if lab == label)


def names_beside_names(text: str, cfg: dict, spans: list, take) -> None:
    name = _label(cfg, "pd_name")
    found = _found(spans, name)
    starts = {a for a, _b in found}
    plain = _words("pd_name", "titles") | _words("pd_name", "relation_words") | _listed(_item(cfg), "not_beside")
    for _a, b in found:
        m = re.match(rf"[ \t]+(?:and|&)[ \t]+({_CAP})[ \t]+(?=\S)", text[b : b + 60])
        if m and b + m.end() in starts and m.group(1).lower() not in plain:
            take(b + m.start(1), b + m.end(1), name)
    # after "baby" a kin word is part of the name ("Baby Nana Yaw"): only titles and not_beside stop it
    plain = _words("pd_name", "titles") | _listed(_item(cfg), "not_beside")
    for m in re.finditer(rf"(?<![\w'\u2019-])[Bb]aby[ \t]+({_CAP})[ \t]+(?=\S)", text):
        if m.end() in starts and m.group(1).lower() not in plain:
            take(m.start(1), m.end(1), name)


def slashed_references(text: str, cfg: dict, spans: list, take) -> None:
    ref = _label(cfg, "pd_reference")
    for m in re.finditer(r"(?<![\w/])[A-Za-z0-9]{2,}(?:/[A-Za-z0-9]{2,}){2,}(?![\w/])", text):
        s = m.group()
        if ref and re.search(r"[A-Za-z]", s) and len(re.sub(r"\D", "", s)) >= 3:
            _grow(spans, m.start(), m.end(), ref)


def runs_before_new_heads(text: str, cfg: dict, spans: list, take) -> None:
    item = _item(cfg)
    place = _label(cfg, "pd_place")
    preps = _alt(as_list(item.get("head_prepositions")))
    heads = _alt(as_list(item.get("place_heads")))
    lower = _alt(as_list(item.get("lower_case_heads")))
    if not place or not preps or not heads:
        return
    plain = _listed(item, "not_in_run")
    run = rf"((?:{_CAP}[ \t]+){{1,3}}"
    for rx in (
        rf"(?<![\w-])(?:{preps})[ \t]+(?:the[ \t]+)?{run}(?:{heads})){_NEXT}",
        rf"(?<![\w-])(?:{preps})[ \t]+(?:the[ \t]+)?{run}(?:{lower})){_NEXT}" if lower else None,
    ):
        if not rx:
            continue
        for m in re.finditer(rx, text):
            words = [w.lower() for w in _TOKEN.findall(m.group(1))]
            caps = [w for w in words if w not in (item.get("lower_case_heads") or [])]
            if not all(w in plain for w in caps[:-1] or caps):
                _grow(spans, m.start(1), m.end(1), place)


def gaelic_streets(text: str, cfg: dict, spans: list, take) -> None:
    address = _label(cfg, "pd_address")
    heads = _alt(as_list(_item(cfg).get("head_first_streets")))
    if not address or not heads:
        return
    word = r"(?:[hnt]-)?[A-Z\u00c0-\u00de][\w'\u2019-]*"
    article = r"(?:(?:na|nan|nam|an|am|a['\u2019]|an[ \t]+t-|na[ \t]+h-)[ \t]*)"
    rx = rf"(?<![\w-])(?:\d{{1,4}}[A-Za-z]?,?[ \t]+)?(?:{heads})[ \t]+{article}?{word}(?:[ \t]+{word})?{_NEXT}"
    for m in re.finditer(rx, text):
        _grow(spans, m.start(), m.end(), address)


def royal_hospitals(text: str, cfg: dict, spans: list, take) -> None:
    place = _label(cfg, "pd_place")
    item = _item(cfg)
    preps = _alt(as_list(item.get("head_prepositions")))
    not_after = _listed(item, "not_after_royal")
    rx = rf"(?<![\w-])(?:{preps})[ \t]+the[ \t]+(Royal[ \t]+{_CAP}(?:[ \t]+{_CAP})?){_NEXT}"
    for m in re.finditer(rx, text):
        words = [w.lower() for w in m.group(1).split()[1:]]
        if place and not any(w in not_after for w in words):
            _grow(spans, m.start(1), m.end(1), place)


def gaelic_places(text: str, cfg: dict, spans: list, take) -> None:
    place = _label(cfg, "pd_place")
    word = r"[A-Z\u00c0-\u00de][\w'\u2019-]*"
    rx = rf"(?<![\w-])({word}[ \t]+(?:na|nan|nam|a['\u2019])[ \t]+(?:[hnt]-)?{word}){_NEXT}"
    for m in re.finditer(rx, text):
        if place:
            _grow(spans, m.start(1), m.end(1), place)


def pitches_after_places(text: str, cfg: dict, spans: list, take) -> None:
    address, place = _label(cfg, "pd_address"), _label(cfg, "pd_place")
    units = _alt(as_list(_item(cfg).get("unit_words")))
    found = [b for _a, b, lab in spans if lab in (address, place)]
    if not address or not units or not found:
        return
    for m in re.finditer(rf"(?<![\w-])(?i:{units})[ \t]+\d{{1,4}}[A-Za-z]?(?![\w-])", text):
        if text[max(0, m.start() - 2) : m.start()] == ", " and any(b <= m.start() for b in found):
            _grow(spans, m.start(), m.end(), address)


def not_taken(text: str, cfg: dict, spans: list, take) -> None:
    item = _item(cfg)
    name, place, address = _label(cfg, "pd_name"), _label(cfg, "pd_place"), _label(cfg, "pd_address")
    lex = _lexicon()
    sex = _listed(item, "sex_words")
    institutions = {p[0] for ps in lex.institutions.values() for p in ps if len(p) == 1}
    for sp in list(spans):
        a, b, lab = sp
        s = text[a:b]
        m = re.match(r"\d{1,3},?[ \t]+", s)
        if lab == address and m and re.search(r"(?i)\bage[ds]?(?:[ \t]+about)?[ \t]+$", text[max(0, a - 14) : a]):
            spans.remove(sp)
            if b > a + m.end():
                spans.append((a + m.end(), b, lab))
            continue
        drop = (lab == name and s.lower() in sex) or (
            lab == name
            and re.fullmatch(r"(?i)(?:pre|post|non|re|mid)-([a-z]{2,6})", s) is not None
            and s.split("-", 1)[1].lower() in lex.keep
        )
        if drop:
            spans.remove(sp)
            continue
        cut = re.search(r"\.[ \t]+([A-Z][a-z]+)$", s)
        if lab in (place, name) and cut and cut.group(1).lower() in institutions | lex.keep:
            spans.remove(sp)
            spans.append((a, a + cut.start(), lab))


def names(text: str, cfg: dict, spans: list, take) -> None:
    initials_before_relations(text, cfg, spans, take)
    paired_initials(text, cfg, spans, take)
    families_in_capitals(text, cfg, spans, take)
    names_beside_names(text, cfg, spans, take)


def places(text: str, cfg: dict, spans: list, take) -> None:
    slashed_references(text, cfg, spans, take)
    runs_before_new_heads(text, cfg, spans, take)
    gaelic_streets(text, cfg, spans, take)
    gaelic_places(text, cfg, spans, take)
    royal_hospitals(text, cfg, spans, take)
    pitches_after_places(text, cfg, spans, take)
    not_taken(text, cfg, spans, take)
