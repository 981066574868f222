"""The shape of knowledge/language/word_lists.yml: the word lists the walks and the FAQ
generator read people's words (or names) with. Pydantic models read through
bot/knowledge/files.py; bot/knowledge/texts.py `words()` reads the file once."""

from __future__ import annotations

from pydantic import conlist, constr, validator

from bot.knowledge.files import Shape

Word = constr(strip_whitespace=True, min_length=1)
Words = conlist(Word, min_items=1)

COMMANDS = ("skip", "stop", "why")  # the commands a practice step takes from a short message


class SupervisionWords(Shape):
    drift_stop_words: Words  # type: ignore[valid-type]
    drift_same_words: dict[Word, Word]  # type: ignore[valid-type]


class TrainingWords(Shape):
    done: Words  # type: ignore[valid-type]
    negators: Words  # type: ignore[valid-type]
    plain_commands: dict[str, Words]  # type: ignore[valid-type]

    @validator("plain_commands")
    def _known_commands(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(v) - set(COMMANDS))
        if unknown:
            raise ValueError(f"must name only the commands {', '.join(COMMANDS)}; unknown: {', '.join(unknown)}")
        said = [w.lower() for ws in v.values() for w in ws]
        twice = sorted({w for w in said if said.count(w) > 1})
        if twice:
            raise ValueError(f"must give a phrase to one command only; given twice: {', '.join(twice)}")
        return v


class FaqWords(Shape):
    capitalised_first_words: Words  # type: ignore[valid-type]


class WordListsFile(Shape):
    basis: Word  # type: ignore[valid-type]
    supervision: SupervisionWords
    training: TrainingWords
    faq: FaqWords


class GrammarFile(Shape):
    """knowledge/language/grammar.yml: the function words of bot/lang (bot/lang/grammar.py)."""

    basis: Word  # type: ignore[valid-type]
    words: dict[Word, Words]  # type: ignore[valid-type]
    tables: dict[Word, dict[Word, float]]  # type: ignore[valid-type]
