"""AgeBand: a child's age band, with the one label table of knowledge/age_bands.yml.

`AgeBand.from_key("baby")`, `AgeBand.parse("under 1")` (a key, a label or a word for the band),
`AgeBand.for_months(30)`; `band.label` is how the check names it, `band.training_label` how a
practice scenario does. KEYS are the stored values, INDICATOR_BANDS the keys an indicator list
may have (the ages and "disabled")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import conlist, constr, validator

from bot.knowledge import files
from bot.settings import get_settings

FILE = "age_bands.yml"
_Text = constr(strip_whitespace=True, min_length=1)


class BandSpec(files.Shape):
    key: constr(regex=r"^[a-z][a-z0-9_]*$")  # type: ignore[valid-type]
    check: _Text  # type: ignore[valid-type]
    training: _Text  # type: ignore[valid-type]
    months: conlist(int, min_items=2, max_items=2) | None  # type: ignore[valid-type]
    words: list[_Text] = []  # type: ignore[valid-type]

    @validator("months")
    def _range(cls, v: list[int] | None) -> list[int] | None:  # noqa: N805
        if v is not None and not 0 <= v[0] <= v[1]:
            raise ValueError("must be [first, last] month of age, first not after last")
        return v


class AgeBandsFile(files.Shape):
    bands: conlist(BandSpec, min_items=1)  # type: ignore[valid-type]
    indicators_also: list[_Text] = []  # type: ignore[valid-type]

    @validator("bands")
    def _unique(cls, v: list[BandSpec]) -> list[BandSpec]:  # noqa: N805
        keys = [b.key for b in v]
        dup = sorted({k for k in keys if keys.count(k) > 1})
        if dup:
            raise ValueError(f"a band key is given twice: {', '.join(dup)}")
        return v


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'").replace("'", "")))


@dataclass(frozen=True)
class AgeBand:
    key: str
    label: str  # the check's name for it ("under 1")
    training_label: str  # a practice scenario's ("baby")
    words: tuple[str, ...]
    months: tuple[int, int] | None  # first and last month of age; None for an unborn child

    def __str__(self) -> str:
        return self.key

    @staticmethod
    def all() -> tuple[AgeBand, ...]:
        return _table()[0]

    @classmethod
    def from_key(cls, key: str) -> AgeBand:
        for band in cls.all():
            if band.key == key:
                return band
        raise ValueError(f"unknown age band '{key}' (known: {', '.join(KEYS)})")

    @classmethod
    def parse(cls, text: str) -> AgeBand | None:
        """The band a short text names: its key, its label or one of its words, else None."""
        norm = _norm(text)
        for band in cls.all():
            if norm in {_norm(band.key), _norm(band.label), _norm(band.training_label), *map(_norm, band.words)}:
                return band
        return None

    @classmethod
    def for_months(cls, months: int) -> AgeBand | None:
        """The band of a child of this many months, None below 0 or at 18 and over."""
        for band in cls.all():
            if band.months and band.months[0] <= months <= band.months[1]:
                return band
        return None


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[AgeBand, ...], tuple[str, ...]]:
    path = get_settings().knowledge_dir / FILE
    spec = files.check_or_raise(AgeBandsFile, files.read_or_raise(path, FILE), FILE)
    bands = tuple(
        AgeBand(b.key, b.check, b.training, tuple(b.words), (b.months[0], b.months[1]) if b.months else None)
        for b in spec.bands
    )
    return bands, tuple(spec.indicators_also)


KEYS: tuple[str, ...] = tuple(b.key for b in AgeBand.all())
INDICATOR_BANDS: tuple[str, ...] = KEYS + _table()[1]
