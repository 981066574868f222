"""The age band (issue 17 item 3): one label table in knowledge/age_bands.yml, one type
(bot/knowledge/age_band.py), used by the check, training, the language layer and the models."""

from __future__ import annotations

import pytest

from bot.knowledge import models
from bot.knowledge.age_band import INDICATOR_BANDS, KEYS, AgeBand
from bot.lang.age import band_for, parse_age
from bot.walks import training_library
from bot.walks.check_plan import AGE_QUESTION, Plan


def test_the_table_gives_each_band_its_labels_and_words():
    assert KEYS == ("unborn", "baby", "toddler", "primary", "adolescent")
    assert INDICATOR_BANDS == KEYS + ("disabled",) == models.AGE_BANDS
    baby = AgeBand.from_key("baby")
    assert (baby.label, baby.training_label, baby.months) == ("under 1", "baby", (0, 11))
    assert "infant" in baby.words
    with pytest.raises(ValueError, match="unknown age band 'infant'"):
        AgeBand.from_key("infant")


@pytest.mark.parametrize(
    "text, key",
    [
        ("baby", "baby"),
        ("Under 1", "baby"),
        ("12 to 17", "adolescent"),
        ("teenager", "adolescent"),
        ("pre school", "toddler"),
    ],
)
def test_parse_reads_a_key_a_label_or_a_word(text, key):
    assert AgeBand.parse(text).key == key


def test_parse_gives_none_for_what_names_no_band():
    assert AgeBand.parse("grandparent") is None


@pytest.mark.parametrize(
    "months, key",
    [
        (-1, None),
        (0, "baby"),
        (11, "baby"),
        (12, "toddler"),
        (59, "toddler"),
        (60, "primary"),
        (143, "primary"),
        (144, "adolescent"),
        (215, "adolescent"),
        (216, None),
    ],
)
def test_months_map_to_the_same_band_everywhere(months, key):
    band = AgeBand.for_months(months)
    assert (band.key if band else None) == key == band_for(months)
    if key and months >= 12:
        assert parse_age(f"{months // 12} years old").band == key


def test_the_check_and_training_name_a_band_from_the_one_table(kb):
    plan = Plan(kb)
    age = plan.by_id[AGE_QUESTION]
    assert [(o.value, o.label) for o in age.options] == [
        (b.key, b.label[:1].upper() + b.label[1:]) for b in AgeBand.all()
    ]
    assert plan.label(age, "baby") == "under 1" and plan.label(age, "primary") == "5 to 11"
    library = training_library.get_library(kb)
    for sc in library.scenarios:
        assert sc.who.startswith(AgeBand.from_key(sc.band).training_label)


@pytest.mark.parametrize(
    "text, band, months",
    [
        ("boy aged 5 months", "baby", 5),  # read as 5 years before (S10-LA10 found it)
        ("a girl aged 14 months, walking", "toddler", 14),
        ("aged 3 weeks", "baby", 0),
        ("aged 5", "primary", 60),  # controls: 'aged N' alone is still years
        ("aged 5 years", "primary", 60),
        ("aged 2 and a half", "toddler", 30),
        ("Y2 pupil, age 7\nWk 1 Mon: same uniform as last week", "primary", 84),  # a log line, no unit
    ],
)
def test_aged_with_a_unit_is_read_in_that_unit(text, band, months):
    age = parse_age(text)
    assert (age.band, age.months) == (band, months)
