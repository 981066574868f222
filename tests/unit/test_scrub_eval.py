"""The scrubber on the independent labelled sets of issue 20 (tests/data/eval/, written apart
from the rules; the held-out part is only run, never read to write a rule). How much of the
non-identifying content it removes is gated here; whether the held-out details ever reach a
stored byte is gated end to end in tests/conversation/test_personal_details.py."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_language_pd", ROOT / "scripts" / "eval_language.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


EVAL = _eval_module()


# the smallest size each set is written to (the third dev set holds 94 messages)
MIN_ITEMS = {"personal_details_dev3.yml": 90}


@pytest.mark.parametrize("name", EVAL.DETAIL_SETS)
def test_over_scrubbing_is_at_most_two_percent(name):
    s = EVAL.eval_details(name)
    assert s.items >= MIN_ITEMS.get(name, 100) and s.content_words >= 500
    assert s.over_scrubbing <= 0.02, (s.over_scrubbed, s.content_words, [(i, w) for i, w, _ in s.lost])


def test_the_dev_set_s_details_are_removed():
    # the development part: a floor under what the rules reached on it (0.978, then 279 of
    # 279 after the fifth pass), so that a change that loses ground shows
    s = EVAL.eval_details("personal_details_dev.yml")
    assert s.details >= 250
    assert s.share_removed >= 1.0, [(i, d) for i, d, _ in s.leaks]


def test_the_second_dev_set_s_details_are_removed():
    # personal_details_dev2.yml, written before the rules it drove (5 December 2026): 171 of 171
    s = EVAL.eval_details("personal_details_dev2.yml")
    assert s.items >= 120 and s.details >= 150
    assert s.share_removed >= 1.0, [(i, d) for i, d, _ in s.leaks]


def test_the_third_dev_set_s_details_are_removed():
    # personal_details_dev3.yml, written before the second pass it drove (bot/lang/details/
    # rare_words.py): 145 of 161 before it, 156 of 161 after, 161 after the fifth pass
    s = EVAL.eval_details("personal_details_dev3.yml")
    assert s.items >= 90 and s.details >= 160
    assert s.details - len(s.leaks) >= 161, [(i, d) for i, d, _ in s.leaks]


def test_the_fourth_dev_set_s_details_are_removed():
    # personal_details_dev4.yml, written before the person-slot reading it drove (bot/lang/
    # details/person_slots.py): 216 of 276 before it, 273 of 276 after (5 December 2026), 276
    # after the fifth pass
    s = EVAL.eval_details("personal_details_dev4.yml")
    assert s.items >= 150 and s.details >= 270
    assert s.details - len(s.leaks) >= 276, [(i, d) for i, d, _ in s.leaks]


def test_the_fifth_dev_set_s_details_are_removed():
    # personal_details_dev5.yml, written by an independent writer before the pass it drove
    # (bot/lang/details/name_forms.py, handles, house numbers): 150 of 165 before it, 165 of
    # 165 after (5 December 2026); every earlier dev set at 100% after it too
    s = EVAL.eval_details("personal_details_dev5.yml")
    assert s.items >= 140 and s.details >= 165
    assert s.details - len(s.leaks) >= 165, [(i, d) for i, d, _ in s.leaks]


def test_the_sixth_dev_set_s_details_are_removed():
    # personal_details_dev6.yml, written by an independent writer before the pass it drove
    # (bot/lang/details/answer_names.py, place_forms.py): 240 of 281 before it, 278 of 281 after
    # (5 December 2026). The three left: two record numbers whose system name ("LCS", "mosaic id")
    # the set counts as part of the detail while personal_details_dev5.yml keeps "mosaic id" as a
    # word that must survive, and "Nana" as a first name where the rules keep it as a grandmother
    s = EVAL.eval_details("personal_details_dev6.yml")
    assert s.items >= 180 and s.details >= 281
    assert s.details - len(s.leaks) >= 278, [(i, d) for i, d, _ in s.leaks]


def test_the_seventh_dev_set_s_details_are_removed():
    # personal_details_dev7.yml, written by an independent writer blind to the rules, measured
    # before any change (5 December 2026, session 6): 357 of 400 details removed, over-scrubbing
    # 2 of 1087 content words; 394 of 400 after the seventh pass it drove (list_names.py, house
    # numbers after "no."/"number", record numbers with a dash, "due 04/26", food banks, care
    # homes and wards, initials, "the HV is sue at the [place]"). The six left: "xin yi" and
    # "li na" (Chinese names of two short syllables typed in lower case), "river" (an everyday
    # word as the baby's name), "St Michael's and All Angels", and a police log "0311 of 14/11".
    # 396 in session 9 (the tenth pass: bot/lang/details/tenth_pass.py).
    s = EVAL.eval_details("personal_details_dev7.yml")
    assert s.items >= 220 and s.details >= 400
    assert s.details - len(s.leaks) >= 396, [(i, d) for i, d, _ in s.leaks]


def test_the_eighth_dev_set_s_details_are_removed():
    # personal_details_dev8.yml, written blind to the rules while the seventh pass was being made:
    # 480 of 547 with session 5's rules, 484 first seen with the seventh pass (5 December 2026,
    # session 6), 504 after the rules it drove (plots, pitches and berths, admission numbers and
    # practice codes, dates with spaced slashes, 'the khan children', 'kids: a, b, c', prisons),
    # 507 with the rule for words no dictionary lists (rare_words.py, undictionary_zipf).
    # 522 after the eighth pass that personal_details_dev9.yml drove (session 7: word_names.py,
    # due dates in a pregnancy text, dates in words and Roman figures, units before numbers).
    # 531 after the tenth pass (session 9: bot/lang/details/tenth_pass.py).
    s = EVAL.eval_details("personal_details_dev8.yml")
    assert s.items >= 220 and s.details >= 547
    assert s.details - len(s.leaks) >= 531, [(i, d) for i, d, _ in s.leaks]


def test_the_ninth_dev_set_s_details_are_removed():
    # personal_details_dev9.yml, written blind to the rules (S7-PW9), measured before any change
    # (5 December 2026, session 7): 763 of 814 details removed with session 6's rules and count,
    # 796 once a possessive "'s" no longer counted as part of a name ("[name]'s" is left);
    # all 814 after the eighth pass it drove (bot/lang/details/word_names.py, the forms in
    # personal_details.yml, surname-list words after a found name). Rules written on the set
    # they are measured on: dev9 is no longer a first sight.
    s = EVAL.eval_details("personal_details_dev9.yml")
    assert s.items >= 240 and s.details >= 814
    assert s.details - len(s.leaks) >= 814, [(i, d) for i, d, _ in s.leaks]


# A dev set registered after its first sight and not yet tuned on is held to that first-seen figure (no
# worse) until a session tunes on it: personal_details_dev29 (S17-PW29) was first seen at 33 of 2243 words
# (1.5%) with session 17's starting code, and no rule was written from it in session 17.
# personal_details_dev30 (S17-PW29's blind twin) was measured at 37 of 2133 words (1.7%) at session 17's end.
# S18-PL6 tuned on dev29 and dev30 (8 of 2243 and 6 of 2133 words). personal_details_dev31 (S18-PW31) was
# first seen at 30 of 1709 words (1.8%) with session 18's starting code and is registered at session 18's end
# at the same 30 (no rule was written from it). S19-PL7 tuned on dev31 and on dev32 (session 18's blind set,
# 47 of 1460 words when it became dev): both are now held to 1% like every other dev set.
# personal_details_dev33 (S19-PW33) was first seen at 30 of 2214 words (1.4%) with session 19's starting code
# and is registered at session 19's end at 29 (S19-PL7's readings, written from other sets; none from it).
# S20-PL8 tuned on dev33 and on dev34 (session 19's blind set, 42 of 1967 words when it became dev, registered
# in session 20): 17 of 2214 and 18 of 1967 words, both now held to 1% like every other dev set.
# personal_details_dev35 (S20-PW35) was first seen at 34 of 1863 words (1.8%) with session 20's starting code
# and is registered at session 20's end at 28 (S20-PL8's readings, written from other sets; none from it).
# personal_details_dev36 (session 20's blind set, written with dev35) was measured at 29 of 1808 words (1.6%) at
# session 20's end and becomes a dev set in session 21 at that figure. S21-PL9 tuned on dev35 and dev36: 4 of
# 1863 and 1 of 1808 words, both now held to 1% like every other dev set. personal_details_dev37 (S21-PW37)
# was registered at session 21's end at 16 of 1779 words; personal_details_dev38 (session 21's blind set,
# measured twice, counts only) at 32 of 1568 words (2.0%) becomes a dev set in session 22. S22-PL10 tuned on
# dev37 and dev38: 10 of 1779 and 3 of 1568 words, both held to 1% like every other dev set.
# personal_details_dev40 (session 22's blind set, written with dev39) was measured at 22 of 1552 words (1.4%) at
# session 22's end and becomes a dev set in session 23 at that figure, until a pass tunes on it. S23-PL11 tuned on
# dev39 and dev40: 0 of 1769 and 4 of 1552 words, both held to 1% like every other dev set.
# personal_details_dev41 (S23-PW41) was first seen at 25 of 2097 words (1.2%) with session 23's starting code
# and is registered at session 23's end at 24 of 2097 words (S23-PL11 wrote nothing from it), until a pass tunes on it.
NOT_YET_TUNED: dict[str, float] = {"personal_details_dev41.yml": 24 / 2097}


@pytest.mark.parametrize("name", EVAL.DEV_SETS)
def test_over_scrubbing_of_each_dev_set_is_at_most_one_percent(name):
    # session 7 chose every threshold with over-scrubbing at most 1% on every dev set
    s = EVAL.eval_details(name)
    limit = max(0.01, NOT_YET_TUNED.get(name, 0.0))
    assert s.over_scrubbing <= limit + 1e-9, (s.over_scrubbed, s.content_words, [(i, w) for i, w, _ in s.lost])


def test_the_held_out_set_s_details_are_removed_no_worse_than_measured():
    # Issue 20's target is every held-out detail. Measured on 5 December 2026: 215 of 241
    # (0.892), then 221 of 241 (0.917) after the rules that personal_details_dev2.yml drove, then
    # 226 of 241 (0.938) after the second pass that personal_details_dev3.yml drove, then 227 (an
    # institution's whole name, from invented examples), then 229 after the person-slot reading
    # that personal_details_dev4.yml drove, then 230 after the sixth pass that
    # personal_details_dev6.yml drove (bot/lang/details/answer_names.py, place_forms.py); still
    # 230 after the seventh pass that personal_details_dev7.yml drove (session 6); 232 after the
    # eighth pass that personal_details_dev9.yml drove (session 7; the count now reads a
    # possessive "'s" and "RC"/"CE"/"pre" as identifying nobody, which may hold part of the
    # gain; over-scrubbing 1 of 845). A floor at
    # that count, so that a change that loses ground turns the run red; raise it as
    # the rules improve (without reading the held-out file to write them).
    s = EVAL.eval_details("personal_details_heldout.yml")
    assert s.details == 241
    assert s.details - len(s.leaks) >= 232, f"{len(s.leaks)} held-out details left"


def test_a_detail_counts_as_removed_only_when_every_identifying_word_is_gone():
    assert EVAL.distinctive_words("Mark Quenby") == [(0, 4), (5, 11)]
    detail = "St Fictitia's C of E Primary"
    assert [detail[a:b] for a, b in EVAL.distinctive_words(detail)] == ["Fictitia"]
    detail = "Kian's"  # a possessive ending identifies nobody
    assert [detail[a:b] for a, b in EVAL.distinctive_words(detail)] == ["Kian"]
    detail = "Fernhill children's centre"  # generic with its possessive, as listed
    assert [detail[a:b] for a, b in EVAL.distinctive_words(detail)] == ["Fernhill"]
    detail = "Flat 3, Exampleton House"
    assert [detail[a:b] for a, b in EVAL.distinctive_words(detail)] == ["Exampleton"]
    detail = "12/03/2018"
    assert [detail[a:b] for a, b in EVAL.distinctive_words(detail)] == ["12", "03", "2018"]
    # the words a writer puts before a date identify nobody ("born the [date of birth]" is left)
    detail = "born the 3rd of March 2019"
    assert [detail[a:b] for a, b in EVAL.distinctive_words(detail)] == ["3rd", "March", "2019"]
    detail = "due on the 14/08/2027"
    assert [detail[a:b] for a, b in EVAL.distinctive_words(detail)] == ["14", "08", "2027"]
    detail = "born in Exampleton"  # no date after it: no label
    assert "born" in [detail[a:b] for a, b in EVAL.distinctive_words(detail)]


def test_the_scan_finds_a_detail_in_any_file_and_as_json_writes_it(tmp_path):
    (tmp_path / "a.db").write_bytes(b'\x00\x01{"text": "the boy Testlad O\\u2019Fakey"}\x00')
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "rasa.log").write_text("Received user message 'Quenby is 7'")
    items = [
        {"id": "x1", "details": ["Testlad O\u2019Fakey"]},
        {"id": "x2", "details": ["Mark Quenby"]},
        {"id": "x3", "details": ["Nobodyhere"]},
    ]
    r = EVAL.scan_files(tmp_path, items)
    assert sorted(r["files"]) == ["a.db", "logs/rasa.log"]
    found = {(i, what, where) for i, what, where in r["found"]}
    assert ("x1", "Testlad O\u2019Fakey", "a.db") in found and ("x1", "Testlad", "a.db") in found
    assert ("x2", "Quenby", "logs/rasa.log") in found
    assert not [f for f in found if f[0] == "x3"]


def test_a_word_the_servers_wrote_before_anything_was_typed_is_not_a_leak_but_one_more_is(tmp_path):
    (tmp_path / "actions.log").write_text("INFO alembic Will assume non-transactional DDL.\n")
    before = EVAL.snapshot(tmp_path)
    items = [{"id": "x1", "details": ["Will"]}, {"id": "x2", "details": ["Testlad"]}]
    r = EVAL.scan_files(tmp_path, items, before)
    assert r["found"] == []
    with (tmp_path / "actions.log").open("a") as f:
        f.write("DEBUG answer stored: 'Will and Testlad are 4'\n")
    found = {(i, what) for i, what, _ in EVAL.scan_files(tmp_path, items, before)["found"]}
    assert found == {("x1", "Will"), ("x2", "Testlad")}
    # without a baseline every occurrence counts, as before
    assert ("x1", "Will") in {(i, w) for i, w, _ in EVAL.scan_files(tmp_path, items)["found"]}


def test_the_tenth_dev_set_s_details_are_removed_no_worse_than_first_seen():
    # personal_details_dev10.yml, written blind to the rules at the end of session 7 (S7-PW10) and
    # measured once with no change made for it: 418 of 464 (lower-case names 74 of 111 the
    # weakest kind); 421 after a short pass. A dev set from session 8 on: 450 of 464 after the
    # ninth pass it drove (bot/lang/details/unlisted_names.py: words no dictionary lists where a
    # person stands, short forms of names in brackets, a name found again in either case); 454
    # once tuned on dev11 too.
    # 456 after the tenth pass (session 9).
    s = EVAL.eval_details("personal_details_dev10.yml")
    assert s.items >= 160 and s.details >= 464
    assert s.details - len(s.leaks) >= 456, [(i, d) for i, d, _ in s.leaks]


def test_the_eleventh_dev_set_s_details_are_removed_no_worse_than_first_seen():
    # personal_details_dev11.yml, written blind to the rules in session 8 (150 items, 110 with
    # details) and measured first with the ninth pass in place (6 December 2026): 384 of 399
    # removed (lower-case names 16 of 21, name or town 208 of 217, number 21 of 22), over-scrubbing
    # 2 of 1175; the same 384 with the rules before the ninth pass. 389 after the pass was tuned on
    # it and dev10 (lower-case words English writes capitalised, "Paddy (7)", "Zuzanna W", ...).
    # 394 after the tenth pass (session 9).
    s = EVAL.eval_details("personal_details_dev11.yml")
    assert s.items >= 150 and s.details >= 399
    assert s.details - len(s.leaks) >= 394, [(i, d) for i, d, _ in s.leaks]


def test_the_twelfth_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev12.yml, written blind to the rules in session 8 and measured once there
    # (329 of 343, over-scrubbing 4 of 1070); a dev set from session 9 on: 329 of 343 at its start
    # (over-scrubbing 6 of 1070); 341 after the tenth pass it drove with dev13 (bot/lang/details/
    # tenth_pass.py), over-scrubbing still 6.
    s = EVAL.eval_details("personal_details_dev12.yml")
    assert s.items >= 120 and s.details >= 343
    assert s.details - len(s.leaks) >= 341, [(i, d) for i, d, _ in s.leaks]


def test_the_thirteenth_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev13.yml, written blind to the rules in session 9 (140 items) and measured
    # first with no change made for it (6 December 2026): 397 of 427 removed (name or town 200 of
    # 225, lower-case names 51 of 54, date 33 of 34, number 22 of 23, every address, place,
    # postcode and email), over-scrubbing 4 of 1013. 422 after the tenth pass it drove with dev12,
    # over-scrubbing still 4.
    s = EVAL.eval_details("personal_details_dev13.yml")
    assert s.items >= 140 and s.details >= 427
    assert s.details - len(s.leaks) >= 422, [(i, d) for i, d, _ in s.leaks]


def test_the_fourteenth_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev14.yml, written blind to the rules in session 9 (120 items) and measured
    # once by the lead with no change made for it: 358 of 383 removed, over-scrubbing 10 of 850.
    # A dev set from then on: 374 after the twelfth pass it drove (bot/lang/details/twelfth_pass.py:
    # names in capitals, a title with an initial, lettered references with dashes, towns after
    # addresses, places named by a place, brand names and fixed phrases kept), over-scrubbing 0.
    s = EVAL.eval_details("personal_details_dev14.yml")
    assert s.items >= 120 and s.details >= 383
    assert s.details - len(s.leaks) >= 374, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbing <= 0.01, s.over_scrubbed


def test_the_fifteenth_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev15.yml, written by an independent writer in session 10 (140 items) and
    # measured first with no change made for it: 398 of 407 removed (name or town 255 of 261,
    # place 32 of 35), over-scrubbing 9 of 1673. 407 after the thirteenth pass it drove (bot/lang/
    # details/thirteenth_pass.py), over-scrubbing 3 (a ward's number the writer kept, "Ivy all over").
    s = EVAL.eval_details("personal_details_dev15.yml")
    assert s.items >= 140 and s.details >= 407
    assert s.details - len(s.leaks) >= 407, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbing <= 0.01, s.over_scrubbed


def test_the_sixteenth_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev16.yml (session 10, 120 items, 406 details): first seen 386, 401 after the fourteenth
    # pass, 404 after the fifteenth (a family by its surname in the plural, "the Grants"; "the Royal" and a
    # place's name; a caravan's pitch after a found place).
    s = EVAL.eval_details("personal_details_dev16.yml")
    assert s.items >= 120 and s.details >= 406
    assert s.details - len(s.leaks) >= 404, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbing <= 0.01, s.over_scrubbed


def test_the_seventeenth_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev17.yml, written by an independent writer in session 11 (S11-PW17, 140 items)
    # and measured first with no change made for it: 362 of 375 removed, over-scrubbing 10 of 1598.
    # 374 after the fifteenth pass it drove (bot/lang/details/fifteenth_pass.py), over-scrubbing 3
    # ("number 28" with no street, "Hope isn't a plan"); the one left is an incident's date
    # ("On 12th October"), which the scrubber leaves by design (dates of birth and due dates only).
    s = EVAL.eval_details("personal_details_dev17.yml")
    assert s.items >= 140 and s.details >= 375
    assert s.details - len(s.leaks) >= 374, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbing <= 0.01, s.over_scrubbed


def test_the_eighteenth_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev18.yml, written blind in session 11 (S11-PW17, 120 items) and measured once at
    # its end: 343 of 355 removed, over-scrubbing 18 of 1513. 351 after the sixteenth pass it drove
    # (bot/lang/details/sixteenth_pass.py: "Royal" hospitals, "the Wards'", family court numbers,
    # "a man she called X"), over-scrubbing 5 (words of nationality, faiths, hospital areas, charities
    # and services, chains' cafés kept).
    s = EVAL.eval_details("personal_details_dev18.yml")
    assert s.items >= 120 and s.details >= 355
    assert s.details - len(s.leaks) >= 351, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 5, [(i, w) for i, w, _ in s.lost]


def test_the_twenty_second_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev22.yml, written blind in session 13 and measured twice (counts only):
    # 338 of 353 removed, over-scrubbing 23 of 1493 (1.5%). A dev set from session 14: 3 over-scrubbed
    # after the seventeenth pass it drove (cars, a council's name where a family moves, a verb after
    # a relation word, ...), 347 removed with the span forms (bot/lang/details/span_forms.py).
    s = EVAL.eval_details("personal_details_dev22.yml")
    assert s.items >= 120 and s.details >= 353
    assert s.details - len(s.leaks) >= 347, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 3, [(i, w) for i, w, _ in s.lost]


def test_the_twenty_fourth_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev24.yml, written blind in session 14 and measured twice (counts only):
    # first seen as a dev set in session 15 with session 14's code 350 of 369 removed, 8 of 1446
    # over-scrubbed; 363 after S15-PL3's classes (an everyday-word first name before a surname, a
    # possessive first name, a council as an address's town, an employer after a verb of work).
    s = EVAL.eval_details("personal_details_dev24.yml")
    assert s.items >= 120 and s.details >= 369
    assert s.details - len(s.leaks) >= 363, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 8, [(i, w) for i, w, _ in s.lost]
