"""The shape of the own-shape files of knowledge/ that the walks and the reasoning read:
check.yml (bot/walks/check_plan.py), supervision.yml (bot/walks/supervision_content.py),
training.yml (bot/walks/training_library.py), scoring.yml (bot/reasoning/scoring.py) and
age_bands.yml (bot/knowledge/age_band.py); faq.yml's are in schema_faq.py. Pydantic models
read through bot/knowledge/files.py; what a schema cannot say (an id exists elsewhere, a
question is in the plan) is checked by the module that reads the file."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import confloat, conint, conlist, constr, create_model, root_validator, validator

from bot.knowledge.age_band import INDICATOR_BANDS, KEYS, AgeBandsFile
from bot.knowledge.files import Shape
from bot.knowledge.models import LEVEL_IDS
from bot.knowledge.schema import SourceSpec
from bot.knowledge.schema_faq import FaqFile, TopicSpec

Text = constr(strip_whitespace=True, min_length=1)
Count = conint(strict=True, ge=0)
QUESTION_KINDS = ("yes_no", "choice", "multi", "age", "case_ref", "duration", "scale", "text")


def _band(v: str) -> str:
    if v not in INDICATOR_BANDS:
        raise ValueError(f"unknown age band '{v}' (known: {', '.join(INDICATOR_BANDS)})")
    return v


def _known(*keys: str):
    """A pre root validator: a key that is not one of `keys` is an unknown condition."""

    def check(cls, values: dict) -> dict:  # noqa: ARG001
        unknown = [k for k in values if k not in keys]
        if unknown:
            raise ValueError(f"unknown condition '{unknown[0]}' (known: {', '.join(keys)})")
        return values

    return root_validator(pre=True, allow_reuse=True)(check)


class OptionSpec(Shape):
    value: Text  # type: ignore[valid-type]
    label: Text  # type: ignore[valid-type]
    words: list[Text] = []  # type: ignore[valid-type]
    exclusive: bool = False


# -- check.yml -------------------------------------------------------------------------------
class CondSpec(Shape):
    """When a question is asked, a next step added or a prompt called for."""

    band_in: list[str] | None
    band_not_in: list[str] | None
    answer_in: dict[str, conlist(str, min_items=1)] | None  # type: ignore[valid-type]
    type_seen: bool | None
    unsure_at_least: Count | None  # type: ignore[valid-type]

    _bands = validator("band_in", "band_not_in", each_item=True, allow_reuse=True)(_band)
    _keys = _known("band_in", "band_not_in", "answer_in", "type_seen", "unsure_at_least")


class WhySpec(Shape):
    text: Text  # type: ignore[valid-type]
    item: Text | None  # type: ignore[valid-type]
    basis: Text | None  # type: ignore[valid-type]

    @root_validator(skip_on_failure=True)
    def _cited(cls, values: dict) -> dict:  # noqa: N805
        if not values.get("item") and not values.get("basis"):
            raise ValueError("needs an item (a knowledge id) or a basis")
        return values


class GuideSpec(Shape):
    serious: Text  # type: ignore[valid-type]
    some: Text  # type: ignore[valid-type]
    source: SourceSpec
    also: list[SourceSpec] = []


class QuestionSpec(Shape):
    id: constr(regex=r"^[a-z][a-z0-9_]*$")  # type: ignore[valid-type]
    short: Text | None  # type: ignore[valid-type]
    kind: Literal[QUESTION_KINDS]  # type: ignore[valid-type]
    text: Text  # type: ignore[valid-type]
    options: list[OptionSpec] = []
    when: CondSpec = CondSpec()
    why: WhySpec
    for_each: Literal["neglect_type"] | None
    examples: Count = 0  # type: ignore[valid-type]
    guide: dict[Literal[INDICATOR_BANDS], GuideSpec] | None  # type: ignore[valid-type]

    @root_validator(skip_on_failure=True)
    def _options(cls, values: dict) -> dict:  # noqa: N805
        kind = values.get("kind")
        if kind in ("choice", "multi") and not values.get("options"):
            raise ValueError(f"a {kind} question needs options")
        if kind in ("yes_no", "age") and values.get("options"):
            where = "answer_sets.yes_no" if kind == "yes_no" else "age_bands.yml"
            raise ValueError(f"{'an' if kind == 'age' else 'a'} {kind} question takes its options from {where}")
        return values


class AnswerSets(Shape):
    yes_no: conlist(OptionSpec, min_items=2)  # type: ignore[valid-type]


class ConditionalStep(Shape):
    step: Text  # type: ignore[valid-type]
    when: CondSpec


class ReflectivePrompt(Shape):
    id: Text  # type: ignore[valid-type]
    pitfall: Text  # type: ignore[valid-type]
    because: Text  # type: ignore[valid-type]
    when: CondSpec


class CheckFile(Shape):
    answer_sets: AnswerSets
    questions: conlist(QuestionSpec, min_items=1)  # type: ignore[valid-type]
    next_step_plan: dict[Literal[LEVEL_IDS], list[Text]] = {}  # type: ignore[valid-type]
    conditional_steps: list[ConditionalStep] = []
    reflective_prompts: list[ReflectivePrompt] = []


# -- supervision.yml -------------------------------------------------------------------------
SUPERVISION_CONDITIONS = (
    "overdue_actions_at_least",
    "no_change_reviews_at_least",
    "open_days_at_least",
    "check_answer",
    "check_unsure_at_least",
    "scale_not_rising",
    "same_level_checks_at_least",
    "change_now",
)
STEP_KEYS = ("case_ref", "changed", "review", "theme_choice", "action_what", "action_who", "action_when")


class ThemeSpec(Shape):
    id: Text  # type: ignore[valid-type]
    name: Text  # type: ignore[valid-type]
    text: Text  # type: ignore[valid-type]
    why: Text  # type: ignore[valid-type]
    words: list[Text] = []  # type: ignore[valid-type]
    questions: list[Text]  # type: ignore[valid-type]
    related: conlist(Text, min_items=1)  # type: ignore[valid-type]
    source: SourceSpec
    also: list[SourceSpec] = []

    @validator("questions")
    def _three_to_five(cls, v: list[str]) -> list[str]:  # noqa: N805
        if not 3 <= len(v) <= 5:
            raise ValueError("must be a list of 3 to 5 questions")
        return v


class PickWhen(Shape):
    overdue_actions_at_least: Count | None  # type: ignore[valid-type]
    no_change_reviews_at_least: Count | None  # type: ignore[valid-type]
    open_days_at_least: Count | None  # type: ignore[valid-type]
    check_answer: dict[str, conlist(str, min_items=1)] | None  # type: ignore[valid-type]
    check_unsure_at_least: Count | None  # type: ignore[valid-type]
    scale_not_rising: bool | None
    same_level_checks_at_least: Count | None  # type: ignore[valid-type]
    change_now: list[Text] | None  # type: ignore[valid-type]

    _keys = _known(*SUPERVISION_CONDITIONS)


class PickSpec(Shape):
    id: Text  # type: ignore[valid-type]
    when: PickWhen = PickWhen()
    themes: conlist(Text, min_items=1)  # type: ignore[valid-type]
    because: Text  # type: ignore[valid-type]
    source: SourceSpec


class StepSpec(Shape):
    id: Text  # type: ignore[valid-type]
    text: Text  # type: ignore[valid-type]
    why: Text  # type: ignore[valid-type]
    source: SourceSpec | None
    basis: str = ""
    also: list[SourceSpec] = []


StepsSpec = create_model("StepsSpec", __base__=Shape, **{k: (StepSpec, ...) for k in STEP_KEYS})


class DriftSpec(Shape):
    id: Text  # type: ignore[valid-type]
    text: Text  # type: ignore[valid-type]
    min_no_change_reviews: Count  # type: ignore[valid-type]
    repeat_sessions: Count  # type: ignore[valid-type]
    repeat_similarity: confloat(ge=0, le=1)  # type: ignore[valid-type]
    overdue_actions: Count  # type: ignore[valid-type]
    source: SourceSpec
    also: list[SourceSpec] = []


class SupervisionSettings(Shape):
    questions_per_theme: Count  # type: ignore[valid-type]
    max_suggested_themes: Count  # type: ignore[valid-type]
    follow_ups_per_kind: Count  # type: ignore[valid-type]
    follow_up_order: list[Text] = []  # type: ignore[valid-type]
    open_long_days: Count  # type: ignore[valid-type]
    # a reply at least this long at the choice of themes tells the case rather than choosing one
    told_min_words: Count = 8  # type: ignore[valid-type]


BUTTON_KEYS = (
    "use_suggested",
    "choose_own",
    "next_more",
    "next_theme",
    "next_choose",
    "next_actions",
    "no_actions",
    "more_action",
    "finish",
)
SupervisionButtons = create_model(
    "SupervisionButtons",
    __base__=Shape,
    owners=(conlist(OptionSpec, min_items=1), ...),
    not_owners=(list[Text], []),  # type: ignore[valid-type]
    not_choice_before=(list[Text], []),  # type: ignore[valid-type]
    **{k: (OptionSpec, ...) for k in BUTTON_KEYS},
)


class SupervisionFile(Shape):
    buttons: SupervisionButtons  # type: ignore[valid-type]
    settings: SupervisionSettings
    drift: DriftSpec
    themes: conlist(dict[str, Any], min_items=1)  # type: ignore[valid-type]  (each a ThemeSpec)
    picking: list[dict[str, Any]] = []  # each a PickSpec
    steps: StepsSpec  # type: ignore[valid-type]
    change: conlist(OptionSpec, min_items=1)  # type: ignore[valid-type]
    review: conlist(OptionSpec, min_items=1)  # type: ignore[valid-type]


# -- training.yml ----------------------------------------------------------------------------
TRAINING_KINDS = ("types", "level", "next_step", "pitfall")
NO_NEGLECT = "none"  # the types answer "no neglect here"
MIN_STEPS, MAX_STEPS = 2, 4


class KindSpec(Shape):
    question: Text  # type: ignore[valid-type]
    why: Text  # type: ignore[valid-type]


KindsSpec = create_model("KindsSpec", __base__=Shape, **{k: (KindSpec, ...) for k in TRAINING_KINDS})


class ChoiceSpec(Shape):
    """An option of a scenario step: value is a knowledge id (a level's label may come from
    the council's profile)."""

    value: Text  # type: ignore[valid-type]
    label: Text | None  # type: ignore[valid-type]
    words: list[Text] = []  # type: ignore[valid-type]
    exclusive: bool = False


OptionSetsSpec = create_model(
    "OptionSetsSpec", __base__=Shape, **{k: (conlist(ChoiceSpec, min_items=2), ...) for k in TRAINING_KINDS}
)


class ScenarioStepSpec(Shape):
    id: Text  # type: ignore[valid-type]
    ask: Literal[TRAINING_KINDS]  # type: ignore[valid-type]
    situation: Text  # type: ignore[valid-type]
    question: Text | None  # type: ignore[valid-type]
    why: Text | None  # type: ignore[valid-type]
    options: conlist(Text, min_items=2) | None  # type: ignore[valid-type]
    answer: conlist(Text, min_items=1)  # type: ignore[valid-type]
    partial: list[Text] = []  # type: ignore[valid-type]
    feedback: Text  # type: ignore[valid-type]
    learning_point: Text  # type: ignore[valid-type]
    source: SourceSpec
    see: list[Text] = []  # type: ignore[valid-type]

    @root_validator(skip_on_failure=True)
    def _answers(cls, values: dict) -> dict:  # noqa: N805
        ask, answer, partial = values["ask"], values["answer"], values["partial"]
        if values.get("options") is None and ask in ("next_step", "pitfall"):
            raise ValueError(f"missing required field 'options' (a {ask} step offers a few choices)")
        if set(answer) & set(partial):
            raise ValueError("field 'partial' repeats an id of the model answer")
        if ask == "types" and partial:
            raise ValueError("field 'partial': a types step is scored by overlap, so it takes no partial ids")
        if ask == "types" and NO_NEGLECT in answer and len(answer) > 1:
            raise ValueError(f"field 'answer': '{NO_NEGLECT}' cannot be combined with types of neglect")
        return values


class ScenarioSpec(Shape):
    id: Text  # type: ignore[valid-type]
    ref: constr(regex=r"^TRN-\d{2,3}$")  # type: ignore[valid-type]
    title: Text  # type: ignore[valid-type]
    band: str
    disabled: bool = False
    themes: list[Text] = []  # type: ignore[valid-type]
    inspired_by: SourceSpec | None
    intro: Text  # type: ignore[valid-type]
    steps: list[ScenarioStepSpec]

    @validator("band")
    def _age_band(cls, v: str) -> str:  # noqa: N805
        if v not in KEYS:
            raise ValueError(f"unknown age band '{v}' (known: {', '.join(KEYS)})")
        return v

    @validator("steps", pre=True)
    def _step_count(cls, v: Any) -> Any:  # noqa: N805
        if not isinstance(v, list) or not MIN_STEPS <= len(v) <= MAX_STEPS:
            raise ValueError(f"must be a list of {MIN_STEPS} to {MAX_STEPS} steps")
        return v


class ChoosingSpec(Shape):
    surprise: conlist(Text, min_items=1)  # type: ignore[valid-type]
    surprise_at_start: conlist(Text, min_items=1)  # type: ignore[valid-type]
    disabled: conlist(Text, min_items=1)  # type: ignore[valid-type]


class TrainingFile(Shape):
    choosing: ChoosingSpec
    fiction_note: Text  # type: ignore[valid-type]
    kinds: KindsSpec  # type: ignore[valid-type]
    option_sets: OptionSetsSpec  # type: ignore[valid-type]
    scenarios: conlist(dict[str, Any], min_items=1)  # type: ignore[valid-type]  (each a ScenarioSpec)


# -- scoring.yml -----------------------------------------------------------------------------
PATTERNS = ("one_off", "comes_and_goes", "persistent")
IMPACTS = ("none_yet", "some", "serious")


class GradeSpec(Shape):
    id: Text  # type: ignore[valid-type]
    value: conint(strict=True)  # type: ignore[valid-type]
    label: Text  # type: ignore[valid-type]
    text: Text  # type: ignore[valid-type]
    source: SourceSpec


class UnknownSpec(Shape):
    pattern: Literal[PATTERNS]  # type: ignore[valid-type]
    impact: Literal[IMPACTS]  # type: ignore[valid-type]


class PractitionerScaleSpec(Shape):
    id: Text | None  # type: ignore[valid-type]
    question: Text = "q_scale"  # type: ignore[valid-type]
    min: conint(strict=True) = 0  # type: ignore[valid-type]
    max: conint(strict=True) = 10  # type: ignore[valid-type]
    label: Text = "Your 0-10 scale"  # type: ignore[valid-type]
    text: Text  # type: ignore[valid-type]
    source: SourceSpec
    also: list[SourceSpec] = []


class ComparisonSpec(Shape):
    id: Text | None  # type: ignore[valid-type]
    text: Text  # type: ignore[valid-type]
    concern_at_or_below: conint(strict=True) = 2  # type: ignore[valid-type]
    source: SourceSpec
    also: list[SourceSpec] = []


MatrixRow = create_model("MatrixRow", __base__=Shape, **{i: (conint(strict=True), ...) for i in IMPACTS})
MatrixSpec = create_model("MatrixSpec", __base__=Shape, **{p: (MatrixRow, ...) for p in PATTERNS})


class ScaleSpec(Shape):
    id: Text | None  # type: ignore[valid-type]
    name: Text | None  # type: ignore[valid-type]
    text: Text  # type: ignore[valid-type]
    source: SourceSpec
    also: list[SourceSpec] = []
    caveat: str = ""
    grades: conlist(GradeSpec, min_items=2)  # type: ignore[valid-type]
    from_seen: dict[Literal["no", "unsure"], conint(strict=True)]  # type: ignore[valid-type]
    matrix: MatrixSpec  # type: ignore[valid-type]
    unknown: UnknownSpec
    practitioner_scale: PractitionerScaleSpec
    comparison: ComparisonSpec

    @validator("grades")
    def _consecutive(cls, v: list[GradeSpec]) -> list[GradeSpec]:  # noqa: N805
        values = sorted(g.value for g in v)
        if values != list(range(values[0], values[-1] + 1)):
            raise ValueError(f"values must be consecutive whole numbers, found {values}")
        return v

    @root_validator(skip_on_failure=True)
    def _scores_are_grades(cls, values: dict) -> dict:  # noqa: N805
        valid = sorted(g.value for g in values["grades"])
        scores = [(f"from_seen.{k}", v) for k, v in values["from_seen"].items()]
        for p in PATTERNS:
            scores += [(f"matrix.{p}.{i}", getattr(getattr(values["matrix"], p), i)) for i in IMPACTS]
        bad = [f"{at} is {v}" for at, v in scores if v not in valid]
        if bad:
            raise ValueError(f"scores must be one of the grades {valid}: " + ", ".join(bad))
        return values


class ScoringFile(Shape):
    scoring: ScaleSpec


# The model of each own-shape file the knowledge loader checks on reading it, and the lists
# in it that are checked element by element (bot.knowledge.files.check_file)
OWN_SHAPE_MODELS: dict[str, tuple[type[Shape], dict[str, type[Shape]]]] = {
    "age_bands.yml": (AgeBandsFile, {}),
    "check.yml": (CheckFile, {}),
    "supervision.yml": (SupervisionFile, {"themes": ThemeSpec, "picking": PickSpec}),
    "training.yml": (TrainingFile, {"scenarios": ScenarioSpec}),
    "scoring.yml": (ScoringFile, {}),
    "faq.yml": (FaqFile, {"topics": TopicSpec}),
}
