"""Records and reports (bot/reports/views.py, bot/reports/chronology.py, bot/reasoning/scoring.py, bot/reports/chart.py,
bot/cli/reports.py) over one temporary database: three whole guided checks of a case by the
check service over half a year, supervision sessions and actions, and colleagues in two
teams. Summaries, chronology order, score changes, the chart (a real PNG with the expected
series), the export, and who may see what."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from PIL import Image
from sqlalchemy import select

from bot.__main__ import main
from bot.reasoning import scoring
from bot.records import store as records
from bot.records.migrate import migrate
from bot.records.store import AuditEvent
from bot.records.supervision_models import AgreedAction, Reflection, SupervisionSession
from bot.reports.chart import data_url, distance_chart
from bot.reports.views import ReportError, Reports, set_role, visible_cases
from bot.walks.check import CheckService, Incoming

NOW = dt.datetime(2026, 11, 23, 9, 0)
LABELS = {
    "one_off": "One-off or in a crisis",
    "comes_and_goes": "Comes and goes",
    "persistent": "Persistent, most of the time",
    "none_yet": "No clear impact yet",
    "some": "Some impact",
    "serious": "Serious impact or harm",
}
AREAS = [
    "Medical neglect",
    "Nutritional neglect",
    "Emotional neglect",
    "Educational neglect",
    "Physical neglect",
    "Lack of supervision and guidance",
]
# alice's three checks of ABC-12: {type: (pattern, impact)} for the types seen, and her 0-10
CHECKS = [
    (
        dt.datetime(2026, 1, 5, 10),
        {
            "physical_neglect": ("persistent", "serious"),
            "supervision_neglect": ("persistent", "some"),
            "nutritional_neglect": ("comes_and_goes", "some"),
        },
        "3",
    ),
    (
        dt.datetime(2026, 4, 7, 10),
        {
            "physical_neglect": ("comes_and_goes", "some"),
            "supervision_neglect": ("persistent", "some"),
            "nutritional_neglect": ("one_off", "none_yet"),
        },
        "5",
    ),
    (
        dt.datetime(2026, 7, 9, 10),
        {"supervision_neglect": ("persistent", "some"), "emotional_neglect": ("comes_and_goes", "some")},
        "6",
    ),
]


class Clock:
    def __init__(self, now: dt.datetime):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def run_check(db_url: str, clock: Clock, sender: str, ref: str, seen: dict, scale: str) -> int:
    """A whole guided check through bot.walks.check.CheckService, one answer a minute."""
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", sender)
    fixed = {
        "q_danger_now": "no",
        "q_case_ref": ref,
        "q_age": "3",
        "q_disability": "no",
        "q_parental_factors": "none",
        "q_material": "managing",
        "q_strengths": "warm",
        "q_engagement": "Seem to engage",
        "q_dc_signs": "no",
        "q_seen_alone": "yes",
        "q_child_voice": "nothing yet",
        "q_duration": "6 months",
        "q_previous": "no",
        "q_dsl_knows": "yes",
        "q_scale": scale,
    }
    for _ in range(80):
        with records.session_scope(db_url) as s:
            answers = svc._answers(s.get(records.Check, check_id))
        q = svc.plan.next_question(answers)
        if q is None:
            break
        kind, _, area = q.id.partition("__")
        if kind == "q_seen":
            text = "yes" if area in seen else "no"
        elif kind == "q_pattern":
            text = LABELS[seen[area][0]]
        elif kind == "q_impact":
            text = LABELS[seen[area][1]]
        else:
            text = fixed[q.id]
        step = svc.handle(check_id, Incoming(text))
        clock.now += dt.timedelta(minutes=1)
        if step.finished:
            break
    assert svc.summary_of(check_id), "the check did not finish"
    return check_id


def add_session(
    db_url: str, sender: str, ref: str, at: dt.datetime, change: str | None, drift: list[str], actions: list[dict]
) -> int:
    with records.session_scope(db_url) as s:
        user = records.get_or_create_user(s, "rest", sender)
        case = records.get_or_create_case(s, user, ref, "default")
        sess = SupervisionSession(
            user_id=user.id,
            case_id=case.id,
            status="complete",
            stage="done",
            themes="theme_drift,theme_optimism",
            change=change,
            drift_flags=json.dumps(drift) if drift else None,
            started_at=at,
            updated_at=at,
            ended_at=at + dt.timedelta(minutes=40),
            summary=f"Reflective supervision for case {ref}, {at:%d %b %Y %H:%M}\nAgreed actions: ...",
        )
        s.add(sess)
        s.flush()
        s.add(
            Reflection(
                session_id=sess.id,
                theme_id="theme_drift",
                question_key="theme_drift:0",
                prompt="What has changed for the child?",
                text="not much",
                created_at=at,
            )
        )
        for a in actions:
            s.add(AgreedAction(session_id=sess.id, case_id=case.id, created_at=at + dt.timedelta(minutes=30), **a))
        return sess.id


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """alice (Blue) with ABC-12: three checks, two sessions, actions done and overdue; bob (Blue) with
    XYZ-9; carol (Red) with her own ABC-12; sue supervises Blue; tom is a supervisor with no team."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reports') / 'records.db'}"
    migrate(url)
    clock = Clock(CHECKS[0][0])
    ids = []
    for when, seen, scale in CHECKS:
        clock.now = when
        ids.append(run_check(url, clock, "alice", "ABC-12", seen, scale))
    clock.now = dt.datetime(2026, 7, 20, 10)
    run_check(url, clock, "bob", "XYZ-9", {"medical_neglect": ("persistent", "serious")}, "2")
    clock.now = dt.datetime(2026, 8, 1, 10)
    run_check(url, clock, "carol", "ABC-12", {}, "9")
    add_session(
        url,
        "alice",
        "ABC-12",
        dt.datetime(2026, 2, 10, 14),
        None,
        [],
        [
            dict(
                what="See the child on their own at school",
                owner="me",
                due_date=dt.date(2026, 2, 20),
                status="done",
                completed_at=dt.datetime(2026, 2, 18, 12),
            ),
            dict(
                what="Ask the GP for the health visitor's notes",
                owner="me",
                due_date=dt.date(2026, 3, 1),
                status="open",
            ),
            dict(what="a draft still being typed", owner=None, status="draft"),
        ],
    )
    add_session(url, "alice", "ABC-12", dt.datetime(2026, 7, 15, 14), "same", ["1 agreed action is overdue."], [])
    set_role("rest", "alice", "practitioner", "Blue", db_url=url)
    set_role("rest", "bob", "practitioner", "Blue", db_url=url)
    set_role("rest", "carol", "practitioner", "Red", db_url=url)
    set_role("rest", "sue", "supervisor", "Blue", db_url=url)
    set_role("rest", "tom", "supervisor", None, db_url=url)
    yield {"url": url, "checks": ids}
    records._engines.pop(url, None)


@pytest.fixture()
def reports(world, kb):
    return Reports(kb=kb, db_url=world["url"], clock=lambda: NOW, drift_days=90)


def texts(replies) -> str:
    return "\n".join(r.text for r in replies)


# -- the scale -----------------------------------------------------------------------------------
def test_the_scale_is_content_with_sources(kb):
    r = scoring.rules(kb)
    assert sorted(r.grades) == [0, 1, 2, 3, 4]
    for g in r.grades.values():
        assert g.source.doc in kb.documents and g.label and g.text
    assert "scoring.yml" in kb.extra
    cited = [kb.cite(s) for s in r.sources]
    assert any("distanced travelled tool" in c for c in cited)


@pytest.mark.parametrize(
    "answers, expected",
    [
        ({"q_seen__physical_neglect": "no"}, (4, False)),
        ({"q_seen__physical_neglect": "unsure"}, (3, True)),
        ({"q_seen__physical_neglect": "skipped"}, (None, False)),
        ({}, (None, False)),
        (
            {
                "q_seen__physical_neglect": "yes",
                "q_pattern__physical_neglect": "one_off",
                "q_impact__physical_neglect": "none_yet",
            },
            (3, False),
        ),
        (
            {
                "q_seen__physical_neglect": "yes",
                "q_pattern__physical_neglect": "comes_and_goes",
                "q_impact__physical_neglect": "some",
            },
            (2, False),
        ),
        (
            {
                "q_seen__physical_neglect": "yes",
                "q_pattern__physical_neglect": "persistent",
                "q_impact__physical_neglect": "some",
            },
            (1, False),
        ),
        (
            {
                "q_seen__physical_neglect": "yes",
                "q_pattern__physical_neglect": "one_off",
                "q_impact__physical_neglect": "serious",
            },
            (1, False),
        ),
        (
            {
                "q_seen__physical_neglect": "yes",
                "q_pattern__physical_neglect": "persistent",
                "q_impact__physical_neglect": "serious",
            },
            (0, False),
        ),
        (
            {
                "q_seen__physical_neglect": "yes",
                "q_pattern__physical_neglect": "unsure",
                "q_impact__physical_neglect": "skipped",
            },
            (2, True),
        ),  # stand-ins: comes and goes, some impact
    ],
)
def test_an_area_score_follows_seen_pattern_and_impact(kb, answers, expected):
    assert scoring.score_area(answers, "physical_neglect", scoring.rules(kb)) == expected


def test_worse_pattern_or_impact_never_scores_better(kb):
    r = scoring.rules(kb)
    for i, p in enumerate(scoring.PATTERNS):
        for j, imp in enumerate(scoring.IMPACTS):
            if i + 1 < len(scoring.PATTERNS):
                assert r.matrix[scoring.PATTERNS[i + 1]][imp] <= r.matrix[p][imp]
            if j + 1 < len(scoring.IMPACTS):
                assert r.matrix[p][scoring.IMPACTS[j + 1]] <= r.matrix[p][imp]
            assert r.matrix[p][imp] < r.from_seen["no"]


# -- distance travelled ------------------------------------------------------------------------
def test_score_changes_between_the_checks(reports):
    data, r = reports.distance_data("rest", "alice", "abc-12")
    ((case, owner, cmp_, text),) = data
    assert owner is None and [c.scale for c in cmp_.checks] == [3, 5, 6]
    assert [c.at.date() for c in cmp_.checks] == [w.date() for w, _, _ in CHECKS]
    by = {c.key: c for c in cmp_.areas}
    assert [v for _, v in by["physical_neglect"].points] == [0, 2, 4]
    assert by["physical_neglect"].direction == "better" and by["physical_neglect"].held_checks == 1
    assert [v for _, v in by["nutritional_neglect"].points] == [2, 3, 4]
    assert [v for _, v in by["emotional_neglect"].points] == [4, 4, 2] and by["emotional_neglect"].direction == "worse"
    stuck = by["supervision_neglect"]
    assert stuck.direction == "same" and stuck.latest == 1 and stuck.held_checks == 3 and stuck.concern
    assert stuck.since.date() == dt.date(2026, 1, 5) and stuck.days_held == 185
    assert by["medical_neglect"].direction == "same" and by["medical_neglect"].latest == 4
    assert cmp_.scale.direction == "better" and (cmp_.scale.baseline, cmp_.scale.latest) == (3, 6)
    assert "What got better since the baseline:\n- Nutritional neglect: from 2" in text
    assert "- Physical neglect: from 0 at the baseline to 4/4 (no signs seen), 2 at the check before" in text
    assert (
        "What has not got better:\n- Lack of supervision and guidance: 1/4 (needs often unmet) at all 3 checks "
        "since 5 Jan 2026 (185 days)." in text
    )
    assert "What got worse since the baseline:\n- Emotional neglect: from 4 at the baseline to 2/4" in text
    assert "No signs at any check: Medical neglect, Educational neglect." in text
    assert "Stuck at 2 or below: lack of supervision and guidance since 5 Jan 2026 (185 days)" in text
    assert "Your 0-10 scale: from 3 at the baseline to 6/10, 5 at the check before" in text
    assert "All six areas together: 19 of 24 at the latest check, 15 at the baseline." in text
    assert "Sources:" in text and "distanced travelled tool" in text


def test_one_check_is_a_baseline_and_no_check_says_so(reports, kb):
    data, _ = reports.distance_data("rest", "bob", "XYZ-9")
    text = data[0][3]
    assert "1 completed check: baseline 20 Jul 2026." in text and "Scores at the baseline:" in text
    assert "- Medical neglect: 0/4 (needs not met) at the only completed check (20 Jul 2026)." in text
    empty = scoring.distance_text("NEW-1", scoring.compare([], scoring.rules(kb)), kb, scoring.rules(kb))
    assert "no completed guided check" in empty


def test_the_chart_is_a_png_with_a_series_per_area_and_the_scale(reports, tmp_path):
    data, r = reports.distance_data("rest", "alice", "ABC-12")
    case, _, cmp_, _ = data[0]
    chart = distance_chart(case.reference, cmp_.checks, r)
    assert chart.png[:8] == b"\x89PNG\r\n\x1a\n"
    img = Image.open(io.BytesIO(chart.png))
    assert img.format == "PNG" and img.size[0] > 600 and img.size[1] > 400
    assert list(chart.series) == AREAS + ["Your 0-10 scale"]
    days = [w.date() for w, _, _ in CHECKS]
    assert chart.series["Physical neglect"] == list(zip(days, [0.0, 2.0, 4.0], strict=False))
    assert chart.series["Lack of supervision and guidance"] == list(zip(days, [1.0, 1.0, 1.0], strict=False))
    assert chart.series["Emotional neglect"] == list(zip(days, [4.0, 4.0, 2.0], strict=False))
    assert chart.series["Your 0-10 scale"] == list(zip(days, [3.0, 5.0, 6.0], strict=False))
    assert chart.panels[0].startswith("Case ABC-12")
    path = chart.save(tmp_path / "c.png")
    assert Image.open(path).format == "PNG"
    url = data_url(chart.png)
    assert url.startswith("data:image/png;base64,iVBORw0KGgo")


def test_distance_in_the_chat_has_the_chart_as_an_image(reports):
    replies = reports.distance("rest", "alice", "ABC-12")
    images = [r.image for r in replies if r.image]
    assert len(images) == 1 and images[0].startswith("data:image/png;base64,")
    assert "What got better" in texts(replies)
    payloads = [b.payload for r in replies for b in r.buttons]
    assert '/case_summary{"case_ref": "ABC-12"}' in payloads


# -- summaries ---------------------------------------------------------------------------------
def test_the_summary_is_the_latest_record_ready_to_paste(reports, world):
    replies = reports.summary("rest", "alice", "ABC-12")
    assert replies[0].text == "Reflective supervision of 15 Jul 2026 for ABC-12, ready to paste into your case system:"
    assert replies[1].text.startswith("Reflective supervision for case ABC-12, 15 Jul 2026")
    buttons = {b.title: b.payload for r in replies for b in r.buttons}
    check3 = world["checks"][2]
    assert buttons["Guided check of 9 Jul 2026"] == '/case_summary{"case_ref": "ABC-12", "record": "check-%d"}' % check3
    assert "5 summaries for ABC-12" in replies[-1].text


def test_the_summary_of_a_chosen_check(reports, world):
    first = world["checks"][0]
    replies = reports.summary("rest", "alice", "ABC-12", f"check-{first}")
    assert replies[0].text == "Guided check of 5 Jan 2026 for ABC-12, ready to paste into your case system:"
    summary = replies[1].text
    assert summary.startswith("Neglect check for case ABC-12, 05 Jan 2026")
    assert "What the guidance suggests" in summary and "Suggested next steps" in summary
    assert "no names stored" in summary
    missing = reports.summary("rest", "alice", "ABC-12", "check-99999")
    assert "has no finished check 99999" in missing[0].text and missing[2].text.startswith("Reflective supervision")


def test_a_case_without_a_finished_record(reports, kb, world):
    svc = CheckService(db_url=world["url"], clock=Clock(dt.datetime(2026, 9, 1, 9)))
    check_id, _ = svc.start("rest", "dan")
    svc.handle(check_id, Incoming("no"))
    svc.handle(check_id, Incoming("PAU-5"))
    svc.handle(check_id, Incoming("pause", "pause", 1.0))
    text = texts(reports.summary("rest", "dan", "PAU-5"))
    assert "no finished check" in text and "resume PAU-5" in text


# -- chronology ----------------------------------------------------------------------------------
def test_the_chronology_is_in_date_order(reports, world):
    (text,) = reports.chronology_texts("rest", "alice", "ABC-12")
    lines = [ln for ln in text.splitlines() if ln[:2].strip().isdigit()]
    dates = [dt.datetime.strptime(ln[:11].strip(), "%d %b %Y").date() for ln in lines]
    assert dates == sorted(dates)
    c1, c2, c3 = world["checks"]
    expected = [
        ("5 Jan 2026", "Case reference ABC-12 first used"),
        (
            "5 Jan 2026",
            f"Guided check completed: the answers pointed towards Child protection (section 47), your "
            f"scale 3/10. [check {c1}]",
        ),
        ("10 Feb 2026", "Reflective supervision (themes: drift)."),
        ("10 Feb 2026", "Action agreed: See the child on their own at school (me, by 20 Feb 2026)."),
        ("10 Feb 2026", "Action agreed: Ask the GP for the health visitor's notes (me, by 1 Mar 2026)."),
        ("18 Feb 2026", "Action done: See the child on their own at school."),
        (
            "1 Mar 2026",
            "Action overdue: Ask the GP for the health visitor's notes (due 1 Mar 2026, still open; 267 "
            "days late today).",
        ),
        (
            "7 Apr 2026",
            f"Guided check completed: the answers pointed towards Child in need (section 17), your scale "
            f"5/10. [check {c2}]",
        ),
        ("9 Jul 2026", f"scale 6/10. [check {c3}]"),
        (
            "15 Jul 2026",
            "Reflective supervision (themes: drift; for the child since the last session: no real "
            "change). Drift warning: 1 agreed action is overdue.",
        ),
    ]
    assert len(lines) == len(expected)
    for line, (day, words) in zip(lines, expected, strict=False):
        assert line.strip().startswith(day) and words in line, (line, day, words)
    assert "draft" not in text
    assert "Source:" in text and "Add what you know from other sources" in text


def test_the_chronology_in_the_chat(reports):
    replies = reports.chronology("rest", "alice", "abc-12")
    assert replies[0].text.startswith("Chronology for case ABC-12")
    assert [b.title for b in replies[-1].buttons] == ["Summary of ABC-12", "Distance travelled of ABC-12"]


# -- who sees what --------------------------------------------------------------------------------
def test_a_practitioner_sees_only_their_own_cases(reports):
    with pytest.raises(ReportError, match="can't find a case ABC-12 among your cases. The cases you can see: XYZ-9"):
        reports.summary("rest", "bob", "ABC-12")
    with pytest.raises(ReportError):
        reports.chronology("rest", "bob", "ABC-12")
    with pytest.raises(ReportError):
        reports.distance("rest", "bob", "ABC-12")
    carol = texts(reports.chronology("rest", "carol", "ABC-12"))  # her own ABC-12, not alice's
    assert "scale 9/10" in carol and "scale 3/10" not in carol
    overview = reports.overview_text("rest", "bob")
    assert (
        overview.startswith("Your cases on 23 Nov 2026: 1 case.") and "XYZ-9" in overview and "ABC-12" not in overview
    )


def test_a_supervisor_sees_the_team_and_only_the_team(reports):
    text = texts(reports.chronology("rest", "sue", "ABC-12"))
    assert "Chronology for case ABC-12 (practitioner's own reference; no names stored), practitioner rest:alice" in text
    assert "scale 9/10" not in text  # carol's ABC-12 is in another team
    assert reports.summary("rest", "sue", "XYZ-9")[0].text.endswith(
        "(practitioner rest:bob), ready to paste into " "your case system:"
    )
    with pytest.raises(ReportError, match="among your cases or your team's"):
        reports.summary("rest", "sue", "NOPE-1")
    with pytest.raises(ReportError):  # a supervisor without a team sees only their own
        reports.chronology("rest", "tom", "ABC-12")


def test_visible_cases_follow_role_and_team(world):
    with records.session_scope(world["url"]) as s:
        users = {u.external_id: u for u in s.execute(select(records.User)).scalars()}
        seen = {
            name: sorted((c.reference, c.owner.external_id) for c in visible_cases(s, u)) for name, u in users.items()
        }
    assert seen["sue"] == [("ABC-12", "alice"), ("XYZ-9", "bob")]
    assert seen["alice"] == [("ABC-12", "alice")]
    assert seen["carol"] == [("ABC-12", "carol")]
    assert seen["tom"] == []


def test_the_supervisor_overview(reports):
    text = reports.overview_text("rest", "sue")
    assert text.startswith("Supervisor overview for team Blue, 23 Nov 2026: 2 cases of 2 practitioners.")
    abc, xyz = text.index("ABC-12, practitioner rest:alice"), text.index("XYZ-9, practitioner rest:bob")
    assert abc < xyz  # needing attention first
    part = text[abc:xyz]
    assert "Last level suggested: Child in need (section 17) (check of 9 Jul 2026, scale 6/10)" in part
    assert "Actions: 1 open, 1 overdue" in part
    assert '- overdue: "Ask the GP for the health visitor\'s notes" (me), due 1 Mar 2026, 267 days ago' in part
    assert "Drift warning:" in part and "1 agreed action is overdue." in part
    assert "Last level suggested: Child protection (section 47) (check of 20 Jul 2026, scale 2/10)" in text[xyz:]
    replies = reports.overview("rest", "sue")
    assert [b.title for b in replies[0].buttons][:2] == ["Chronology of ABC-12", "Chronology of XYZ-9"]
    tom = reports.overview_text("rest", "tom")
    assert "supervisor without a team" in tom and "No cases yet." in tom


def test_the_overview_says_when_supervision_records_are_missing(reports, monkeypatch):
    import bot.reports.chronology
    import bot.reports.views

    monkeypatch.setattr(bot.reports.views, "supervision_models", lambda: None)
    monkeypatch.setattr(bot.reports.chronology, "supervision_models", lambda: None)
    text = reports.overview_text("rest", "sue")
    assert "Supervision records are not available here" in text and "overdue" not in text.split("shown.")[1]
    chrono = reports.chronology_texts("rest", "alice", "ABC-12")[0]
    assert "Reflective supervision" not in chrono and "not part of this installation" in chrono


def test_every_report_is_audited(reports, world):
    reports.chronology("rest", "sue", "ABC-12")
    with records.session_scope(world["url"]) as s:
        events = s.execute(select(AuditEvent.event, AuditEvent.detail).where(AuditEvent.event.like("report_%"))).all()
    kinds = {e for e, _ in events}
    assert {"report_summary", "report_chronology", "report_distance", "report_overview"} <= kinds


# -- the command line --------------------------------------------------------------------------
def test_export_writes_the_summary_text_and_the_chart(world, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("DATABASE_URL", world["url"])
    assert main(["export", "ABC-12", "--user", "alice", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out.split()
    assert out == [str(tmp_path / "ABC-12-summary.txt"), str(tmp_path / "ABC-12-chart.png")]
    text = (tmp_path / "ABC-12-summary.txt").read_text()
    assert text.startswith("Case ABC-12: records from the neglect practice assistant")
    assert "== Summaries (5, oldest first) ==" in text
    assert text.index("Neglect check for case ABC-12, 05 Jan 2026") < text.index(
        "Neglect check for case ABC-12, 07 Apr"
    )
    assert "== Distance travelled ==" in text and "== Chronology ==" in text
    assert Image.open(tmp_path / "ABC-12-chart.png").format == "PNG"


def test_export_refuses_a_case_the_user_cannot_see(world, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("DATABASE_URL", world["url"])
    assert main(["export", "ABC-12", "--user", "bob", "--out", str(tmp_path)]) == 1
    assert "can't find a case ABC-12" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
    assert main(["export", "ABC-12", "--user", "nobody", "--out", str(tmp_path)]) == 1
    assert "no user rest:nobody" in capsys.readouterr().err


def test_chronology_overview_and_distance_commands(world, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("DATABASE_URL", world["url"])
    assert main(["chronology", "ABC-12", "--user", "alice"]) == 0
    assert capsys.readouterr().out.startswith("Chronology for case ABC-12")
    assert main(["overview", "--user", "sue"]) == 0
    assert "Supervisor overview for team Blue" in capsys.readouterr().out
    assert main(["distance", "ABC-12", "--user", "alice", "--chart", str(tmp_path / "d.png")]) == 0
    assert "What got better" in capsys.readouterr().out
    assert (tmp_path / "d.png").read_bytes()[:4] == b"\x89PNG"


def test_users_set_role_gives_a_supervisor_the_team(db_url, monkeypatch, capsys, clock):
    run_check(db_url, Clock(dt.datetime(2026, 5, 1, 9)), "pat", "TEAM-1", {}, "8")
    assert main(["overview", "--user", "viv"]) == 1  # not a user yet
    capsys.readouterr()
    assert main(["users", "set-role", "viv", "--role", "supervisor", "--team", "Green"]) == 0
    assert capsys.readouterr().out.strip() == "rest:viv is now a supervisor in team Green"
    assert main(["chronology", "TEAM-1", "--user", "viv"]) == 1  # pat is not in Green yet
    capsys.readouterr()
    assert main(["users", "set-role", "pat", "--role", "practitioner", "--team", "Green"]) == 0
    assert main(["chronology", "TEAM-1", "--user", "viv"]) == 0
    assert "practitioner rest:pat" in capsys.readouterr().out
    assert main(["users", "list", "--team", "Green"]) == 0
    listed = capsys.readouterr().out
    assert "rest:pat" in listed and "rest:viv" in listed and "supervisor" in listed
    with pytest.raises(SystemExit):
        main(["users", "set-role", "viv", "--role", "boss"])
    with records.session_scope(db_url) as s:
        assert s.execute(select(AuditEvent).where(AuditEvent.event == "role_set")).scalars().all()
