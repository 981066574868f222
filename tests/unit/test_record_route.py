"""A message the classifier sent to `faq` that names a case reference ('XQV-19') asks about that
case's record, so it takes the best-ranked record intent (rasa_ext/question_route.py, issue 18);
a practice term with a number ('ASQ-3', 'GCP2', 's47', 'WT-2023') is no case reference.
Invented phrasings and references."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_ext.question_route import record_intent, swap

RANKING = [
    {"name": "faq", "confidence": 0.8},
    {"name": "greet", "confidence": 0.1},
    {"name": "distance_travelled", "confidence": 0.07},
    {"name": "show_chronology", "confidence": 0.03},
]


@pytest.mark.parametrize(
    "text",
    [
        "is XQV-19 any better than in the summer",
        "has the family on zzt-404 moved on at all",
        "how's KPW-88 doing since the last review",
    ],
)
def test_a_faq_message_naming_a_case_reference_takes_the_best_record_intent(text):
    assert record_intent(text, "faq", RANKING) == "distance_travelled"


@pytest.mark.parametrize(
    "text",
    [
        "what is the ASQ-3 for",
        "how is the GCP2 scored",
        "what happens in an s47 enquiry",
        "what does WT-2023 say about neglect",
        "neglect of young people aged 14-17",
        "what does a 0-10 scaling question mean",
    ],
)
def test_a_practice_term_with_a_number_is_no_case_reference(text):
    assert record_intent(text, "faq", RANKING) is None


def test_only_faq_is_routed_and_only_to_a_ranked_record_intent():
    assert record_intent("check concerns on XQV-19", "start_check", RANKING) is None
    assert record_intent("is XQV-19 any better", "faq", RANKING[:2]) is None


def test_the_two_swap_places():
    message = Message({TEXT: "is XQV-19 any better"})
    message.set(INTENT, {"name": "faq", "confidence": 0.8})
    message.set(INTENT_RANKING_KEY, RANKING)
    swap(message, "faq", "distance_travelled", "record_route")
    assert message.get(INTENT) == {"name": "distance_travelled", "confidence": 0.8}
    ranking = message.get(INTENT_RANKING_KEY)
    assert [r["name"] for r in ranking[:2]] == ["distance_travelled", "greet"]
    assert {"name": "faq", "confidence": 0.07} in ranking
    assert message.get("record_route") == "faq"
