"""Names no list holds, read from where they stand (bot/lang/scrub.py): the ninth pass of issue
20, driven by personal_details_dev10.yml (short nicknames and initials, given names from
traditions Faker hardly lists, typed in lower case). One general trade instead of more lists:
a word that no English dictionary lists (pd_name `dictionary_tables`), that is no practice
word, council name or word of the knowledge base, and is rarer than `slot_unlisted_zipf`, is a
name where the sentence wants a person. Word lists in knowledge/language/personal_details.yml,
pd_name:

- a run of one to three such words, or of name-list words with at least one such word, after a
  word that introduces a person (`unlisted_slot_before`, the relation words: "worried about
  nguyen thi lan", "aunt li na", "with wen jing, it took") or before what follows a person
  (an age, a date of birth, a bracketed relation, "and his sister", "who is 8", "is 6":
  "huang xiu ying, aged 3", "zhang wei (dad)", "jj (dob ...)");
- two such words joined by "and", "&" or "+" ("kez and tj both off school");
- a short form in brackets or after "=" beside a name, that is its first letters or its
  initials ("kez (keziah)", "siddharth (sid)", "tj = tyler-james", "jj (james junior)");
- a word that is the first letters of a name found in the same text ("kezia ... kez");
- every other occurrence of a name found here, in either case when no dictionary lists it
  ("Kuba (2) ... kuba had").
Swept on the dev sets only (scripts/eval_language.py --sweep pd_name.slot_unlisted_zipf=...).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang.details.lexicon import _alt, _english_words, _in_dictionary, _lexicon, _tokens, _words, _zipf
from bot.lang.details.person_slots import widen
from bot.lang.nlp import on_reset

_RUN_WORD = r"[A-Za-z\u00c0-\u024f][a-z\u00c0-\u024f]*(?:-[A-Za-z\u00c0-\u024f][a-z\u00c0-\u024f]*)?"


def _item(cfg: dict) -> dict:
    return cfg.get("pd_name", {})


def _excluded(w: str, lex) -> bool:
    return (
        w in lex.keep
        or w in lex.vocab
        or w in _words("pd_name", "not_names")
        or w in _words("pd_name", "not_person_words")
        or w in _words("pd_name", "not_before_person")
        or w in _words("pd_name", "month_words")
    )


@lru_cache(maxsize=20000)
def _unlisted(w: str, ceiling: float) -> bool:
    """A word no English dictionary lists, no practice word, rarer than the ceiling, and not
    among the rare words English writes in lower case at least as often as capitalised (the
    capitalisation table of pd_name `capitalisation`: "olanzapine", "langar", "trackies")."""
    lex = _lexicon()
    if len(w) < 2 or not w.isalpha() and "-" not in w or _excluded(w, lex) or w in lex.lower_known:
        return False
    if w in _english_words() or _in_dictionary(w):
        return False
    return _zipf(w) < ceiling


on_reset(lambda: _unlisted.cache_clear())


def _listed_name(w: str, item: dict) -> bool:
    """A word of the name lists that is no practice word and not common in English."""
    lex = _lexicon()
    if len(w) < 2 or _excluded(w, lex):
        return False
    if not (w in lex.first or w in lex.wide_first or w in lex.surnames):
        return False
    return _zipf(w) < float(item.get("unlisted_run_name_zipf", 4.5))


@lru_cache(maxsize=1)
def _patterns() -> tuple:
    rel = sorted(_words("pd_name", "relation_words") | _words("pd_name", "bare_relation_words"))
    before = sorted(_words("pd_name", "unlisted_slot_before") | set(rel))
    nouns = sorted(_words("pd_name", "unlisted_person_nouns") | set(rel))
    units = _alt(sorted(_words("pd_name", "age_units")))
    before_rx = re.compile(
        rf"(?:(?<![\w'\u2019])(?:{_alt(before)})[ \t]*[:,]?"
        rf"|(?<![\w'\u2019])(?:{_alt(nouns)})[ \t]+(?:is|was)|[(])[ \t]*$",
        re.I,
    )
    after_rx = re.compile(
        r"^(?:"
        rf"[ \t]*,?[ \t]*(?:aged?|age)[ \t]*\d"
        rf"|[ \t]*,?[ \t]*\(?[ \t]*\d{{1,2}}[ \t]*(?:{units})\b"
        r"|[ \t]*\([ \t]*(?:\d{1,2}|yr[ \t]*\d{1,2}|year[ \t]*\d{1,2})[ \t]*\)"
        rf"|[ \t]*,?[ \t]*\(?[ \t]*(?:dob|d\.o\.b\.?|born|b\.)[ \t:.]"
        rf"|[ \t]*\([ \t]*(?:{_alt(rel)})[ \t]*\)"
        rf"|[ \t]+and[ \t]+(?:his|her|their)[ \t]+(?:(?:older|younger|little|big|baby|twin)[ \t]+)?(?:{_alt(rel)})\b"
        rf"|[ \t]*,?[ \t]*who[ \t]+(?:is|was|'s)[ \t]+\d"
        rf"|[ \t]+(?:is|was)[ \t]+\d{{1,2}}\b(?![:./%\d]|[ \t]*(?:am|pm|%|mins?|minutes|hours|miles))"
        r")",
        re.I,
    )
    weak = sorted(_words("pd_name", "unlisted_weak_before"))
    weak_rx = re.compile(rf"(?<![\w'\u2019])(?:{_alt(weak)})[ \t]*[:,]?[ \t]*$", re.I) if weak else None
    return before_rx, after_rx, weak_rx


on_reset(lambda: _patterns.cache_clear())


def _runs(text: str, item: dict):
    """(start, end) of each run of one to three words that may be a name: every word no dictionary
    lists or on a name list, at least one no dictionary lists; all typed in one case."""
    ceiling = float(item.get("slot_unlisted_zipf", 4.0))
    toks = [
        (m.start(), m.end(), m.group(0))
        # (not part of a code: "the timeline for xyz-3")
        for m in re.finditer(rf"(?<![\w'\u2019@./-]){_RUN_WORD}(?![\w@/]|-\d|['\u2019][a-rt-z])", text)
    ]
    i = 0
    while i < len(toks):
        j = i
        while j < len(toks) and j - i < 3:
            a, b, w = toks[j]
            lw = w.lower()
            if not (_unlisted(lw, ceiling) or _listed_name(lw, item)):
                break
            if j > i and not re.fullmatch(r"[ \t]+", text[toks[j - 1][1] : a]):
                break
            j += 1
        run = toks[i:j]
        if run and any(_unlisted(w.lower(), ceiling) for _a, _b, w in run):
            cases = {w.islower() for _a, _b, w in run}
            if len(cases) == 1:
                yield run[0][0], run[-1][1]
                i = j
                continue
        i += 1


def _weakly_named(w: str, item: dict) -> bool:
    lex = _lexicon()
    if w in lex.first or w in lex.wide_first or w in lex.surnames:
        return True
    lean = (lex.capital_lean or {}).get(w, 0.0)
    return _zipf(w) < float(item.get("unlisted_weak_zipf", 3.0)) or lean >= float(item.get("unlisted_weak_lean", 1.0))


def _paired_name(w: str, item: dict) -> bool:
    """A word of two joined by "and" with no other sign of a person: weakly named, or initials
    (two letters, no vowel: "tj"), or a nickname word ("lil")."""
    w = w.lower()
    return (
        _weakly_named(w, item)
        or bool(re.fullmatch(r"[b-df-hj-np-tv-z]{2}", w))
        or w in _words("pd_name", "nickname_only_words")
    )


def _label(cfg: dict):
    return _item(cfg).get("label")


def unlisted_words_in_name_slots(text: str, cfg: dict, spans: list, take) -> None:
    label = _label(cfg)
    if not label:
        return
    item = _item(cfg)
    before_rx, after_rx, weak_rx = _patterns()
    runs = list(_runs(text, item))
    taken = []
    for a, b in runs:
        head = text[max(0, a - 40) : a]
        if after_rx.match(text[b : b + 40]):
            taken.append((a, b))
        elif weak_rx is not None and weak_rx.search(head):
            # after "about", "for", "with": every word rare, on a name list or leaning capitalised
            if all(_weakly_named(w.lower(), item) for w in text[a:b].split()):
                taken.append((a, b))
        elif before_rx.search(head):
            taken.append((a, b))
    # runs joined by "and", "&", "+" or a comma to a run taken, and two runs joined by "and"
    joiner = re.compile(r"[ \t]*(?:,|and|&|\+)[ \t]*|[ \t]*,[ \t]*and[ \t]+", re.I)
    changed = True
    while changed:
        changed = False
        for x, y in zip(runs, runs[1:], strict=False):
            if not joiner.fullmatch(text[x[1] : y[0]]):
                continue
            if (x in taken) != (y in taken):
                taken.append(y if x in taken else x)
                changed = True
            elif (
                x not in taken
                and re.fullmatch(r"[ \t]*(?:and|&|\+)[ \t]*", text[x[1] : y[0]], re.I)
                and all(_paired_name(w, item) for w in (text[x[0] : x[1]] + " " + text[y[0] : y[1]]).split())
            ):
                taken.extend((x, y))
                changed = True
    for a, b in sorted(set(taken)):
        widen(spans, a, b, label)


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w).lower()


def _short_form_of(short: str, full: str) -> bool:
    s, f = short.lower(), full.lower()
    parts = [p for p in re.split(r"[\s-]+", f) if p]
    if len(s) >= 2 and len(parts) >= 2 and s == _initials(parts):
        return True
    return len(parts) == 1 and 2 <= len(s) < len(f) and f.startswith(s) and len(f) - len(s) >= 1


_BRACKET = re.compile(
    rf"(?<![\w'\u2019])({_RUN_WORD}(?:[ \t]+{_RUN_WORD})?)[ \t]*\([ \t]*(?:({_RUN_WORD})[ \t]*=[ \t]*)?"
    rf"({_RUN_WORD}(?:[ \t]+{_RUN_WORD})?)[ \t]*\)"
)
_EQUALS = re.compile(rf"(?<![\w'\u2019])({_RUN_WORD})[ \t]*=[ \t]*({_RUN_WORD}(?:[ \t]+{_RUN_WORD})?)(?![\w])")


def _name_like(w: str, item: dict) -> bool:
    lw = w.lower()
    lex = _lexicon()
    return _unlisted(lw, float(item.get("slot_unlisted_zipf", 4.0))) or (
        (lw in lex.first or lw in lex.wide_first) and not _excluded(lw, lex)
    )


def short_forms(text: str, cfg: dict, spans: list, take) -> None:
    label = _label(cfg)
    if not label:
        return
    item = _item(cfg)
    found = []
    for m in list(_BRACKET.finditer(text)) + list(_EQUALS.finditer(text)):
        groups = [(m.start(g), m.end(g)) for g in range(1, m.re.groups + 1) if m.group(g)]
        # the last word before the bracket stands for the short form ("child Ash (ashton)")
        left = groups[0]
        left_words = text[left[0] : left[1]].split()
        cand = [(left[0] + text[left[0] : left[1]].rfind(left_words[-1]), left[1])] + groups[1:]
        texts = [text[a:b] for a, b in cand]
        pairs = [(i, j) for i in range(len(cand)) for j in range(len(cand)) if i != j]
        if not any(_short_form_of(texts[i], texts[j]) for i, j in pairs):
            continue
        if not any(_name_like(p, item) for t in texts for p in re.split(r"[\s-]+", t) if p):
            continue
        found.extend(cand)
    for a, b in found:
        widen(spans, a, b, label)
    _prefixes_of_names(text, cfg, spans, take)


def _prefixes_of_names(text: str, cfg: dict, spans: list, take) -> None:
    """A word no dictionary lists that is the first letters of a name found ("kezia ... kez")."""
    label = _label(cfg)
    item = _item(cfg)
    names = {w.lower() for a, b, lab in spans if lab == label for w in re.findall(r"[A-Za-z\u00c0-\u024f]+", text[a:b])}
    if not names:
        return
    ceiling = float(item.get("slot_unlisted_zipf", 4.0))
    for m in re.finditer(r"(?<![\w'\u2019@./-])[A-Za-z]{3,}(?![\w@/-])", text):
        w = m.group(0).lower()
        if any(n != w and n.startswith(w) for n in names) and _unlisted(w, ceiling):
            take(m.start(), m.end(), label)


def names_found_again(text: str, cfg: dict, spans: list, take) -> None:
    """Every other occurrence of a name found: a two-letter one typed in lower case ("tj ... tj is
    6"), and in either case one that no dictionary lists ("Kuba (2) ... kuba had")."""
    label = _label(cfg)
    if not label:
        return
    ceiling = float(_item(cfg).get("slot_unlisted_zipf", 4.0))
    words = set()
    for a, b, lab in spans:
        if lab != label:
            continue
        for w in re.findall(r"[A-Za-z\u00c0-\u024f]+", text[a:b]):
            if _unlisted(w.lower(), ceiling) and (len(w) >= 3 or w.islower()):
                words.add(w.lower())
    for w in words:
        for m in re.finditer(r"(?<![\w'\u2019-])" + re.escape(w) + r"(?![\w-])", text, re.I):
            if len(w) < 3 and not m.group(0).islower():
                continue
            take(m.start(), m.end(), label)


_CAPITAL_BEFORE = re.compile(r"(?<![\w'\u2019-])([A-Z][a-z]+)[ \t]+$")


def _verb_form(w: str) -> bool:
    """An inflected word ("visited", "rang", "calls"): a case note's verb before a surname."""
    return bool(re.search(r"(?:ed|ing)$", w)) or _lemma(w) != w


@lru_cache(maxsize=1)
def _lemmas() -> dict:
    import gzip
    import json
    import os

    try:
        import spacy_lookups_data
    except ImportError:
        return {}
    path = os.path.join(os.path.dirname(spacy_lookups_data.__file__), "data", "en_lemma_lookup.json.gz")
    if not os.path.exists(path):
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return {str(k).lower(): str(v).lower() for k, v in json.load(fh).items()}


def _lemma(w: str) -> str:
    return _lemmas().get(w, w)


def words_before_unlisted_surnames(text: str, cfg: dict, spans: list, take) -> None:
    """'Tesla Mbeki d.o.b', 're: Apple Okonjo,': a capitalised word, even an everyday one, right
    before a found capitalised name that no dictionary lists is its first name; not a title, a
    practice word, a greeting (`not_before_surname`) or a verb's form ("Visited Okonjo")."""
    item = _item(cfg)
    label = item.get("label")
    if not label:
        return
    lex = _lexicon()
    ceiling = float(item.get("slot_unlisted_zipf", 4.0))
    before_zipf = float(item.get("before_unlisted_surname_zipf", 5.0))
    stop = _words("pd_name", "not_before_surname") | _words("pd_name", "titles")
    for a, b, lab in list(spans):
        name = text[a:b]
        if lab != label or not name[:1].isupper():
            continue
        m = _CAPITAL_BEFORE.search(text[max(0, a - 30) : a])
        if not m:
            continue
        w = m.group(1).lower()
        # a two-letter name-list word before any capitalised name found ("Li Fakemei (yr 2)")
        short = len(w) == 2 and (w in lex.first or w in lex.wide_first or w in lex.surnames)
        if not short and not all(_unlisted(x.lower(), ceiling) for x in re.findall(r"[A-Za-z]+", name)):
            continue
        if w in stop or _excluded(w, lex) or _verb_form(w) or _zipf(w) >= before_zipf:
            continue
        widen(spans, max(0, a - 30) + m.start(1), b, label)


def relations_named_at_the_end(text: str, cfg: dict, spans: list, take) -> None:
    """'dad is Rob.': a capitalised first-name-list word after a relation word and "is" or "was",
    at the end of a phrase, is a name even when it is an everyday word."""
    item = _item(cfg)
    label = item.get("label")
    if not label:
        return
    lex = _lexicon()
    rel = sorted(_words("pd_name", "relation_words") | _words("pd_name", "bare_relation_words"))
    rx = re.compile(
        rf"(?<![\w'\u2019])(?i:{_alt(rel)})[ \t]+(?i:is|was|=|:)[ \t]+([A-Z][a-z]+)(?=[ \t]*(?:[.,;!?)\n]|$))"
    )
    for m in rx.finditer(text):
        w = m.group(1).lower()
        if (w in lex.first or w in lex.wide_first) and not _excluded(w, lex):
            take(m.start(1), m.end(1), label)


def proper_words_in_lower_case(text: str, cfg: dict, spans: list, take) -> None:
    """'on reflection sanjay's presentation', 'little mikey': a word typed in lower case that no
    dictionary lists and that English writes capitalised far more often than not (a lean of at
    least `unlisted_lean`, rarer than `unlisted_lean_zipf`) is a name inside a sentence, and first
    in one before a possessive ("hiya, alright?" stays)."""
    item = _item(cfg)
    label = item.get("label")
    if not label or "unlisted_lean" not in item:
        return
    lex = _lexicon()
    lean = float(item["unlisted_lean"])
    ceiling = float(item.get("unlisted_lean_zipf", item.get("slot_unlisted_zipf", 4.0)))
    for tok in _tokens(text):
        w = tok.text
        if not re.fullmatch(r"[a-z]{3,}", w) or tok.code:
            continue
        # not first in a sentence, where a greeting or an interjection stands ("hiya, alright?")
        if tok.initial and not re.match(r"['\u2019]s\b", text[tok.end : tok.end + 3]):
            continue
        if re.search(r"(?:^|\W)(?:the|a|an)(?:[ \t]+\w+)?[ \t]+$", text[max(0, tok.start - 20) : tok.start], re.I):
            continue  # a shop or a thing after an article ("the nearest greggs")
        if _unlisted(w, ceiling) and (lex.capital_lean or {}).get(w, 0.0) >= lean:
            take(tok.start, tok.end, label)


def capitalised_before_a_bracketed_age(text: str, cfg: dict, spans: list, take) -> None:
    """'little brother Paddy (7) was seen': a capitalised word inside a sentence right before an
    age in brackets is a name, when it is no practice word and rarer than `bracketed_age_zipf`."""
    item = _item(cfg)
    label = item.get("label")
    if not label or "bracketed_age_zipf" not in item:
        return
    lex = _lexicon()
    ceiling = float(item["bracketed_age_zipf"])
    for m in re.finditer(r"(?<=[a-z,][ \t])([A-Z][a-z]+)[ \t]*\([ \t]*\d{1,2}[ \t]*\)", text):
        w = m.group(1).lower()
        if not _excluded(w, lex) and _zipf(w) < ceiling and w not in _words("pd_name", "weekday_words"):
            take(m.start(1), m.end(1), label)


def initials_after_names(text: str, cfg: dict, spans: list, take) -> None:
    """'child is Zofia W, yr 8', '@Gemma T can you': one capital letter right after a found
    capitalised name is the initial of a surname."""
    label = _label(cfg)
    if not label:
        return
    for a, b, lab in list(spans):
        if lab != label or not text[a : a + 1].isupper():
            continue
        m = re.match(r"[ \t]+([A-HJ-Z])(?![\w'\u2019&/-])(?!\.[ \t]*[A-Z])", text[b : b + 4])
        if m:
            widen(spans, a, b + m.end(1), label)


def possessives_before_relations(text: str, cfg: dict, spans: list, take) -> None:
    """'the rule of optimism with Tesla's mum': a capitalised word inside a sentence with a
    possessive and a relation word after it is a person, when it is no practice word and rarer
    than `bracketed_age_zipf`."""
    item = _item(cfg)
    label = item.get("label")
    if not label or "bracketed_age_zipf" not in item:
        return
    lex = _lexicon()
    rel = sorted(_words("pd_name", "relation_words") | _words("pd_name", "bare_relation_words"))
    rx = re.compile(rf"(?<=[a-z,][ \t])([A-Z][a-z]+)['\u2019]s[ \t]+(?i:{_alt(rel)})\b")
    for m in rx.finditer(text):
        w = m.group(1).lower()
        if not _excluded(w, lex) and _zipf(w) < float(item["bracketed_age_zipf"]):
            take(m.start(1), m.end(1), label)
