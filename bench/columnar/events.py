"""Synthetic machine-coded events between states, in the CSV form of format v1 and as Parquet.

Usage::

    python bench/columnar/events.py --events 400000 --out /tmp/ev400k    # writes csv/ and parquet/
    python bench/columnar/events.py --events 10000000 --out /tmp/ev10M --seed 1

What it holds, shaped like GDELT or ICEWS events aggregated to states: about
200 states (``st001`` ...) acting on each other over 30 years (1995-2024),
more events in later years; each endpoint drawn from a heavy-tailed
activity (a few states take part in most events, so a few dyads hold most of
them); dates to the day (90 %), the month (8 %) or the year (2 %), never
across two years and never qualified, as machine coders write them; every
event of a codebook event type, signed as its type (about 70 % cooperative,
as in CAMEO-coded data), with a weight of 0.5, 1, 2 or 3 and an id. No
standing ties, memberships or periods: the state-level projection is the
identity, so the state-level snapshots are the yearly dyad sums.

The random draws are numpy's (``default_rng(seed)``), the text and the files
DuckDB's, so 10 million events take well under a minute, and the same seed
gives the same files. Each size is written once into a cache folder
(:func:`cached`); ``bench/columnar/cache/`` by default, which git ignores.

Layout of ``OUT``::

    OUT/csv/actors.csv, OUT/csv/ties.csv, OUT/csv/dataset.json      # the CSV form (docs/tabular.md)
    OUT/parquet/actors.csv, OUT/parquet/ties.parquet, OUT/parquet/dataset.json

The Parquet folder is the CSV form with its tie table in Parquet (the layout
``network.columnar`` reads): the same columns, ``date`` a string (an EDTF
date), ``sign`` an integer, ``weight`` a double; the few actors stay in CSV.

Examples
--------
>>> import tempfile
>>> out = generate(1000, tempfile.mkdtemp(), seed=3, states=20, years=5)
>>> sorted(p.name for p in (out / "csv").iterdir())
['actors.csv', 'dataset.json', 'ties.csv']
>>> sorted(p.name for p in (out / "parquet").iterdir())
['actors.csv', 'dataset.json', 'ties.parquet']
>>> print((out / "csv" / "ties.csv").read_text().splitlines()[0])
id,source,target,date,sign,weight,type
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # this checkout's vocabulary, not an installed copy's
    sys.path.insert(0, str(ROOT))

from network.dataset.vocabulary import STANDING_TYPES, TIE_TYPES  # noqa: E402

__all__ = ["generate", "cached", "size_label", "SIZES", "QUICK_SIZES", "CACHE", "FIRST_YEAR"]

#: The sizes of the benchmark (issue 17, item 5), and those of ``--quick``.
SIZES = (50_000, 400_000, 2_000_000, 10_000_000)
QUICK_SIZES = (50_000, 400_000)
#: Where the generated files are kept between runs (git ignores it).
CACHE = Path(__file__).resolve().parent / "cache"
FIRST_YEAR = 1995

_EVENT_TYPES = [t for t in TIE_TYPES if t not in STANDING_TYPES]
_COOPERATIVE_SHARE = 0.7
_WEIGHTS = (0.5, 1.0, 2.0, 3.0)
_WEIGHT_P = (0.15, 0.55, 0.2, 0.1)
_PRECISION_P = (0.90, 0.08, 0.02)  # day, month, year
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def size_label(events: int) -> str:
    """``50k``, ``400k``, ``2M``, ``10M``: the size as the tables write it.

    >>> [size_label(n) for n in (50_000, 400_000, 2_000_000, 10_000_000, 1500)]
    ['50k', '400k', '2M', '10M', '1.5k']
    """
    for unit, div in (("M", 1_000_000), ("k", 1_000)):
        if events >= div:
            return f"{events / div:g}{unit}"
    return str(events)


def _draws(events: int, seed: int, states: int, years: int) -> dict[str, Any]:
    """The random columns (numpy arrays): endpoints, year, month, day, precision, type and weight numbers."""
    import numpy as np

    rng = np.random.default_rng(seed)
    activity = 1.0 / (np.arange(states) + 5.0) ** 1.1  # heavy-tailed: rank r acts ~ 1 / (r + 5)^1.1
    activity /= activity.sum()
    order = rng.permutation(states)  # which state has which rank
    source = order[rng.choice(states, events, p=activity)]
    target = order[rng.choice(states, events, p=activity)]
    same = source == target
    while same.any():  # no event of a state with itself
        target[same] = order[rng.choice(states, int(same.sum()), p=activity)]
        same = source == target
    ramp = np.linspace(1.0, 3.0, years)  # later years hold more events, as in event data
    year = FIRST_YEAR + rng.choice(years, events, p=ramp / ramp.sum())
    month = rng.integers(1, 13, events)
    day = 1 + np.floor(rng.random(events) * np.array(_MONTH_DAYS)[month - 1]).astype(np.int64)
    precision = rng.choice(3, events, p=_PRECISION_P)
    signs = np.array([TIE_TYPES[t].sign for t in _EVENT_TYPES])
    type_p = np.where(
        signs > 0, _COOPERATIVE_SHARE / (signs > 0).sum(), (1 - _COOPERATIVE_SHARE) / (signs < 0).sum()
    )
    kind = rng.choice(len(_EVENT_TYPES), events, p=type_p)
    weight = rng.choice(len(_WEIGHTS), events, p=_WEIGHT_P)
    small = {"source": source, "target": target, "month": month, "day": day, "precision": precision}
    out = {k: v.astype(np.int16) for k, v in small.items()}
    out["year"] = year.astype(np.int16)
    out["kind"] = kind.astype(np.int16)
    out["weight"] = weight.astype(np.int16)
    return out


def generate(events: int, out: str | Path, seed: int = 0, states: int = 200, years: int = 30) -> Path:
    """Write ``events`` synthetic events in both forms under ``out``; return ``out`` as a Path.

    Parameters
    ----------
    events : int
        Number of events (ties).
    out : str or Path
        Folder to write ``csv/`` and ``parquet/`` into (made if missing; files there are replaced).
    seed : int
        The same seed (and sizes) gives the same files.
    states : int
        Number of states (at least 2).
    years : int
        Years spanned, from 1995.
    """
    import duckdb

    if states < 2 or years < 1 or events < 1:
        raise ValueError("need at least 2 states, 1 year and 1 event")
    out = Path(out)
    draws = _draws(events, seed, states, years)
    digits = max(3, len(str(states)))
    id_digits = max(8, len(str(events)))
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = true")
    con.register("draws", draws)
    types = "[" + ", ".join(f"'{t}'" for t in _EVENT_TYPES) + "]"
    signs = "[" + ", ".join(str(TIE_TYPES[t].sign) for t in _EVENT_TYPES) + "]"
    weights = "[" + ", ".join(repr(w) for w in _WEIGHTS) + "]"
    ties = f"""
        SELECT 'e' || lpad(CAST(row_number() OVER () AS VARCHAR), {id_digits}, '0') AS id,
               'st' || lpad(CAST(source + 1 AS VARCHAR), {digits}, '0') AS source,
               'st' || lpad(CAST(target + 1 AS VARCHAR), {digits}, '0') AS target,
               CASE precision
                   WHEN 0 THEN printf('%04d-%02d-%02d', year, month, day)
                   WHEN 1 THEN printf('%04d-%02d', year, month)
                   ELSE CAST(year AS VARCHAR)
               END AS date,
               CAST({signs}[kind + 1] AS TINYINT) AS sign,
               CAST({weights}[weight + 1] AS DOUBLE) AS weight,
               {types}[kind + 1] AS type
        FROM draws
    """
    actors = f"""
        SELECT 'st' || lpad(CAST(i AS VARCHAR), {digits}, '0') AS id,
               'State ' || CAST(i AS VARCHAR) AS name,
               'state' AS kind
        FROM range(1, {states + 1}) t(i)
    """
    meta = {
        "format": 1,
        "title": f"Synthetic machine-coded events: {events} events, {states} states, "
        f"{years} years (seed {seed})",
        "sources": [
            {
                "id": "synthetic_events",
                "citation": f"Synthetic data from bench/columnar/events.py, seed {seed}",
            }
        ],
    }
    con.execute(f"CREATE TABLE ties AS {ties}")
    con.execute(f"CREATE TABLE actors AS {actors}")
    csv_options, parquet_options = "HEADER, DELIMITER ','", "FORMAT PARQUET"
    layout = {
        "csv": (("actors", "csv", csv_options), ("ties", "csv", csv_options)),
        "parquet": (("actors", "csv", csv_options), ("ties", "parquet", parquet_options)),
    }
    for form, tables in layout.items():
        folder = out / form
        folder.mkdir(parents=True, exist_ok=True)
        for table, ext, options in tables:
            target = folder / f"{table}.{ext}"
            tmp = target.with_name(target.name + ".tmp")
            con.execute(f"COPY (SELECT * FROM {table} ORDER BY id) TO '{tmp}' ({options})")
            tmp.replace(target)
        (folder / "dataset.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    con.close()
    return out


def cached(events: int, cache: str | Path = CACHE, seed: int = 0) -> Path:
    """The folder of this size's events (``csv/``, ``parquet/``), generated on first use.

    The generation runs in a process of its own, so the caller stays small (a
    child process starts with its parent's peak memory as its own, which
    would inflate the peaks the benchmark reads). A folder is complete once its
    ``done`` file is written, so an interrupted generation is redone rather
    than read half-written.
    """
    folder = Path(cache) / f"events-{size_label(events)}-seed{seed}"
    if not (folder / "done").exists():
        argv = [sys.executable, __file__, "--events", str(events), "--out", str(folder), "--seed", str(seed)]
        subprocess.run(argv, check=True, capture_output=True)
        (folder / "done").write_text("complete\n", encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=50_000, help="number of events (default 50000)")
    parser.add_argument("--out", required=True, help="folder to write csv/ and parquet/ into")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--states", type=int, default=200, help="number of states (default 200)")
    parser.add_argument("--years", type=int, default=30, help="years spanned, from 1995 (default 30)")
    args = parser.parse_args(argv)
    out = generate(args.events, args.out, args.seed, args.states, args.years)
    for path in sorted(out.glob("*/*")):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
