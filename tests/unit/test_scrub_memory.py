"""The capitalisation table of the name finders is made small once and read as flat arrays
(bot/lang/details/capital_table.py): the same answers as the whole table for every threshold
that reads it, without a Python object per word in each server process."""

from __future__ import annotations

import gzip
import json
import math

from bot.lang.details import capital_table


def _table(tmp_path):
    probs = {
        "Threlfall": -12.0,  # only capitalised
        "Dexter": -11.0,
        "dexter": -14.0,  # leans 3.0
        "Rose": -10.0,
        "rose": -10.2,  # leans 0.2: below every threshold
        "squalor": -13.0,  # lower case only, rare (zipf 2.7)
        "the": -3.0,  # lower case, common
        "Nappies": -15.0,
        "nappies": -12.0,  # lower case commoner
    }
    path = tmp_path / "probs.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(probs, fh)
    return str(path)


def test_the_small_table_keeps_what_the_thresholds_read(tmp_path, monkeypatch):
    monkeypatch.setenv("LA_CACHE_DIR", str(tmp_path / "cache"))
    table = _table(tmp_path)
    lean, lower = capital_table.load(table, 3.0, 0.5, 3.0)
    assert list((tmp_path / "cache").glob("capitalisation-*.bin"))  # built once, in a child process
    assert lean.get("threlfall") == 3.0 and math.isclose(lean.get("dexter"), 3.0)
    assert lean.get("rose", 0.0) == 0.0  # below the lowest threshold: never read
    assert "squalor" in lower and "nappies" in lower
    assert "the" not in lower  # common: no rule reads it
    assert "threlfall" not in lower and "dexter" not in lower
    again = capital_table.load(table, 3.0, 0.5, 3.0)  # read from the file
    assert again[0].get("dexter") == lean.get("dexter") and len(again[1]) == len(lower)


def test_the_servers_hold_flat_arrays_not_dicts():
    from bot.lang.details.lexicon import _lexicon

    lex = _lexicon()
    assert isinstance(lex.capital_lean, capital_table.HashedWords) and len(lex.capital_lean) > 50000
    assert isinstance(lex.lower_known, capital_table.HashedWords) and len(lex.lower_known) > 50000
