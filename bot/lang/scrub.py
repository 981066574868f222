"""scrub(): replace personal details in free text by bracketed labels ("[name]").

The kinds, their patterns and word lists are in knowledge/language/personal_details.yml.
Each kind is searched on the original text; a span already taken by an earlier kind is
not taken again; neighbouring spans of the same kind ("Flat 2, 17 Sample Street") become
one label. Regular expressions, and for names and places word lists: first names and
surnames from the Faker package, how common a word is in English from wordfreq, and the
project's own lists in knowledge/language/name_words.yml (practice terms, the words of the
knowledge base and the council names of knowledge/profiles/ are never names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.lang.dates import find_dates
from bot.lang.details import later_passes as tenth
from bot.lang.details import span_forms
from bot.lang.details import unlisted_names as ninth
from bot.lang.details.answer_names import (
    after_possessive_relations,
    after_roles_and_ages,
    babies_in_lists,
    before_a_relation,
    before_an_age,
    first_names_before_names,
    in_short_answers,
    initials_and_letters,
    people_at_places,
    quoted_and_alternative_names,
    surnames_after_name_is,
    surnames_in_capitals,
)
from bot.lang.details.lexicon import _NAME_WORD, _TOKEN, _config, _lexicon, _zipf
from bot.lang.details.list_names import (
    before_and_a_relation,
    children_listed_after_a_heading,
    named_people_at_places,
    names_in_lists,
    rare_words_where_a_person_stands,
    surnames_before_family_words,
)
from bot.lang.details.name_forms import (
    before_a_role,
    cleft_persons,
    hyphenated_names,
    initials_of_names,
    months_are_not_names,
    nickname_parts,
    rare_words_after_names,
    second_called,
)
from bot.lang.details.names import _name
from bot.lang.details.patterns import (
    _address,
    _dob,
    _handle,
    _house_numbers,
    _nhs,
    _phone,
    _postcode,
    _reference,
    _regex_finder,
)
from bot.lang.details.person_slots import (
    after_bare_relations,
    families_by_name,
    families_in_the_plural,
    in_apposition,
    initials,
    kept_names_after_roles,
    listed_children,
    next_to_names,
    nicknames,
    objects_of_person_verbs,
    places_by_their_words,
    subjects_of_person_verbs,
    surnames_after_names,
    whose_and_bracketed,
    whose_short_names,
)
from bot.lang.details.place_forms import (
    named_venues,
    place_prefixes,
    prisons,
    rooms_and_wards,
    saints_after_streets,
    vehicle_registrations,
)
from bot.lang.details.places import _places
from bot.lang.details.rare_words import (
    first_name_before_names,
    listed_with_ages,
    names_in_a_person_s_place,
    ordinary_names_after_relations,
    unknown_words,
    whole_institution_names,
)
from bot.lang.details.word_names import (
    capitalised_beside_names,
    coordinated_word_names,
    one_word_names,
    weekdays_are_not_names,
    word_first_names_before_surnames,
)
from bot.lang.nlp import load_yaml, on_reset


@dataclass(frozen=True)
class Scrubbed:
    text: str
    removed: tuple[str, ...]


@lru_cache(maxsize=1)
def _order() -> tuple:
    return tuple(_config())


on_reset(_order.cache_clear)


def scrub(text: str) -> Scrubbed:
    """The text with personal details replaced, and the kinds removed (in text order)."""
    if not text:
        return Scrubbed(text or "", ())
    spans = detail_spans(text)
    if not spans:
        return Scrubbed(text, ())
    return _replaced(text, spans)


def scrub_part(part: str, whole: str) -> Scrubbed:
    """A part of a message (the words kept beside one answer read from an account, or the
    second part of a two-part answer) scrubbed with what the whole message shows: a detail
    the rules find only in the whole message's context ("Jayden Smith dob ..." at its start,
    a name after "is") is removed from the part too, wherever it stands in it (issue 20)."""
    if not part or not whole or part == whole:
        return scrub(part)
    spans = list(detail_spans(part))
    found = sorted({(whole[a:b], label) for a, b, label in detail_spans(whole)}, key=lambda f: -len(f[0]))
    for words, label in found:
        for m in re.finditer(r"(?<!\w)" + re.escape(words) + r"(?!\w)", part, re.IGNORECASE):
            if all(m.end() <= a or m.start() >= b for a, b, _ in spans):
                spans.append((m.start(), m.end(), label))
    return _replaced(part, sorted(spans)) if spans else Scrubbed(part, ())


def _replaced(text: str, spans) -> Scrubbed:
    out, pos, kinds = [], 0, []
    for a, b, label in spans:
        if a < pos:
            continue
        out.append(f"{text[pos:a]}[{label}]")
        pos = b
        if label not in kinds:
            kinds.append(label)
    out.append(text[pos:])
    return Scrubbed("".join(out), tuple(kinds))


def is_common_word(word: str) -> bool:
    """An everyday English word (not rare by wordfreq's Zipf scale, pd_name `common_word_zipf`)."""
    return _zipf(word.lower()) >= float(_config().get("pd_name", {}).get("common_word_zipf", 4.0))


def removed_notice(kinds, roles: bool = False) -> str:
    """What the practitioner is told when details were taken out of what they typed
    (the text is in personal_details.yml, `notice`; with roles, the wording for a person
    who does something, such as the owner of an agreed action). Told once a conversation:
    bot/walks/details_notice.py."""
    notice = load_yaml("personal_details.yml")["notice"]
    said = notice.get("kinds") or {}
    kinds = [str(said.get(str(k), k)) for k in kinds]
    listed = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]
    return str(notice["roles_text" if roles and notice.get("roles_text") else "text"]).format(kinds=listed)


def detail_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of each personal detail that scrub() replaces, in text order;
    neighbouring spans of the same kind are already merged into one. The same text is read
    once: a turn scrubs the message again and again (the action server's answer, Rasa's user
    event and its `answer` slot, the log lines that quote it), so the last texts' spans are
    kept in this process's memory (forgotten when the rules are read again)."""
    if not text:
        return []
    if "\\u" in text and _ESCAPE.search(text):
        return _through_escapes(text)
    spans = list(_spans_of(text))
    if _EMBEDS_A_MESSAGE.search(text):
        spans = _with_embedded(text, spans)
    return spans


# a log line that quotes what the user typed: a JSON string value ('"parse_data_text": "..."'),
# Rasa's "Received user message '...'", a policy's "user text: ... |"
_EMBEDS_A_MESSAGE = re.compile(r"\":[ \t]*\"|user text: |message '")
_EMBEDDED = (
    re.compile(r"\":[ \t]*\"((?:[^\"\\]|\\.){3,})\""),
    re.compile(r"message '(.+?)'(?=[ \t]+(?:with|from|on|in)\b|[ \t]*$)"),
    re.compile(r"user text: (.+?)(?=[ \t]+\||\\n|\"|$)"),
)


def _with_embedded(text: str, spans: list) -> list[tuple[int, int, str]]:
    """The spans of a log line, and of each message it quotes read on its own: a rule that
    needs the message's start or end ("jt and his brother rj", "his name is mason fairweather")
    finds it there too. Overlapping spans are joined (the label of the one that starts first)."""
    found = list(spans)
    for rx in _EMBEDDED:
        for m in rx.finditer(text):
            a = m.start(1)
            found.extend((a + s, a + e, label) for s, e, label in _spans_of(m.group(1)))
    out: list[list] = []
    for a, b, label in sorted(found):
        if out and a < out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b, label])
    return [(a, b, label) for a, b, label in out]


# a character written as a JSON escape ("Y\u0131ld\u0131r\u0131msoy" in a logged payload)
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _through_escapes(text: str) -> list[tuple[int, int, str]]:
    """The spans of a text that holds JSON escapes (a log line that quotes a payload), found in
    the text with each escape read as its character and given back in the text's own offsets."""
    chars: list[str] = []
    starts: list[int] = []  # where each character of the read text starts in the text
    pos = 0
    for m in _ESCAPE.finditer(text):
        chars.extend(text[pos : m.start()])
        starts.extend(range(pos, m.start()))
        chars.append(chr(int(m.group(1), 16)))
        starts.append(m.start())
        pos = m.end()
    chars.extend(text[pos:])
    starts.extend(range(pos, len(text)))
    starts.append(len(text))
    return [(starts[a], starts[b], label) for a, b, label in _spans_of("".join(chars))]


@lru_cache(maxsize=256)
def _spans_of(text: str) -> tuple[tuple[int, int, str], ...]:
    cfg = _config()
    spans: list[tuple[int, int, str]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e, _ in spans)

    def take(a: int, b: int, label: str) -> None:
        if a < b and free(a, b):
            spans.append((a, b, label))

    for kid in _order():
        item = cfg[kid]
        finder = _FINDERS.get(kid, _regex_finder)
        for a, b in finder(text, item):
            take(a, b, item["label"])
    _widen_to_places(text, cfg, spans)
    _dates_after_names(text, cfg, spans, take)
    _dates_after_dates_of_birth(text, cfg, spans, take)
    _town_after_address(text, cfg, spans, take)
    if cfg.get("pd_address") and cfg.get("pd_place"):
        address = cfg["pd_address"]
        labels = (address["label"], cfg["pd_place"]["label"], cfg.get("pd_name", {}).get("label"))
        for a, b in _house_numbers(text, spans, labels, address):
            take(a, b, address["label"])
    name = cfg.get("pd_name")
    if name:
        for a, b in unknown_words(text, name):
            take(a, b, name["label"])
        first_name_before_names(text, cfg, spans, take)
        listed_with_ages(text, cfg, spans, take)
        ordinary_names_after_relations(text, cfg, spans, take)
        names_in_a_person_s_place(text, cfg, spans, take)
        for slot in (
            subjects_of_person_verbs,
            objects_of_person_verbs,
            in_apposition,
            listed_children,
            nicknames,
            families_in_the_plural,
            families_by_name,
            after_bare_relations,
            initials,
            whose_short_names,
            whose_and_bracketed,
            kept_names_after_roles,
            next_to_names,
            places_by_their_words,
        ):
            slot(text, cfg, spans, take)
        surnames_after_names(text, cfg, spans, take)
        for slot in (
            hyphenated_names,
            cleft_persons,
            before_a_role,
            second_called,
            nickname_parts,
            rare_words_after_names,
            initials_of_names,
            # the sixth pass (bot/lang/details/answer_names.py)
            before_an_age,
            in_short_answers,
            people_at_places,
            after_possessive_relations,
            before_a_relation,
            quoted_and_alternative_names,
            initials_and_letters,
            babies_in_lists,
            surnames_after_name_is,
            first_names_before_names,
            after_roles_and_ages,
            surnames_in_capitals,
            # the seventh pass (bot/lang/details/list_names.py)
            before_and_a_relation,
            rare_words_where_a_person_stands,
            names_in_lists,
            named_people_at_places,
            surnames_before_family_words,
            children_listed_after_a_heading,
            # the eighth pass (bot/lang/details/word_names.py)
            word_first_names_before_surnames,
            coordinated_word_names,
            capitalised_beside_names,
            one_word_names,
            # the ninth pass (bot/lang/details/unlisted_names.py)
            ninth.short_forms,
            ninth.unlisted_words_in_name_slots,
            ninth.words_before_unlisted_surnames,
            ninth.relations_named_at_the_end,
            ninth.proper_words_in_lower_case,
            ninth.capitalised_before_a_bracketed_age,
            ninth.possessives_before_relations,
            ninth.initials_after_names,
            tenth.names,  # the tenth and eleventh passes (bot/lang/details/later_passes.py)
            ninth.names_found_again,
        ):
            slot(text, cfg, spans, take)
        months_are_not_names(text, cfg, spans)
        weekdays_are_not_names(text, cfg, spans)
    whole_institution_names(text, cfg, spans)
    for form in (  # bot/lang/details/place_forms.py
        place_prefixes,
        named_venues,
        saints_after_streets,
        rooms_and_wards,
        prisons,
        tenth.places,
        tenth.last_places,  # bot/lang/details/word_names.py's place forms, and what none may take
    ):
        form(text, cfg, spans, take)
    _names_again(text, cfg, spans, take)
    _kind_of_place_kept(text, cfg, spans)
    span_forms.late_forms(text, cfg, spans, take)  # session 17: forms over what every pass found
    spans.sort()
    merged: list[list] = []
    for a, b, label in spans:
        if merged and merged[-1][2] == label and re.fullmatch(r"[\s,]*", text[merged[-1][1] : a]):
            merged[-1][1] = b
        else:
            merged.append([a, b, label])
    return tuple((a, b, label) for a, b, label in merged)


on_reset(_spans_of.cache_clear)


def _names_again(text: str, cfg: dict, spans: list, take) -> None:
    """A word found as a name once is a name wherever else it stands in the text, in the same
    case ("The middle one Rose is ... Rose told her teacher")."""
    label = cfg.get("pd_name", {}).get("label")
    lex = _lexicon()
    words = set()
    for a, b, lab in spans:
        if lab == label:
            words.update(
                w
                for w in _TOKEN.findall(text[a:b])
                if w.lower() not in lex.keep
                # a two-letter first name only when it was the whole name found ("bo (8) ... bo is at")
                and (len(w) >= 3 or (text[a:b] == w and w.lower() in lex.first and _zipf(w.lower()) < 4.5))
            )
    for word in words:
        for m in re.finditer(r"(?<![\w'\u2019-])" + re.escape(word) + r"(?![\w-])", text):
            take(m.start(), m.end(), label)


def _kind_of_place_kept(text: str, cfg: dict, spans: list) -> None:
    """A place named in capitals with its kind typed in lower case after the name ("Tumbledown
    Tots nursery") keeps the kind, which the check needs: "[place] nursery"."""
    label = cfg.get("pd_place", {}).get("label")
    lex = _lexicon()
    heads = {p[0] for ps in lex.institutions.values() for p in ps if len(p) == 1}
    for sp in list(spans):
        a, b, lab = sp
        if lab != label:
            continue
        m = re.search(r"(?<=[A-Za-z'\u2019])[ \t]+([a-z]+)$", text[a:b])
        if not m or m.group(1) not in heads:
            continue
        name = text[a : a + m.start()]
        words = _TOKEN.findall(name)
        if words and all(w[0].isupper() for w in words):
            spans.remove(sp)
            spans.append((a, a + m.start(), label))


def _widen_to_places(text: str, cfg: dict, spans: list) -> None:
    """A school or surgery named after its street: the street found as an address becomes part
    of the place ("at Green Lane Primary", "Church Road Surgery")."""
    place = cfg.get("pd_place")
    if not place:
        return
    for a, b in _places(text, place):
        inside = [sp for sp in spans if a <= sp[0] and sp[1] <= b]
        crossing = [sp for sp in spans if sp[0] < b and a < sp[1] and sp not in inside]
        if inside and not crossing:
            for sp in inside:
                spans.remove(sp)
            spans.append((a, b, place["label"]))


def _dates_after_dates_of_birth(text: str, cfg: dict, spans: list, take) -> None:
    """Full dates listed after a date of birth are dates of birth too ("dob for the kids 1/2/15,
    3/4/17 and 5/6/19", "and the baby's is 19.8.22")."""
    dob = cfg.get("pd_date_of_birth", {}).get("label")
    if not dob:
        return
    ends = [b for a, b, label in spans if label == dob]
    if not ends:
        return
    gap = re.compile(r"[\s,;]*(?:(?:and|&)\s+)?(?:(?:the\s+)?[\w']+(?:'s)?\s+(?:is|was)\s+)?$", re.I)
    for a, b, _d, _m, year in find_dates(text):
        if year is None:
            continue
        if any(e <= a and a - e <= 40 and gap.fullmatch(text[e:a]) for e in ends):
            take(a, b, dob)
            ends.append(b)


def _town_after_address(text: str, cfg: dict, spans: list, take) -> None:
    """The word after a street address and a comma is its town ("5 church view, mossford,"),
    when it is no everyday word or practice term."""
    address = cfg.get("pd_address", {}).get("label")
    place = cfg.get("pd_place", {}).get("label")
    if not address or not place:
        return
    lex = _lexicon()
    common = float(cfg.get("pd_address", {}).get("town_zipf", 3.0))
    for _a, b, label in list(spans):
        if label != address:
            continue
        m = re.match(rf"[ \t]*,[ \t]*({_NAME_WORD}|[a-z]+)(?=[ \t]*(?:[,.;\n]|$|[A-Za-z]{{1,2}}\d))", text[b:])
        if not m:
            continue
        w = m.group(1).lower()
        if len(w) < 3 or w in lex.keep or w in lex.vocab or w in lex.not_place or _zipf(w) >= common:
            continue
        take(b + m.start(1), b + m.end(1), place)


def _dates_after_names(text: str, cfg: dict, spans: list, take) -> None:
    """A full date right after a name is that person's date of birth ("Kayden, 23rd Sept 2019")."""
    name = cfg.get("pd_name", {}).get("label")
    dob = cfg.get("pd_date_of_birth", {}).get("label")
    ends = sorted(b for a, b, label in spans if label == name)
    if not ends or not dob:
        return
    for a, b, _d, _m, year in find_dates(text):
        if year is not None and any(
            e <= a and re.fullmatch(r"[\s,(:-]*(?:b\.?|born|dob)?[\s,(:-]*", text[e:a]) for e in ends
        ):
            take(a, b, dob)


_FINDERS = {
    "pd_nhs_number": _nhs,
    "pd_phone": _phone,
    "pd_postcode": _postcode,
    "pd_date_of_birth": _dob,
    "pd_address": _address,
    "pd_name": _name,
    "pd_place": lambda text, item: _places(text, item),
    "pd_reference": lambda text, item: _reference(text, item),
    "pd_handle": _handle,
    "pd_vehicle": vehicle_registrations,
}
