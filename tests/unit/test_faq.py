"""Questions about practice: topics, coverage, generated files, answers with sources."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.knowledge import faq

ROOT = Path(__file__).resolve().parents[2]


def norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def test_generated_nlu_and_domain_are_up_to_date(kb):
    assert faq.generate(kb, check_only=True) == [], "run `python -m bot faq generate`"


def test_every_glossary_term_pitfall_framework_next_step_and_level_has_a_topic(kb):
    answered = {a for t in faq.topics(kb) for a in t.answer}
    for kind in ("term", "pitfall", "framework", "next_step", "level"):
        missing = [i.id for i in kb.of_kind(kind) if i.id not in answered]
        assert not missing, f"{kind} without a faq topic: {missing}"


def test_every_answer_cites_its_source(kb):
    for t in faq.topics(kb):
        text = faq.answer_text(t.key, kb)
        assert text and "(Source: " in text, t.key


def test_a_next_step_answer_names_the_local_contact(kb):
    text = faq.answer_text("faq/mash", kb)
    assert text is not None and "Contact:" in text


def test_held_out_examples_are_never_in_training():
    training = set()
    for f in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(f.read_text())["nlu"]:
            training.update(norm(line[2:]) for line in block.get("examples", "").splitlines() if line.strip())
    for f in (ROOT / "tests" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(f.read_text())["nlu"]:
            for line in block["examples"].splitlines():
                if line.strip():
                    assert norm(line.strip()[2:]) not in training, line


def test_unknown_topic_has_no_answer(kb):
    assert faq.answer_text("faq/no_such_topic", kb) is None


# -- every item answers a question about it (issue 22) -------------------------------------
from bot.knowledge import answers  # noqa: E402

PARENT_OF_LISTED = {
    "disguised_compliance_sign": "what are the signs of disguised compliance",
    "resistance_sign": "what are the signs of resistance",
    "supervision_question": "tell me about supervision questions",
    "criterion": None,
}


def _answer(text, kb):
    found = answers.decide(text, kb)
    return found.kind, found.key, found.reply.text


def test_every_item_is_found_by_asking_about_its_name_and_each_alias(kb):
    missed = []
    for item in kb.items.values():
        if item.kind not in answers.ANSWERABLE:
            continue
        for name in {item.name, *item.aliases}:
            kind, key, text = _answer(f"tell me about {name}", kb)
            if kind not in ("item", "topic") or f"{item.name}: {item.text}" not in text:
                # another item of the same name (a term and its next step) is a fair answer
                same = [i for i in kb.items.values() if name.lower() in {n.lower() for n in answers._names(i)}]
                if not any(f"{i.name}: {i.text}" in text for i in same):
                    missed.append(f"{item.id} <- 'tell me about {name}' gave {kind} {key}")
    assert missed == [], "\n".join(missed)


def test_signs_criteria_and_supervision_questions_are_answered_with_their_parent(kb):
    for item in kb.items.values():
        if item.kind in ("disguised_compliance_sign", "resistance_sign", "supervision_question"):
            _, _, text = _answer(PARENT_OF_LISTED[item.kind], kb)
            assert item.text in text, item.id
        if item.kind == "criterion":
            level = kb.get(item.level)
            _, _, text = _answer(f"tell me about {level.name}", kb)  # the level, with its criteria
            assert item.text in text, item.id


def test_the_families_the_issue_names_are_reached_by_plain_questions(kb):
    asks = {
        "what does neglect look like in teenagers": "adolescents",
        "what is pre-birth neglect": "unborn_babies",
        "which children are more vulnerable to neglect": "vulnerable_groups_overview",
        "what are the risk factors for neglect": "risk_factors_overview",
        "what are protective factors": "protective_factors_overview",
        "tell me about domestic abuse": "domestic_abuse",
        "tell me about parental mental health": "parental_mental_ill_health",
        "tell me about parental substance misuse": "parental_substance_misuse",
        "what does was not brought mean": "was_not_brought",
        "what is private fostering": "private_fostering",
        "what is the advice on co-sleeping": "safe_sleep",
        "what is fabricated or induced illness": "fabricated_or_induced_illness",
        "what is a young carer": "young_carers",
        "what do i do if a child discloses": "child_discloses",
    }
    for question, item_id in asks.items():
        kind, key, text = _answer(question, kb)
        assert kind in ("item", "topic") and kb.get(item_id).text in text, (question, kind, key)


def test_an_answer_beyond_the_documents_says_so_and_names_who_to_ask(kb):
    _, _, text = _answer("what do i do if a child discloses", kb)
    assert "do not set out" in text and "safeguarding lead" in text and "Keeping Children Safe in Education" in text


# -- the honest fallback (issue 18 part 3) ------------------------------------------------
def test_a_topic_the_question_does_not_support_is_not_given(kb):
    """The selector chose 'early help assessment' for a co-sleeping question (seen on main)."""
    found = answers.decide(
        "how long should a baby stay in the parents' room at night", kb, "faq/early_help_assessment", 0.93
    )
    assert found.kind == "not_covered"
    assert found.reply.text.startswith("The documents I hold don't cover that")
    assert "safeguarding lead" in found.reply.text
    assert 1 <= len(found.reply.buttons) <= 3
    for b in found.reply.buttons:  # each button asks for a topic the item route answers
        assert answers.decide(b.payload, kb).kind in ("item", "topic"), b.payload


def test_a_rare_unknown_term_outweighs_a_common_known_one(kb):
    """'MARAC' is in no topic, 'refer' in many: the referral topic does not account for it."""
    assert answers.support("what is a marac and when do i refer", "faq/referral", kb) < 0.4
    assert answers.support("when do i refer to childrens social care", "faq/referral", kb) >= 0.4


def test_a_common_word_is_not_taken_for_a_typo_of_a_topic_word():
    """'county' is not a typo of 'count' (early help's "what counts as"); 'drfit' is one of 'drift'."""
    assert not answers._found("county", frozenset({"count"}), 80, 2.0)
    assert answers._found("drfit", frozenset({"drift"}), 80, 2.0)


def test_a_question_about_a_term_no_topic_knows_is_not_given_a_topic_of_its_other_words(kb):
    """Invented questions: 'DASH' is in no topic; 'domestic abuse' is, but does not answer it."""
    for key in ("faq/domestic_abuse", "faq/toxic_trio"):
        found = answers.decide("is a DASH form needed when a family has domestic abuse", kb, key, 0.9)
        assert found.kind == "not_covered", key
    found = answers.decide("what signs show a teenager is being drawn into county lines", kb, "faq/early_help", 0.9)
    assert found.kind == "not_covered"
    # the same topic still answers a question it accounts for
    assert (
        answers.decide("what does domestic abuse do to a child's care", kb, "faq/domestic_abuse", 0.9).kind == "topic"
    )


def test_a_supported_topic_is_given_even_with_a_typo(kb):
    found = answers.decide("whats drfit in a neglect case", kb, "faq/drift", 0.8)
    assert found.kind == "topic" and found.key == "drift"


def test_a_low_confidence_topic_is_not_given(kb):
    assert answers.decide("how long is too long for that", kb, "faq/drift", 0.05).kind == "not_covered"


def test_a_last_clause_stands_for_the_question_only_when_the_rest_tells_of_a_family(kb):
    """Invented messages. When the first sentence is not about a particular family it is part of
    the question: the whole message must find the topic, not its last clause alone (issue 18)."""
    clause = "What support can a family get at child in need level?"
    assert answers.decide(clause, kb, "faq/child_in_need", 0.9).kind in ("topic", "item")
    text = "Parents are refugees under the Dublin regulation. " + clause
    assert not answers.is_case_description(text, kb) and answers.context_question(text, kb)
    assert answers.decide(text, kb, "faq/child_in_need", 0.9).kind == "not_covered"
    # set in a case, the last clause is the question: answered, with the check offered beside it
    found = answers.decide(
        "a 12 year old looks after his disabled mum, is he a young carer?", kb, "faq/young_carers", 0.9
    )
    assert found.kind == "topic" and found.key == "young_carers"
    assert any(b.payload == "/start_check" for b in found.reply.buttons)


def test_a_case_description_is_never_answered_with_an_article(kb):
    for text in (
        "Family support worker. Visited today, kitchen had no food and dog mess on the floor, "
        "2 kids under 5. Can we go through it?",
        "I've got a gut feeling something isn't right with one of my families",
        "mum keeps missing the baby's health visits and the flat smells, what do I do",
    ):
        found = answers.decide(text, kb, "faq/early_help_assessment", 0.95)
        assert found.kind == "case", text
        assert any(b.payload == "/start_check" for b in found.reply.buttons)


def test_the_fallback_names_the_lead_from_the_profile():
    from bot.knowledge.loader import load

    kb = load(profile="kent")
    text = answers.decide("what is the law on smacking", kb).reply.text
    assert kb.profile.term("safeguarding_lead", "") in text


def test_asking_to_ask_is_not_a_question(kb):
    assert answers.is_invitation("can i ask you something", kb)
    assert not answers.is_invitation("what is drift", kb)


# -- the action that sends the answers (actions/answers.py), with tracker fixtures ----------
def _tracker(text, intent="faq", key=None, confidence=0.9):
    from rasa_sdk import Tracker

    latest = {"text": text, "intent": {"name": intent, "confidence": confidence}}
    if key:
        latest["response_selector"] = {
            "faq": {
                "response": {"intent_response_key": key, "confidence": confidence},
                "ranking": [{"intent_response_key": key, "confidence": confidence}],
            }
        }
    return Tracker("fixture-user", {}, latest, [], False, None, {}, "action_listen")


def test_the_answer_action_gives_the_topic_the_fallback_the_check_or_an_invitation():
    from rasa_sdk.executor import CollectingDispatcher

    from actions.answers import ActionAnswerQuestion, answer_text_for

    def reply(t):
        d = CollectingDispatcher()
        ActionAnswerQuestion().run(d, t, {})
        return d.messages[0]

    assert "Source:" in reply(_tracker("what is drift in neglect", key="faq/drift"))["text"]
    covered_not = reply(_tracker("what are the rules on smacking a child", key="faq/early_help_assessment"))
    assert covered_not["text"].startswith("The documents I hold don't cover physical punishment")
    case = reply(
        _tracker("visited mum today, the 3 year old had no coat and the flat was freezing", key="faq/physical_neglect")
    )
    assert any(b["payload"] == "/start_check" for b in case["buttons"])
    assert "What would you like to know" in reply(_tracker("can i ask you something", "ask_question"))["text"]
    # mid-walk asides never hand a case over: the walkthrough keeps the message as an answer
    assert (
        answer_text_for(_tracker("visited mum today, the 3 year old had no coat", key="faq/physical_neglect")) is None
    )
