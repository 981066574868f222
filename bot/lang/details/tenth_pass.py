"""The tenth pass of issue 20 (bot/lang/scrub.py), driven by personal_details_dev12.yml and
personal_details_dev13.yml: general trades rather than more names, since each new set showed
3-7% of its details missed at first sight. Word lists and thresholds in
knowledge/language/personal_details.yml (pd_name, pd_place `tenth_pass`):

- a town after a place preposition ("works in Derby all week", "moved from Luton", "a relative
  in Birmingham"): a capitalised word inside a sentence, after "in", "from", "near", "moved to",
  that no English dictionary lists and that is no practice word, and rarer than `town_zipf`;
  a council's name there too ("Oldham", "Reading"), unless it stands as the council ("in Derby
  children's services", "we in Oldham", "I work in Luton"); the council names of
  knowledge/profiles/ are always kept;
- names whose head word comes first, as in Welsh and Gaelic ("Ysgol Gymraeg Glan Morfa",
  "Heol y Felin", "Stryd y Castell");
- the particles inside a name ("Cerys ap Huw", "maricel dela cruz", "Nic a' Phi");
- a capitalised word after a word that only ever introduces a person ("baby Mercy", "a baby named
  Story") or before an age in brackets ("Can (4)", "Romany (5)"), whatever its frequency in
  English, when it is no practice word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang.details.lexicon import _english_words, _in_dictionary, _is_capital, _lexicon, _tokens, _words, _zipf
from bot.lang.nlp import as_list, load_yaml, on_reset


def _item(cfg: dict) -> dict:
    return cfg.get("pd_name", {}).get("tenth_pass") or {}


def _dictionary_word(w: str) -> bool:
    return w in _english_words() or _in_dictionary(w)


@lru_cache(maxsize=1)
def _councils() -> tuple[frozenset, frozenset]:
    """The words of the council names (name_words.yml `council_names`), and those of the councils
    of knowledge/profiles/ (always kept)."""
    from bot.lang.nlp import language_dir

    words: set = set()
    for name in as_list(load_yaml("name_words.yml").get("council_names")):
        words.update(re.findall(r"[a-z\u00c0-\u024f]{4,}", str(name).lower()))
    profiles: set = set()
    import yaml

    for path in sorted((language_dir().parent / "profiles").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in ("id", "name"):
            profiles.update(re.findall(r"[a-z\u00c0-\u024f]{4,}", str(data.get(key) or "").lower()))
    return frozenset(words), frozenset(profiles)


on_reset(lambda: _councils.cache_clear())


def _stop(w: str, lex) -> bool:
    return (
        w in lex.vocab
        or w in _words("pd_name", "not_names")
        or w in _words("pd_name", "month_words")
        or w in _words("pd_name", "weekday_words")
        or w in lex.not_place
    )


def towns_after_place_prepositions(text: str, cfg: dict, spans: list, take) -> None:
    item = _item(cfg)
    place = cfg.get("pd_place", {}).get("label")
    if not place or "town_zipf" not in item:
        return
    before = _listed(item, "place_prepositions")
    toks = _tokens(text)
    for k, tok in enumerate(toks):
        if k == 0 or tok.initial or tok.code or not _is_capital(tok.text) or len(tok.base) < 3:
            continue
        prev = toks[k - 1]
        two = f"{toks[k - 2].base} {prev.base}" if k >= 2 else ""
        if not (prev.base in before or two in before) or not re.fullmatch(r"[ \t]+", text[prev.end : tok.start]):
            continue
        # the run of capitalised words that is the town ("Little Wrotham", "Hallam Green")
        end = k
        while (
            end + 1 < len(toks)
            and end - k < 2
            and _is_capital(toks[end + 1].text)
            and re.fullmatch(r"[ \t]+", text[toks[end].end : toks[end + 1].start])
        ):
            end += 1
        _town(toks, k, end, item, place, take)


def _town(toks, k: int, end: int, item: dict, place: str, take) -> None:
    """toks[k..end] taken as a town when it is one: a council's name not standing as the council,
    or a run with a town word in it (_town_word), and no practice word."""
    lex = _lexicon()
    councils, profiles = _councils()
    words = [t.base for t in toks[k : end + 1]]
    if any(w in profiles or w in _listed(item, "not_towns") or (_stop(w, lex) and w not in councils) for w in words):
        return
    nxt = toks[end + 1].base if end + 1 < len(toks) else ""
    if any(w in councils for w in words):
        lead = {t.base for t in toks[max(0, k - 5) : k]}
        if nxt in _listed(item, "council_after") or lead & _listed(item, "first_person"):
            return
    elif not any(_town_word(w, item) for w in words):
        return
    take(toks[k].start, toks[end].end, place)


def _listed(item: dict, key: str) -> frozenset:
    return frozenset(str(w).lower() for w in as_list(item.get(key)))


def _town_word(w: str, item: dict) -> bool:
    """A word no dictionary lists, or that English writes capitalised far more often than not
    (`town_lean`), no practice word, rarer than `town_zipf`."""
    lex = _lexicon()
    if w in lex.keep or w in lex.lower_known or _zipf(w) >= float(item["town_zipf"]):
        return False
    return not _dictionary_word(w) or (lex.capital_lean or {}).get(w, 0.0) >= float(item.get("town_lean", 99))


def towns_after_addresses(text: str, cfg: dict, spans: list, take) -> None:
    """'4B Maple Heights, Dagenham', 'on Linden Avenue, Hounslow': a town right after an address."""
    item = _item(cfg)
    place, address = cfg.get("pd_place", {}).get("label"), cfg.get("pd_address", {}).get("label")
    if not place or "town_zipf" not in item:
        return
    toks = _tokens(text)
    ends = {b for _, b, lab in spans if lab == address}
    for k, tok in enumerate(toks):
        if k and toks[k - 1].end in ends and re.fullmatch(r",[ \t]*", text[toks[k - 1].end : tok.start]):
            if _is_capital(tok.text) and not tok.initial:
                _town(toks, k, k, item, place, take)


def _grow(spans: list, a: int, b: int, label: str) -> None:
    """Take a..b, swallowing the details found inside it; not when it crosses another."""
    inside = [sp for sp in spans if a <= sp[0] and sp[1] <= b]
    if any(sp[0] < b and a < sp[1] and sp not in inside for sp in spans):
        return
    for sp in inside:
        spans.remove(sp)
    spans.append((a, b, label))


def heads_before_names(text: str, cfg: dict, spans: list, take) -> None:
    item = _item(cfg)
    for key, kid in (("school_heads_first", "pd_place"), ("street_heads_first", "pd_address")):
        heads = [str(w) for w in as_list(item.get(key))]
        label = cfg.get(kid, {}).get("label")
        if not heads or not label:
            continue
        linkers = "|".join(re.escape(str(w)) for w in as_list(item.get("name_linkers")))
        word = r"[A-Z\u00c0-\u00de][\w\u00c0-\u024f'\u2019-]*"
        rx = re.compile(
            rf"(?<![\w'\u2019-])(?:{'|'.join(re.escape(h) for h in heads)})"
            rf"(?:[ \t]+(?:(?:{linkers})[ \t]+)?{word}){{1,4}}",
            re.I if item.get("heads_any_case") else 0,
        )
        for m in rx.finditer(text):
            if m.group(0)[:1].isupper():
                _grow(spans, m.start(), m.end(), label)


def particles_in_names(text: str, cfg: dict, spans: list, take) -> None:
    item = _item(cfg)
    label = cfg.get("pd_name", {}).get("label")
    particles = {str(w).lower() for w in as_list(item.get("name_particles"))}
    if not label or not particles:
        return
    alt = "|".join(re.escape(p) for p in sorted(particles, key=len, reverse=True))
    # two names with only particles between them: one name
    ordered = sorted(spans)
    for (a1, b1, l1), (a2, b2, l2) in zip(ordered, ordered[1:], strict=False):
        if l1 == label and l2 in (label, cfg.get("pd_place", {}).get("label")):
            if re.fullmatch(rf"[ \t]+(?:(?:{alt})[ \t]+){{1,2}}", text[b1:a2], re.I):
                _grow(spans, a1, b2, label)
    # a name, a particle and a word no dictionary lists: "dela cruz", "ap Huw"
    lex = _lexicon()
    for a, b, lab in sorted(spans):
        if lab != label:
            continue
        m = re.match(rf"[ \t]+(?:{alt})[ \t]+([A-Za-z\u00c0-\u024f][\w\u00c0-\u024f'\u2019-]*)", text[b : b + 40], re.I)
        if m:
            w = m.group(1).lower()
            if not _dictionary_word(w) and not _stop(w, lex) and w not in lex.keep:
                _grow(spans, a, b + m.end(), label)


def words_in_person_slots(text: str, cfg: dict, spans: list, take) -> None:
    item = _item(cfg)
    label = cfg.get("pd_name", {}).get("label")
    intro = [str(w) for w in as_list(item.get("person_only_before"))]
    if not label or not intro:
        return
    lex = _lexicon()
    ceiling = float(item.get("slot_word_zipf", 6.0))
    stop = _words("pd_name", "titles") | {str(w).lower() for w in as_list(item.get("not_in_slot"))}
    alt = "|".join(re.escape(w) for w in sorted(intro, key=len, reverse=True))
    rel = _words("pd_name", "relation_words") | _words("pd_name", "bare_relation_words")
    found = [
        (m.start(1), False)
        for m in re.finditer(rf"(?<![\w'\u2019-])(?i:{alt})[ \t]+([A-Z][a-z\u00c0-\u024f]+)(?![\w-])", text)
    ]
    # before an age in brackets, inside a sentence: "Mert (8) and Can (4)", "the kids, Romany (5)"
    age = r"(?<=[a-z,][ \t])([A-Z][a-z]+)[ \t]*\([ \t]*\d{1,2}[ \t]*\)"
    found += [(m.start(1), True) for m in re.finditer(age, text)]
    not_before_age = _listed(item, "not_before_age")
    taken: list[str] = []
    for a, bracketed in found:
        m = re.match(r"[A-Za-z\u00c0-\u024f]+", text[a:])
        w = m.group(0).lower()
        if w in rel and re.match(rf"[ \t]+{_CAPITAL}", text[a + len(w) :]) and _named_before(text, a):
            taken.append(text[a : a + len(w)])  # "a child called Nana Ama Owusu-Ansah"
            continue
        if w in rel or (not bracketed and (w in lex.not_place or _zipf(w) >= ceiling)):
            continue
        if w in _words("pd_name", "month_words") or w in _words("pd_name", "weekday_words"):
            continue
        if bracketed:  # "Can (4)", "An (14)": any word but a relation, a title or a unit
            if w not in not_before_age and w not in _words("pd_name", "titles"):
                taken.append(m.group(0))
            continue
        if w in lex.keep or w in stop or w in _words("pd_name", "not_names"):
            continue
        taken.append(m.group(0))
    _capitalised_again(text, taken, label, take)


def _capitalised_again(text: str, words: list, label: str, take) -> None:
    """Each word taken as a name, wherever it stands capitalised in the message ("Mert (8) and
    Can (4) ... but Can has a squint"); first in a sentence, not before a pronoun ("Can you")."""
    pronouns = r"(?:you|i|we|they|he|she|it|someone|anyone|the|a|an|this|that|be|not|do)\b"
    for w in set(words):
        for m in re.finditer(rf"(?<![\w'\u2019-]){re.escape(w)}(?![\w-])", text):
            if not re.match(rf"[ \t]+{pronouns}", text[m.end() : m.end() + 12], re.I):
                take(m.start(), m.end(), label)


_CAPITAL = r"[A-Z\u00c0-\u00de][a-z\u00c0-\u024f]"


def _named_before(text: str, a: int) -> bool:
    return bool(re.search(r"(?i)\b(?:called|named|name is|name's)[ \t]+$", text[max(0, a - 12) : a]))


def institutions_named_after_a_comma(text: str, cfg: dict, spans: list, take) -> None:
    """ "Sterling's nursery, Happy Days on Gillow Street": a run of capitalised words inside a
    sentence right after an institution word and a comma, before a place preposition or the
    end of a phrase, is the institution's name, when none of them is a practice word."""
    item = _item(cfg)
    place = cfg.get("pd_place", {}).get("label")
    heads = _listed(item, "institutions_before_a_name")
    if not place or not heads:
        return
    lex = _lexicon()
    alt = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    rx = re.compile(
        rf"(?<![\w-])(?i:{alt}),[ \t]+((?:{_CAPITAL}+[ \t]+){{0,2}}{_CAPITAL}+)"
        rf"(?=[ \t]*(?:[,.;:)\n]|$|[ \t](?:on|in|at|near|off|by)[ \t]))"
    )
    stop = _words("pd_name", "titles") | _words("pd_name", "relation_words") | _listed(item, "not_in_slot")
    for m in rx.finditer(text):
        words = m.group(1).lower().split()
        feelings = _words("pd_name", "not_names")  # "Happy Days", not a practice term
        if any(
            (w in lex.keep and w not in feelings) or w in stop or w in _words("pd_name", "weekday_words") for w in words
        ):
            continue
        if any(w in _words("pd_name", "month_words") for w in words):
            continue
        take(m.start(1), m.end(1), place)


def names(text: str, cfg: dict, spans: list, take) -> None:
    """The name rules of the pass, in the order they need (bot/lang/scrub.py)."""
    words_in_person_slots(text, cfg, spans, take)
    lower_case_names_in_person_slots(text, cfg, spans, take)
    particles_in_names(text, cfg, spans, take)
    short_names_found_again(text, cfg, spans, take)
    named_after_person_nouns(text, cfg, spans, take)
    name_suffixes(text, cfg, spans, take)


def places(text: str, cfg: dict, spans: list, take) -> None:
    """The place rules of the pass (bot/lang/scrub.py)."""
    heads_before_names(text, cfg, spans, take)
    institutions_named_after_a_comma(text, cfg, spans, take)
    towns_after_place_prepositions(text, cfg, spans, take)
    towns_after_addresses(text, cfg, spans, take)
    venues_before_addresses(text, cfg, spans, take)


def lower_case_names_in_person_slots(text: str, cfg: dict, spans: list, take) -> None:
    """'the eldest, precious', 'baby reign (reign ...)', "it's mason, mum's partner": a word of the
    first-name lists typed in lower case after a word that only introduces a person (at the end
    of a phrase, or before an age or a bracket), or right before a comma and a relation word, is
    a name, and so is each other occurrence of it in the message."""
    item = _item(cfg)
    label = cfg.get("pd_name", {}).get("label")
    intro = [str(w) for w in as_list(item.get("person_only_before"))]
    if not label or not intro:
        return
    lex = _lexicon()
    rel = sorted(_words("pd_name", "relation_words") | _words("pd_name", "bare_relation_words"))
    alt = "|".join(re.escape(w) for w in sorted(intro, key=len, reverse=True))
    word = r"([a-z][a-z'\u2019-]+)"
    found = [
        m.start(1)
        for m in re.finditer(rf"(?<![\w'\u2019-])(?i:{alt})[ \t]+{word}(?=[ \t]*(?:[.,;:!?(\n]|$|\d|aged?\b))", text)
    ]
    rx = rf"(?<![\w'\u2019-]){word},[ \t]+(?:(?:his|her|their|the|mum's|mums|dad's|dads)[ \t]+)?(?:{_alt(rel)})\b"
    found += [m.start(1) for m in re.finditer(rx, text)]
    stop = _words("pd_name", "titles") | _listed(item, "not_in_slot") | _words("pd_name", "not_names")
    rel = set(rel)
    names = set()
    for a in found:
        w = re.match(r"[a-z'\u2019-]+", text[a:]).group(0)
        if (w in lex.first or w in lex.wide_first) and w not in lex.keep and w not in lex.vocab and w not in stop | rel:
            if w not in _words("pd_name", "month_words") and w not in _words("pd_name", "weekday_words"):
                take(a, a + len(w), label)
                names.add(w)
    for w in names:
        for m in re.finditer(rf"(?<![\w'\u2019-]){re.escape(w)}(?![\w-])", text, re.I):
            take(m.start(), m.end(), label)


def short_names_found_again(text: str, cfg: dict, spans: list, take) -> None:
    """ "Jerome 'JJ' Baptiste ... jj said": a name of two or three capitals found, typed again in
    lower case."""
    label = cfg.get("pd_name", {}).get("label")
    lex = _lexicon()
    for a, b, lab in list(spans):
        w = text[a:b]
        if lab == label and re.fullmatch(r"[A-Z]{2,3}", w) and w.lower() not in lex.keep and w.lower() not in lex.vocab:
            for m in re.finditer(rf"(?<![\w'\u2019-]){w.lower()}(?![\w-])", text):
                take(m.start(), m.end(), label)


def _alt(words) -> str:
    return "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True))


def name_suffixes(text: str, cfg: dict, spans: list, take) -> None:
    """ "Rocky senior", "Rocky jnr": a generation after a found name is part of it; so is "Big"
    or "Little" capitalised right before one ("Big Rocky"); and a direction after an address
    ("6 Park Lane West")."""
    item = _item(cfg)
    name, address = cfg.get("pd_name", {}).get("label"), cfg.get("pd_address", {}).get("label")
    after = _alt(_listed(item, "after_a_name"))
    before = _alt([str(w) for w in as_list(item.get("before_a_name"))])  # capitalised only
    directions = _alt([str(w) for w in as_list(item.get("after_an_address"))])
    for a, b, lab in sorted(spans):
        if lab == name and after:
            m = re.match(rf"[ \t]+(?i:{after})\.?(?![\w-])", text[b : b + 12])
            if m:
                _grow(spans, a, b + m.end(), lab)
        if lab == name and before and text[a : a + 1].isupper():
            m = re.search(rf"(?<![\w'\u2019-])(?:{before})[ \t]+$", text[max(0, a - 10) : a])
            if m:
                _grow(spans, max(0, a - 10) + m.start(), b, lab)
        if lab == address and directions and text[b - 1 : b].isalpha():
            m = re.match(rf"[ \t]+(?:{directions})(?![\w-])", text[b : b + 8])
            if m:
                _grow(spans, a, b + m.end(), lab)


def named_after_person_nouns(text: str, cfg: dict, spans: list, take) -> None:
    """'the baby is river,', 'older one Justice.', 'Siblings: Dior 6, Tesla 3': a first-name-list word,
    even an everyday one, after a person noun (and "is"), at the end of a phrase; each word before
    an age in a list after a heading for children."""
    item = _item(cfg)
    label = cfg.get("pd_name", {}).get("label")
    nouns = _alt(_words("pd_name", "unlisted_person_nouns") | _listed(item, "person_nouns"))
    if not label or not nouns:
        return
    lex = _lexicon()
    stop = _words("pd_name", "not_names") | _listed(item, "not_in_slot") | _words("pd_name", "titles")
    rx = rf"(?<![\w'\u2019-])(?i:{nouns})[ \t]+(?:(?:is|was|=|:)[ \t]+)?([A-Za-z][a-z]+)(?=[ \t]*(?:[.,;!?\n]|$))"
    for m in re.finditer(rx, text):
        w = m.group(1).lower()
        if (w in lex.first or w in lex.wide_first) and w not in lex.keep and w not in stop and not _done(w):
            take(m.start(1), m.end(1), label)
    heading = _alt(_listed(item, "children_headings"))
    for m in re.finditer(
        rf"(?i:{heading})[ \t]*:[ \t]*((?:[A-Z][a-z]+[ \t]+\d{{1,2}}(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+)?)+)", text
    ):
        for w in re.finditer(r"([A-Z][a-z]+)[ \t]+\d", m.group(1)):
            if w.group(1).lower() not in lex.keep and w.group(1).lower() not in stop:
                take(m.start(1) + w.start(1), m.start(1) + w.end(1), label)


def venues_before_addresses(text: str, cfg: dict, spans: list, take) -> None:
    """'the youth worker at the Hive on Albert Road': a capitalised word after "the", right before
    "on" or "in" and an address found, is the venue's name."""
    place, address = cfg.get("pd_place", {}).get("label"), cfg.get("pd_address", {}).get("label")
    if not place or not address:
        return
    lex = _lexicon()
    starts = {a for a, _, lab in spans if lab == address}
    for m in re.finditer(
        r"(?<![\w'\u2019-])the[ \t]+((?:[A-Z][a-z]+[ \t]+){0,2}[A-Z][a-z]+)[ \t]+(?:on|in|off)[ \t]+", text
    ):
        words = m.group(1).lower().split()
        if m.end() in starts and not any(w in lex.keep for w in words):
            take(m.start(1), m.end(1), place)


def _done(w: str) -> bool:
    """A verb's past form ("the baby is fed", "is changed"): what was done, not a name."""
    from bot.lang.details.unlisted_names import _lemma

    return w.endswith("ed") and _lemma(w) != w
