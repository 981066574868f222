"""The shared ground of the personal-details finders (bot/lang/scrub.py): the rules of
knowledge/language/personal_details.yml, the word lists (first names and surnames from the Faker
package, how common a word is in English from wordfreq, how often it is written capitalised
from spacy-lookups-data, and the project's own lists in knowledge/language/name_words.yml),
and the tokens a text is read in.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from bot.lang.nlp import as_list, load_yaml, on_reset


def _alt(words) -> str:
    return _alt_of(tuple(str(w) for w in as_list(words)))


@lru_cache(maxsize=256)
def _alt_of(words: tuple) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: -len(w)))


@lru_cache(maxsize=1)
def _config() -> dict:
    data = load_yaml("personal_details.yml")
    return {d["id"]: d for d in data.get("details") or []}


on_reset(_config.cache_clear)
on_reset(lambda: _lexicon.cache_clear())
on_reset(lambda: _alt_of.cache_clear())

# letters with accents count ("Esmé", "Zoë"), those of Latin Extended Additional too (Vietnamese "Đức",
# "Thịnh", "Quốc"; Welsh "ẁ", "ỳ"): a name typed with them is one word, not pieces (session 23)
_CAPITALS = "".join(c for c in map(chr, [*range(0x100, 0x250), *range(0x1E00, 0x1F00)]) if c.isupper())
_NAME_WORD = (
    rf"[A-Z\u00c0-\u00de{_CAPITALS}][a-zA-Z\u00c0-\u024f\u1e00-\u1eff'\u2019]*"
    rf"(?:-[A-Z\u00c0-\u00de{_CAPITALS}]?[a-zA-Z\u00c0-\u024f\u1e00-\u1eff']+)*"
)
_ANY_WORD = (
    r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff][a-zA-Z\u00c0-\u024f\u1e00-\u1eff'\u2019]*"
    r"(?:-[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+)*"
)


# -- names and places from word lists ----------------------------------------------------------
_LETTER = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
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
    capital_lean: object = None  # a dict, or capital_table.HashedWords (.get)
    # words the same table knows in lower case at least as often as capitalised ("squalor",
    # "nappies"): a rare word typed in lower case that is not among them may be a place's name
    lower_known: object = frozenset()  # a set, or capital_table.HashedWords
    # the words of the council names (kept as words elsewhere; a town in an address line all the same)
    councils: frozenset = frozenset()


def _words_of(node, out: set, as_typed: bool = False) -> None:
    """The words of every string in node, in lower case; with as_typed, only the words written
    in lower case or as an acronym there (a capitalised-only word is a proper noun)."""
    if isinstance(node, str):
        if as_typed and "|" in node:
            return  # a pattern's alternatives ("river|canal|harbour") are no practice language
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


def _latin(word: str) -> bool:
    """A name in Latin letters (a text typed in English holds no other)."""
    return bool(re.fullmatch(r"[A-Za-z\u00c0-\u024f'\u2019-]+", word))


def _folded(word: str) -> str:
    """A name as typed without its accents ("thúy" -> "thuy", "đức" -> "duc", "łukasz" -> "lukasz")."""
    import unicodedata

    word = word.translate(_FOLD_EXTRA)
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "ı": "i"})


def _romanised(word: str, table: dict) -> set:
    """The Latin spellings of a name in Cyrillic letters, one per choice the table allows for a
    letter ("Дмитро" -> dmytro; "Алексей" -> aleksei, aleksey); none when a letter is not in it."""
    forms = [""]
    for c in word.lower():
        options = table.get(c)
        if options is None:
            return set()
        forms = [f + o for f in forms for o in as_list(options)][:8]
    return {f for f in forms if f}


def _cyrillic_names(locales: Iterable[str], table: dict) -> set:
    """First names of Faker's Cyrillic-script locales (Russian, Ukrainian, Bulgarian), romanised."""
    out: set = set()
    for loc in locales:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except ImportError:
            continue
        for attr in ("first_names", "first_names_male", "first_names_female"):
            try:
                names = [str(w) for w in getattr(provider, attr, ()) or ()]
            except TypeError:
                continue
            for w in names:
                if " " not in w:
                    out |= _romanised(w, table)
    return out


def _faker_names(locales: Iterable[str]) -> tuple[set, set, set]:
    """First names and surnames of the locales in Latin letters, and the first names whose
    letters are Latin only once their accents go (Vietnamese "Thảo", Turkish "İrfan")."""
    first: set = set()
    last: set = set()
    folded: set = set()

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
        for attr in (
            "first_names",
            "first_names_male",
            "first_names_female",
            "first_names_nonbinary",
            "first_names_unisex",
            "first_romanized_names",  # zh_CN, ja_JP: the names in Latin letters
        ):
            names = [w for w in listed(provider, attr) if " " not in w]
            first.update(w.lower() for w in names if _latin(w))
            folded.update(_folded(w).lower() for w in names if not _latin(w) and _latin(_folded(w)))
        for attr in ("last_names", "last_romanized_names"):
            last.update(w.lower() for w in listed(provider, attr) if " " not in w and _latin(w))
    last |= {_folded(w) for w in last}
    return first, last, folded


def _countries(locale) -> set:
    """Country names of one word from Faker's address provider of the locale, in lower case."""
    if not locale:
        return set()
    try:
        provider = importlib.import_module(f"faker.providers.address.{locale}").Provider
    except ImportError:
        return set()
    return {str(c).lower() for c in getattr(provider, "countries", ()) or () if " " not in str(c)}


def _nationalities(source) -> set:
    """Words of nationality made from the one-word country names of the Babel package's CLDR data
    (`nationalities_from_countries` in name_words.yml): a country and an ending ("Zimbabwe" + "an",
    "Kenya" + "n", "Oman" + "i"), kept only when wordfreq knows the word made."""
    if not isinstance(source, dict):
        return set()
    try:
        from babel import Locale

        names = Locale.parse(str(source.get("locale", "en"))).territories
    except Exception:  # no Babel, or no such locale: the hand list in `keep` stands alone
        return set()
    endings = [str(e) for e in as_list(source.get("endings"))]
    out: set = set()
    for code, country in names.items():
        c = str(country).lower()
        if not (len(code) == 2 and code.isalpha()) or not re.fullmatch(r"[a-z]+", c):
            continue
        stems = {c, c[:-1]} if c[-1] in "aeoy" else {c}
        made = {s + e for s in stems for e in endings}
        made |= {c + str(e) for e in as_list(source.get("after_a")) if c.endswith("a")}
        made |= {c + str(e) for e in as_list(source.get("after_consonant")) if c[-1] not in "aeiouy"}
        out |= {w for w in made if _zipf(w) >= float(source.get("min_zipf", 1.5))}
    return out


def _capital_lean(source: dict) -> tuple:
    """word (lower case) -> how much more often it is written capitalised than in lower case
    (natural log of the ratio; a word seen only capitalised gets `only_capitalised`), and the
    rare words written in lower case at least as often, from the English lexeme probabilities
    of the spacy-lookups-data package. Only what the thresholds of personal_details.yml read is
    kept, built once into a small cache file (bot/lang/details/capital_table.py)."""
    import os

    from bot.lang.details import capital_table

    try:
        import spacy_lookups_data
    except ImportError:
        return {}, frozenset()
    path = os.path.join(os.path.dirname(spacy_lookups_data.__file__), "data", str(source.get("table")))
    if not os.path.exists(path):
        return {}, frozenset()
    name = _config().get("pd_name", {})
    # the lowest lean any rule compares with (1.0: "the brackwells", proper_names.py)
    keys = ("wide_lean", "lower_proper_lean", "rare_proper_lean", "place_lean")
    min_lean = min([1.0] + [float(name[k]) for k in keys if k in name])
    lower_zipf = float(name.get("place_unknown_zipf", 2.5))  # the only rule that reads lower_known
    return capital_table.load(path, float(source.get("only_capitalised", 3.0)), min_lean, lower_zipf)


# the knowledge files that hold typed messages of the dev sets (the learned danger reading's and
# the answer classifier's training examples), never read as practice vocabulary (issue 20)
_NOT_VOCABULARY = ("danger_examples.yml", "answer_examples.yml")


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    import yaml

    from bot.lang.nlp import language_dir

    cfg = load_yaml("name_words.yml")
    first, last, folded = _faker_names(as_list(cfg.get("faker_locales")))
    wide_first, wide_last, wide_folded = _faker_names(as_list(cfg.get("faker_wide_locales")))
    # typed without accents too ("thuy", "lukasz"; issue 20, lower-case names): a name only so
    # spelt joins the wider list, whose rule is the stricter one ("america", "africa")
    wide_first |= ({_folded(w) for w in first | wide_first} | folded | wide_folded) - first
    wide_first |= _cyrillic_names(as_list(cfg.get("faker_cyrillic_locales")), cfg.get("cyrillic_latin") or {})
    last |= {w for w in wide_last if re.fullmatch(r"[a-z\u00e0-\u024f'-]+", w)}
    first |= {str(w).lower() for w in as_list(cfg.get("extra_first_names"))}
    last |= {str(w).lower() for w in as_list(cfg.get("extra_surnames"))}
    ordinary = {str(w).lower() for w in as_list(cfg.get("names_also_words"))}
    details = _config()
    keep = {str(w).lower() for w in as_list(cfg.get("keep"))}
    keep |= {str(w).lower() for w in as_list(details.get("pd_name", {}).get("not_names"))}
    keep |= {str(w).lower() for w in as_list(details.get("pd_name", {}).get("relation_words"))}
    keep |= {str(w).lower() for w in as_list(cfg.get("languages"))}
    keep |= _countries(cfg.get("countries_locale")) - first - wide_first
    keep |= _nationalities(cfg.get("nationalities_from_countries")) - first - wide_first
    councils: set = set()
    _words_of(as_list(cfg.get("council_names")), councils)
    not_kept = {str(w).lower() for w in as_list(cfg.get("council_words_not_kept"))}
    keep |= {w for w in councils if len(w) >= 4 and w not in not_kept} - first - ordinary
    root = language_dir().parent
    vocab: set = set()
    for path in sorted(root.rglob("*.yml")):
        if path.parent.name == "language" and path.name in ("name_words.yml", "personal_details.yml"):
            continue
        if path.name in _NOT_VOCABULARY:  # training messages written from the dev sets, with
            continue  # their invented names and places in them: no practice vocabulary
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
        councils=frozenset(councils),
    )


@lru_cache(maxsize=50000)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    text: str
    base: str  # lower case, without a possessive "'s"
    initial: bool  # first word of a sentence, line or quote
    code: bool = False  # part of a code or reference ("cas-7", "AB12"), not a word


def _tokens(text: str) -> tuple[_Tok, ...]:
    """The words of text (a shared, unchangeable tuple: every finder reads the same text's
    tokens, so they are made once)."""
    return _tokens_of(text)


@lru_cache(maxsize=16)
def _tokens_of(text: str) -> tuple[_Tok, ...]:
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        end = m.end()
        # a possessive, and a closing quote after one ("at auntie Shontelle's'")
        core = re.sub(r"(?:['\u2019]s['\u2019]?|['\u2019])$", "", word)
        end = m.start() + len(core) if core else end
        before = text[: m.start()].rstrip(" \t\"'\u2018\u201c([*\u2022-")
        initial = not before or before[-1] in ".!?:;\n" or "\n" in text[len(before) : m.start()]
        code = bool(re.match(r"[-/_]?\d", text[m.end() : m.end() + 2])) or bool(
            re.search(r"[\d_/@.]\Z|\d[-/]\Z", text[max(0, m.start() - 2) : m.start()])
        )
        # (\Z, not $: "$" would match before a line break, and a word at the start of a line
        # after a full stop would read as part of a code, "conditions.\ndestiny is 6")
        out.append(_Tok(m.start(), end, core or word, (core or word).lower().replace("\u2019", "'"), initial, code))
    return tuple(out)


def _is_capital(word: str) -> bool:
    return word[:1].isupper() and not (word.isupper() and len(word) > 1)


def _lean(w: str, lex: _Lexicon) -> float:
    return (lex.capital_lean or {}).get(w, 0.0)


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


@lru_cache(maxsize=1)
def _english_words() -> frozenset:
    """English words as a dictionary lists them (lower case): the WordNet lemmas by part of
    speech and the lemma lookup's inflected forms and lemmas of spacy-lookups-data; the tables
    are named in personal_details.yml, pd_name `dictionary_tables`. A rare word that is in
    none of them and is no practice word is taken as a name (bot/lang/details/rare_words.py)."""
    import gzip
    import json
    import os

    try:
        import spacy_lookups_data
    except ImportError:
        return frozenset()
    out: set = set()
    for table in as_list(_config().get("pd_name", {}).get("dictionary_tables")):
        path = os.path.join(os.path.dirname(spacy_lookups_data.__file__), "data", str(table))
        if not os.path.exists(path):
            continue
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        for key, value in data.items():
            if isinstance(value, list):  # lemma_index: part of speech -> lemmas
                out.update(str(v).lower() for v in value)
            else:  # lemma_lookup: form -> lemma
                out.add(str(key).lower())
                out.add(str(value).lower())
    return frozenset(w for w in out if "_" not in w and " " not in w)


on_reset(lambda: _english_words.cache_clear())


def _in_dictionary(w: str) -> bool:
    """A form of a dictionary word: a plural, a verb form or a "-ness"/"-ly" word of one
    ("sterilisers", "unkempt-ness")."""
    words = _english_words()
    if "-" in w and all(p in words for p in w.split("-") if p):
        return True  # "half-sibling"
    for end, base in (
        ("s", ""),
        ("es", ""),
        ("ies", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("ly", ""),
        ("ness", ""),
        ("er", ""),
        ("ers", ""),
    ):
        if w.endswith(end) and len(w) - len(end) >= 3 and w[: len(w) - len(end)] + base in words:
            return True
    return False
