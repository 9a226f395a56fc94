"""Two datasets over the same actors and years, side by side (``entente compare A B``; docs/compare.md).

A researcher who has curated one case by hand sets it against another record
of the same actors and years (a second curation, or machine-coded event data
imported into the format). Both are cut into the same windows and built into
snapshots by the same rules (:func:`network.timeline.snapshots.snapshots`: level,
mode, allocation, confidence and type filters); then, per window and per
undirected dyad, the net weight and the tie count of the edge in A and in B
are set side by side, with the ids and citations of the ties behind each.

The rules:

* **Windows.** Calendar years from the first year of either dataset to the
  last of either (``by="year"``), A's named periods (``by="period"``; B's when
  A has none), or a list of :class:`~network.timeline.windows.Window`. A window is
  *compared* when it meets the span of both datasets (the first to the last
  day of their dated ties, :func:`network.timeline.windows.dataset_span`); one that
  meets only one span is listed as a window of that dataset only, and its
  edges are not compared: a record that does not reach a year says nothing
  about it.
* **Actors.** Matched by id; ``mapping`` renames B's ids to A's first (a
  ``--map`` file, :func:`read_actor_map`), after B's own projection to the
  level, so at state level it maps B's states. Two B actors mapped to one A
  actor are merged (their edges summed); an edge of B whose two ends become
  one actor is dropped and counted. An actor is *known* to a dataset when it
  is a node of its snapshots at the level (declared at that level, or at the
  end of a tie). Dyads with an actor only one dataset knows are not compared;
  those actors are listed, with their dyad-years and ties.
* **Status** of a compared dyad-year (an edge in A, in B, or in both):
  ``agree`` (the same sign of net weight, both net zero included), ``disagree``
  (one positive, the other negative), ``one-zero`` (in both, net zero in
  exactly one), ``only-a``, ``only-b``.
* **Correlation** of the net weights over the dyad-years in both: Pearson's r
  and Spearman's rho (ranks, ties averaged), each with its n; None when n < 3
  or one side does not vary.

Examples
--------
>>> from network import load
>>> a, b = load("tests/data/compare/a.yaml"), load("tests/data/compare/b.yaml")
>>> result = compare(a, b, mapping={"alb": "albania"})
>>> [(d.period, d.source, d.target, d.status) for d in result.dyads][:2]
[('1957', 'albania', 'ussr', 'agree'), ('1957', 'china', 'ussr', 'one-zero')]
>>> s = result.summary()
>>> s["dyad_years"], s["agree"], s["disagree"], s["one_zero"], s["only_a"], s["only_b"]
(8, 3, 2, 1, 1, 1)
>>> round(s["pearson_r"], 3), round(s["spearman_rho"], 3), s["n"]
(0.487, 0.606, 6)
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

import yaml

from network.dataset.model import Dataset
from network.dataset.problems import Problem
from network.dataset.yaml_nodes import DEFAULT_MAX_BYTES, read_text, read_yaml
from network.output.rows import Rows
from network.timeline.snapshots import _ZERO, Snapshot, snapshots
from network.timeline.windows import Window, dataset_span, period_windows, year_windows

__all__ = [
    "STATUSES",
    "DyadYear",
    "WindowCoverage",
    "LoneActor",
    "Correlation",
    "Comparison",
    "compare",
    "read_actor_map",
    "FigureCell",
    "FigureRow",
    "ComparisonView",
    "comparison_view",
    "TOP_DYADS",
]

#: The status of a compared dyad-year, in the order the summary counts them.
STATUSES = ("agree", "disagree", "one-zero", "only-a", "only-b")
#: How many dyads the figure shows by default: the most-tied ones.
TOP_DYADS = 12
#: The figure writes each cell's net weights in it when it has at most this many windows.
NUMBERED_WINDOWS = 16
#: The two columns of a CSV map file: the id in B, then the id in A it stands for.
MAP_COLUMNS = ("b", "a")


@dataclass(frozen=True)
class DyadYear:
    """One undirected dyad in one window, as A and B record it.

    ``source`` < ``target`` (A's ids). ``weight_a``/``weight_b`` are the net
    weights (None where that dataset has no edge), ``count_*`` the numbers of
    ties, ``ties_*`` their ids (sorted) and ``citations_*`` their citations in
    the same order (``""`` for a tie without one).
    """

    period: str
    source: str
    target: str
    status: str
    weight_a: float | None
    weight_b: float | None
    count_a: int
    count_b: int
    ties_a: tuple[str, ...]
    ties_b: tuple[str, ...]
    citations_a: tuple[str, ...]
    citations_b: tuple[str, ...]


@dataclass(frozen=True)
class WindowCoverage:
    """A window: which datasets' spans it meets (``both``, ``only-a``, ``only-b`` or ``neither``),
    the ties each counts in it, and the statuses of its compared dyad-years."""

    period: str
    covered: str
    ties_a: int
    ties_b: int
    statuses: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class LoneActor:
    """An actor only one dataset knows (``side`` ``"a"`` or ``"b"``), with the dyad-years and ties
    it has there in the compared windows (none of them compared)."""

    actor: str
    name: str
    side: str
    dyad_years: int
    ties: int


@dataclass(frozen=True)
class Correlation:
    """A correlation coefficient of the net weights and the number of dyad-years it rests on."""

    value: float | None
    n: int


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`compare`."""

    dataset_a: Dataset
    dataset_b: Dataset
    level: str
    windows: tuple[Window, ...]
    coverage: tuple[WindowCoverage, ...]
    dyads: tuple[DyadYear, ...]
    lone_actors: tuple[LoneActor, ...]
    dropped_by_map: int
    names: dict[str, str]

    @property
    def compared_windows(self) -> list[str]:
        """Ids of the windows both datasets reach, in order."""
        return [c.period for c in self.coverage if c.covered == "both"]

    def windows_only(self, side: str) -> list[str]:
        """Ids of the windows only dataset ``side`` (``"a"`` or ``"b"``) reaches."""
        return [c.period for c in self.coverage if c.covered == f"only-{side}"]

    def counts(self) -> dict[str, int]:
        """Compared dyad-years by status (every status, 0 included)."""
        out = dict.fromkeys(STATUSES, 0)
        for d in self.dyads:
            out[d.status] += 1
        return out

    def pearson(self) -> Correlation:
        """Pearson's r of the net weights over the dyad-years in both datasets."""
        xs, ys = self._shared()
        return Correlation(_pearson(xs, ys), len(xs))

    def spearman(self) -> Correlation:
        """Spearman's rho (Pearson's r of the ranks, equal values sharing their mean rank)."""
        xs, ys = self._shared()
        return Correlation(_pearson(_ranks(xs), _ranks(ys)), len(xs))

    def _shared(self) -> tuple[list[float], list[float]]:
        pairs = [
            (d.weight_a, d.weight_b) for d in self.dyads if d.weight_a is not None and d.weight_b is not None
        ]
        return [float(a) for a, _ in pairs], [float(b) for _, b in pairs]

    def summary(self) -> dict[str, Any]:
        """The comparison in one row: what was compared, the counts by status, the correlations."""
        counts = self.counts()
        r, rho = self.pearson(), self.spearman()
        return {
            "a": self.dataset_a.path,
            "b": self.dataset_b.path,
            "level": self.level,
            "windows": len(self.compared_windows),
            "dyad_years": len(self.dyads),
            **{s.replace("-", "_"): n for s, n in counts.items()},
            "pearson_r": r.value,
            "spearman_rho": rho.value,
            "n": r.n,
            "windows_only_a": self.windows_only("a"),
            "windows_only_b": self.windows_only("b"),
            "actors_only_a": [x.actor for x in self.lone_actors if x.side == "a"],
            "actors_only_b": [x.actor for x in self.lone_actors if x.side == "b"],
            "dropped_by_map": self.dropped_by_map,
        }

    def summary_line(self) -> str:
        """The summary as one sentence.

        Examples
        --------
        >>> from network import load
        >>> a, b = load("tests/data/compare/a.yaml"), load("tests/data/compare/b.yaml")
        >>> import textwrap
        >>> print(textwrap.fill(compare(a, b, mapping={"alb": "albania"}).summary_line(), 100))
        8 dyad-years compared in 3 windows (1957 to 1959): 3 agree in sign, 2 disagree, 1 net zero in one
        only, 1 only in A, 1 only in B; Pearson r of the net weights 0.487 (n = 6), Spearman rho 0.606 (n =
        6). Windows only in B: 1960. Actors only in A: greece. Actors only in B: yug.
        """
        c, windows = self.counts(), self.compared_windows
        span = (
            f" ({windows[0]} to {windows[-1]})" if len(windows) > 1 else f" ({windows[0]})" if windows else ""
        )
        r, rho = self.pearson(), self.spearman()
        text = (
            f"{len(self.dyads)} dyad-years compared in {len(windows)} "
            f"window{'s' if len(windows) != 1 else ''}"
            f"{span}: {c['agree']} agree in sign, {c['disagree']} disagree, {c['one-zero']} net zero in one "
            f"only, {c['only-a']} only in A, {c['only-b']} only in B; Pearson r of the net weights "
            f"{_number(r.value)} (n = {r.n}), Spearman rho {_number(rho.value)} (n = {rho.n})."
        )
        for side in ("a", "b"):
            only = self.windows_only(side)
            if only:
                text += f" Windows only in {side.upper()}: {', '.join(only)}."
        for side in ("a", "b"):
            lone = [x.actor for x in self.lone_actors if x.side == side]
            if lone:
                text += f" Actors only in {side.upper()}: {', '.join(lone)}."
        if self.dropped_by_map:
            text += f" {self.dropped_by_map} edges of B dropped: the map made their two ends one actor."
        return text

    def dyad_rows(self) -> Rows:
        """The compared dyad-years, in window order, then by dyad."""
        return Rows(
            {
                "period": d.period,
                "source": d.source,
                "target": d.target,
                "status": d.status,
                "weight_a": d.weight_a,
                "weight_b": d.weight_b,
                "count_a": d.count_a,
                "count_b": d.count_b,
                "ties_a": list(d.ties_a),
                "ties_b": list(d.ties_b),
                "citations_a": list(d.citations_a),
                "citations_b": list(d.citations_b),
            }
            for d in self.dyads
        )

    def window_rows(self) -> Rows:
        """Every window: which datasets reach it, their ties in it, its compared dyad-years by status."""
        return Rows(
            {
                "period": c.period,
                "covered": c.covered,
                "ties_a": c.ties_a,
                "ties_b": c.ties_b,
                **{s.replace("-", "_"): c.statuses.get(s, 0) for s in STATUSES},
            }
            for c in self.coverage
        )

    def actor_rows(self) -> Rows:
        """The actors only one dataset knows."""
        return Rows(
            {
                "actor": x.actor,
                "name": x.name,
                "only_in": x.side.upper(),
                "dyad_years": x.dyad_years,
                "ties": x.ties,
            }
            for x in self.lone_actors
        )

    def summary_rows(self) -> Rows:
        """:meth:`summary` as one row."""
        return Rows([self.summary()])


def _number(value: float | None) -> str:
    return "undefined" if value is None else f"{value:.3f}"


def _pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r, or None with fewer than 3 pairs or a side that does not vary.

    >>> _pearson([1, 2, 3], [2, 4, 7]), _pearson([1, 1, 1], [1, 2, 3])
    (0.9933992677987828, None)
    """
    n = len(xs)
    if n < 3:
        return None
    mx, my = math.fsum(xs) / n, math.fsum(ys) / n
    sxy = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = math.fsum((x - mx) ** 2 for x in xs)
    syy = math.fsum((y - my) ** 2 for y in ys)
    if sxx <= _ZERO or syy <= _ZERO:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def _ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1, equal values sharing their mean rank.

    >>> _ranks([3.0, 1.0, 3.0, 2.0])
    [3.5, 1.0, 3.5, 2.0]
    """
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def _sign(weight: float) -> int:
    return 0 if abs(weight) <= _ZERO else (1 if weight > 0 else -1)


@dataclass
class _Edge:
    weight: float
    count: int
    ties: set[str]


def _edges(snap: Snapshot, rename: Mapping[str, str]) -> tuple[dict[tuple[str, str], _Edge], int]:
    """The edges of a snapshot by sorted dyad, ends renamed; and how many became self-ties (dropped)."""
    out: dict[tuple[str, str], _Edge] = {}
    dropped = 0
    for u, v, d in snap.graph.edges(data=True):
        u, v = rename.get(u, u), rename.get(v, v)
        if u == v:
            dropped += 1
            continue
        key = (u, v) if u < v else (v, u)
        edge = out.get(key)
        if edge is None:
            out[key] = _Edge(float(d["weight"]), int(d["count"]), set(d["ties"]))
        else:
            edge.weight += float(d["weight"])
            edge.count += int(d["count"])
            edge.ties |= set(d["ties"])
    return out, dropped


def _status(a: _Edge | None, b: _Edge | None) -> str:
    if b is None:
        return "only-a"
    if a is None:
        return "only-b"
    sa, sb = _sign(a.weight), _sign(b.weight)
    if sa == sb:
        return "agree"
    if sa * sb < 0:
        return "disagree"
    return "one-zero"


def _citations(dataset: Dataset, ids: Sequence[str]) -> tuple[str, ...]:
    return tuple(str(c) if (c := dataset.tie(t).cite) is not None else "" for t in ids)


_Span = tuple[date, date]


def _windows(
    a: Dataset, b: Dataset, by: str | Sequence[Window], spans: tuple[_Span | None, _Span | None]
) -> list[Window]:
    if not isinstance(by, str):
        return list(by)
    if by == "year":
        for which, dataset, span in (("A", a, spans[0]), ("B", b, spans[1])):
            if span is None:
                raise ValueError(f"{which} ({dataset.path}) has no dated ties, so no year to compare")
        (lo_a, hi_a), (lo_b, hi_b) = cast(tuple[_Span, _Span], spans)
        return year_windows(a, min(lo_a, lo_b).year, max(hi_a, hi_b).year)
    if by == "period":
        if not a.periods and not b.periods:
            raise ValueError("neither A nor B has named periods; compare by year instead")
        return period_windows(a if a.periods else b)
    raise ValueError(f"unknown periodisation {by!r}; use 'year', 'period' or a list of windows")


def _covered(window: Window, span_a: _Span | None, span_b: _Span | None) -> str:
    in_a = span_a is not None and window.overlaps(*span_a)
    in_b = span_b is not None and window.overlaps(*span_b)
    return {(True, True): "both", (True, False): "only-a", (False, True): "only-b"}.get(
        (in_a, in_b), "neither"
    )


def _span_or_none(dataset: Dataset) -> _Span | None:
    try:
        return dataset_span(dataset)
    except ValueError:
        return None


def compare(
    a: Dataset,
    b: Dataset,
    *,
    mapping: Mapping[str, str] | None = None,
    by: str | Sequence[Window] = "year",
    level: str = "state",
    **options: Any,
) -> Comparison:
    """Set datasets ``a`` and ``b`` side by side per window and undirected dyad.

    Parameters
    ----------
    a, b : Dataset
        The two records; ``a`` names the actors (``b``'s ids are renamed to
        ``a``'s by ``mapping``).
    mapping : mapping of str to str, optional
        Id in B -> id in A (:func:`read_actor_map` reads and checks one).
    by : {"year", "period"} or list of Window
        The windows (see the module's rules); the same for both datasets.
    level : {"person", "state"}
        As in :func:`network.timeline.snapshots.snapshots`; state by default, the level
        at which most other records are coded.
    **options
        The other keyword arguments of :func:`network.timeline.snapshots.snapshots`
        (``mode``, ``allocation``, ``half_life``, ``confidence``, ``types``),
        applied to both datasets.

    Returns
    -------
    Comparison
        The compared dyad-years, the windows and the actors only one dataset
        has; rows with :meth:`Comparison.dyad_rows` and the others.

    Raises
    ------
    ValueError
        An option the snapshots refuse, or a dataset with no dated ties.

    Examples
    --------
    >>> from network import load
    >>> ds = load("tests/data/mini.yaml")
    >>> c = compare(ds, ds)
    >>> c.counts()["agree"] == len(c.dyads) > 0, c.pearson().value
    (True, 1.0)
    """
    rename = dict(mapping or {})
    span_a, span_b = _span_or_none(a), _span_or_none(b)
    windows = _windows(a, b, by, (span_a, span_b))
    snaps_a = snapshots(a, by=windows, level=level, **options)
    snaps_b = snapshots(b, by=windows, level=level, **options)
    known_a = {n for s in snaps_a for n in s.graph}
    known_b = {rename.get(n, n) for s in snaps_b for n in s.graph}
    names = {n: a.actor_name(n) for n in known_a}
    for n in {x for s in snaps_b for x in s.graph}:  # B's own names for the actors A does not name
        names.setdefault(rename.get(n, n), b.actor_name(n))

    dyads: list[DyadYear] = []
    coverage: list[WindowCoverage] = []
    lone: dict[tuple[str, str], list[int]] = {}  # (side, actor) -> [dyad-years, ties]
    dropped_total = 0
    for w, sa, sb in zip(windows, snaps_a, snaps_b, strict=True):
        covered = _covered(w, span_a, span_b)
        edges_a, _ = _edges(sa, {})
        edges_b, dropped = _edges(sb, rename)
        statuses: dict[str, int] = {}
        if covered == "both":
            dropped_total += dropped
            for key in sorted(set(edges_a) | set(edges_b)):
                ea, eb = edges_a.get(key), edges_b.get(key)
                unknown = [n for n in key if n not in known_a or n not in known_b]
                if unknown:  # an actor the other dataset does not know: listed, not compared
                    # (the other dataset cannot have an edge to an actor it does not know)
                    side_of, edge = ("a", ea) if eb is None else ("b", eb)
                    assert edge is not None
                    for n in unknown:
                        entry = lone.setdefault((side_of, n), [0, 0])
                        entry[0] += 1
                        entry[1] += edge.count
                    continue
                status = _status(ea, eb)
                statuses[status] = statuses.get(status, 0) + 1
                ties_a = tuple(sorted(ea.ties)) if ea else ()
                ties_b = tuple(sorted(eb.ties)) if eb else ()
                dyads.append(
                    DyadYear(
                        period=w.id,
                        source=key[0],
                        target=key[1],
                        status=status,
                        weight_a=ea.weight if ea else None,
                        weight_b=eb.weight if eb else None,
                        count_a=ea.count if ea else 0,
                        count_b=eb.count if eb else 0,
                        ties_a=ties_a,
                        ties_b=ties_b,
                        citations_a=_citations(a, ties_a),
                        citations_b=_citations(b, ties_b),
                    )
                )
        coverage.append(WindowCoverage(w.id, covered, len(sa.allocation), len(sb.allocation), statuses))
    # only actors with a tie in the compared windows: declared ones without (a country list of
    # machine-coded data) would bury them
    lone_actors = tuple(
        LoneActor(n, names.get(n, n), side, dy, ties) for (side, n), (dy, ties) in sorted(lone.items())
    )
    return Comparison(
        a, b, level, tuple(windows), tuple(coverage), tuple(dyads), lone_actors, dropped_total, names
    )


def read_actor_map(
    path: str | os.PathLike[str],
    a: Dataset | None = None,
    b: Dataset | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[dict[str, str], list[Problem]]:
    """Read a map of actor ids, B's to A's: a YAML mapping (``b_id: a_id``) or a CSV file with the
    header ``b,a``; return ``(mapping, problems)``, every problem at once.

    Problems (each ``FILE:LINE:COLUMN``): a file that cannot be read, YAML that is not a mapping of
    text to text, a duplicate B id, an empty id, an unknown CSV column, and, given the datasets, an
    id in B that ``b`` has no actor for or an id in A that ``a`` has no actor for.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "map.yaml"
    >>> _ = p.write_text("alb: albania\\nalb: china\\n")
    >>> mapping, problems = read_actor_map(p)
    >>> mapping, [(x.line, x.column, x.message) for x in problems]
    ({'alb': 'albania'}, [(2, 1, "B id 'alb' is mapped twice (first on line 1)")])
    """
    name = str(path)
    if Path(path).suffix.lower() == ".csv":
        pairs, problems = _csv_map(path, max_bytes)
    else:
        pairs, problems = _yaml_map(path, max_bytes)
    mapping: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for line, col_b, col_a, b_id, a_id in pairs:
        if not b_id or not a_id:
            problems.append(
                Problem(
                    name,
                    line,
                    col_b if not b_id else col_a,
                    "an empty id",
                    "write the id in B, then the id in A",
                )
            )
            continue
        if b_id in mapping:
            problems.append(
                Problem(
                    name,
                    line,
                    col_b,
                    f"B id {b_id!r} is mapped twice (first on line {first_line[b_id]})",
                    "keep one line for each id in B",
                )
            )
            continue
        if b is not None and b_id not in b.actors:
            problems.append(
                Problem(name, line, col_b, f"B ({b.path}) has no actor {b_id!r}", _hint(b_id, b.actors, "B"))
            )
        if a is not None and a_id not in a.actors:
            problems.append(
                Problem(name, line, col_a, f"A ({a.path}) has no actor {a_id!r}", _hint(a_id, a.actors, "A"))
            )
        mapping[b_id] = a_id
        first_line[b_id] = line
    return mapping, problems


def _hint(word: str, choices: Mapping[str, Any], which: str) -> str:
    from network.dataset.problems import did_you_mean

    return did_you_mean(word, choices) or f"map to an actor id that {which} declares"


#: One map entry: line, column of the B id, column of the A id, the B id, the A id.
_Entry = tuple[int, int, int, str, str]


def _yaml_map(path: str | os.PathLike[str], max_bytes: int) -> tuple[list[_Entry], list[Problem]]:
    name = str(path)
    node, problems = read_yaml(path, max_bytes)
    if node is None:
        return [], problems
    if not isinstance(node, yaml.MappingNode):
        mark = node.start_mark
        return [], [
            Problem(
                name,
                mark.line + 1,
                mark.column + 1,
                "the map must be a mapping",
                "write one 'id_in_B: id_in_A' a line",
            )
        ]
    out: list[_Entry] = []
    for key, value in node.value:
        for n in (key, value):
            if not isinstance(n, yaml.ScalarNode):
                mark = n.start_mark
                problems.append(
                    Problem(
                        name,
                        mark.line + 1,
                        mark.column + 1,
                        "expected an actor id",
                        "write 'id_in_B: id_in_A'",
                    )
                )
        if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode):
            km, vm = key.start_mark, value.start_mark
            out.append(
                (km.line + 1, km.column + 1, vm.column + 1, str(key.value).strip(), str(value.value).strip())
            )
    return out, problems


def _csv_map(path: str | os.PathLike[str], max_bytes: int) -> tuple[list[_Entry], list[Problem]]:
    name = str(path)
    text, problems = read_text(path, max_bytes)
    if text is None:
        return [], problems
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = [h.strip() for h in rows[0]] if rows else []
    if header != list(MAP_COLUMNS):
        return [], [
            Problem(
                name,
                1,
                1,
                f"the header must be '{','.join(MAP_COLUMNS)}' (got {','.join(header)!r})",
                "first column the id in B, second the id in A",
            )
        ]
    out: list[_Entry] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            problems.append(
                Problem(name, line, 1, f"{len(row)} cells, expected 2", "write: id in B, id in A")
            )
            continue
        out.append((line, 1, len(row[0]) + 2, row[0].strip(), row[1].strip()))
    return out, problems


# --- the figure's data (drawn by network.figures.compare) ------------------------------------------


@dataclass(frozen=True)
class FigureCell:
    """One dyad in one window of the figure: each side's net weight (None: no edge) and sign, the
    shade of its colour (the square root of |net weight| over the largest of that dataset in the
    figure, 0 to 1: event counts are skewed, and a linear shade would leave all but the largest
    cells pale), the dyad-year's status, and the net weights as written in the cell."""

    weight_a: float | None
    weight_b: float | None
    sign_a: int | None
    sign_b: int | None
    shade_a: float
    shade_b: float
    status: str
    text_a: str = ""
    text_b: str = ""


@dataclass(frozen=True)
class FigureRow:
    """One dyad of the figure: its label and a cell per window (None: neither dataset has the edge)."""

    source: str
    target: str
    label: str
    cells: tuple[FigureCell | None, ...]


@dataclass(frozen=True)
class ComparisonView:
    """Everything the comparison figure draws: texts, windows (compared only), rows, scales."""

    title: str
    subtitle: str
    caption: str
    windows: tuple[str, ...]
    label_step: int
    rows: tuple[FigureRow, ...]
    scale_a: float
    scale_b: float
    disagreements: int
    show_numbers: bool
    legend_shade: str


def _sources(dataset: Dataset, limit: int = 2) -> str:
    title = dataset.title or Path(dataset.path).name
    cites = [s.citation.rstrip(".") for s in dataset.sources]
    more = f"; and {len(cites) - limit} more" if len(cites) > limit else ""
    shown = "; ".join(cites[:limit]) or "no source given"
    return f"{title} ({Path(dataset.path).name}; source{'s' if len(cites) > 1 else ''}: {shown}{more})"


def _label_step(n: int, most: int = 12) -> int:
    return next(step for step in (1, 2, 5, 10, 20, 25, 50, 100, 1000) if n / step <= most)


def comparison_view(result: Comparison, top: int = TOP_DYADS) -> ComparisonView:
    """The data of the comparison figure: the ``top`` dyads with the most ties (A's and B's together,
    over the compared windows; equal counts by dyad id), a cell per compared window.

    Examples
    --------
    >>> from network import load
    >>> a, b = load("tests/data/compare/a.yaml"), load("tests/data/compare/b.yaml")
    >>> view = comparison_view(compare(a, b, mapping={"alb": "albania"}), top=2)
    >>> view.windows, [r.label for r in view.rows], view.disagreements
    (('1957', '1958', '1959'), ['Albania \u2013 Soviet Union', 'China \u2013 Soviet Union'], 1)
    """
    if top < 1:
        raise ValueError(f"the figure shows at least one dyad (got --top {top})")
    windows = tuple(result.compared_windows)
    totals: dict[tuple[str, str], int] = {}
    for d in result.dyads:
        totals[d.source, d.target] = totals.get((d.source, d.target), 0) + d.count_a + d.count_b
    chosen = sorted(totals, key=lambda k: (-totals[k], k))[:top]
    wanted = set(chosen)
    by_key = {(d.period, d.source, d.target): d for d in result.dyads if (d.source, d.target) in wanted}
    shown = list(by_key.values())
    scale_a = max((abs(d.weight_a) for d in shown if d.weight_a is not None), default=0.0)
    scale_b = max((abs(d.weight_b) for d in shown if d.weight_b is not None), default=0.0)

    def shade(w: float | None, scale: float) -> float:
        return 0.0 if w is None or scale <= _ZERO else math.sqrt(abs(w) / scale)

    rows = []
    for u, v in chosen:
        cells: list[FigureCell | None] = []
        for w in windows:
            dy = by_key.get((w, u, v))
            cells.append(
                None
                if dy is None
                else FigureCell(
                    dy.weight_a,
                    dy.weight_b,
                    None if dy.weight_a is None else _sign(dy.weight_a),
                    None if dy.weight_b is None else _sign(dy.weight_b),
                    shade(dy.weight_a, scale_a),
                    shade(dy.weight_b, scale_b),
                    dy.status,
                    _weight_text(dy.weight_a),
                    _weight_text(dy.weight_b),
                )
            )
        label = f"{result.names.get(u, u)} \u2013 {result.names.get(v, v)}"
        rows.append(FigureRow(u, v, label, tuple(cells)))
    disagreements = sum(1 for r in rows for c in r.cells if c is not None and c.status == "disagree")
    counts = result.counts()
    title = "Two records side by side: net weight per dyad and " + (
        "year" if _all_years(windows) else "window"
    )
    subtitle = (
        f"A (left half of each cell) against B (right half), {result.level} level: the {len(rows)} most-tied "
        f"of the {len({(d.source, d.target) for d in result.dyads})} dyads compared. "
        f"Over all {len(result.dyads)} dyad-years compared: {counts['agree']} agree in sign, "
        f"{counts['disagree']} disagree, {counts['one-zero']} net zero in one only, "
        f"{counts['only-a']} only in A, {counts['only-b']} only in B."
    )
    caption = f"A: {_sources(result.dataset_a)}.\nB: {_sources(result.dataset_b)}."
    legend_shade = (
        f"darker: larger net weight (square-root scale up to the largest of each dataset in the figure, "
        f"A: {_weight_text(scale_a, False)}, B: {_weight_text(scale_b, False)})"
    )
    return ComparisonView(
        title,
        subtitle,
        caption,
        windows,
        _label_step(len(windows)),
        tuple(rows),
        scale_a,
        scale_b,
        disagreements,
        len(windows) <= NUMBERED_WINDOWS,
        legend_shade,
    )


def _weight_text(weight: float | None, signed: bool = True) -> str:
    """A net weight as the figure writes it: ``+2``, ``\u22121.5``, ``0`` ("" for no edge).

    >>> _weight_text(2.0), _weight_text(-1.5), _weight_text(0.0), _weight_text(None), _weight_text(0.333)
    ('+2', '\u22121.5', '0', '', '+0.33')
    """
    if weight is None:
        return ""
    if abs(weight) <= _ZERO:
        return "0"
    text = f"{abs(weight):.2f}".rstrip("0").rstrip(".")
    return (("+" if weight > 0 else "\u2212") if signed else "") + text


def _all_years(windows: Sequence[str]) -> bool:
    return all(w.isdigit() for w in windows)
