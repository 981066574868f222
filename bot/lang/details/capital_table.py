"""The capitalisation table of the name finders, made small once and kept on disk.

spacy-lookups-data ships English lexeme probabilities for about a million cased word forms.
Reading that file holds some 170 MB in a process (and Python keeps most of it after the table is
dropped), in the Rasa server and the action server alike. The finders need only two small parts
of it: how much more often a word is written capitalised than in lower case (only words leaning
at least as much as the lowest threshold that reads it) and which rare words the table knows in
lower case (only words rarer than the threshold that reads them). Those parts are built once, in
a child process, into a small binary file under the cache folder (LA_CACHE_DIR, else var/cache/),
named after the table and the thresholds; every process then reads it as three flat arrays (an
8-byte hash of each word, sorted, and the leans): about 3 MB, no Python object per word.

    python -m bot.lang.details.capital_table TABLE OUT ONLY_CAPITALISED MIN_LEAN LOWER_BELOW_ZIPF
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from array import array
from bisect import bisect_left
from pathlib import Path

VERSION = 2  # raise when build() or the file's layout changes


def word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


class HashedWords:
    """A set of words (with an optional number for each) held as sorted 8-byte hashes."""

    def __init__(self, keys: array, values: array | None = None):
        self._keys, self._values = keys, values

    def _find(self, word: str) -> int:
        h = word_hash(word)
        i = bisect_left(self._keys, h)
        return i if i < len(self._keys) and self._keys[i] == h else -1

    def __contains__(self, word) -> bool:
        return isinstance(word, str) and self._find(word) >= 0

    def __len__(self) -> int:
        return len(self._keys)

    def get(self, word: str, default=None):
        i = self._find(word)
        return default if i < 0 or self._values is None else float(self._values[i])


def _arrays(lean: dict, lower: list) -> tuple[array, array, array]:
    pairs = sorted((word_hash(w), v) for w, v in lean.items())
    return (
        array("Q", [h for h, _ in pairs]),
        array("d", [v for _, v in pairs]),
        array("Q", sorted({word_hash(w) for w in lower})),
    )


def _write(path: str, lean: dict, lower: list) -> None:
    keys, values, low = _arrays(lean, lower)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        fh.write(array("Q", [len(keys), len(low)]).tobytes())
        for part in (keys, values, low):
            fh.write(part.tobytes())
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)  # whole or not at all: processes may build at once


def _read(path: Path) -> tuple[HashedWords, HashedWords]:
    with open(path, "rb") as fh:
        head = array("Q")
        head.fromfile(fh, 2)
        n, m = head
        keys, values, low = array("Q"), array("d"), array("Q")
        keys.fromfile(fh, n)
        values.fromfile(fh, n)
        low.fromfile(fh, m)
        if fh.read(1):
            raise ValueError(f"{path}: longer than its header says")
    return HashedWords(keys, values), HashedWords(low)


def build(table: str, only: float, min_lean: float, lower_below_zipf: float) -> tuple[dict, list]:
    """(word -> lean, for leans >= min_lean; sorted words known in lower case at least as often as
    capitalised and rarer than lower_below_zipf)."""
    from wordfreq import zipf_frequency

    with gzip.open(table, "rt", encoding="utf-8") as fh:
        probs = json.load(fh)
    lean: dict = {}
    lower: list = []
    for word, logp in probs.items():
        if len(word) > 1 and word[0].isupper() and word[1:].islower() and word.isalpha():
            low = probs.get(word.lower())
            value = only if low is None else (float(logp) - float(low) if logp > low else 0.0)
            if value > 0 and value >= min_lean:
                lean[word.lower()] = value
        elif word.islower() and word.isalpha():
            cap = probs.get(word.capitalize())
            if (cap is None or logp >= cap) and zipf_frequency(word, "en") < lower_below_zipf:
                lower.append(word)
    return lean, sorted(lower)


def _cache_dir() -> Path:
    root = Path(__file__).resolve().parents[3]
    return Path(os.environ.get("LA_CACHE_DIR") or root / "var" / "cache")


def load(table: str, only: float, min_lean: float, lower_below_zipf: float) -> tuple[HashedWords, HashedWords]:
    """The two parts, from the cache file (built first in a child process when missing)."""
    st = os.stat(table)
    key = hashlib.sha1(
        json.dumps(
            [VERSION, os.path.abspath(table), st.st_size, int(st.st_mtime), only, min_lean, lower_below_zipf]
        ).encode()
    ).hexdigest()[:16]
    for folder in (_cache_dir(), Path(tempfile.gettempdir()) / "la-cache"):
        path = folder / f"capitalisation-{key}.bin"
        if not path.exists():
            try:
                folder.mkdir(parents=True, exist_ok=True)
                subprocess.run(
                    [sys.executable, "-m", __name__, table, str(path), str(only), str(min_lean), str(lower_below_zipf)],
                    check=True,
                    cwd=Path(__file__).resolve().parents[3],
                    capture_output=True,
                    timeout=600,
                )
            except (OSError, subprocess.SubprocessError):
                continue
        try:
            return _read(path)
        except (OSError, ValueError, EOFError):
            continue
    lean, lower = build(table, only, min_lean, lower_below_zipf)  # no folder to write in: in this process
    keys, values, low = _arrays(lean, lower)
    return HashedWords(keys, values), HashedWords(low)


def main(argv: list[str]) -> int:
    table, out, only, min_lean, lower_zipf = argv
    lean, lower = build(table, float(only), float(min_lean), float(lower_zipf))
    _write(out, lean, lower)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
