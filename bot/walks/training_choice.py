"""Training mode: choosing a practice scenario from what the trainee asks for (an age band, a
disabled child, a surprise) and the choice menu (a part of bot.walks.training.TrainingService)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy.orm import Session

from bot.knowledge.age_band import AgeBand
from bot.knowledge.texts import say
from bot.records.store import User
from bot.records.training_models import TrainingAttempt
from bot.walks.replies import Button, Reply
from bot.walks.training_library import MARK, Scenario, _norm_words, _tokens


class ScenarioChoice:
    """For bot.walks.training.TrainingService (which gives library, clock and db_url)."""

    def _choose(self, s: Session, user: User, text: str, from_start: bool = False) -> Scenario | None:
        toks = _tokens(text)
        norm = " " + " ".join(toks) + " "
        m = re.search(r"\btrn\s*-?\s*0*(\d{1,3})\b", text.lower())
        if m is None and not from_start and len(toks) <= 3:
            m = re.search(r"^(?:scenario\s*|number\s*|no\s*)?0*(\d{1,3})$", " ".join(toks))
        if m:
            ref = f"TRN-{int(m.group(1)):02d}"
            return self.library.by_ref(ref)
        pool: list[tuple[int, Scenario]] = []
        for sc in self.library.scenarios:
            score = 0
            for word in AgeBand.from_key(sc.band).words:
                score += f" {_norm_words(word)} " in norm
            if sc.disabled:
                score += any(f" {w} " in norm for w in self.library.disabled_words)
            for theme in sc.themes:
                score += f" {_norm_words(theme.replace('_', ' '))} " in norm
            if score:
                pool.append((score, sc))
        if pool:
            best = max(p[0] for p in pool)
            return self._surprise(s, user, [sc for score, sc in pool if score == best])
        if any(f" {_norm_words(w)} " in norm for w in self.library.surprise_words) and not from_start:
            return self._surprise(s, user, self.library.scenarios)
        if from_start and any(f" {_norm_words(w)} " in norm for w in self.library.surprise_at_start):
            return self._surprise(s, user, self.library.scenarios)
        return None

    def _surprise(self, s: Session, user: User, candidates: Sequence[Scenario]) -> Scenario:
        """One the trainee has not finished yet if there is one, else one of their weakest."""
        best = self._best_scores(s, user)
        fresh = [sc for sc in candidates if sc.ref not in best]
        if fresh:
            return self.rng.choice(fresh)
        low = min(best.get(sc.ref, 0) for sc in candidates)
        return self.rng.choice([sc for sc in candidates if best.get(sc.ref, 0) == low])

    def _begin(self, attempt: TrainingAttempt, scenario: Scenario) -> list[Reply]:
        attempt.scenario_id, attempt.scenario_ref = scenario.id, scenario.ref
        attempt.status, attempt.points, attempt.max_points = "active", 0, scenario.max_points
        attempt.pending = None
        attempt.updated_at = self.clock()
        return [
            Reply(
                f"{MARK} "
                + say(
                    "training_choice.begin",
                    ref=scenario.ref,
                    title=scenario.title,
                    who=scenario.who,
                    steps=len(scenario.steps),
                )
                + "\n"
                f"{self.library.fiction_note}\n{scenario.intro}"
            )
        ]

    def _menu(self, s: Session, attempt: TrainingAttempt) -> Reply:
        best = self._best_scores(s, attempt.user)
        lines = [f"{MARK} " + say("training_choice.menu")]
        for sc in self.library.scenarios:
            done = say("training_choice.done", best=best[sc.ref]) if sc.ref in best else ""
            lines.append(say("training_choice.menu_line", ref=sc.ref, title=sc.title, who=sc.who, done=done))
        buttons = [Button(say("training_choice.surprise_button"), "surprise me")]
        buttons += [Button(f"{sc.ref} · {sc.title}", sc.ref) for sc in self.library.scenarios]
        return Reply("\n".join(lines), tuple(buttons))

    # -- steps -------------------------------------------------------------------------------
