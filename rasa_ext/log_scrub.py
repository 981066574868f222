"""Personal details are scrubbed from the logs of the Rasa server and the action server.

Rasa echoes what users type in its logs (at debug level: "Received user message '...' with
intent ...", the parse data, the tracker's events; at any level, an error that quotes a
message). Every log record of the process is scrubbed when it is made, before any handler
sees it: its message (with its arguments filled in) and the text of an exception it
carries go through the same rules as stored text (bot/lang/scrub.py,
knowledge/language/personal_details.yml), with details replaced by labels ("[name]").
Names of program parts (`CompactingSQLTrackerStore`, `ValueError`) are left as they are.

How it is switched on: Rasa's and the action server's own `--logging-config-file` option,
with rasa_ext/logging.yml, whose only filter is made by `ScrubFilter`; making it installs
the scrubbing record factory for the whole process (so it covers handlers that Rasa adds
after reading the file too):

    rasa run ... --logging-config-file rasa_ext/logging.yml
    rasa run actions ... --logging-config-file rasa_ext/logging.yml

`install()` does the same from Python.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from typing import Any

_lock = threading.Lock()
_installed: list[Callable[..., logging.LogRecord]] = []  # the factory that was there before
_local = threading.local()

# Names of program parts: two lower-to-upper changes ("CompactingSQLTrackerStore"), or one
# with a usual ending ("ValueError", "RestInput"); dotted and snake_case names.
_CODE = re.compile(
    r"\b[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*[a-z0-9][A-Z][A-Za-z0-9]*\b"
    r"|\b[A-Z][A-Za-z0-9]*(?:Error|Exception|Warning|Input|Output|Channel|Store|Action|Policy|Classifier|"
    r"Featurizer|Extractor|Tokenizer|Component|Tracker|Event|Response|Request|Handler|Server|Client)\b"
    r"|\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b"
    r"|(?<![@\w.])[a-z][a-z0-9]*(?:\.[a-z_][a-z0-9_]*){2,}(?![\w@])"
    r"|\bTraceback\b"
)


def scrub_log_text(text: str) -> str:
    """The text with personal details replaced by labels; names of program parts kept."""
    if not text or not any(c.isalnum() for c in text):
        return text
    if len(text) <= 20000:  # Rasa's debug lines repeat: each one is scrubbed once
        return _scrub_cached(text)
    return _scrub_now(text)


@lru_cache(maxsize=4096)
def _scrub_cached(text: str) -> str:
    return _scrub_now(text)


def _forget_on_reload() -> None:
    from bot.lang.nlp import on_reset  # the rules reread after an edit: forget what was scrubbed

    on_reset(_scrub_cached.cache_clear)
    on_reset(lambda: _word_kinds.cache_clear())


_forget_on_reload()


def _read(text: str) -> list[tuple[int, int, str]]:
    """The spans of details in a text read as it is, with names of program parts masked."""
    from bot.lang.scrub import detail_spans

    masked = _CODE.sub(lambda m: "_" * len(m.group(0)), text)
    spans: list[tuple[int, int, str]] = detail_spans(masked)
    if masked != text:
        # what looks like a program part may hide a detail that is no name: "d.o.b. 2/11/19",
        # "dsl@school-name.example.sch.uk"; those kinds are also looked for in the text as it is
        words = _word_kinds()
        spans = _union(spans, [s for s in detail_spans(text) if s[2] not in words])
    return spans


def _scrub_now(text: str) -> str:
    spans = _union(_read(text), _quoted_spans(text))
    _learn(text, spans)
    spans = _union(spans, _known(text))
    if not spans:
        return text
    out, pos = [], 0
    for a, b, label in spans:
        out.append(text[pos:a])
        out.append(f"[{label}]")
        pos = b
    out.append(text[pos:])
    return "".join(out)


# -- what a log line quotes, read as the user typed it ---------------------------------------------
# Rasa's debug lines are JSON (structlog): a message is quoted with its line breaks written "\n",
# its quote marks '\"' and letters beyond ASCII "\u00e9". Read as it stands, "...\nDOB: 14/09/17"
# holds the word "nDOB", and the date of birth is not seen as one. Each quoted string is therefore
# also read decoded and on its own, as the stored message is (rasa_ext/scrubbing.py), and so is
# the message inside it ("[state 1] user text: ... | previous action name: ...", "SlotSet(key:
# answer, value: ...)"): a log line is at least as scrubbed as the message stored.
_QUOTED = re.compile(r'"((?:[^"\\\n]|\\.){2,})"')
_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", "b": " ", "f": " ", '"': '"', "'": "'", "\\": "\\", "/": "/"}
_INNER = (
    re.compile(r"user text: (.+?)(?= \| [a-z][a-z ]*: |\n\[state \d|\Z)", re.S),
    re.compile(r"\bvalue: (.+)\)\Z", re.S),
    re.compile(r"\bvalue: (.+?)\)(?=, [A-Z]\w+\(|\Z)", re.S),
)
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*|debug|info|warning|error")


def _decoded(text: str, a: int, b: int) -> tuple[str, list[int]]:
    """text[a:b] with its escapes read ("\\n", '\\"', "\\u00e9"), and where each character of
    it starts in text (one more entry: where it ends)."""
    chars: list[str] = []
    starts: list[int] = []
    i = a
    while i < b:
        c = text[i]
        if c == "\\" and i + 1 < b:
            nxt = text[i + 1]
            if nxt == "u" and i + 6 <= b and re.fullmatch(r"[0-9a-fA-F]{4}", text[i + 2 : i + 6]):
                chars.append(chr(int(text[i + 2 : i + 6], 16)))
                starts.append(i)
                i += 6
                continue
            if nxt in _UNESCAPE:
                chars.append(_UNESCAPE[nxt])
                starts.append(i)
                i += 2
                continue
        chars.append(c)
        starts.append(i)
        i += 1
    starts.append(b)
    return "".join(chars), starts


def _quoted_spans(text: str) -> list[tuple[int, int, str]]:
    """Spans, in the line's own offsets, of the details in each string the line quotes (and in
    the message inside it), each read decoded and on its own; and in the whole line decoded."""
    if '"' not in text and "\\" not in text:
        return []
    found: list[tuple[int, int, str]] = []

    def read(a: int, b: int) -> None:
        decoded, starts = _decoded(text, a, b)
        if not any(ch.isalnum() for ch in decoded):
            return
        pieces = [(0, len(decoded))] + [
            (m.start(1), m.end(1)) for rx in _INNER for m in rx.finditer(decoded) if m.end(1) - m.start(1) >= 2
        ]
        for x, y in dict.fromkeys(pieces):
            for s, e, label in _read(decoded[x:y]):
                found.append((starts[x + s], starts[x + e], label))

    if "\\" in text:
        read(0, len(text))
    for m in _QUOTED.finditer(text):
        if _IDENTIFIER.fullmatch(m.group(1)):
            continue
        read(m.start(1), m.end(1))
    return found


# Details found in earlier log lines, looked for again in later ones: a reply may quote what
# the user typed out of the context that showed it to be a detail ("I can't find a case
# 2016-07-19", after "dob 2016-07-19"). The most recent ones only, in this process's memory.
_SECRETS_KEPT = 2000
_secrets: OrderedDict[str, str] = OrderedDict()
_secrets_lock = threading.Lock()


def _learn(text: str, spans: list[tuple[int, int, str]]) -> None:
    from bot.lang.scrub import is_common_word

    new = False
    with _secrets_lock:
        for a, b, label in spans:
            secret = text[a:b].strip()
            # the detail as found, and each of its words ("Fakewood" said again on its own)
            for part in [secret] + (re.findall(r"[^\W\d_][\w'-]*", secret) if " " in secret else []):
                if len(part) < 4 or not any(c.isalnum() for c in part):
                    continue
                if " " not in part and part.isalpha() and is_common_word(part):
                    continue  # an everyday word taken as a name once is not hunted in every line
                key = part.lower()
                if key in _secrets:
                    _secrets.move_to_end(key)
                else:
                    _secrets[key] = label
                    new = True
                    while len(_secrets) > _SECRETS_KEPT:
                        _secrets.popitem(last=False)
    if new:
        _secrets_pattern.cache_clear()
        _scrub_cached.cache_clear()  # a line scrubbed before may hold the detail learnt now


@lru_cache(maxsize=1)
def _secrets_pattern() -> re.Pattern[str] | None:
    with _secrets_lock:
        keys = sorted(_secrets, key=len, reverse=True)
    if not keys:
        return None
    return re.compile(r"(?<![\w@.])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w@])", re.I)


def _known(text: str) -> list[tuple[int, int, str]]:
    rx = _secrets_pattern()
    if rx is None:
        return []
    return [(m.start(), m.end(), _secrets.get(m.group(0).lower(), "name")) for m in rx.finditer(text)]


def forget_details() -> None:
    """Forget the details learnt from earlier lines (for tests)."""
    with _secrets_lock:
        _secrets.clear()
    _secrets_pattern.cache_clear()


@lru_cache(maxsize=1)
def _word_kinds() -> frozenset:
    """The labels of the kinds found from words (names, places, addresses): those are looked
    for only with program parts masked."""
    from bot.lang.nlp import load_yaml

    details = load_yaml("personal_details.yml").get("details") or []
    return frozenset(d["label"] for d in details if d.get("id") in ("pd_name", "pd_place", "pd_address"))


def _union(a: list[tuple[int, int, str]], b: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans of both lists, overlapping ones joined (the label of the one that starts first)."""
    out: list[list[Any]] = []
    for start, end, label in sorted(a + b):
        if out and start < out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end, label])
    return [(x, y, z) for x, y, z in out]


def scrub_record(record: logging.LogRecord) -> logging.LogRecord:
    """The record with its message and exception text scrubbed (in place)."""
    if getattr(_local, "busy", False):  # a log line written while scrubbing: left alone
        return record
    _local.busy = True
    try:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what is there, scrubbed
            message = f"{record.msg} {record.args}"
        record.msg, record.args = scrub_log_text(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub_log_text(record.exc_text)
            record.exc_info = None  # formatted (and scrubbed) already
        if record.stack_info:
            record.stack_info = scrub_log_text(record.stack_info)
    except Exception:  # scrubbing must never stop a log line: drop the text instead
        record.msg, record.args = "(log message withheld: it could not be scrubbed)", ()
        record.exc_info, record.exc_text = None, None
    finally:
        _local.busy = False
    return record


_warning_formats: list[Callable[..., str]] = []  # warnings.formatwarning before install()


def install() -> None:
    """Scrub every log record this process makes from now on (idempotent), and every warning
    it prints: Rasa's warnings quote what users type too ("Misaligned entity annotation in
    message '...'") and go to stderr, the server's log, without passing through logging."""
    import warnings

    with _lock:
        if _installed:
            return
        previous = logging.getLogRecordFactory()

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            return scrub_record(previous(*args, **kwargs))

        factory.scrubs_personal_details = True  # type: ignore[attr-defined]
        _installed.append(previous)
        logging.setLogRecordFactory(factory)
        formatwarning = warnings.formatwarning

        def scrubbed_warning(message: Any, *args: Any, **kwargs: Any) -> str:
            text = formatwarning(message, *args, **kwargs)
            if getattr(_local, "busy", False):  # a warning of the scrubbing itself (loading its lists)
                return text
            _local.busy = True
            try:
                return scrub_log_text(text)
            except Exception:  # scrubbing must never stop a warning: withhold its text instead
                return "(warning withheld: it could not be scrubbed)\n"
            finally:
                _local.busy = False

        _warning_formats.append(formatwarning)
        warnings.formatwarning = scrubbed_warning


def uninstall() -> None:
    """Back to the record factory (and warning format) there was before `install()` (for tests)."""
    import warnings

    with _lock:
        if _installed:
            logging.setLogRecordFactory(_installed.pop())
        if _warning_formats:
            warnings.formatwarning = _warning_formats.pop()


def installed() -> bool:
    return bool(getattr(logging.getLogRecordFactory(), "scrubs_personal_details", False))


class ScrubFilter(logging.Filter):
    """A logging filter that scrubs the records it sees; making one installs the record
    factory, so a logging configuration file that names it scrubs the whole process."""

    def __init__(self, name: str = "") -> None:
        super().__init__(name)
        install()

    def filter(self, record: logging.LogRecord) -> bool:
        if not installed():
            scrub_record(record)
        return True
