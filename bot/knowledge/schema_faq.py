"""The shape of knowledge/faq.yml: its topics (retrieval intents answered from knowledge items),
the settings, word lists and texts of answering (bot/knowledge/answers.py), and item_lists.
Pydantic models read through bot/knowledge/files.py."""

from __future__ import annotations

from typing import Any

from pydantic import confloat, conint, conlist, constr, create_model

from bot.knowledge.files import Shape

Text = constr(strip_whitespace=True, min_length=1)
Share = confloat(ge=0, le=1)

TEXT_KEYS = (
    "lookup",
    "not_covered",
    "nearest",
    "who_to_ask",
    "case",
    "start_check_button",
    "general_question_button",
    "what_helps",
    "how_to_use",
    "when",
    "contact",
    "level_criteria",
    "signs",
    "questions",
    "cited",
)
AnsweringTexts = create_model("AnsweringTexts", __base__=Shape, **{k: (Text, ...) for k in TEXT_KEYS})


class AnsweringSpec(Shape):
    """When a topic is given and when the honest "the documents I hold don't cover that" is."""

    min_confidence: Share = 0.5  # type: ignore[valid-type]
    min_support: Share = 0.5  # type: ignore[valid-type]
    min_item_cover: Share = 0.6  # type: ignore[valid-type]
    fuzzy_score: confloat(ge=0, le=100) = 86  # type: ignore[valid-type]
    fuzzy_max_zipf: float = 2.0
    anchor_support: Share = 1.0  # type: ignore[valid-type]
    nearest: conint(strict=True, ge=0) = 3  # type: ignore[valid-type]
    generic_words: list[Text] = []  # type: ignore[valid-type]
    asking_words: list[Text] = []  # type: ignore[valid-type]
    case_markers: list[Text] = []  # type: ignore[valid-type]
    question_openers: list[Text] = []  # type: ignore[valid-type]
    context_question_words: conint(strict=True, ge=1) = 35  # type: ignore[valid-type]
    check_requests: list[Text] = []  # type: ignore[valid-type]
    age_pattern: str = ""
    texts: AnsweringTexts  # type: ignore[valid-type]


class TopicSpec(Shape):
    id: constr(regex=r"^faq_[a-z0-9_]+$")  # type: ignore[valid-type]
    answer: conlist(Text, min_items=1)  # type: ignore[valid-type]  (knowledge ids, the first the main answer)
    examples: conlist(Text, min_items=4)  # type: ignore[valid-type]  (NLU training phrasings)


class FaqFile(Shape):
    answering: AnsweringSpec
    item_lists: dict[str, list[Text]] = {}  # type: ignore[valid-type]
    topics: conlist(dict[str, Any], min_items=1)  # type: ignore[valid-type]  (each a TopicSpec)
