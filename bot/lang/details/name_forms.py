"""Names by their form or by a found name (bot/lang/scrub.py), the fifth pass of issue 20;
word lists in knowledge/language/personal_details.yml, pd_name:

- a nickname word that is part of the nickname ("big dazza", "lil kez") goes with the name
  after it, and after it a rare word is a name before what a person does or a bracket
  (`nickname_part_words`, `nickname_only_words`);
- a hyphenated word made of name-list words and rare words ("mei-lin", "tayla-may",
  "o'donnell-price");
- the person of a cleft sentence ("it was kez who");
- a rare word before a comma and a child's role ("its titch, the youngest");
- the second of two words after "called" ("called pixie and bear,");
- the initials of a name of two parts found in the same text ("Harley-Rose ... HR");
- a rare word right after a found name ("bellamy fakington");
- and back: a month after a word of time is a month, not a name ("CIN since jan").
"""

from __future__ import annotations

import re

from bot.lang.details.lexicon import _alt, _lean, _Lexicon, _lexicon, _typo_of_common, _words, _zipf
from bot.lang.details.person_slots import _not_a_person, _subject_then, widen
from bot.lang.details.proper_names import _person_after


def _rare_name_like(w: str, lex: _Lexicon, item: dict) -> bool:
    """A lower-case word rare enough in English to be a name where a person stands: below
    `after_relation_zipf`, no word of the knowledge base, no typo of a common word."""
    if len(w) < 3 or w in lex.keep or w in lex.vocab or "'" in w:
        return False
    if _zipf(w) >= float(item.get("after_relation_zipf", 3.0)):
        return False
    return len(w) < 5 or not _typo_of_common(w, float(item.get("typo_of_zipf", 4.5)))


def nickname_parts(text: str, cfg: dict, spans: list, take) -> None:
    """'lil kez keeps turning up', 'big dazza (mums fella)': the nickname word with the name."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    part = _words("pd_name", "nickname_part_words")
    if not label or not part:
        return
    lex = _lexicon()
    only = _words("pd_name", "nickname_only_words")
    then, after = _subject_then(), _person_after()
    for m in re.finditer(rf"(?<![\w'])({_alt(sorted(part))})[ \t]+([a-z][a-z'-]+)", text, re.I):
        w = m.group(2).lower()
        if _not_a_person(w, lex):
            continue
        found = any(a == m.start(2) and lab == label for a, _b, lab in spans)
        cue = then.match(text, m.end()) or after.match(text, m.end()) or re.match(r"[ \t]*\(", text[m.end() :])
        if found or (_rare_name_like(w, lex, item) and (cue or m.group(1).lower() in only)):
            take(m.start(2), m.end(2), label)
            widen(spans, m.start(1), m.end(2), label)


def _name_part(p: str, lex: _Lexicon) -> bool:
    p = re.sub(r"^(?:o'|mc|mac)(?=[a-z]{3})", "", p)
    return p in lex.first or p in lex.wide_first or p in lex.surnames or (_zipf(p) < 3.5 and p not in lex.vocab)


def _strong_part(p: str, lex: _Lexicon) -> bool:
    p = re.sub(r"^(?:o'|mc|mac)(?=[a-z]{3})", "", p)
    if (p in lex.first or p in lex.wide_first) and p not in lex.ordinary and _zipf(p) < 4.5:
        return True
    return p in lex.surnames and _lean(p, lex) >= 1.0 and _zipf(p) < 4.5


def hyphenated_names(text: str, cfg: dict, spans: list, take) -> None:
    """A hyphenated word each part of which is on a name list or rare in English, and one part
    a first name or a surname written capitalised far more than not ("mei-lin", "tayla-may",
    "o'donnell-price"); no part a practice term and the whole no word of the knowledge base."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    lex = _lexicon()
    for m in re.finditer(r"(?<![\w'-])([A-Za-z][a-z']*(?:-[A-Za-z][a-z']*)+)(?![\w-])", text):
        parts = m.group(1).lower().split("-")
        named = lex.first | lex.wide_first
        if m.group(1).lower() in lex.vocab or any(len(p) < 2 or (p in lex.keep and p not in named) for p in parts):
            continue  # "step-dad", "mum-to-be", "self-harm"
        if all(_name_part(p, lex) for p in parts) and any(_strong_part(p, lex) for p in parts):
            end = m.end(1)
            # a rare word typed after it is its surname ("tayla-may fakestead")
            nxt = re.match(r"[ \t]+([a-z][a-z'-]+)\b", text[end:])
            if nxt and (_rare_name_like(nxt.group(1), lex, item) or nxt.group(1) in lex.surnames):
                if not _not_a_person(nxt.group(1), lex):
                    end += nxt.end(1)
            widen(spans, m.start(1), end, label)
            take(m.start(1), end, label)


def cleft_persons(text: str, cfg: dict, spans: list, take) -> None:
    """'it was kez who left them': the person of a cleft sentence, a name-list word or a rare one."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    lex = _lexicon()
    for m in re.finditer(
        r"(?<![\w'])(?:it|its|it's|it\u2019s)[ \t]+(?:was[ \t]+)?([A-Za-z][a-z'-]+)[ \t]+who\b", text, re.I
    ):
        w = m.group(1).lower()
        if _not_a_person(w, lex):
            continue
        if w in lex.first or w in lex.wide_first or _rare_name_like(w, lex, item) or m.group(1)[0].isupper():
            take(m.start(1), m.end(1), label)


def second_called(text: str, cfg: dict, spans: list, take) -> None:
    """'called pixie and bear, pixie is 3': the word after "and" is a name too, when a name was
    found right after "called" and the phrase ends after it."""
    label = cfg.get("pd_name", {}).get("label")
    lex = _lexicon()
    starts = {a for a, _b, lab in spans if lab == label}
    names = {text[a:b].lower() for a, b, lab in spans if lab == label}
    word = r"([A-Za-z][\w'-]*)"
    rx = rf"(?<![\w'])(?:called|named)[ \t]+{word}[ \t]+(?:and|&)[ \t]+{word}(?=[ \t]*(?:[,.;:!?)]|$))"
    for m in re.finditer(rx, text, re.I):
        w = m.group(2).lower()
        if m.start(1) not in starts and m.group(1).lower() not in names:  # "called [X] and Y ... X is 3"
            continue
        if not _not_a_person(w, lex) and w not in _words("pd_name", "not_person_words"):
            take(m.start(1), m.end(1), label)
            take(m.start(2), m.end(2), label)


def initials_of_names(text: str, cfg: dict, spans: list, take) -> None:
    """'Harley-Rose Price ... HR is tiny': the capital initials of a found name of two or more
    parts, standing alone elsewhere in the text, no practice acronym."""
    label = cfg.get("pd_name", {}).get("label")
    lex = _lexicon()
    wanted = set()
    for a, b, lab in spans:
        if lab != label:
            continue
        parts = re.findall(r"[A-Z][a-z\u00e0-\u024f']+", text[a:b])
        for n in (2, 3):
            if len(parts) >= n:
                wanted.add("".join(p[0] for p in parts[:n]))
    for ini in wanted:
        if ini.lower() in lex.keep:
            continue
        for m in re.finditer(rf"(?<![\w.]){ini}(?![\w.])", text):
            take(m.start(), m.end(), label)


def months_are_not_names(text: str, cfg: dict, spans: list) -> None:
    """A found name that is a month's name or short form right after a word of time ("since
    jan", "end of feb") is a month: given back."""
    label = cfg.get("pd_name", {}).get("label")
    months, before = _words("pd_name", "month_words"), _words("pd_name", "month_after")
    if not months or not before:
        return
    lead = re.compile(rf"(?<![\w'])(?:{_alt(sorted(before))})[ \t]+$", re.I)
    for sp in list(spans):
        a, b, lab = sp
        if lab == label and text[a:b].lower().rstrip(".") in months and lead.search(text[max(0, a - 20) : a]):
            spans.remove(sp)


def before_a_role(text: str, cfg: dict, spans: list, take) -> None:
    """'its titch, the youngest, ...': a rare word or a name-list word right before a comma and
    a child's role (pd_name `comma_after_name`), in any position."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    roles = _words("pd_name", "comma_after_name")
    if not roles:
        return
    lex = _lexicon()
    rx = rf"(?<![\w'-])([A-Za-z][a-z'-]+)[ \t]*,[ \t]*(?:{_alt(sorted(roles))})\b"
    for m in re.finditer(rx, text, re.I):
        w = m.group(1).lower()
        if _not_a_person(w, lex) or w in _words("pd_name", "not_person_words"):
            continue
        if _rare_name_like(w, lex, item) or ((w in lex.first or w in lex.wide_first) and w not in lex.ordinary):
            take(m.start(1), m.end(1), label)


def rare_words_after_names(text: str, cfg: dict, spans: list, take) -> None:
    """A word typed in lower case right after a found name, that English hardly knows and that
    is no typo of a common word, is its surname ("bellamy fakington yr 6"); so is a word of the
    surname lists that is no everyday word and rarer than `surname_list_after_name_zipf`."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    lex = _lexicon()
    rare = float(item.get("rare_surname_zipf", 2.0))
    for _a, b, lab in list(spans):
        if lab != label:
            continue
        m = re.match(r"[ \t]+([a-z][a-z'-]{2,})(?![\w'-])", text[b:])
        if not m:
            continue
        w = m.group(1)
        if _not_a_person(w, lex) or w in lex.vocab:
            continue
        if _zipf(w) >= rare:
            # a word of the surname lists, no everyday word, rarer than `surname_list_after_name_zipf`
            # ("a guy called liam hurst")
            listed = item.get("surname_list_after_name_zipf")
            if listed is not None and w in lex.surnames and w not in lex.ordinary and _zipf(w) < float(listed):
                take(b + m.start(1), b + m.end(1), label)
            continue
        if not _typo_of_common(w, float(item.get("typo_of_zipf", 4.5))):
            take(b + m.start(1), b + m.end(1), label)
