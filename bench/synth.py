"""Synthetic, valid (also under --strict) format-v1 datasets of any size, the same for the same seed.

Usage::

    python bench/synth.py --actors 5000 --ties 200000 --years 60 --out /tmp/big.yaml
    python bench/synth.py --actors 5000 --ties 200000 --years 60 --out /tmp/big.json
    python bench/synth.py --actors 5000 --ties 200000 --years 60 --out /tmp/big/      # CSV form
    python bench/synth.py --rich --out /tmp/rich.yaml    # ties cited and with evidence, as curated

The form follows the path (``.yaml``, ``.json``, a folder for CSV) or ``--form``.

What it holds, so the benchmarks exercise what real data has: states,
parties, organisations, groups and persons (a person belongs to a state and
often a party; one in ten changes state at a dated membership); tie
endpoints drawn with a heavy tail (a few actors hold many ties, as in event
data); events dated to the day, month or year, some approximate or
uncertain, some across two years; standing alliances and rivalries, some
open-ended; every tie with an id and typed, signed as its type; one named
period per decade. By default ties are shaped like event data at scale
(about 100 bytes of YAML each: 200,000 ties make some 20 MB); with ``rich``
each also has a citation, evidence, a confidence and sometimes tags, as
curated ties do, and the dataset is valid under ``--strict``.

Examples
--------
>>> data = synthetic(actors=30, ties=100, years=5, seed=1)
>>> len(data["actors"]), len(data["ties"]), data["ties"][0]["id"]
(30, 100, 't000001')
>>> synthetic(actors=30, ties=100, years=5, seed=1) == data
True
>>> sorted(synthetic(actors=30, ties=100, years=5, seed=1, rich=True)["ties"][0])
['cite', 'confidence', 'date', 'evidence', 'id', 'sign', 'source', 'target', 'type', 'weight']
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # measure this checkout, not whatever copy of network is installed
    sys.path.insert(0, str(ROOT))

from network.dataset.forms import FORMS, write  # noqa: E402
from network.dataset.vocabulary import STANDING_TYPES, TIE_TYPES  # noqa: E402

__all__ = ["synthetic", "main"]

FIRST_YEAR = 1950
_EVENT_TYPES = [t for t in TIE_TYPES if t not in STANDING_TYPES]
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _actors(n: int, rng: random.Random, first: int, last: int) -> list[dict[str, Any]]:
    n_states = max(2, n // 40)
    n_parties = max(1, n // 40)
    n_orgs = max(1, n // 50)
    n_groups = max(1, n // 100)
    n_persons = max(0, n - n_states - n_parties - n_orgs - n_groups)
    states = [f"s{i:04d}" for i in range(n_states)]
    parties = [f"y{i:04d}" for i in range(n_parties)]
    out: list[dict[str, Any]] = []
    for i, sid in enumerate(states):
        rec: dict[str, Any] = {"id": sid, "name": f"State {i}", "kind": "state"}
        if rng.random() < 0.3:
            rec["aliases"] = [f"Republic {i}", f"S{i}"]
        out.append(rec)
    for i, pid in enumerate(parties):
        out.append({"id": pid, "name": f"Party {i}", "kind": "party", "member_of": [rng.choice(states)]})
    out += [{"id": f"o{i:04d}", "name": f"Organisation {i}", "kind": "organisation"} for i in range(n_orgs)]
    out += [{"id": f"g{i:04d}", "name": f"Group {i}", "kind": "group"} for i in range(n_groups)]
    for i in range(n_persons):
        rec = {"id": f"p{i:05d}", "name": f"Person {i}", "kind": "person"}
        state = rng.choice(states)
        if rng.random() < 0.1 and last > first:
            year = rng.randint(first, last - 1)
            other = rng.choice(states)
            members: list[Any] = [
                {"actor": state, "end": str(year)},
                {"actor": other, "start": str(year + 1)},
            ]
        else:
            members = [state]
        if rng.random() < 0.4:
            members.append(rng.choice(parties))
        rec["member_of"] = members
        if rng.random() < 0.1:
            rec["aliases"] = [f"P. {i}"]
        if rng.random() < 0.05:
            start = rng.randint(first, last)
            rec["roles"] = [
                {
                    "title": "Minister",
                    "of": state,
                    "start": str(start),
                    "end": str(min(last, start + rng.randint(0, 6))),
                    "cite": {"source": "synth", "page": rng.randint(1, 500)},
                }
            ]
        if rng.random() < 0.2:
            rec["exists"] = {"start": str(first - rng.randint(20, 60)), "end": ".."}
        out.append(rec)
    return out


def _event_date(rng: random.Random, year: int, last: int) -> str:
    r = rng.random()
    month = rng.randint(1, 12)
    if r < 0.55:
        text = f"{year}-{month:02d}-{rng.randint(1, _DAYS[month - 1]):02d}"
    elif r < 0.80:
        text = f"{year}-{month:02d}"
    elif r < 0.90:
        text = str(year)
    elif r < 0.97:
        text = f"{year}-{month:02d}" + rng.choice("~?%")
    else:
        return f"{year}/{min(year + 1, last)}" if year < last else str(year)
    return text


def synthetic(
    actors: int = 5000, ties: int = 200_000, years: int = 60, seed: int = 0, rich: bool = False
) -> dict[str, Any]:
    """A valid dataset (plain values, see :func:`network.dataset.forms.plain`) of the given size.

    Parameters
    ----------
    actors, ties : int
        How many of each (at least 3 actors).
    years : int
        Years spanned, from 1950.
    seed : int
        The same seed gives the same data.
    rich : bool
        Give every tie a citation, evidence and confidence (valid under ``--strict``).
    """
    if actors < 3:
        raise ValueError("need at least 3 actors")
    rng = random.Random(seed)
    first, last = FIRST_YEAR, FIRST_YEAR + max(1, years) - 1
    actor_recs = _actors(actors, rng, first, last)
    ids = [a["id"] for a in actor_recs]
    order = ids[:]
    rng.shuffle(order)
    cum = list(itertools.accumulate(1.0 / (rank + 10) ** 0.9 for rank in range(len(order))))
    total = cum[-1]

    def pick() -> str:
        return order[bisect.bisect_left(cum, rng.random() * total)]

    tie_recs: list[dict[str, Any]] = []
    for n in range(1, ties + 1):
        source = pick()
        target = pick()
        while target == source:
            target = pick()
        year = rng.randint(first, last)
        rec: dict[str, Any] = {"id": f"t{n:06d}", "source": source, "target": target}
        if rng.random() < 0.03:
            kind = rng.choice(STANDING_TYPES)
            rec["start"] = str(year)
            if rng.random() < 0.7:
                rec["end"] = str(min(last, year + rng.randint(0, 10)))
        else:
            kind = rng.choice(_EVENT_TYPES)
            rec["date"] = _event_date(rng, year, last)
        rec["sign"] = TIE_TYPES[kind].sign
        weight = rng.choice((1, 1, 1, 2, 3, 0.5))
        if weight != 1 or rich:
            rec["weight"] = weight
        rec["type"] = kind
        if kind in STANDING_TYPES:
            rec["directed"] = False
        if rich:
            cite: dict[str, Any] = {"source": "synth", "page": rng.randint(1, 500)}
            if rng.random() < 0.5:
                cite["note"] = rng.randint(1, 200)
            rec["cite"] = cite
            rec["evidence"] = f"Synthetic {kind.replace('_', ' ')} by {source} toward {target}, item {n}."
            rec["confidence"] = rng.choices(("stated", "hedged", "alleged"), (16, 3, 1))[0]
            if rng.random() < 0.05:
                rec["tags"] = ["synthetic"]
        tie_recs.append(rec)

    periods = [
        {"id": f"decade{y}", "label": f"The {y}s", "start": str(y), "end": str(min(y + 9, last))}
        for y in range(first - first % 10, last + 1, 10)
    ]
    periods[0]["start"] = str(first)
    return {
        "format": 1,
        "title": f"Synthetic dataset: {actors} actors, {ties} ties, {years} years (seed {seed})",
        "sources": [{"id": "synth", "citation": f"Synthetic data from bench/synth.py, seed {seed}"}],
        "periods": periods,
        "actors": actor_recs,
        "ties": tie_recs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=5000, help="number of actors (default 5000)")
    parser.add_argument("--ties", type=int, default=200_000, help="number of ties (default 200000)")
    parser.add_argument("--years", type=int, default=60, help="years spanned, from 1950 (default 60)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--out", required=True, help="file (.yaml, .json) or folder (CSV form) to write")
    parser.add_argument("--form", choices=FORMS, help="form to write (default: from --out)")
    parser.add_argument(
        "--rich",
        action="store_true",
        help="cite every tie and give it evidence and a confidence (valid under --strict)",
    )
    args = parser.parse_args(argv)
    data = synthetic(args.actors, args.ties, args.years, args.seed, args.rich)
    for path in write(data, args.out, args.form):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
