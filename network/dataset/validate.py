"""Check a converted dataset as a whole and build the typed records.

Field-level checks happen in :mod:`network.dataset.check_fields`; this module checks what
needs the whole file: unique ids, references (the framing's too), date logic,
memberships without cycles, ties inside their actors' existence, and the
strict curation policy where the dataset declares ``policy: strict`` (or
``strict=True`` asks for it): every tie has a type that agrees with its sign,
a citation with a page, and evidence.

Examples
--------
>>> import yaml
>>> from network.dataset.check_fields import Converter
>>> from network.dataset.spec import Rec
>>> text = ("format: 1\\nactors: [{id: a, name: A, kind: state}]\\n"
...         "ties: [{source: a, target: b, date: '1958', sign: 1}]\\n")
>>> c = Converter("x.yaml"); tree = c.convert(yaml.compose(text), Rec("dataset"))
>>> ds, problems = build_dataset(tree, "x.yaml")
>>> [str(p) for p in problems]
["x.yaml:3:28: target 'b' is not an actor (hint: define it under actors)"]
"""

from __future__ import annotations

from typing import Any

import yaml

from network.dataset.check_fields import Marked, line_of
from network.dataset.edtf import EdtfDate
from network.dataset.model import (
    Actor,
    Citation,
    Dataset,
    Framing,
    Membership,
    Period,
    Role,
    Source,
    Span,
    Tie,
)
from network.dataset.problems import MAX_PROBLEMS, Problem, did_you_mean
from network.dataset.vocabulary import TIE_TYPES

__all__ = ["build_dataset"]


class _Builder:
    def __init__(self, path: str, strict: bool | None):
        self.path = path
        self.strict = strict
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node | None, message: str, hint: str = "") -> None:
        if node is None:
            self.problems.append(Problem(self.path, 0, 0, message, hint))
        else:
            m = node.start_mark
            self.problems.append(
                Problem(getattr(m, "path", self.path), m.line + 1, m.column + 1, message, hint)
            )

    @staticmethod
    def node(rec: Any, key: str | None = None) -> yaml.Node | None:
        """The node of ``rec[key]``, or of ``rec`` itself (to report a problem there)."""
        if isinstance(rec, Marked):
            return rec.node_of(key)  # type: ignore[no-any-return]
        return getattr(rec, "node", None)

    def ref(self, rec: Any, key: str, known: dict[str, Any], what: str, value: str | None = None) -> bool:
        value = rec[key] if value is None else value
        if value in known:
            return True
        hint = did_you_mean(value, known) or f"define it under {what}s"
        article = "an" if what[0] in "aeiou" else "a"
        self.problem(self.node(rec, key), f"{key} {value!r} is not {article} {what}", hint)
        return False

    def span(self, rec: Any, start_key: str = "start", end_key: str = "end") -> Span:
        start: EdtfDate | None = rec.get(start_key)
        end: EdtfDate | None = rec.get(end_key)
        if start is not None and start.text == "..":
            start = None
        if end is not None and end.text == "..":
            end = None
        if start is not None and end is not None and end.upper < start.lower:
            self.problem(
                self.node(rec, end_key),
                f"end {end.text} is before start {start.text}",
                "swap them, or correct the date",
            )
        return Span(start, end)

    def cite(self, rec: Any, sources: dict[str, Source]) -> Citation | None:
        if not isinstance(rec, dict):
            return None
        if "source" in rec and sources and rec["source"] not in sources:
            self.ref(rec, "source", sources, "source")
        return Citation(rec.get("source"), rec.get("note"), rec.get("page"), rec.get("primary"))

    # ------------------------------------------------------------------
    def build(self, top: Any) -> Dataset:
        sources: dict[str, Source] = {}
        for rec in top.get("sources", []):
            if {"id", "citation"} <= rec.keys():
                if rec["id"] in sources:
                    self.problem(self.node(rec, "id"), f"duplicate source id {rec['id']!r}")
                sources[rec["id"]] = Source(rec["id"], rec["citation"])

        actor_recs: dict[str, Any] = {}
        for rec in top.get("actors", []):
            if "id" not in rec:
                continue
            if rec["id"] in actor_recs:
                first = actor_recs[rec["id"]].node.start_mark.line + 1
                self.problem(
                    self.node(rec, "id"),
                    f"duplicate actor id {rec['id']!r} (first at line {first})",
                    "give each actor its own id, or merge the two entries",
                )
                continue
            actor_recs[rec["id"]] = rec
        actors = {aid: self.actor(rec, actor_recs, sources) for aid, rec in actor_recs.items()}
        self.check_cycles(actors, actor_recs)
        framing = self.framing(top["framing"], actors) if "framing" in top else None
        policy = top.get("policy", "basic")
        if self.strict is None:  # no --strict or --no-strict: the policy the dataset declares
            self.strict = policy == "strict"

        periods = []
        seen_periods: set[str] = set()
        for rec in top.get("periods", []):
            if not {"id", "label", "start", "end"} <= rec.keys():
                continue
            if rec["id"] in seen_periods:
                self.problem(self.node(rec, "id"), f"duplicate period id {rec['id']!r}")
            seen_periods.add(rec["id"])
            span = self.span(rec)
            if span.start is None or span.end is None:
                self.problem(self.node(rec), "a period needs a known start and end", "give both dates")
                continue
            periods.append(
                Period(
                    rec["id"],
                    rec["label"],
                    rec["start"],
                    rec["end"],
                    rec.get("description"),
                    self.cite(rec.get("cite"), sources),
                )
            )

        ties: list[Tie] = []
        ids: dict[str, Any] = {}
        for rec in top.get("ties", []):
            if len(self.problems) >= MAX_PROBLEMS:  # a hostile file: stop (network.dataset.loader says so)
                break
            tie = self.tie(rec, actors, actor_recs, sources, ids)
            if tie is not None:
                ties.append(tie)
        self.check_alternatives(ties, ids)
        return Dataset(
            self.path,
            top.get("title"),
            tuple(sources.values()),
            actors,
            tuple(ties),
            tuple(periods),
            top.get("format", 1),
            framing,
            policy,
        )

    def framing(self, rec: Any, actors: dict[str, Actor]) -> Framing | None:
        """The framing, its ids checked like every reference; None if it has a problem."""
        if not {"focal", "poles"} <= rec.keys():
            return None  # a required field is missing: the converter said so
        ok = self.ref(rec, "focal", actors, "actor")
        poles: list[str] = rec["poles"]
        node = self.node(rec, "poles")
        seen: set[str] = set()
        for i, pole in enumerate(poles):
            at = node.value[i] if isinstance(node, yaml.SequenceNode) else node
            if pole not in actors:
                self.problem(
                    at,
                    f"pole {pole!r} is not an actor",
                    did_you_mean(pole, actors) or "define it under actors",
                )
                ok = False
            elif pole == rec["focal"]:
                self.problem(
                    at, f"the focal actor {pole!r} is also a pole", "follow an actor that is not a pole"
                )
                ok = False
            elif pole in seen:
                self.problem(at, f"pole {pole!r} is listed twice", "list each pole once")
                ok = False
            seen.add(pole)
        if len(poles) < 2:
            self.problem(
                node,
                f"framing needs two or more poles (got {len(poles)})",
                "list the sides, e.g. poles: [a, b]",
            )
            ok = False
        return Framing(rec["focal"], tuple(poles)) if ok else None

    def actor(self, rec: Any, known: dict[str, Any], sources: dict[str, Source]) -> Actor:
        members = []
        for i, m in enumerate(rec.get("member_of", [])):
            if isinstance(m, str):
                if m not in known:
                    self.problem(
                        self.member_node(rec, i),
                        f"member_of {m!r} is not an actor",
                        did_you_mean(m, known) or "define it under actors",
                    )
                elif m == rec["id"]:
                    self.problem(self.member_node(rec, i), f"actor {m!r} cannot be a member of itself")
                members.append(Membership(m))
            elif "actor" in m:
                if self.ref(m, "actor", known, "actor"):
                    members.append(Membership(m["actor"], self.span(m)))
        roles = []
        for r in rec.get("roles", []):
            if "of" in r:
                self.ref(r, "of", known, "actor")
            roles.append(
                Role(r.get("title", ""), r.get("of"), self.span(r), self.cite(r.get("cite"), sources))
            )
        exists = self.span(rec["exists"]) if "exists" in rec else None
        return Actor(
            rec["id"],
            rec.get("name", rec["id"]),
            rec.get("kind", "group"),
            tuple(rec.get("aliases", ())),
            tuple(members),
            tuple(roles),
            exists,
            rec.get("note"),
            rec.get("projects", True),
        )

    @staticmethod
    def member_node(rec: Any, i: int) -> yaml.Node | None:
        return rec.node_of("member_of").value[i] if "member_of" in rec else None

    def check_cycles(self, actors: dict[str, Actor], recs: dict[str, Any]) -> None:
        state: dict[str, int] = {}  # 1 = on the current path, 2 = done
        for aid in actors:
            if aid not in state:
                self.visit(aid, [], actors, recs, state)

    def visit(
        self, aid: str, path: list[str], actors: dict[str, Actor], recs: dict[str, Any], state: dict[str, int]
    ) -> None:
        """Depth-first search for cycles in ``member_of`` from ``aid`` (a method, not a closure: a
        function nested in check_cycles would refer to itself, a cycle keeping every actor's record
        alive until the garbage collector runs)."""
        state[aid] = 1
        for m in actors[aid].member_of:
            if m.of not in actors or m.of == aid:
                continue
            if state.get(m.of) == 1:
                cycle = path[path.index(m.of) :] + [aid, m.of] if m.of in path else [aid, m.of]
                self.problem(
                    self.node(recs[aid], "member_of"),
                    "member_of forms a cycle: " + " -> ".join(dict.fromkeys(cycle)) + f" -> {m.of}",
                    "an actor cannot belong, through others, to itself",
                )
            elif m.of not in state:
                self.visit(m.of, path + [aid], actors, recs, state)
        state[aid] = 2

    def tie(
        self,
        rec: Any,
        actors: dict[str, Actor],
        actor_recs: dict[str, Any],
        sources: dict[str, Source],
        ids: dict[str, Any],
    ) -> Tie | None:
        # The checks run in this order, so problems come out in it. This runs once per tie (hundreds of
        # thousands at scale): values are read once, and nodes are looked up only to report a problem.
        get = rec.get
        source, target, sign = get("source"), get("target"), get("sign")
        ok = source is not None and target is not None and sign is not None
        if source is not None and source not in actors:
            ok = self.ref(rec, "source", actors, "actor") and ok
        if target is not None and target not in actors:
            ok = self.ref(rec, "target", actors, "actor") and ok
        if source is not None and source == target:
            self.problem(
                self.node(rec, "target"),
                f"tie from {source!r} to itself",
                "a tie joins two different actors",
            )
            ok = False
        date = get("date")
        has_date, has_start = date is not None, "start" in rec
        if has_date and (has_start or "end" in rec):
            self.problem(
                self.node(rec, "start" if has_start else "end"),
                "tie has both 'date' and 'start'/'end'",
                "use 'date' for an event, or 'start' (and 'end') for a standing relation",
            )
            ok = False
        elif not has_date and not has_start:
            if "end" in rec:
                self.problem(self.node(rec, "end"), "tie has 'end' but no 'start'", "add 'start:'")
            elif not (rec.present & {"date", "start"}):  # not already reported as a bad date
                self.problem(
                    self.node(rec),
                    "tie has neither 'date' nor 'start'",
                    "add 'date:' for an event, or 'start:' for a standing relation",
                )
            ok = False
        if has_date and date.text == "..":
            self.problem(self.node(rec, "date"), "an event's date cannot be fully open", "give a date")
            ok = False
        reported = get("reported")
        if reported is not None:
            if not has_date:
                self.problem(
                    self.node(rec, "reported"),
                    "only an event (a tie with 'date') can have a 'reported' date",
                    "remove 'reported', or give the tie a 'date'",
                )
                ok = False
            elif date.text != ".." and reported.upper < date.lower:
                self.problem(
                    self.node(rec, "reported"),
                    f"reported {reported.text} comes before the event's date {date.text} begins",
                    "the event happened on or before its report: widen 'date' or check 'reported'",
                )
                ok = False
        span = self.span(rec) if has_start else None
        tie_id = get("id")
        if tie_id is not None and tie_id in ids:
            first = self.node(ids[tie_id], "id").start_mark.line + 1  # type: ignore[union-attr]
            self.problem(
                self.node(rec, "id"),
                f"duplicate tie id {tie_id!r} (first at line {first})",
                "give each tie its own id",
            )
            ok = False
        if self.strict:
            self.policy(rec)
        cite = get("cite")
        if cite is not None:
            cite = self.cite(cite, sources)
        if not ok:
            return None
        if tie_id is None:
            when = date.text if has_date else rec["start"].text
            base = (
                f"{source}-{target}-{when}".replace("/", "_")
                .replace("~", "")
                .replace("?", "")
                .replace("%", "")
            )
            tie_id, n = base, 2
            while tie_id in ids:
                tie_id, n = f"{base}-{n}", n + 1
        ids[tie_id] = rec  # where its id (or, for a derived id, the tie) is: looked up only for a duplicate
        weight = get("weight")
        # Tie's fields in order, passed by position: at hundreds of thousands of ties a call with fifteen
        # keywords costs a third more (tests compare every field of loaded ties with the data)
        tie = Tie(
            tie_id,  # id
            source,  # source
            target,  # target
            sign,  # sign
            date,  # date
            span.start if span else None,  # start
            span.end if span else None,  # end
            1.0 if weight is None else float(weight),  # weight
            get("type"),  # type
            get("directed", True),  # directed
            cite,  # cite
            get("evidence"),  # evidence
            get("confidence", "stated"),  # confidence
            tuple(get("tags", ())),  # tags
            line_of(rec.node),  # line
            reported,  # reported
            get("alternative"),  # alternative
        )
        source_exists, target_exists = actors[source].exists, actors[target].exists
        if source_exists or target_exists:
            for key, exists in (("source", source_exists), ("target", target_exists)):
                if exists and (tie.upper < exists.lower or tie.lower > exists.upper):
                    self.problem(
                        self.node(rec, "date" if has_date else "start"),
                        f"tie dated {tie.when} lies outside the existence of {rec[key]!r} "
                        f"({exists.lower.isoformat()} to {exists.upper.isoformat()})",
                        "check the date, or the actor's 'exists'",
                    )
        return tie

    def check_alternatives(self, ties: list[Tie], ids: dict[str, Any]) -> None:
        """Ties sharing an ``alternative`` label: at least two, all of one weight (the weight they share)."""
        groups: dict[str, list[Tie]] = {}
        for t in ties:
            if t.alternative is not None:
                groups.setdefault(t.alternative, []).append(t)
        for label, group in groups.items():
            first = group[0]
            if len(group) < 2:
                self.problem(
                    self.node(ids[first.id], "alternative"),
                    f"alternative {label!r} has only one tie",
                    "give the other reading the same 'alternative' label, or remove the label",
                )
            for t in group[1:]:
                if t.weight != first.weight:
                    self.problem(
                        self.node(ids[t.id], "weight"),
                        f"alternative {label!r}: weight {t.weight:g} differs from {first.weight:g} "
                        f"of {first.id!r}",
                        "alternatives share one weight: give them all the same weight",
                    )

    def policy(self, rec: Any) -> None:
        present = rec.present
        for key in ("type", "cite", "evidence"):
            if key not in present:
                self.problem(
                    self.node(rec),
                    f"tie has no {key!r} (required by the strict policy)",
                    {
                        "type": "pick one from docs/codebook.md",
                        "cite": "add cite: {source: ..., note: ..., page: ...}",
                        "evidence": "paraphrase what the source says",
                    }[key],
                )
        cite = rec.get("cite")
        if isinstance(cite, dict) and ("page" not in cite or "source" not in cite):
            self.problem(
                self.node(rec, "cite"), "citation needs 'source' and 'page' (required by the strict policy)"
            )
        t, sign = rec.get("type"), rec.get("sign")
        if t in TIE_TYPES and sign is not None and TIE_TYPES[t].sign != sign:
            self.problem(
                self.node(rec, "sign"),
                f"sign {sign:+d} disagrees with type {t!r}, which is {TIE_TYPES[t].sign:+d}",
                "check the sign, or choose a type from docs/codebook.md that fits it",
            )


def build_dataset(top: Any, path: str, strict: bool | None = None) -> tuple[Dataset | None, list[Problem]]:
    """Build a :class:`Dataset` from a checked tree; return it with the problems found.

    ``strict`` checks the strict curation policy (True), skips it (False), or
    checks it where the dataset declares ``policy: strict`` (None).
    """
    builder = _Builder(path, strict)
    if not isinstance(top, dict):
        return None, builder.problems
    return builder.build(top), builder.problems
