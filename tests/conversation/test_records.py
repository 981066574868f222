"""Records and reports through the running servers: after whole guided checks, the summary,
the chronology and the distance-travelled chart (an image in the reply), the buttons that
move between them, another practitioner kept out, and a supervisor's overview."""

from __future__ import annotations

import base64
import io

from PIL import Image


def whole_check(chat, ref: str, physical: tuple[str, str] | None, scale: str) -> None:
    """A guided check by buttons: physical neglect seen (pattern, impact) or nothing seen."""
    chat.say("/start_check")
    chat.click("No")
    chat.say(ref)
    assert "How old is the child" in chat.text
    chat.click("1 to 4")
    chat.click("No")  # disability
    for _ in range(6):
        assert "Have you seen signs of" in chat.text
        if physical and "signs of physical neglect?" in chat.text:
            chat.click("Yes")
            chat.click(physical[0])
            chat.click(physical[1])
        else:
            chat.click("No")
    chat.click("None of these")
    chat.click("Managing")
    chat.click("Warm relationship")
    chat.click("Engaging, and things")
    chat.click("No")  # signs of disguised compliance
    chat.click("Yes")  # seen alone
    chat.say("nothing yet")
    chat.click("3 to 12 months")
    chat.click("No")  # help before
    chat.click("Yes")  # safeguarding lead knows
    chat.click(scale)
    assert f"Neglect check for case {ref}" in chat.text


def images(chat) -> list[str]:
    return [m["image"] for m in chat.last if m.get("image")]


def test_summary_chronology_and_chart_after_two_checks(new_chat, servers):
    chat = new_chat()
    whole_check(chat, "REC-501", ("Persistent", "Serious"), "2")
    whole_check(chat, "REC-501", None, "6")

    chat.say("show me the summary for case REC-501")
    assert "ready to paste into your case system" in chat.text
    assert "Neglect check for case REC-501" in chat.text and "What the guidance suggests" in chat.text
    assert any(b["title"].startswith("Guided check of") for b in chat.buttons)  # the earlier check

    chat.say("show the chronology for case REC-501")
    assert "Chronology for case REC-501" in chat.text
    assert chat.text.count("Guided check completed") == 2
    assert "pointed towards Child protection" in chat.text

    chat.say("show the distance travelled chart for case REC-501")
    assert "Distance travelled for case REC-501" in chat.text
    assert "Physical neglect: from 0 at the baseline to 4/4 (no signs seen)" in chat.text
    assert "Your 0-10 scale: from 2 at the baseline to 6/10" in chat.text
    pictures = images(chat)
    assert len(pictures) == 1 and pictures[0].startswith("data:image/png;base64,")
    png = base64.b64decode(pictures[0].split(",", 1)[1])
    assert Image.open(io.BytesIO(png)).format == "PNG"

    chat.click("Chronology of REC-501")  # a button's payload carries the case
    assert "Chronology for case REC-501" in chat.text
    chat.click("Summary of REC-501")
    assert "ready to paste" in chat.text


def test_a_report_without_a_reference_asks_which_case(new_chat, servers):
    chat = new_chat()
    whole_check(chat, "ASK-77", None, "8")
    chat.say("show me the chronology")
    assert "Which case do you mean?" in chat.text
    chat.click("ASK-77")
    assert "Chronology for case ASK-77" in chat.text


def test_another_practitioner_cannot_see_the_case_but_the_supervisor_can(new_chat, servers):
    from bot.reports.views import set_role

    owner = new_chat()
    whole_check(owner, "TEAM-808", ("Comes and goes", "Some impact"), "4")
    other = new_chat()
    other.say("show the chronology for case TEAM-808")
    assert "can't find a case TEAM-808" in other.text and "Guided check" not in other.text

    supervisor = new_chat()
    supervisor.say("hello")
    set_role("rest", owner.sender, "practitioner", "East", db_url=servers["database_url"])
    set_role("rest", supervisor.sender, "supervisor", "East", db_url=servers["database_url"])
    supervisor.say("show the supervisor overview of my team's cases")
    assert "Supervisor overview for team East" in supervisor.text
    assert f"TEAM-808, practitioner rest:{owner.sender}" in supervisor.text
    supervisor.say("show the chronology for case TEAM-808")
    assert "Chronology for case TEAM-808" in supervisor.text and f"practitioner rest:{owner.sender}" in supervisor.text
