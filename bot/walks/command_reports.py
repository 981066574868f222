"""A case's report asked for without its reference inside a walk that has a case ("can I see the
chronology for this case?", "show me the chronology", "chronology please"): commands.yml
`this_case`, read as one pattern. Split from bot/walks/commands.py, whose `read_this_case()`
gives it the message as plain words (punctuation off, lower case), with and without its polite
words; it imports nothing of bot/walks (session 19, S19-UX2)."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang.nlp import as_list, load_yaml, on_reset


def _plain(s: str) -> str:
    s = s.lower().replace("’", "'")
    s = re.sub(r"[^\w\s']", " ", s)
    return re.sub(r"\s+", " ", s).strip()


@lru_cache(maxsize=1)
def _this_case_form() -> tuple[re.Pattern, dict[str, str]] | None:
    """commands.yml `this_case` as one pattern: [verb] [me] [owner] report [tail], and the
    report each of its words names."""
    data = load_yaml("commands.yml").get("this_case") or {}
    reports = {_plain(str(w)): name for name, ws in (data.get("reports") or {}).items() for w in as_list(ws)}
    if not reports:
        return None

    def alt(words) -> str:
        return "|".join(re.escape(_plain(str(w))) for w in sorted(as_list(words), key=len, reverse=True))

    verbs, owners, tails = alt(data.get("verbs")), alt(data.get("owners")), alt(data.get("tails"))
    form = (
        (rf"(?:(?:{verbs}) )?(?:me )?" if verbs else "")
        + (rf"(?:(?:{owners}) )?" if owners else "")
        + rf"(?P<report>{alt(list(reports))})"
        + (rf"(?: (?:{tails}))*" if tails else "")
    )
    return re.compile(form), reports


on_reset(_this_case_form.cache_clear)


def report_asked(*plain: str) -> str | None:
    """The report ('summary', 'chronology', 'distance_travelled') one of these plain forms of a
    message asks for, as the whole message: [verb] [me] [owner] report [tail]; None otherwise."""
    spec = _this_case_form()
    if spec is None:
        return None
    form, reports = spec
    for c in plain:
        m = form.fullmatch(c)
        if m:
            return reports[m.group("report")]
    return None
