"""Issue 20, end to end: the held-out personal-details messages (tests/data/eval/, written
apart from the rules and never read to write one) are typed over REST into a running
assistant, each as the opening of a new conversation and as an answer inside a check; then
every byte of every file the servers left in their folder (the database file(s) and the logs
of the Rasa server and the action server, both at debug level, where Rasa echoes what users
type) is searched for each detail, and for each identifying word of it on its own.

It starts its own pair of servers (scripts/eval_language.py, `end_to_end`) so that the
folder holds only this run and the logs are at debug level. The same run is
`make eval-language`'s end-to-end figure."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from tests.servers import current_model

ROOT = Path(__file__).resolve().parents[2]
# 7 with session 5's model (model-1a9a793462b4cc20) and session 6's rules, 10 with session 6's
# model. Session 7 (S7-PE3) found on the dev sets the paths that let a detail the scrubber removes
# from the message as typed reach a stored byte, whatever the model: Rasa's JSON debug lines write
# a line break as "\n", so "...\nDOB: 14/09/17" held the word "nDOB" and the date stayed
# (rasa_ext/log_scrub.py now reads each quoted string decoded and on its own); a reply or slot
# quoting one word of a detail, or a detail typed a turn before (rasa_ext/scrubbing.py). Held-out
# after those and session 7's rules (commit 2230b74, model-086c332859b0a91f): 6 messages, of which
# 3 only by a word another held-out message holds outside its details; ceiling 10 -> 6.
HELD_OUT_MESSAGES_WITH_A_LEAK = 6
# Of those, the messages whose stored bytes hold a detail the scrubber removes when it reads the
# message as typed, not only as a word another message holds (eval_language.past_the_scrubber): a
# path that skips the scrubber or gives it less of the message. Measured 0 (2 messages, both only
# by another message's word) in the same run.
HELD_OUT_MESSAGES_PAST_THE_SCRUBBER = 0


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_language_e2e", ROOT / "scripts" / "eval_language.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_no_held_out_personal_detail_reaches_a_stored_byte():
    model = current_model("personal details")
    ev = _eval_module()
    name = "personal_details_heldout.yml"
    items = ev.load_eval(name)
    r = ev.end_to_end(name, model)
    # the run did what it says: every message typed both ways, answers stored, the files there
    assert r["openings"] == len(items) >= 100 and r["answers"] == len(items)
    assert r["answers_stored"] >= len(items) // 2, r["answers_stored"]
    assert "rasa.log" in r["files"] and "actions.log" in r["files"]
    assert any(".db" in f for f in r["files"]) and r["labels_in_database"] >= 100
    # held-out: the ids of the messages with a detail left, never their words
    left = sorted({iid for iid, _what, _where in r["found"]})
    where = sorted({where for _iid, _what, where in r["found"]})
    # Issue 20's target is 0. Measured on 5 December 2026 (commit 0450966's rules): 20 of the
    # 117 held-out messages leave a detail, 21 in the clean-clone run after the day's knowledge
    # edits (the scan counts a detail's word anywhere in the stored bytes, the assistant's own
    # replies included; the extra one was not read, to keep the set held out). Then 18, and 17
    # at commit bf3bcb5, after the rules that personal_details_dev2.yml drove and two log paths
    # (warnings printed on stderr; a detail quoted again out of context in a later line). Then
    # 9 (10 strings: 8 names, 2 numbers) at commit a902b33, after the second pass that
    # personal_details_dev3.yml drove (bot/lang/details/rare_words.py); counted by place, every
    # one is a detail the rules do not find, stored wherever the scrubbed text goes (the user
    # event's text and parse data, the answer slot, the answers table, Rasa's debug lines), no
    # path that skips the scrubber. Then 8 (9 strings) at commit 8f4f3ed, after the person-slot
    # reading that personal_details_dev4.yml drove (bot/lang/details/person_slots.py); one of the
    # 8 is found only in a migration line of actions.log (alembic), not in what the user typed.
    # The ceiling holds that line until the rules improve; lower it then, never raise it.
    # Session 6 (commit 25f9f70's rules, the seventh pass that personal_details_dev7.yml drove, and
    # a warm-up conversation before the snapshot so that the migration lines count as the servers'
    # own): 7 of 117 messages, 8 strings; 2 of the 7 only by a word another held-out message holds
    # outside its details (the scan cannot tell which message stored it). Ceiling 8 -> 7.
    assert len(left) <= HELD_OUT_MESSAGES_WITH_A_LEAK, f"{len(left)} held-out messages left a detail in {where}: {left}"
    # a stored path weaker than the scrubber's own reading of the message (whatever the model did)
    shared = ev.shared_with_others(items, r["found"])
    past = sorted({iid for iid, what in ev.past_the_scrubber(name, r["found"]) if (iid, what) not in shared})
    assert len(past) <= HELD_OUT_MESSAGES_PAST_THE_SCRUBBER, f"stored past the scrubber: {past} in {where}"
