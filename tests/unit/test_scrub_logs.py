"""Log lines of the Rasa server and the action server are scrubbed of personal details
(rasa_ext/log_scrub.py, switched on by rasa_ext/logging.yml through --logging-config-file)."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from rasa_ext import log_scrub

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def captured():
    """A handler on a logger of its own, with the scrubbing record factory installed for the
    length of the test only."""
    was_installed = log_scrub.installed()
    log_scrub.install()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("test.scrub_logs")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)
    if not was_installed:
        log_scrub.uninstall()


def test_rasa_s_echo_of_a_user_message_is_scrubbed(captured):
    logger, stream = captured
    logger.debug(
        "Received user message '%s' with intent '%s'",
        "Jaxon Testwick dob 03/04/2019, lives at 14 Example Road ZZ99 9ZZ, mum on 07700 900123",
        "{'name': 'describe_case'}",
    )
    out = stream.getvalue()
    for detail in ("Jaxon", "Testwick", "03/04/2019", "14 Example Road", "ZZ99 9ZZ", "07700 900123"):
        assert detail not in out, out
    assert "Received user message '[name] dob [date of birth], lives at [address] [postcode], mum on [phone]'" in out
    assert "describe_case" in out


def test_an_exception_that_quotes_a_message_is_scrubbed(captured):
    logger, stream = captured
    try:
        raise ValueError("could not read: her name is Poppy Fakeley")
    except ValueError:
        logger.exception("failed for %s", "the boy, called Testlad")
    out = stream.getvalue()
    assert "Poppy" not in out and "Fakeley" not in out and "Testlad" not in out, out
    assert "Traceback" in out and "ValueError" in out  # still readable


def test_names_of_program_parts_are_left_alone(captured):
    logger, stream = captured
    logger.info(
        "CompactingSQLTrackerStore: compaction after %s events; RestInput raised KeyError in "
        "rasa_ext.tracker_store via action_listen",
        400,
    )
    assert stream.getvalue().strip() == (
        "INFO CompactingSQLTrackerStore: compaction after 400 events; RestInput "
        "raised KeyError in rasa_ext.tracker_store via action_listen"
    )


def test_a_detail_that_looks_like_a_program_part_is_scrubbed_all_the_same(captured):
    # "d.o.b." and "school-name.example.sch.uk" look like dotted module names; the date and the
    # e-mail address are found in the line as written
    logger, stream = captured
    logger.debug("Received user message '%s'", "d.o.b. 2/11/19, email dsl@fakemere-primary.example.sch.uk")
    out = stream.getvalue()
    assert "2/11/19" not in out and "fakemere" not in out, out
    assert "d.o.b. [date of birth], email [email]" in out
    logger.debug("in rasa_ext.tracker_store: %s", "ok")
    assert "in rasa_ext.tracker_store: ok" in stream.getvalue()


def test_a_warning_that_quotes_a_message_is_scrubbed():
    # Rasa warns on stderr, not through logging ("Misaligned entity annotation in message ...");
    # in a process of its own, as a server prints it
    import subprocess
    import sys

    code = (
        "import warnings; from rasa_ext.log_scrub import install; install(); "
        "warnings.warn(\"Misaligned entity annotation in message 'worried about Tiberius Fakewell at "
        "Nonesuch Academy'\", UserWarning)"
    )
    err = subprocess.run(
        [sys.executable, "-W", "always", "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    ).stderr
    assert "UserWarning" in err and "entity annotation in message 'worried about [name] at [place]'" in err, err
    assert "withheld" not in err, err
    assert "Tiberius" not in err and "Fakewell" not in err and "Nonesuch" not in err, err


def test_a_detail_quoted_again_out_of_context_is_scrubbed_in_later_lines(captured):
    # a reply that quotes what was typed, where nothing shows it to be a date of birth or a name
    logger, stream = captured
    log_scrub.forget_details()
    logger.debug("Received user message '%s'", "Testina Fakewood dob 2016-07-19, mum not coping")
    logger.debug("BotUttered('I can't find a case %s among your cases')", "2016-07-19")
    logger.debug("reply for %s", "fakewood")
    out = stream.getvalue()
    assert "2016-07-19" not in out and "Fakewood" not in out and "fakewood" not in out, out
    assert "I can't find a case [date of birth] among your cases" in out
    logger.debug("mum is not coping")  # an everyday line is left as it is
    assert stream.getvalue().endswith("DEBUG mum is not coping\n")
    log_scrub.forget_details()


def test_a_log_line_without_details_is_unchanged(captured):
    logger, stream = captured
    logger.info("Starting Rasa server on http://0.0.0.0:5005 with model %s", "models/model-abc.tar.gz")
    assert (
        stream.getvalue().strip()
        == "INFO Starting Rasa server on http://0.0.0.0:5005 with model models/model-abc.tar.gz"
    )


def test_rasa_s_logging_config_option_switches_it_on():
    from rasa.utils.common import configure_logging_from_file

    was_installed = log_scrub.installed()
    if was_installed:
        log_scrub.uninstall()
    try:
        assert not log_scrub.installed()
        configure_logging_from_file(str(ROOT / "rasa_ext" / "logging.yml"))
        assert log_scrub.installed()
        record = logging.getLogRecordFactory()("x", logging.INFO, __file__, 1, "mum is Mrs Testperson", (), None)
        assert record.getMessage() == "mum is [name]"
    finally:
        log_scrub.uninstall()
        if was_installed:
            log_scrub.install()


def test_the_servers_are_started_with_it():
    from tests.servers import actions_cmd, rasa_cmd, with_log_scrubbing

    for cmd in (actions_cmd(5055), rasa_cmd(Path("m.tar.gz"), 5005, "credentials.yml")):
        full = with_log_scrubbing(cmd)
        assert full[full.index("--logging-config-file") + 1] == str(ROOT / "rasa_ext" / "logging.yml")
    run_sh = (ROOT / "scripts" / "run.sh").read_text()
    assert run_sh.count("--logging-config-file rasa_ext/logging.yml") == 2


def test_the_deploy_files_start_the_action_server_with_it():
    # every production way of starting the action server scrubs its log lines as the Rasa
    # server's are (the flag on the command; the Rasa server's tracker store switches it on too)
    import re

    import yaml

    flag = ["--logging-config-file", "rasa_ext/logging.yml"]
    compose = yaml.safe_load((ROOT / "deploy" / "docker-compose.yml").read_text())
    actions = [svc["command"] for name, svc in compose["services"].items() if name.startswith("actions-")]
    assert len(actions) >= 2
    for command in actions:
        assert command[:2] == ["run", "actions"] and command[command.index(flag[0]) :][:2] == flag, command
    helm = yaml.safe_load((ROOT / "deploy" / "helm" / "values.yaml").read_text())
    args = helm["rasa-action-server"]["args"]
    assert args[:2] == ["run", "actions"] and args[args.index(flag[0]) :][:2] == flag, args
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text()
    cmd = yaml.safe_load(re.search(r"^CMD (\[.*?\])$", dockerfile, re.M | re.S).group(1).replace("\\\n", ""))
    assert cmd[cmd.index(flag[0]) :][:2] == flag, cmd
    assert "--logging-config-file rasa_ext/logging.yml`" in dockerfile  # the action server's command, told
    prod = (ROOT / "scripts" / "prod_local.sh").read_text().replace("\\\n", " ")
    starts = re.findall(r"rasa run (?:actions )?--[^\n]*", prod)
    assert len(starts) == 2 and all(" ".join(flag) in " ".join(line.split()) for line in starts), starts


def test_the_scrubbing_tracker_store_switches_it_on_in_the_rasa_server(tmp_path):
    from rasa_ext.scrubbing import ScrubbingSQLTrackerStore

    was_installed = log_scrub.installed()
    if was_installed:
        log_scrub.uninstall()
    try:
        ScrubbingSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "off.db"), scrub_logs=False)
        assert not log_scrub.installed()
        ScrubbingSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "on.db"))
        assert log_scrub.installed()
    finally:
        log_scrub.uninstall()
        if was_installed:
            log_scrub.install()
