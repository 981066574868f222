"""Names by the company they keep (bot/lang/scrub.py), the seventh pass of issue 20; word
lists in knowledge/language/personal_details.yml, pd_name:

- the other words of a list one of whose words is a found name ("kids: amira, tayo, bex",
  "keeley / jordan / paige", "grace-ann, mercy"): a list of single words joined by commas,
  slashes, "and" or "&", each one that may be a name in a person's slot (on a name list, or
  no word of the knowledge base and rarer than `slot_word_zipf`);
- a list of two or more words that English hardly knows, joined as above and followed by an
  age or "(both 2)" ("twins, kehinde and taiwo (both 2)");
- the word before "and his/her/their" and a relation ("hodan and her little brother", "X and
  his mum"): a person, when it is on a first-name list (no everyday word) or rare in English
  (`coordinated_person_zipf`) and no typo of a common word.
"""

from __future__ import annotations

import re

from bot.lang.details.lexicon import _alt, _lexicon, _typo_of_common, _words, _zipf
from bot.lang.details.person_slots import _could_be_named, _not_a_person

_ITEM = (
    r"(?:(?:baby|little|lil)[ \t]+)?([A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'\u2019]*(?:-[A-Za-z\u00c0-\u024f]+)*)"
)
_SEP = r"[ \t]*(?:,[ \t]*(?:and|&)|,|/|&|\band\b|\+)[ \t]*"
_LIST = re.compile(rf"(?<![\w'\u2019-]){_ITEM}(?:{_SEP}{_ITEM})+(?![\w'\u2019-])")
_ONE = re.compile(_ITEM)
_AGE_AFTER = re.compile(
    r"[ \t]*(?:\([ \t]*(?:both|all|aged?)?[ \t]*\d{1,2}[^)]{0,12}\)|,?[ \t]*(?:both|all)?[ \t]*aged?[ \t]+\d{1,2}\b|"
    r",?[ \t]+(?:both|all)[ \t]+\d{1,2}\b)",
    re.I,
)


# what may follow the last word of a list: the end of the text or of a sentence, a bracket, an
# age, or "and the" ("kobe and the baby is")
_LIST_END = re.compile(
    r"[ \t]*(?:$|[.;:!?()\n,-]|\d|(?:aged?|both|all|are|were|r|and|&|the|his|her|their|is|was)\b)", re.I
)


def _items(text: str, m: re.Match) -> list[tuple[int, int]]:
    """(start, end) of each word of a list match, in text order."""
    out = []
    pos = m.start()
    while pos < m.end():
        one = _ONE.search(text, pos, m.end())
        if not one:
            break
        out.append((one.start(1), one.end(1)))
        pos = one.end()
        sep = re.compile(_SEP).match(text, pos)
        if not sep:
            break
        pos = sep.end()
    return out


def _stop_words() -> frozenset:
    return _words("pd_name", "list_stop_words")


def names_in_lists(text: str, cfg: dict, spans: list, take) -> None:
    """Every word of a list of single words that holds a found name, each one that may be a name."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    if not label:
        return
    lex = _lexicon()
    rare = float(item.get("listed_rare_zipf", 2.5))
    stop = _stop_words()
    found = {(a, b) for a, b, lab in spans if lab == label}
    for m in _LIST.finditer(text):
        words = _items(text, m)
        while words and _zipf(text[words[-1][0] : words[-1][1]].lower()) >= 6.0:
            words.pop()  # "ellie-mai and kobe and the baby": the list ends before "the"
        if len(words) < 2 or not _LIST_END.match(text, words[-1][1]):
            continue  # "in the spring, and Dexter has started": two clauses, not a list
        named = [(a, b) in found or any(s <= a and b <= e for s, e in found) for a, b in words]
        lowered = [text[a:b].lower().replace("\u2019", "'") for a, b in words]
        if any(w in stop for w in lowered):
            continue  # "mum, dad and the kids": a list of roles, or of things
        if any(named):
            for (a, b), w, done in zip(words, lowered, named, strict=True):
                if done or (text[a:b].isupper() and b - a > 1):  # "EDD", "SIMS": acronyms
                    continue
                if _could_be_named(w, lex, strong=True):
                    take(a, b, label)
            continue
        # no found name: two or more words English hardly knows, then an age ("(both 2)")
        if not _AGE_AFTER.match(text, m.end()):
            continue

        def rare_name(w: str) -> bool:
            return (
                not _not_a_person(w, lex)
                and w not in lex.vocab
                and "'" not in w
                and (
                    ((w in lex.first or w in lex.wide_first) and w not in lex.ordinary)
                    or (_zipf(w) < rare and not _typo_of_common(w, float(item.get("typo_of_zipf", 4.5))))
                )
            )

        k = len(words)
        while k > 0 and rare_name(lowered[k - 1]):
            k -= 1  # "his twins, kehinde and taiwo (both 2)": the words after "twins"
        if len(words) - k >= 2:
            for a, b in words[k:]:
                take(a, b, label)


def before_and_a_relation(text: str, cfg: dict, spans: list, take) -> None:
    """'worried about hodan and her little brother', 'X and his mum': the word before "and" and a
    possessive relation is a person."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    relations = _words("pd_name", "relation_words")
    if not label or not relations:
        return
    lex = _lexicon()
    rare = float(item.get("coordinated_person_zipf", 3.0))
    adjectives = _alt(sorted(_words("pd_name", "relation_adjectives")))
    rx = re.compile(
        rf"(?<![\w'\u2019-])([A-Za-z][a-z'\u2019-]+)[ \t]+(?:and|&)[ \t]+(?:his|her|their)[ \t]+"
        rf"(?:(?:{adjectives})[ \t]+)?(?:{_alt(sorted(relations))})(?![\w])",
        re.I,
    )
    for m in rx.finditer(text):
        w = m.group(1).lower()
        if _not_a_person(w, lex) or w in lex.vocab or w in _stop_words() or "'" in w:
            continue
        listed = (w in lex.first or w in lex.wide_first) and w not in lex.ordinary and _zipf(w) < 4.5
        rare_word = _zipf(w) < rare and not _typo_of_common(w, float(item.get("typo_of_zipf", 4.5)))
        if listed or rare_word or m.group(1)[0].isupper() and _zipf(w) < 4.0:
            take(m.start(1), m.end(1), label)


def _rare_unlisted(w: str, lex, item) -> bool:
    """A word typed in lower case that no name list holds but that English hardly knows
    (below `slot_rare_zipf`) and that the capitalisation table never saw in lower case as often
    as capitalised (`lower_known`): no practice word, no everyday word run together."""
    if len(w) < 4 or not re.fullmatch(r"[a-z\u00e0-\u024f]+", w):
        return False
    if w in lex.keep or w in lex.vocab or w in lex.not_place or w in lex.ordinary or _not_a_person(w, lex):
        return False
    if _zipf(w) >= float(item.get("slot_rare_zipf", 2.5)):
        return False
    if w in lex.lower_known:
        return False  # "squalor", "scabies": rare words written in lower case
    if re.search(str(item.get("medical_word_ending") or "(?!)"), w):
        return False  # "conjunctivitis", "threadworms": a condition or a medicine, not a name
    from bot.lang.details.rare_words import _two_common_words

    return not _two_common_words(
        w, float(item.get("compound_word_zipf", 4.5)), float(item.get("compound_lead_zipf", 6.0))
    )


def rare_words_where_a_person_stands(text: str, cfg: dict, spans: list, take) -> None:
    """'spoke to hodan today', 'mum and lowri', 'lowri has been off': a rare word that is on no
    name list, after a word that takes a person (`rare_name_after`) or at the start of a clause
    before what a person does (`name_subject_verbs`)."""
    from bot.lang.details.person_slots import _clause_start, _name_subject_then

    item = cfg.get("pd_name", {})
    label = item.get("label")
    lead = _alt(sorted(_words("pd_name", "rare_name_after")))
    if not label or not lead:
        return
    lex = _lexicon()
    for m in re.finditer(rf"(?<![\w'\u2019])(?:{lead})[ \t]+([a-z][a-z\u00e0-\u024f]+)(?![\w'\u2019-])", text, re.I):
        if _rare_unlisted(m.group(1), lex, item):
            take(m.start(1), m.end(1), label)
    then = _name_subject_then()
    for m in re.finditer(r"(?<![\w'\u2019-])([a-z][a-z\u00e0-\u024f]+)(?![\w'\u2019-])", text):
        if _clause_start(text, m.start(1)) and then.match(text, m.end(1)) and _rare_unlisted(m.group(1), lex, item):
            take(m.start(1), m.end(1), label)


def named_people_at_places(text: str, cfg: dict, spans: list, take) -> None:
    """'the HV is sue at the [place]': a first-name-list word, even an everyday word, after a
    role and "is" and before "at" or "from" and a place found."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    place = cfg.get("pd_place", {}).get("label")
    roles = _alt(sorted(_words("pd_name", "role_words")))
    if not label or not place or not roles:
        return
    lex = _lexicon()
    starts = {a for a, _b, lab in spans if lab == place}
    rx = rf"(?<![\w'])(?:{roles})[ \t]+(?:is|was)[ \t]+([a-z][a-z'-]+)[ \t]+(?:at|from)[ \t]+(?:the[ \t]+)?"
    for m in re.finditer(rx, text, re.I):
        w = m.group(1)
        if m.end() in starts and w in lex.first and not _not_a_person(w, lex):
            take(m.start(1), m.end(1), label)


def surnames_before_family_words(text: str, cfg: dict, spans: list, take) -> None:
    """'the khan children', 'the nowak kids': a surname-list word (not an everyday word of the
    knowledge base) between "the" and a word for a family (`family_words`)."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    family = _words("pd_name", "family_words") - _words("pd_name", "family_words_no_surname")
    if not label or not family:
        return
    lex = _lexicon()
    rx = rf"(?<![\w'])the[ \t]+([A-Za-z][a-z'-]+)[ \t]+({_alt(sorted(family))})\b"
    adjectives = _words("pd_name", "family_adjectives")
    for m in re.finditer(rx, text, re.I):
        w = m.group(1).lower()
        if _not_a_person(w, lex) or w in lex.vocab or w in lex.not_place or w in adjectives:
            continue
        # before "family" or "household" a common surname too ("the smith family")
        common = m.group(2).lower() in _words("pd_name", "family_words_common_surname")
        ceiling = 5.5 if common else float(item.get("wide_zipf", 4.5))
        if w in lex.surnames and _zipf(w) < ceiling:
            take(m.start(1), m.end(1), label)


def children_listed_after_a_heading(text: str, cfg: dict, spans: list, take) -> None:
    """'kids: sana, dami, fliss - all under 8', 'siblings: x, y and z': after a heading word for
    children and a colon, a list of single words each of which may be a name."""
    item = cfg.get("pd_name", {})
    label = item.get("label")
    heads = _alt(sorted(_words("pd_name", "children_headings")))
    if not label or not heads:
        return
    lex = _lexicon()
    for h in re.finditer(rf"(?<![\w'])(?:{heads})[ \t]*(?::|-|are|r)[ \t]*", text, re.I):
        m = _LIST.match(text, h.end())
        if not m:
            continue
        words = _items(text, m)
        if len(words) < 2 or not _LIST_END.match(text, words[-1][1]):
            continue
        lowered = [text[a:b].lower() for a, b in words]
        if any(w in _stop_words() for w in lowered):
            continue
        if all(_could_be_named(w, lex, strong=True) for w in lowered):
            for a, b in words:
                take(a, b, label)
