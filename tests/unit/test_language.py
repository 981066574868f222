"""The rule-based language layer (bot/lang/api.py): parsers, scrubbing, danger and cues.

Two kinds of examples:
  - the labelled sets in tests/data/ (written before the rules, never tuned on one by
    one) are scored as a whole, with the thresholds of the brief;
  - the development examples below are what the rules were built and mended against.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.lang.api import (
    Age,
    Cue,
    Danger,
    Duration,
    Scrubbed,
    cue_kinds,
    detect_danger,
    find_cues,
    parse_age,
    parse_due_date,
    parse_duration,
    scrub,
)

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)  # a Monday


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_language", ROOT / "scripts" / "eval_language.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


EVAL = _eval_module()


# -- parse_age ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, band, months, weeks",
    [
        ("7 months", "baby", 7, None),
        ("14", "adolescent", 168, None),
        ("14 years old", "adolescent", 168, None),
        ("she's 3", "toddler", 36, None),
        ("2 and a half", "toddler", 30, None),
        ("18 month old", "toddler", 18, None),
        ("unborn, 30 weeks", "unborn", None, 30),
        ("30 weeks pregnant", "unborn", None, 30),
        ("mum is pregnant", "unborn", None, None),
        ("newborn", "baby", 0, None),
        ("6 weeks old", "baby", 1, None),
        ("teenager", "adolescent", None, None),
        ("year 9", "adolescent", 156, None),
        ("reception", "primary", 60, None),  # a pupil (4 turning 5), read at 5 (bot/lang/age.py)
        ("year 1", "primary", 60, None),
        ("toddler", "toddler", None, None),
        ("5yo", "primary", 60, None),
        ("aged 11", "primary", 132, None),
        ("he is 4", "toddler", 48, None),
        ("1 year 6 months", "toddler", 18, None),
        ("two and a half years old", "toddler", 30, None),
        ("8-month-old", "baby", 8, None),
        ("girl (13)", "adolescent", 156, None),
        ("y7", "primary", 132, None),
        ("16 yr old", "adolescent", 192, None),
        ("she's 15 and pregnant", "adolescent", 180, None),
        ("she is 3 and was left for 2 weeks", "toddler", 36, None),
        ("mum is 24 and pregnant", "unborn", None, None),
        ("a baby", "baby", None, None),
        ("primary school age", "primary", None, None),
    ],
)
def test_parse_age(text, band, months, weeks):
    assert parse_age(text) == Age(band, months, weeks)


@pytest.mark.parametrize("text", ["", "   ", "18", "he is 19", "an adult", "no idea", "19 years old"])
def test_parse_age_none(text):
    assert parse_age(text) is None


# -- parse_duration --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, months, vague, since",
    [
        ("since September", 2.7, False, date(2026, 9, 1)),
        ("for 3 months", 3.0, False, date(2026, 8, 23)),
        ("about two years", 24.0, False, date(2024, 11, 23)),
        ("6 weeks", 1.4, False, date(2026, 10, 12)),
        ("since the baby was born", None, True, None),
        ("a while", None, True, None),
        ("ages", None, True, None),
        ("for some time", None, True, None),
        ("since last summer", 5.7, False, date(2026, 6, 1)),
        ("since Christmas", 10.9, False, date(2025, 12, 25)),
        ("all his life", None, True, None),
        ("since march 2025", 20.8, False, date(2025, 3, 1)),
        ("since 12/01/2026", 10.3, False, date(2026, 1, 12)),
        ("18 months", 18.0, False, date(2025, 5, 23)),
        ("since november", 0.7, False, date(2026, 11, 1)),
        ("since dad left", None, True, None),
        ("for years", None, True, None),
    ],
)
def test_parse_duration(text, months, vague, since):
    assert parse_duration(text, TODAY) == Duration(months, vague, since)


def test_parse_duration_few_days_is_vague_with_a_rough_figure():
    d = parse_duration("a few days", TODAY)
    assert d.vague and d.since is None and 0 < d.months < 0.5


def test_since_a_month_is_the_most_recent_one():
    # in February, "since September" is last year's September
    assert parse_duration("since September", date(2027, 2, 10)).since == date(2026, 9, 1)
    # during a summer, "last summer" is the one before
    assert parse_duration("since last summer", date(2026, 7, 15)).since == date(2025, 6, 1)


@pytest.mark.parametrize("text", ["", "no idea", "not sure"])
def test_parse_duration_none(text):
    assert parse_duration(text, TODAY) is None


# -- parse_due_date ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, due",
    [
        ("by Friday", date(2026, 11, 27)),
        ("next week", date(2026, 11, 30)),
        ("in two weeks", date(2026, 12, 7)),
        ("end of the month", date(2026, 11, 30)),
        ("end of March", date(2027, 3, 31)),
        ("12/01/2027", date(2027, 1, 12)),
        ("12/1/27", date(2027, 1, 12)),
        ("tomorrow", date(2026, 11, 24)),
        ("before the core group on 3rd Feb", date(2027, 2, 3)),
        ("within 10 working days", date(2026, 12, 7)),
        ("next Friday", date(2026, 12, 4)),
        ("by Monday", date(2026, 11, 30)),
        ("in a fortnight", date(2026, 12, 7)),
        ("end of next month", date(2026, 12, 31)),
        ("on 14 December", date(2026, 12, 14)),
        ("by the 5th", date(2026, 12, 5)),
        ("within 48 hours", date(2026, 11, 25)),
        ("end of the week", date(2026, 11, 27)),
        ("today", TODAY),
    ],
)
def test_parse_due_date(text, due):
    assert parse_due_date(text, TODAY) == due


def test_working_days_skip_bank_holidays():
    # from Monday 21 Dec 2026: 22, 23, 24, then Friday 25 and Monday 28 (Boxing Day falls
    # on a Saturday) are bank holidays, then 29 and 30
    assert parse_due_date("within 5 working days", date(2026, 12, 21)) == date(2026, 12, 30)


@pytest.mark.parametrize("text", ["", "asap", "when she can", "soon"])
def test_parse_due_date_none(text):
    assert parse_due_date(text, TODAY) is None


# -- scrub ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected, kinds",
    [
        ("mum is Mrs Testperson", "mum is [name]", ("name",)),
        (
            "the boy is called Jayden, DOB 03/04/2019",
            "the boy is called [name], DOB [date of birth]",
            ("name", "date of birth"),
        ),
        ("his name is jayden", "his name is [name]", ("name",)),
        ("date of birth 3.4.19", "date of birth [date of birth]", ("date of birth",)),
        ("born on 3 April 2019", "born on [date of birth]", ("date of birth",)),
        ("lives at 14 Example Road, ZZ99 9ZZ", "lives at [address], [postcode]", ("address", "postcode")),
        ("Flat 2, 17 Sample Street", "[address]", ("address",)),
        ("ring 07700 900123 or +44 7700 900456", "ring [phone] or [phone]", ("phone",)),
        ("020 7946 0123", "[phone]", ("phone",)),
        ("mum.test@example.com", "[email]", ("email",)),
        ("NHS number 485 777 3456", "NHS number [NHS number]", ("NHS number",)),
        ("named Jo", "named [name]", ("name",)),
        ("SE10 9XX and ME14 1XX", "[postcode] and [postcode]", ("postcode",)),
        # a capitalised name after a relation word with a possessive or an article before it
        (
            "she says her older sister Testabel looks after her",
            "she says her older sister [name] looks after her",
            ("name",),
        ),
        ("mum's boyfriend Fakeman Noone stays over", "mum's boyfriend [name] stays over", ("name",)),
        ("the cousin Testcuz was there", "the cousin [name] was there", ("name",)),
        # "I'm X", "I am X", also inside quotes, and ", called X"
        ("he said 'I am Testlad Madeup' and ran off", "he said 'I am [name]' and ran off", ("name",)),
        ("she wrote: I'm Notaname, I'm 9", "she wrote: I'm [name], I'm 9", ("name",)),
        ("the lad, called Testboy, was outside", "the lad, called [name], was outside", ("name",)),
    ],
)
def test_scrub_examples(text, expected, kinds):
    assert scrub(text) == Scrubbed(expected, kinds)


@pytest.mark.parametrize(
    "text",
    [
        "the school nurse saw him",
        "Mum said no",
        "core group on Friday",
        "7 months",
        "s47 today",
        "CP plan agreed",
        "year 9",
        "case ABC-12",
        "I called Front Door",
        "dad called the MASH",
        "review on 12/01/2027",
        "s47 2nd strategy meeting",
        "a 10 minute walk",
        "Dr appointment missed",
        "mum will miss the review",
        "he was called back in",
        "",
        "3 missed appointments since March",
        # relation words and "I'm" followed by ordinary words
        "his brother hits him",
        "Mum Said no",
        "her mum Front Door referral",
        "his dad GP appointment",
        "the child Protection plan",
        "the partner Agencies met",
        "I'm Scared",
        "I'm not sure",
        "I am Worried",
        "her sister. Then Monday",
        "my friend I think",
        "I called, the school called back",
    ],
)
def test_scrub_leaves_practice_text_alone(text):
    assert scrub(text) == Scrubbed(text, ())


def _ordinary_texts() -> list[str]:
    """Every NLU training example (entity markup taken out) and every labelled danger and cue
    sentence: practice text in which no detail is expected."""
    root = Path(__file__).resolve().parents[2]
    texts = set()
    for path in sorted((root / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text()).get("nlu") or []:
            for line in (block.get("examples") or "").splitlines():
                line = re.sub(r"^\s*-\s*", "", line).strip()
                line = re.sub(r"\[([^\]]+)\](?:\{[^}]*\}|\([^)]*\))", r"\1", line)
                if line:
                    texts.add(line)
    data = root / "tests" / "data"
    texts |= {e["text"] for e in yaml.safe_load((data / "danger_phrases.yml").read_text())["examples"]}
    texts |= {e["text"] for e in yaml.safe_load((data / "cue_sentences.yml").read_text())["sentences"]}
    return sorted(texts)


def test_scrub_changes_no_ordinary_practice_text():
    texts = _ordinary_texts()
    changed = {t: s.text for t in texts if (s := scrub(t)).removed}  # each text scrubbed once
    assert len(texts) > 1500 and changed == {}


def test_scrub_kinds_are_distinct_and_in_text_order():
    got = scrub("call 07700 900111, Mrs Testperson, or 07700 900222")
    assert got.removed == ("phone", "name")


def test_every_personal_detail_in_the_set_is_removed():
    s = EVAL.eval_scrub()
    assert s.messages >= 45 and s.clean >= 10
    assert s.leaks == [], s.leaks
    assert s.kind_errors == [], s.kind_errors
    assert s.changed == [], s.changed


# -- detect_danger ----------------------------------------------------------------------------
DEV_DANGER = [
    "the baby is upstairs in her cot in the flat by herself",
    "found the twins alone at home, no sign of mum",
    "kids r on there own rn",
    "2 year old home alone!!",
    "toddler wandering along the canal on his own",
    "mum's boyfriend is battering her and the kids are watching",
    "the boy has been locked in his bedroom all day",
    "my pupil has told me she's going to hurt herself tonight",
    "she's taken a load of pills and won't say what",
    "lad says he's frightened to go back home after what happened",
    "baby is blue and not responding",
    "the child can't breathe properly and mum won't call an ambulance",
    "the kitchen is on fire",
    "smell of gas in the flat and the kids are asleep",
    "teenager is missing since 4pm and not answering her phone",
    "she's in a flat with some older men she met online right now",
    "dad's wasted and has both kids in the car",
    "mum is passed out and the baby is crying",
    "nan is collapsed on the floor and the 5yo rang me",
    "she's refusing to go home because mum's boyfriend is there",
    "he's been thrown out by his dad and is sleeping in a park tonight",
    "the baby is in immediate danger",
    "nobody is home with the 3 year old",
    "no one there to pick him up from school, he is waiting outside",
    "I've called the police, dad is threatening to kill mum",
    "kids are on their own, mum's at the pub",
    "they've got nowhere to stay tonight",
    "mums gone out and left the kids, they're 3 and 5",
    "the 10 month old has a head wound that hasn't been looked at",
    "Baby has stopped breathing!!",
    "the kids have been by themselves since friday",
    "toddler is choking",
    "mum's boyfriend has just punched her and the baby is in the room",
    "child has taken mums methadone",
    "she is threatening to jump off the bridge",
    "Y10 lad says he's going to kill himself after school",
    "they were left without any adult overnight and are still alone",
    "no adult at home, 3 kids under 5",
    "mum is absolutely hammered and the baby is screaming",
    "the kids are locked in the flat and mum is not answering",
    "16 year old girl has gone missing with a 30 year old man",
    "mum drove off drunk with the baby in the car just now",
    "the child is having a seizure",
    "he's been beaten by dad and is too scared to go home",
    "kid on the roof",
    "what do i do, the baby isn't breathing",
]
DEV_NOT_DANGER = [
    "what is the legal age for being left alone?",
    "can you explain what a s47 is?",
    "he used to be left on his own a lot when he was little",
    "mum has been on her own with the kids since dad left",
    "the kids are not home alone, nan is there every night",
    "back in 2020 the baby had a head injury",
    "is there a risk of fire from the hoarding?",
    "how would i know if a baby is not breathing properly?",
    "there was a fire at the property two years ago",
    "dad drinks at weekends but never when he has the kids",
    "no concerns about supervision, mum is always there",
    "she said she felt scared to go home last year but things have settled",
    "should i call 999 if a 15 year old has gone missing for a few hours?",
    "what are the signs that a child has been left alone a lot?",
    "previously the children were left unsupervised on several occasions",
    "the fire alarm was not working when I visited",
    "mum missed the last two appointments",
    "mum said she has been missing her sister",
    "he has burns from a kitchen accident last year, healed now",
    "the case was escalated to the police last month",
    "what's the procedure if a child discloses they are scared to go home?",
    "do we have a policy on home alone?",
    "mum was drinking heavily in 2019",
    "the fire service did a home safety check",
    "he was missing from school today",
    "she has never been left alone",
    "the children were not alone, dad was upstairs",
    "in supervision we discussed the risk of the kids being left alone",
    "can a 13 year old babysit?",
    "she self-harmed when she was 12, she is 15 now",
    "how should i respond if a child says they are scared of going home",
    "mum said she felt like giving up last week but is ok now",
    "nobody is in immediate danger, I just want to talk through my worries",
    "no one is in danger right now",
    "mum is on her own with the kids",
    "",
]


@pytest.mark.parametrize("text", DEV_DANGER)
def test_danger_development_examples(text):
    got = detect_danger(text)
    assert got.immediate, got.reason
    assert got.reason.startswith("danger_")


@pytest.mark.parametrize("text", DEV_NOT_DANGER)
def test_not_danger_development_examples(text):
    got = detect_danger(text)
    assert not got.immediate, got.reason


@pytest.mark.parametrize(
    "text, why",
    [
        ("what counts as immediate danger?", "question"),
        ("last year he was left alone once", "past"),
        ("no immediate danger, just worried about the state of the house", "negated"),
        ("if a baby wasn't breathing would i ring 999?", "hypothetical"),
        ("there were concerns about home alone", "general"),
    ],
)
def test_danger_reason_says_why_a_mention_is_not_an_emergency(text, why):
    got = detect_danger(text)
    assert got == Danger(False, got.reason, mentioned=True) and why in got.reason


@pytest.mark.parametrize(
    "text, immediate, mentioned",
    [
        ("the toddlers are on their own right now", True, True),
        ("what counts as immediate danger?", False, True),
        ("the chronology shows he was locked out twice in 2023", False, True),
        ("he's not on his own anymore, nan arrived an hour ago", False, True),  # a negation inside the signal
        ("the children were not alone, dad was upstairs", False, True),
        ("can you explain the threshold for a section 47?", False, False),
        ("mum missed the last two appointments", False, False),
    ],
)
def test_danger_says_whether_a_signal_was_found_at_all(text, immediate, mentioned):
    got = detect_danger(text)
    assert (got.immediate, got.mentioned) == (immediate, mentioned), got


def test_danger_set_full_recall_and_few_false_alarms():
    s = EVAL.eval_danger()
    assert s.danger >= 45 and s.near_misses >= 25
    assert s.misses == [], s.misses
    assert s.false_alarms <= 2, s.alarms


# -- find_cues --------------------------------------------------------------------------------
DEV_CUES = [
    ("dad is really trying and has come on leaps and bounds", {"optimism", "parent_focus"}),
    ("the kids are loads happier since mum stopped drinking", {"optimism"}),
    ("she seems to be on the right track with the baby now", {"optimism"}),
    ("honestly it was just a blip, the kids are usually clean", {"optimism"}),
    ("the house isn't too bad for the children considering", {"optimism"}),
    ("mum is a lovely mum and means well", {"optimism", "parent_focus"}),
    ("mum is not engaging well with the plan and the baby is still underweight", set()),
    ("the baby is not doing well on the new milk", set()),
    ("that's the norm for families on this estate, the kids all play out", {"normalising"}),
    ("I've seen much worse houses than this one for a toddler", {"normalising"}),
    ("it's a cultural thing, the kids eat when they can", {"normalising", "vague_time"}),
    ("teenagers are all like that, he'll grow out of it", {"normalising"}),
    ("it's not ideal but it's not the worst I've seen", {"normalising"}),
    ("it's what you'd expect on that estate, the children are always dirty", {"normalising"}),
    ("the school have been chasing the referral for ages", {"vague_time"}),
    ("mum said she will get the beds sorted in a bit", {"vague_time", "parent_focus"}),
    ("the review will be rearranged in due course for the children", {"vague_time"}),
    ("things went wrong a few weeks ago for the kids", {"vague_time"}),
    ("they've been on the waiting list forever", {"vague_time"}),
    ("mum says she'll sort it when she can", {"vague_time", "parent_focus"}),
    ("dad lost his temper at the contact centre and mum cried", {"parent_focus"}),
    ("the parents argued about money for the whole visit", {"parent_focus"}),
    ("mum has been very low and her partner is not helping with the housework", {"parent_focus"}),
    ("children's services have closed the case and mum is relieved", {"parent_focus"}),
    ("dad cried when he talked about his own father", {"parent_focus"}),
    ("mum said he has not been to school since Tuesday", set()),
    ("dad said she was hungry when she got home", set()),
    ("I saw the toddler's bedroom on 3 May and there was no bedding", set()),
    ("the family were at the food bank on 12 October", set()),
    ("her attendance is 88% and she is often late on Mondays", set()),
    ("school say she is fine but looks tired", {"optimism"}),
    ("mum is doing everything we ask", {"optimism", "parent_focus"}),
    ("the kids seem happy enough and mum is coping better", {"optimism"}),
    ("mum has shown real commitment to change", {"optimism", "parent_focus"}),
    ("the children are thriving at school now", {"optimism"}),
    ("she was in the same clothes as last week and smelt of urine", set()),
    ("the eldest says nobody makes breakfast", set()),
    ("", set()),
]


@pytest.mark.parametrize("text, kinds", DEV_CUES)
def test_cue_development_examples(text, kinds):
    cues = find_cues(text)
    assert {c.kind for c in cues} == kinds, cues


def test_cues_report_the_words_found_in_text_order():
    cues = find_cues("mum is trying really hard and things have been much better for a while")
    assert cues[0] == Cue("parent_focus", "mum")
    assert Cue("optimism", "trying really hard") in cues
    assert Cue("optimism", "much better") in cues
    assert Cue("vague_time", "a while") in cues
    assert [c.kind for c in cues][-1] == "vague_time"


def test_cue_precision_and_recall_per_kind_on_the_labelled_set():
    s = EVAL.eval_cues()
    assert s.sentences >= 70
    for kind in EVAL.CUE_KINDS:
        assert s.tp[kind] > 0, kind
        assert s.precision(kind) >= 0.8, (kind, s.errors)
        assert s.recall(kind) >= 0.8, (kind, s.errors)


def test_each_cue_kind_has_a_follow_up_a_pitfall_and_a_source():
    kinds = cue_kinds()
    assert set(kinds) == {"optimism", "normalising", "vague_time", "parent_focus"}
    pitfalls = {
        "optimism": "rule_of_optimism",
        "normalising": "neglect_fatigue",
        "vague_time": "drift",
        "parent_focus": "invisible_child",
    }
    for kind, info in kinds.items():
        assert info.id == f"cue_{kind}"
        assert info.pitfall == pitfalls[kind]
        assert info.follow_up.endswith("?") and info.source_doc in {"kent", "greenwich", "camden"}
    pitfall_file = ROOT / "knowledge" / "pitfalls.yml"
    if pitfall_file.exists():
        ids = {p["id"] for p in yaml.safe_load(pitfall_file.read_text(encoding="utf-8"))["pitfalls"]}
        assert set(pitfalls.values()) <= ids


# -- the data files and the module ------------------------------------------------------------
def test_language_files_have_prefixed_unique_ids():
    prefixes = {"danger.yml": "danger_", "cues.yml": "cue_", "personal_details.yml": "pd_"}
    seen = set()
    for name, prefix in prefixes.items():
        data = yaml.safe_load((ROOT / "knowledge" / "language" / name).read_text(encoding="utf-8"))
        items = [i for v in data.values() if isinstance(v, list) for i in v if isinstance(i, dict)]
        assert items
        for item in items:
            assert item["id"].startswith(prefix) and item["id"] not in seen
            assert item["source"]["doc"] and item["source"]["section"]
            seen.add(item["id"])


def test_word_lists_hold_text_only():
    # an unquoted yes/no/on/off in YAML would silently become true/false
    def scalars(node):
        if isinstance(node, dict):
            for v in node.values():
                yield from scalars(v)
        elif isinstance(node, list):
            for v in node:
                yield from scalars(v) if isinstance(v, (dict, list)) else [v]

    for name in ("danger.yml", "cues.yml", "personal_details.yml"):
        data = yaml.safe_load((ROOT / "knowledge" / "language" / name).read_text(encoding="utf-8"))
        bad = [v for v in scalars(data) if isinstance(v, bool) or v is None]
        assert bad == [], (name, bad)


def test_importing_the_api_loads_neither_spacy_nor_rasa():
    code = (
        "import sys; import bot.lang.api; "
        "assert 'spacy' not in sys.modules and 'rasa' not in sys.modules, 'loaded at import'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)
