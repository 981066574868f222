"""Span forms of session 23 (S23-PL11, issue 20): the over-scrubbing and misses personal_details_dev39
and dev40 showed, by class, each judged leave-one-set-out (scripts/pd_span_loso.py --by-form;
span_forms.DERIVED_FROM). They read what every pass found and run last (span_forms.late_forms); word
lists and shapes in knowledge/language/personal_details.yml (pd_name span_forms.session23).

Found (misses):
- shared_surnames: a first name or an initial right before the surname of a name found in the same
  message, in any case ("Fakea Fakeley and dad Fakeb Fakeley", "Patient: Fakea FAKELEY", "Signed: F
  Fakeley");
- nicknames_by_calling: capitalised words after who calls someone so ("an uncle they call Big Fake",
  "who the lads call the Fakebear"), before "that's what everyone calls him", and in quotes after
  "is" or "known as" ("dad is 'Big F'");
- kept_first_names_again: a word kept as a word (a language: "Shona") found as a first name before a
  surname is a name again where a name stands ("Shona came with the baby");
- vietnamese_in_lower_case: lower-case words with Vietnamese letters and the syllables beside them
  ("kid is bùi quốc anh, lives ...");
- judicial_titles: a judge's or an officer's title before a found name ("HHJ Fakeley");
- officer_numbers: a badge or collar number ("badge 8812");
- other_days_after_dates_of_birth: a second reading of the day after a found date of birth ("could be
  the 17th").
Kept (over-scrubbing):
- breeds: a breed of dog or cat, with "cross" after it ("two Rottweilers", "a Cockapoo");
- titles_of_shows_and_games: children's programmes, soaps, games ("glued to Cocomelon");
- football_clubs: a professional club in a football frame ("supports Everton", "an Aston Villa shirt");
- named_things: everyday things named after a person ("no Mason jar of savings", "King Edward potatoes");
- organisations_at_work: an organisation before a word for its service ("Brook clinic");
- service_kinds_after_places: a court's or a service's kind after a town ("[place] Youth Court",
  "[place] leisure centre");
- role_phrase_heads: the capitalised first word of a role phrase ("Youth offending worker.");
- relations_before_names: a relation's word at a found name's start ("her stepson [name]");
- family_words_alone: "case", "family" ... found alone as a name ("the [name] case").
"""

from __future__ import annotations

import re

from bot.lang.details.lexicon import _lexicon, _zipf
from bot.lang.details.span_forms22 import _alone, _give_back, _trim
from bot.lang.details.span_forms22_found import _EDGE_L, _EDGE_R, _POSS
from bot.lang.details.tenth_pass import _alt, _grow
from bot.lang.nlp import as_list

_VIET = "\u0111\u01a1\u01b0\u1ea0-\u1ef9"  # đ, ơ, ư and the letters of Latin Extended Additional Vietnamese uses
_Q = "['\u2018\u201c\"]"
_QE = "['\u2019\u201d\"]"
_CAPWORD = r"[A-Z][\w-]*"


def _item(cfg: dict) -> dict:
    return (cfg.get("pd_name", {}).get("span_forms") or {}).get("session23") or {}


def _labels(cfg: dict) -> tuple:
    return cfg.get("pd_name", {}).get("label"), cfg.get("pd_place", {}).get("label")


def _words(cfg: dict, key: str) -> frozenset:
    return frozenset(str(w).lower() for w in as_list(_item(cfg).get(key)))


def _list(cfg: dict, key: str) -> str:
    return _alt(as_list(_item(cfg).get(key)))


# -- found --------------------------------------------------------------------------------------


def shared_surnames(text: str, cfg: dict, spans: list, take) -> None:
    """'mum is Fakea Fakeley and dad is Fakeb Fakeley', 'Patient: Fakea FAKELEY ... mother Fakeb
    Fakeley', 'Signed: F Fakeley': the last word of a name of two words or more found in the message
    is a surname; a first name of the lists or an initial right before it, in any case, is that
    person's name."""
    name = _labels(cfg)[0]
    lex = _lexicon()
    relations = {str(w).lower() for w in as_list(cfg.get("pd_name", {}).get("relation_words"))}
    titles = {str(t).lower() for t in as_list(cfg.get("pd_name", {}).get("titles"))}
    surnames = set()
    for a, b, lab in spans:
        words = re.findall(r"[A-Za-z][\w'\u2019-]*", text[a:b])
        if lab == name and len(words) >= 2 and re.match(r"[A-Z]", words[-1]) and len(words[-1]) >= 3:
            surnames.add(re.sub(r"['\u2019]s$", "", words[-1]).lower())
    for surname in surnames:
        for m in re.finditer(rf"(?<![\w'\u2019-])(?i:{re.escape(surname)})(?![\w-])", text):
            if not (m.group()[0].isupper() and (m.group()[1:].islower() or m.group().isupper())):
                continue
            head = text[max(0, m.start() - 30) : m.start()]
            before = re.search(r"(?<![\w'\u2019-])([A-Z][\w'\u2019-]*|[A-Z]\.?)[ \t]+$", head)
            if not before:
                continue
            word = before.group(1).rstrip(".")
            first = len(word) == 1 or (
                (word.lower() in lex.first or word.lower() in lex.wide_first) and word.lower() not in relations
            )
            if not first and m.start() - len(before.group()) > 0:
                # a capitalised word inside a sentence that is no practice word nor title ("and Fakey Fakeley (born")
                lead = text[: m.start() - len(before.group())].rstrip(" \t")
                first = len(word) > 2 and not re.search(r"[.!?:\n]$", lead) and word.lower() not in lex.vocab
                first = first and word.lower() not in relations and word.lower() not in titles
            if first and (word.lower() not in lex.keep or word.lower() in lex.first):
                start = m.start() - (len(head) - before.start(1))
                if not any(sp[0] <= start and m.end() <= sp[1] for sp in spans):
                    _join(spans, start, m.end(), name)


def _join(spans: list, a: int, b: int, label: str) -> None:
    """Take a..b with every found span it touches (a span crossing its edge too)."""
    touching = [sp for sp in spans if sp[0] < b and a < sp[1]]
    for sp in touching:
        spans.remove(sp)
    spans.append((min([a, *[sp[0] for sp in touching]]), max([b, *[sp[1] for sp in touching]]), label))


def nicknames_by_calling(text: str, cfg: dict, spans: list, take) -> None:
    """'an uncle they call Big Fake', 'who he calls Uncle Fakee', 'who the lads call the Fakebear', 'the
    Fakebear - that's what everyone calls him', "dad is 'Big F'", "known as 'Big F'": a nickname (one to
    three capitalised words, a single letter too, after "the" or none) where someone is called so is a
    name, and so it is again in the message."""
    name = _labels(cfg)[0]
    callers, calls = _list(cfg, "callers"), _list(cfg, "call_words")
    quoted = _list(cfg, "quoted_after")
    relations = _alt(as_list(cfg.get("pd_name", {}).get("relation_words")))
    never = _words(cfg, "not_nicknames")
    kin = _words(cfg, "kin_words") | {str(w).lower() for w in as_list(cfg.get("pd_name", {}).get("relation_words"))}
    kin |= {
        str(w).lower()
        for w in as_list((cfg["pd_name"].get("span_forms") or {}).get("session22", {}).get("home_kin_words"))
    }
    if not (name and callers and calls and quoted):
        return
    words = rf"(?:the[ \t]+)?{_CAPWORD}(?:[ \t]+{_CAPWORD}){{0,2}}"
    found = []
    rx = rf"(?i:(?<![\w'])(?:{callers})[ \t]+(?:{calls}))[ \t]+(?:(?:him|her|them)[ \t]+)?({words})"
    found += [m.span(1) for m in re.finditer(rx, text)]
    that = r"[ \t]*[-\u2013,][ \t]*(?i:that'?s|that is)[ \t]+what[ \t]+"
    rx = rf"(?<![\w'])({words}){that}(?i:{callers})[ \t]+(?i:{calls})"
    found += [m.span(1) for m in re.finditer(rx, text)]
    rx = rf"(?i:(?<![\w'])(?:{relations}|{quoted}))[ \t]+(?i:{quoted})?[ \t]*{_Q}({words}){_QE}(?![\w])"
    found += [m.span(1) for m in re.finditer(rx, text)]
    rx = rf"(?i:(?<![\w'])(?:{quoted}))[ \t]+{_Q}({words}){_QE}(?![\w])"
    found += [m.span(1) for m in re.finditer(rx, text)]
    for a, b in found:
        nick = re.sub(r"^(?i:the)[ \t]+", "", text[a:b])
        # a word for kin first is no part of the nickname ("'Uncle Fakey'" -> "Uncle [name]", "Ammi ji")
        while re.match(r"[\w'\u2019-]+", nick) and re.match(r"[\w'\u2019-]+", nick).group().lower() in kin:
            nick = re.sub(r"^[\w'\u2019-]+[ \t]*", "", nick)
        parts = [w.lower() for w in re.findall(r"[\w'\u2019-]+", nick)]
        if not parts or all(w in never for w in parts) or parts[0] in never:
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(nick)}(?![\w-])", text):
            _join(spans, m.start(), m.end(), name)


def kept_first_names_again(text: str, cfg: dict, spans: list, take) -> None:
    """'Client name: Ms Shona FAKELEY ... Shona came with the baby': a word kept as a word (a language,
    a country) found as the first name of a name of two words or more is a name again where a name
    stands (not "in Shona", "Shona speakers")."""
    name = _labels(cfg)[0]
    lex = _lexicon()
    not_before, not_after = _words(cfg, "kept_name_not_before"), _words(cfg, "kept_name_not_after")
    titles = {str(t).lower() for t in as_list(cfg.get("pd_name", {}).get("titles"))}
    kin = {
        str(w).lower() for key in ("relation_words", "relation_adjectives") for w in as_list(cfg["pd_name"].get(key))
    }
    kept = set()
    for a, b, lab in spans:
        words = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", text[a:b]) if w.lower().rstrip(".") not in titles]
        if lab == name and len(words) >= 2 and words[0][0].isupper() and words[0].lower() in lex.keep - kin:
            if words[0].lower() in lex.first or words[0].lower() in lex.wide_first:
                kept.add(words[0])
    for word in kept:
        for m in re.finditer(rf"(?<![\w'\u2019-]){re.escape(word)}(?![\w-])", text):
            prev = re.search(r"([A-Za-z]+)[ \t]*$", text[: m.start()])
            nxt = re.match(r"[ \t]+([A-Za-z]+)", text[m.end() :])
            if (prev and prev.group(1).lower() in not_after) or (nxt and nxt.group(1).lower() in not_before):
                continue
            take(m.start(), m.end(), name)


def vietnamese_in_lower_case(text: str, cfg: dict, spans: list, take) -> None:
    """'kid is bùi quốc anh, lives with uncle': a lower-case word with a letter only Vietnamese uses is a
    name's syllable, and so are the lower-case words right beside it that no English dictionary knows
    well (a name's syllables: "anh", "van")."""
    name = _labels(cfg)[0]
    word = rf"[a-z\u00e0-\u024f{_VIET}]+"
    for m in re.finditer(rf"(?<![\w'\u2019-])({word}(?:[ \t]+{word}){{0,4}})(?![\w'\u2019-])", text):
        parts = list(re.finditer(word, m.group(1)))
        viet = [i for i, p in enumerate(parts) if re.search(f"[{_VIET}]", p.group())]
        if not viet:
            continue
        lo, hi = viet[0], viet[-1]
        while lo > 0 and _syllable(parts[lo - 1].group()):
            lo -= 1
        while hi < len(parts) - 1 and _syllable(parts[hi + 1].group()):
            hi += 1
        if all(re.search(f"[{_VIET}]", p.group()) or _syllable(p.group()) for p in parts[lo : hi + 1]):
            _join(spans, m.start(1) + parts[lo].start(), m.start(1) + parts[hi].end(), name)


def _syllable(word: str) -> bool:
    return bool(re.search(f"[{_VIET}]", word)) or (len(word) <= 5 and _zipf(word) < 3.0)


def judicial_titles(text: str, cfg: dict, spans: list, take) -> None:
    """'INTERIM CARE ORDER made by HHJ Fakeley', 'DJ Fakes', 'Recorder Fakeson': a judge's or an officer's
    title right before a found name is part of it."""
    name = _labels(cfg)[0]
    titles = _list(cfg, "judicial_titles")
    if not titles:
        return
    for m in re.finditer(rf"(?<![\w'])(?:{titles})\.?[ \t]+(?=[A-Z])", text):
        found = [sp for sp in spans if sp[2] == name and sp[0] == m.end()]
        if found:
            _grow(spans, m.start(), max(sp[1] for sp in found), name)


def officer_numbers(text: str, cfg: dict, spans: list, take) -> None:
    """'Licensing officer, badge 8812 Fakeley', 'collar number 4412': an officer's or a worker's number
    is a record's number (the list of shapes in personal_details.yml)."""
    label = cfg.get("pd_reference", {}).get("label")
    for shape in as_list(_item(cfg).get("officer_numbers")):
        for m in re.finditer(str(shape), text):
            _join(spans, m.start(), m.end(), label)


def other_days_after_dates_of_birth(text: str, cfg: dict, spans: list, take) -> None:
    """'dob 7th Feb 2018 i think, could be the 17th': a day after a found date of birth and "could be",
    "or" ... is the date of birth read again."""
    label = cfg.get("pd_date_of_birth", {}).get("label")
    before = _list(cfg, "other_day_before")
    window = int(_item(cfg).get("other_day_window") or 0)
    if not (label and before and window):
        return
    for sp in [sp for sp in spans if sp[2] == label]:
        day = r"(the[ \t]+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th))(?![\w/.-]*\d)"
        rx = rf"[^.;!?\n]{{0,{window}}}?(?i:(?<![\w])(?:{before}))[ \t]+{day}"
        m = re.match(rx, text[sp[1] :])
        if m:
            take(sp[1] + m.start(1), sp[1] + m.end(1), label)


# -- kept ---------------------------------------------------------------------------------------


def breeds(text: str, cfg: dict, spans: list, take) -> None:
    """'two Rottweilers', 'a Cockapoo and a Rottweiler cross', 'an XL Bully and a German Shepherd': a breed
    of dog or cat names nobody (not before a capitalised word; one with a name's shape, "Jack Russell",
    only after "a", "the", "her" ...)."""
    kinds = _list(cfg, "breeds")
    after = _list(cfg, "breed_after")
    before = _list(cfg, "breed_before")
    lex = _lexicon()
    if not (kinds and after):
        return
    labels = _labels(cfg)
    rx = rf"{_EDGE_L}(?:{kinds})(?:e?s)?{_POSS}(?:[ \t-]+(?:{after}))?{_EDGE_R}"
    for m in re.finditer(rx, text):
        if re.match(r"[ \t]+[A-Z][a-z]", text[m.end() :]):
            continue
        # nor after a capitalised word inside a sentence ("Mei Fake Chow")
        if re.search(r"[^.!?:\s][ \t]+[A-Z][\w'\u2019-]*[ \t]+$", text[: m.start()]):
            continue
        words = re.findall(r"[A-Za-z]+", m.group())
        person = len(words) >= 2 and words[0].lower() in lex.first and words[1].lower() in lex.surnames
        if person and not re.search(rf"(?i:(?<![\w])(?:{before}))[ \t]+$", text[: m.start()]):
            continue
        _give_back(text, spans, m.start(), m.end(), labels)


def titles_of_shows_and_games(text: str, cfg: dict, spans: list, take) -> None:
    """'glued to Cocomelon and Paw Patrol', 'Gogglebox on all evening and EastEnders', 'plays fortnite till
    2am': a children's programme, a soap, a game or an app, in its case or in lower case, names nobody
    (not after a house's number nor before a capitalised word)."""
    titles = [str(t) for t in as_list(_item(cfg).get("titles"))]
    if not titles:
        return
    labels = _labels(cfg)
    for m in re.finditer(rf"(?i:{_EDGE_L}(?:{_alt(titles)}){_EDGE_R})", text):
        # in lower case only a one-word title ("bluey"; "postman pat fakeley" may be a man called Pat)
        if m.group() not in titles and not (m.group().islower() and re.fullmatch(r"[a-z]+", m.group())):
            continue
        if re.search(r"\d[a-z]?[ \t]+$", text[: m.start()]) or re.match(r"[ \t]+[A-Z][a-z]", text[m.end() :]):
            continue
        _give_back(text, spans, m.start(), m.end(), labels)


def football_clubs(text: str, cfg: dict, spans: list, take) -> None:
    """'dad supports Everton', 'watches Millwall every Saturday', 'an old Aston Villa shirt': a
    professional club after "supports", "fan of" ... (after "watches" too when it is no first name) or
    before "shirt", "match", "fans" ... names nobody."""
    clubs = _list(cfg, "clubs")
    strong, weak, after = _list(cfg, "club_before"), _list(cfg, "club_watch_before"), _list(cfg, "club_after")
    lex = _lexicon()
    if not (clubs and strong and after):
        return
    labels = _labels(cfg)
    for m in re.finditer(rf"{_EDGE_L}(?:{clubs}){_POSS}{_EDGE_R}", text):
        head = text[max(0, m.start() - 40) : m.start()]
        first = m.group().split()[-1].lower() in lex.first
        framed = re.search(rf"(?i:(?<![\w])(?:{strong}))[ \t]+$", head) or re.match(
            rf"[ \t]+(?i:{after})(?![\w])", text[m.end() :]
        )
        if not framed and not first and weak:
            framed = re.search(rf"(?i:(?<![\w])(?:{weak}))[ \t]+$", head)
        if framed:
            _give_back(text, spans, m.start(), m.end(), labels)


def named_things(text: str, cfg: dict, spans: list, take) -> None:
    """'no Mason jar of savings', 'the King Edward potatoes', 'a moses basket': an everyday thing named
    after a person or a place, in any case, names nobody (not before a capitalised word)."""
    things = _list(cfg, "named_things")
    if not things:
        return
    labels = _labels(cfg)
    lex = _lexicon()
    for m in re.finditer(rf"(?i:{_EDGE_L}(?:{things}){_EDGE_R})", text):
        if re.match(r"[ \t]+[A-Z][a-z]", text[m.end() :]):
            continue
        # in lower case, a first name and a surname of the lists may be a man typed fast ("earl grey, the dad")
        words = m.group().split()
        if m.group().islower() and len(words) == 2 and words[0] in lex.first and words[1] in lex.surnames:
            continue
        _give_back(text, spans, m.start(), m.end(), labels)


def organisations_at_work(text: str, cfg: dict, spans: list, take) -> None:
    """'Brook clinic for the 15 year old', 'the Relate counsellor': an organisation of the list, in its
    case, right before a word for its service names nobody."""
    orgs, after = _list(cfg, "organisations"), _list(cfg, "organisation_after")
    if not (orgs and after):
        return
    labels = _labels(cfg)
    for m in re.finditer(rf"{_EDGE_L}(?:{orgs})[ \t]+(?i:{after}){_EDGE_R}", text):
        _give_back(text, spans, m.start(), m.end(), labels)


def service_kinds_after_places(text: str, cfg: dict, spans: list, take) -> None:
    """'his panel is at Fakeley Youth Court', 'by Fakeley leisure centre': a court's or a service's kind
    after a found town's name is no part of the name ("[place] Youth Court")."""
    kinds = [str(k) for k in as_list(_item(cfg).get("service_kinds"))]
    if not kinds:
        return
    labels = _labels(cfg)
    for m in re.finditer(rf"[ \t]+({_alt(kinds)}){_EDGE_R}", text):
        for sp in [sp for sp in spans if sp[2] in labels and sp[0] < m.start() < sp[1]]:
            if re.match(r"[A-Z]", text[sp[0] : sp[1]]) and sp[1] <= m.end(1):
                spans.remove(sp)
                x, y = _trim(text, sp[0], m.start())
                if x < y:
                    spans.append((x, y, sp[2]))
        for sp in [sp for sp in spans if sp[2] in labels and m.start(1) <= sp[0] and sp[1] <= m.end(1)]:
            if any(o[1] <= m.start() and re.fullmatch(r"[ \t]*", text[o[1] : m.start()]) for o in spans if o != sp):
                spans.remove(sp)


def role_phrase_heads(text: str, cfg: dict, spans: list, take) -> None:
    """'Youth offending worker. Fakea ...', 'Family support worker here': the capitalised first word of a
    role phrase that opens a message or a sentence, an everyday word, names nobody."""
    heads = _list(cfg, "role_heads")
    zipf = float(_item(cfg).get("role_first_zipf") or 0)
    if not (heads and zipf):
        return
    labels = _labels(cfg)
    for sp in list(spans):
        word = text[sp[0] : sp[1]]
        if sp[2] not in labels or not re.fullmatch(r"[A-Z][a-z]+", word) or _zipf(word.lower()) < zipf:
            continue
        if not re.search(r"(?:^|[.!?:]\s+)$", text[: sp[0]]):
            continue
        if re.match(rf"(?:[ \t]+[a-z]+){{0,2}}[ \t]+(?:{heads})(?=[ \t]*(?:[.,;:!?\n]|$))", text[sp[1] :]):
            spans.remove(sp)


def relations_before_names(text: str, cfg: dict, spans: list, take) -> None:
    """'she also brings her stepson Fakea, 11': a relation's word in lower case at a found name's start is
    no part of the name."""
    words = _words(cfg, "relation_prefixes")
    name = _labels(cfg)[0]
    _alone(text, spans, (name,), words, any_case=False)
    for sp in list(spans):
        m = re.match(r"([a-z][a-z-]*)[ \t]+(?=[A-Z])", text[sp[0] : sp[1]])
        if sp[2] == name and m and m.group(1) in words:
            spans.remove(sp)
            spans.append((sp[0] + m.end(), sp[1], sp[2]))


def family_words_alone(text: str, cfg: dict, spans: list, take) -> None:
    """'what struck me in the Fakeley case': a word for a case or a family ("case", "family",
    "household") in lower case found alone as a name names nobody."""
    words = frozenset(str(w).lower() for w in as_list(cfg.get("pd_name", {}).get("family_words")))
    _alone(text, spans, _labels(cfg), words, any_case=False)


FORMS = (  # the found first, then the kept: a kept word is given back whatever found it
    officer_numbers,
    vietnamese_in_lower_case,
    judicial_titles,
    shared_surnames,
    nicknames_by_calling,
    kept_first_names_again,
    other_days_after_dates_of_birth,
    breeds,
    titles_of_shows_and_games,
    football_clubs,
    named_things,
    organisations_at_work,
    service_kinds_after_places,
    role_phrase_heads,
    relations_before_names,
    family_words_alone,
)
LATE = FORMS  # all read what every pass found
_BOTH = ("personal_details_dev39.yml", "personal_details_dev40.yml")
DERIVED_FROM = {f.__name__: _BOTH for f in FORMS}
