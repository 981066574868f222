"""The typed text of a message, before the danger rules read it (bot/lang/danger.py): quote marks
at a word's edge taken out, a message typed in capitals read in lower case, and a rare word one
edit from a word of the rules mended. Split from bot/lang/danger.py."""

from __future__ import annotations

from functools import lru_cache

TYPO_MIN_LENGTH = 5  # shorter words are not mended ("alon" could be many things)
TYPO_MAX_ZIPF = 2.0  # a word this rare in English (wordfreq) may be a typo


# The kinds of `context` in knowledge/language/danger.yml read by one matcher (bot/lang/danger.py)
CONTEXT_KINDS = (
    "now",
    "negation_after",
    "procedural",
    "hypothetical",
    "framing",
    "asks_guidance",
    "not_now",
    "meta",
    "historic",
    "comparison",
    "not_hypothetical",
    "repeated",
    "habitual",
    "frequency",
    "frequency_after",
    "question_lead",
    "question_joiner",
    "practice_subject",
    "choice_question",
    "conditional_modal",
    "practice",
    "request",
    "immediate",
    "negation_clause",
    "resolved",
    "settled_before",
    "safe_adult",
    "brief",
    "heat",
    "taken_away",
    "arrest",
    "discharge",
    "no_child",
    "safe_told",
    "adult_nearby",
    "short_time",
    "older",
    "young",
    "hazard_place",
    "hazard_time",
    "modal",
    "counterfactual",
    "near_miss",
    "averted",
    "present",
    "clock",
    "background",
    "infant",
    "young_infant",
    "time_of_day",
    "weekday",
    "future",
    "mild",
    "disclosure",
    "abuse_told",
    "warned_off",
    "court_order",
    "danger_person",
    "intoxicated",
    "term_question",
    "generic_activity",
    "carried_on",
    "reported_threat",
    "opinion_negation",
    "feared",
    "negation_next",
    "saying",
    "future_typed",
    "not_framing",
    "ultimatum",
    "watched",
    "corrected",
    "child_elsewhere",
    "rescue",
    "offender",
    "impaired",
    "sober",
    "child_here",
)


QUOTE_MARKS = "'\"\u2018\u2019\u201c\u201d"


def unquote(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with the quote marks at a word's edge taken out (an apostrophe inside a word
    stays: "don't", "mum's"), and the character spans (in the text returned) that stood inside
    quotes. Someone's words quoted ("said its a 'drop' tonight", "last message said 'goodbye'")
    are read like the rest of the message: a quote mark is punctuation, and no pattern's gap may
    cross punctuation."""
    out: list[str] = []
    spans, opened = [], None
    for i, ch in enumerate(text):
        if ch in QUOTE_MARKS:
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if not (before.isalnum() and after.isalnum()):  # not an apostrophe inside a word
                if not before.isalnum() and after.isalnum() and opened is None:
                    opened = len(out)
                elif opened is not None and not after.isalnum():
                    spans.append((opened, len(out)))
                    opened = None
                continue
        out.append(ch)
    return "".join(out), spans


SHOUTED_SHARE = 0.7  # a message this much in capitals is typed in capitals, not named


def _unshout(text: str) -> str:
    """A message typed in capitals ("CANT FIND THE 3 YR OLD AT THE PARK") read in lower case,
    so that its words are read as words (spaCy tags a run of capitals as names); a message with
    a few capitals (names, "CP", "DSL") is read as it is. Same length: the spans stay."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 8 or sum(c.isupper() for c in letters) < SHOUTED_SHARE * len(letters):
        return text
    low = text.lower()
    return low if len(low) == len(text) else text


@lru_cache(maxsize=20000)
def _rare(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") < TYPO_MAX_ZIPF


def _mend(word: str, lexicon: dict) -> str:
    if not _rare(word):
        return ""
    from rapidfuzz.distance import DamerauLevenshtein
    from rapidfuzz.process import extractOne

    limit = 1 if len(word) < 8 else 2
    best = extractOne(word, list(lexicon), scorer=DamerauLevenshtein.distance, score_cutoff=limit)
    return lexicon[best[0]] if best else ""
