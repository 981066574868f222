"""The sixteenth pass of issue 20 (bot/lang/scrub.py, run by bot/lang/details/later_passes.py after
the fifteenth): what personal_details_dev18.yml showed taken that identifies nobody, by class.
Word lists in knowledge/language/personal_details.yml (pd_name `sixteenth_pass`):

- a national charity or a kind of public service, named as everyone names it ("the Salvation Army
  hall", "the baby bank", "the Dental Access Centre"): no span stays inside it, and a town's name
  before it is taken alone ("[place] Dental Access Centre");
- a chain's shop or café after an article ("the Costa in [place]", "a Greggs"): a landmark, not a
  person or a place that identifies (the same word as a surname, "Mr Costa", stays a name).

And what it found missing: "Royal" before a name found in capitals is part of it, a hospital
("Royal Fakemoor paeds rang"; not "Royal Marines": fifteenth_pass `not_after_royal`); a nickname
in capitals after a man or woman "she called" ("a man she called Big T").
"""

from __future__ import annotations

import re

from bot.lang.details.tenth_pass import _alt, _grow, _listed
from bot.lang.nlp import as_list

_CAP = r"[A-Z\u00c0-\u00de][a-z\u00df-\u024f'\u2019]+"


def _item(cfg: dict) -> dict:
    return cfg.get("pd_name", {}).get("sixteenth_pass") or {}


def services_and_charities(text: str, cfg: dict, spans: list, take) -> None:
    item = _item(cfg)
    names = _alt(as_list(item.get("services")))
    if not names:
        return
    kinds = _alt(as_list(item.get("service_kinds")))
    tail = rf"(?:[ \t]+(?i:{kinds}))?" if kinds else ""
    for m in re.finditer(rf"(?<![\w'\u2019-])(?i:{names}){tail}(?![\w'\u2019-])", text):
        a, b = m.start(), m.end()
        for sp in list(spans):
            s, e, lab = sp
            if e <= a or s >= b:
                continue
            spans.remove(sp)
            if s < a and text[s:a].strip():  # the town before it ("Hanbridge Dental Access Centre")
                spans.append((s, s + len(text[s:a].rstrip()), lab))


def chain_shops(text: str, cfg: dict, spans: list, take) -> None:
    item = _item(cfg)
    shops = _alt(as_list(item.get("chain_shops")))
    if not shops:
        return
    rx = rf"(?<![\w'\u2019-])(?i:the|a|an)[ \t]+((?:{shops})(?:['\u2019]s)?)(?![\w'\u2019-])"
    for m in re.finditer(rx, text):
        for sp in list(spans):
            if sp[0] == m.start(1) and sp[1] <= m.end(1):
                spans.remove(sp)


def royal_names(text: str, cfg: dict, spans: list, take) -> None:
    not_after = _listed(cfg.get("pd_name", {}).get("fifteenth_pass") or {}, "not_after_royal")
    for m in re.finditer(rf"(?<![\w'\u2019-])Royal[ \t]+({_CAP})", text):
        found = [sp for sp in spans if sp[0] == m.start(1)]
        if found and m.group(1).lower() not in not_after:
            _grow(spans, m.start(), max(sp[1] for sp in found), found[0][2])


def nicknames_given(text: str, cfg: dict, spans: list, take) -> None:
    item = _item(cfg)
    name = cfg.get("pd_name", {}).get("label")
    people, subjects = _alt(as_list(item.get("nicknamed_people"))), _alt(as_list(item.get("nickname_subjects")))
    verbs = _alt(as_list(item.get("nickname_verbs")))
    if not (name and people and subjects and verbs):
        return
    word = r"(?:[A-Z][a-z'\u2019]*|[A-Z])"
    rx = (
        rf"(?<![\w'\u2019-])(?i:{people})[ \t]+(?:(?i:that|who|whom)[ \t]+)?(?i:{subjects})[ \t]+(?i:{verbs})"
        rf"[ \t]+({word}(?:[ \t]+{word}){{0,2}})(?![\w'\u2019-])"
    )
    for m in re.finditer(rx, text):
        take(m.start(1), m.end(1), name)


def names(text: str, cfg: dict, spans: list, take) -> None:
    nicknames_given(text, cfg, spans, take)


def places(text: str, cfg: dict, spans: list, take) -> None:
    royal_names(text, cfg, spans, take)
    services_and_charities(text, cfg, spans, take)
    chain_shops(text, cfg, spans, take)
