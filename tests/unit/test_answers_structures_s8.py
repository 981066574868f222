"""General structures of a typed answer added in session 8 (issue 19), each shown on invented
words: the first part that says how long in so many words; a pregnancy's weeks then and now; a
part about another child left out at the duration question; serious harm beside a milder word is
asked, never stored as some; "all of them except ..." at a question of several answers; a
birthday just had; "I'll check" is not sure; a threat is hostile; missing every meeting is
avoiding; telling the lead in passing is telling them; "tight but managing"."""

from __future__ import annotations

from datetime import date

from bot.lang.age import parse_age
from bot.lang.answers import read_answer
from bot.lang.when import parse_duration

TODAY = date(2026, 12, 5)


def read(plan, qid, text):
    r = read_answer(plan.by_id[qid], text, TODAY)
    return r.status, r.value


def test_the_part_that_says_how_long_in_so_many_words_decides(plan):
    # the first part is vague ("since the school raised it"); the second says how long
    assert read(plan, "q_duration", "since the school raised it at parents evening, roughly seven months back") == (
        "sure",
        "3_to_12m",
    )


def test_a_pregnancy_told_by_its_weeks_then_and_now(plan):
    d = parse_duration("since the midwife first saw her at 10 weeks, she's 34 weeks now", TODAY)
    assert d is not None and 5 < d.months < 6
    assert read(plan, "q_duration", "since booking at 10 weeks, she is 34 weeks now") == ("sure", "3_to_12m")


def test_a_part_about_another_child_says_nothing_of_how_long_for_this_one(plan):
    text = "his big brother was known for years but the worries about this one are only a few weeks old"
    assert read(plan, "q_duration", text) == ("sure", "under_3m")


def test_serious_harm_beside_a_milder_word_is_asked_never_stored_as_some(plan):
    # ("nappy rash" alone is some impact; told severe and bleeding, the serious question)
    assert read(plan, "q_impact__medical_neglect", "nappy rash, bleeding, left for a week") == ("ask", "serious")


def test_all_of_them_except_one_offers_the_rest_back(plan):
    status, value = read(plan, "q_parental_factors", "all of them apart from the drinking")
    assert status == "ask" and "substance_misuse" not in value.split(",")
    assert {"domestic_abuse", "mental_ill_health"} <= set(value.split(","))


def test_a_birthday_just_had_is_that_age():
    assert parse_age("he had his 2nd birthday on saturday").band == "toddler"


def test_ill_check_is_not_sure(plan):
    assert read(plan, "q_previous", "possibly years ago in another area, I'll check") == ("sure", "unsure")


def test_a_threat_is_hostile_and_missing_every_meeting_is_avoiding(plan):
    assert read(plan, "q_engagement", "mum said if we come again she'll set the dog on us")[1] == "hostile"
    assert read(plan, "q_engagement", "misses every appointment") == ("sure", "avoiding")


def test_telling_the_lead_in_passing_is_telling_them(plan):
    assert read(plan, "q_dsl_knows", "I mentioned it briefly to my manager after the visit") == ("sure", "yes")


def test_a_worry_conceded_then_managing(plan):
    assert read(plan, "q_material", "on benefits, tight but coping") == ("sure", "managing")


def test_help_that_reaches_the_child_is_used_for_the_child(plan):
    # (read by the classifier until session 8; its dev8 examples turned its guess to "no", 0.48
    # against 0.41, so the words are now a rule of answers.yml q_uses_support)
    assert read(plan, "q_uses_support", "the children benefit from it") == ("sure", "yes")


def test_serious_said_with_serious_harm_told_is_serious(plan):
    # the milder words describe the harm ("a nappy rash that has bled"): serious, not some
    assert read(plan, "q_impact__medical_neglect", "raw skin, a nappy rash that has bled, serious") == (
        "sure",
        "serious",
    )
