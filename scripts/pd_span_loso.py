#!/usr/bin/env python3
"""Leave-one-set-out for the span forms of the personal-details scrubber (bot/lang/details/
span_forms.py, issue 20, S14-PL2).

    python scripts/pd_span_loso.py        # by dev set: without the forms, with them, left out
    python scripts/pd_span_loso.py --by-form workplaces,councils_before_postcode
                                          # each named form (or pd_place flag) taken away alone:
                                          # what it gains on the sets it was not written from
    python scripts/pd_span_loso.py --by-form kept_sayings --sets personal_details_dev24.yml,personal_details_dev29.yml
                                          # the same on the named dev sets only (a quicker run;
                                          # the sets a form leaves unchanged add nothing)
    python scripts/pd_span_loso.py --by-form kept_sayings --changed-items
                                          # the same on the items the named forms change only (each
                                          # item is scored on its own: the same gains and costs)

Each form was written from one dev set's misses (span_forms.DERIVED_FROM; session 17's forms, in
bot/lang/details/span_forms17.py, session 18's, in span_forms18.py, session 19's, in
span_forms19.py, session 20's, in span_forms20.py, session 21's, in span_forms21.py, session 22's,
in span_forms22.py and span_forms22_found.py, and session 23's, in span_forms23.py, are in span_forms.FORMS too,
and the ones that read what every pass found run last, span_forms.late_forms). Every dev set
(scripts/eval_language.py DEV_SETS; never the held-out file or a blind set) is scored three
ways: without any form; with every form; and left out, with every form but the ones derived
from that set. The left-out column is what the forms gain on sets they were not written from.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "scripts"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import eval_language as ev  # noqa: E402

import bot.lang.scrub as scrub_module  # noqa: E402
from bot.lang.details import span_forms  # noqa: E402

ALL_FORMS = span_forms.FORMS


def _sets_of(derived) -> tuple:
    """The sets a form was written from: one name, or a tuple of names (a class seen in several)."""
    return (derived,) if isinstance(derived, str) else tuple(derived or ())


def score(name: str, forms: tuple):
    span_forms.FORMS = forms
    scrub_module._spans_of.cache_clear()
    try:
        return ev.eval_details.__wrapped__(name)
    finally:
        span_forms.FORMS = ALL_FORMS
        scrub_module._spans_of.cache_clear()


# the switches of other passes judged the same way: flag in personal_details.yml -> its sets
# (a list is emptied rather than switched off: pd_address `site_words`, session 16)
FLAGS = {
    "councils_before_postcode": ("pd_place", ("personal_details_dev24.yml",)),
    "site_words": ("pd_address", ("personal_details_dev23.yml",)),
    # session 18: "shes called", "hes called"
    "called_after_textese": ("pd_name", ("personal_details_dev30.yml",)),
    # session 19: "BS3 4nd" is a postcode (an ordinal's ending that does not fit its digit)
    "ordinal_endings": ("pd_postcode", ("personal_details_dev31.yml",)),
    # session 20: a user name by its shape ("xbox name Fake_GG2014", "fake.lbk on Instagram", "fake.dk_x")
    "handle_shapes": ("pd_handle", ("personal_details_dev33.yml", "personal_details_dev34.yml")),
}


def _chosen_sets() -> list[str]:
    """Every dev set, or those named after --sets (each must be a dev set: never a blind or held-out one)."""
    sets = list(ev.DEV_SETS)
    if "--sets" in sys.argv:
        named = sys.argv[sys.argv.index("--sets") + 1].split(",")
        unknown = [n for n in named if n not in sets]
        if unknown:
            raise SystemExit(f"not dev sets: {unknown}")
        sets = named
    assert not any("heldout" in s or "blind" in s for s in sets)
    return sets


def _only_changed_items(sets: list[str], forms: list) -> None:
    """--changed-items: each set scored on the items whose spans the named forms change (with all the
    forms, and without all the named ones): the same gains and costs, each item being scored on its own,
    in a fraction of the time. The counts printed are of those items only."""
    from bot.lang.scrub import detail_spans

    load = ev.load_eval
    rest = tuple(f for f in ALL_FORMS if f not in forms)
    kept: dict = {}
    for name in sets:
        items = []
        for item in load(name):
            span_forms.FORMS = rest
            scrub_module._spans_of.cache_clear()
            without = detail_spans(item["text"])
            span_forms.FORMS = ALL_FORMS
            scrub_module._spans_of.cache_clear()
            if detail_spans(item["text"]) != without:
                items.append(item)
        kept[name] = items
    ev.load_eval = lambda name: kept[name] if name in kept else load(name)


def by_form(names: list[str]) -> int:
    """Each named form (or flag) taken away alone, every dev set scored with and without it:
    details gained and words over-scrubbed, on the sets it was not written from (left out)."""
    from bot.lang.details.lexicon import _config

    sets = _chosen_sets()
    if "--changed-items" in sys.argv:
        _only_changed_items(sets, [f for f in ALL_FORMS if f.__name__ in names])
    full = {name: score(name, ALL_FORMS) for name in sets}
    for form in names:
        if form in FLAGS:
            kid, derived = FLAGS[form]
            kept = _config()[kid][form]
            _config()[kid][form] = [] if isinstance(kept, list) else False
            without = {name: score(name, ALL_FORMS) for name in sets}
            _config()[kid][form] = kept
        else:
            derived = _sets_of(span_forms.DERIVED_FROM.get(form))
            rest = tuple(f for f in ALL_FORMS if f.__name__ != form)
            without = {name: score(name, rest) for name in sets}
        out_gain = out_over = in_gain = in_over = 0
        for name in sets:
            gain = full[name].removed - without[name].removed
            over = full[name].over_scrubbed - without[name].over_scrubbed
            if gain or over:
                print(
                    f"  {form:<28} {name:<30} details {gain:+d}  over-scrubbed {over:+d}"
                    + (" (in sample)" if name in derived else "")
                )
            if name in derived:
                in_gain, in_over = in_gain + gain, in_over + over
            else:
                out_gain, out_over = out_gain + gain, out_over + over
        print(
            f"{form}: from {', '.join(derived)}; left out +{out_gain} details, {out_over:+d} over-scrubbed;"
            f" in sample +{in_gain}, {in_over:+d}"
        )
    return 0


def main() -> int:
    if "--by-form" in sys.argv:
        return by_form(sys.argv[sys.argv.index("--by-form") + 1].split(","))
    sets = list(ev.DEV_SETS)
    assert not any("heldout" in s or "blind" in s for s in sets)
    print(f"{'set':<30} {'without':>16} {'with':>16} {'left out':>16}  forms derived from it")
    total = [[0, 0, 0] for _ in range(3)]
    for name in sets:
        own = [f for f in ALL_FORMS if name in _sets_of(span_forms.DERIVED_FROM.get(f.__name__))]
        runs = (score(name, ()), score(name, ALL_FORMS), score(name, tuple(f for f in ALL_FORMS if f not in own)))
        cells = []
        for t, d in zip(total, runs, strict=True):
            t[0], t[1], t[2] = t[0] + d.removed, t[1] + d.details, t[2] + d.over_scrubbed
            cells.append(f"{d.removed:>4}/{d.details:<4} {d.over_scrubbed:>3}")
        print(f"{name:<30} " + " ".join(f"{c:>16}" for c in cells) + "  " + ", ".join(f.__name__ for f in own))
    print(f"{'all dev sets':<30} " + " ".join(f"{t[0]:>5}/{t[1]:<5} {t[2]:>3}" for t in total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
