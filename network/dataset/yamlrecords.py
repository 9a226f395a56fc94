"""Read a YAML dataset for loading: the long lists as plain values built from the parser's events.

Composing a whole file into PyYAML nodes keeps every node, with two marks
each, alive at once: about 9 KB a tie for a cited tie with evidence, so
200,000 of them took more than 2 GB. This reader runs PyYAML's own composer
over the parser's events (the same nodes, the same errors) except for the
records of the top level's ``actors`` and ``ties``: those are built straight
into plain values, as :func:`network.dataset.check_fields._plain` builds them from their
nodes, and kept in a :class:`~network.dataset.check_fields.RecordSeq` with where each
record starts, as the JSON and CSV readers do. A record's nodes are composed
only when a problem in it must be located: then the whole text is composed
once, the plain way, so what is reported is what the node walk of the
composed file reports.

A file this reader does not take the usual way (a syntax error, an anchor
or alias, anything else PyYAML refuses) is handed to
:func:`network.dataset.yaml_nodes.read_yaml`, which reports it as it always has.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.yaml"
>>> _ = p.write_text("format: 1\\nactors:\\n- {id: a, name: A, kind: state}\\nties: []\\n")
>>> node, problems = read_yaml_records(p)
>>> actors = node.value[1][1]
>>> actors.items, actors.locator.line_at(0), problems
([{'id': 'a', 'name': 'A', 'kind': 'state'}], 2, [])
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Callable
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, ScalarNode

from network.dataset.check_fields import _FAIL, Marked, RecordSeq, Spot, plain_scalar
from network.dataset.json_form import RECORD_LISTS
from network.dataset.problems import Problem
from network.dataset.yaml_nodes import DEFAULT_MAX_BYTES, compose_text, read_text, read_yaml, yaml_loader

__all__ = ["read_yaml_records"]

_T = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _T + "str", _T + "seq", _T + "map"
_UNTAGGED = (None, "!")  # no tag, or the non-specific '!': the resolver decides


class _PlainReader(Exception):
    """The file holds what only the plain reader reports (an anchor or an alias)."""


class _RecordComposer(Composer):
    """PyYAML's composer, building the records of the top level's ``actors`` and ``ties`` as plain values.

    Mixed into the loader class (see :data:`_Reader`): events come from its
    parser, tags from its resolver.
    """

    # set by the loader class this is mixed into (see _reader_class)
    path: str
    document: _Document
    matchers: dict[str, tuple[tuple[str, Any], ...]]
    plain_keys: dict[str, bool]
    get_event: Callable[[], Any]
    peek_event: Callable[[], Any]
    check_event: Callable[..., bool]
    resolve: Callable[..., str]

    def compose_document(self) -> Any:
        self.get_event()  # DOCUMENT-START
        node = self.compose_top() if self.check_event(MappingStartEvent) else self.compose_node(None, None)
        self.get_event()  # DOCUMENT-END
        return node

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(AliasEvent) or self.peek_event().anchor is not None:
            raise _PlainReader
        return super().compose_node(parent, index)

    def compose_top(self) -> MappingNode:
        """The top-level mapping, as ``compose_mapping_node`` composes it, but for the record lists."""
        start = self.get_event()
        if start.anchor is not None:
            raise _PlainReader
        tag = start.tag
        if tag in _UNTAGGED:
            tag = self.resolve(MappingNode, None, start.implicit)
        node = MappingNode(tag, [], start.start_mark, None, flow_style=start.flow_style)
        while not self.check_event(MappingEndEvent):
            key = self.compose_node(node, None)
            value: yaml.Node
            if (
                type(key) is ScalarNode
                and key.tag == _STR
                and key.value in RECORD_LISTS
                and self.check_event(SequenceStartEvent)
                and self.peek_event().tag in _UNTAGGED
            ):
                value = self.compose_records(len(node.value))
            else:
                value = self.compose_node(node, key)
            node.value.append((key, value))
        node.end_mark = self.get_event().end_mark
        return node

    def compose_records(self, pair: int) -> RecordSeq:
        """The list at the top level's ``pair``-th key: each record as plain values, and where it starts."""
        start = self.get_event()
        if start.anchor is not None:
            raise _PlainReader
        items: list[Any] = []
        lines, columns = array("q"), array("q")
        get, plain = self.get_event, self.plain
        event = get()
        while type(event) is not SequenceEndEvent:
            mark = event.start_mark
            lines.append(mark.line)
            columns.append(mark.column)
            items.append(plain(event))
            event = get()
        seq = RecordSeq(items, start.start_mark, _Records(self.path, self.document, pair, lines, columns))
        seq.end_mark = event.end_mark
        return seq

    def plain(self, event: Any) -> Any:
        """The plain value of the node ``event`` starts, its events consumed; _FAIL where ``_plain`` fails.

        Mirrors :func:`network.dataset.check_fields._plain` on the node the composer would
        build from the same events: a scalar by its resolved tag, a mapping of
        text keys (none twice) as a :class:`Marked`, a list as a list; _FAIL
        for anything else (another tag, a key that is not text), which the node
        walk then reports from the composed node.
        """
        kind = type(event)
        if kind is ScalarEvent:
            return self.scalar(event)
        if event.anchor is not None:  # an anchor, or an alias (its anchor is the name it refers to)
            raise _PlainReader
        if kind is MappingStartEvent:
            return self.mapping(event)
        return self.sequence(event)

    def scalar(self, event: ScalarEvent) -> Any:
        if event.anchor is not None:
            raise _PlainReader
        tag = self.scalar_tag(event)
        return event.value if tag == _STR else plain_scalar(tag, event.value)

    def mapping(self, start: MappingStartEvent) -> Any:
        """A mapping's plain value (see :meth:`plain`): its keys' and values' events read in turn."""
        ok = start.tag in _UNTAGGED or start.tag == _MAP  # the resolver gives a mapping its tag
        rec = Marked()
        get, plain, scalar, tag_of = self.get_event, self.plain, self.scalar, self.scalar_tag
        plain_keys = self.plain_keys
        event = get()
        while type(event) is not MappingEndEvent:
            if type(event) is ScalarEvent and event.anchor is None:
                key = event.value
                if event.tag is None and event.implicit[0]:  # a plain key: its tag depends on its text only
                    key_ok = plain_keys.get(key)
                    if key_ok is None:
                        key_ok = plain_keys[key] = tag_of(event) == _STR
                else:
                    key_ok = tag_of(event) == _STR
            else:
                plain(event)  # a key that is not text: read past it (and refuse an anchor)
                key_ok = False
            event = get()
            value = scalar(event) if type(event) is ScalarEvent else plain(event)
            if not (ok and key_ok) or key in rec or value is _FAIL:
                ok = False
            else:
                rec[key] = value
            event = get()
        return rec if ok else _FAIL

    def sequence(self, start: SequenceStartEvent) -> Any:
        """A list's plain value (see :meth:`plain`)."""
        ok = start.tag in _UNTAGGED or start.tag == _SEQ
        out = []
        get, plain = self.get_event, self.plain
        event = get()
        while type(event) is not SequenceEndEvent:
            item = plain(event)
            if item is _FAIL:
                ok = False
            elif ok:
                out.append(item)
            event = get()
        return out if ok else _FAIL

    def scalar_tag(self, event: ScalarEvent) -> str:
        """The scalar's tag as the composer gives it: its own, or the resolver's.

        This is ``Resolver.resolve`` for a scalar, without its call and list
        building: a quoted scalar (not ``implicit[0]``) is text; a plain one is
        tried against the implicit resolvers of its first character
        (``matchers``, taken from the resolver), and is text if none matches.
        """
        tag = event.tag
        if tag is not None and tag != "!":
            return tag  # type: ignore[no-any-return]
        if event.implicit[0]:
            value = event.value
            for resolved, match in self.matchers.get(value[:1], ()):  # value[:1]: '' for the empty scalar
                if match(value):
                    return resolved  # type: ignore[no-any-return]
        return _STR


def _reader_class() -> type:
    """The safe loader with the record composer mixed in, and its resolver's matchers by first character."""
    loader: Any = yaml_loader()
    resolvers = loader.yaml_implicit_resolvers
    if None in resolvers or loader.yaml_path_resolvers or loader.DEFAULT_SCALAR_TAG != _STR:
        raise TypeError(
            "scalar_tag assumes PyYAML's Resolver: no wildcard or path resolvers"
        )  # pragma: no cover
    matchers = {
        first: tuple((tag, regexp.match) for tag, regexp in found) for first, found in resolvers.items()
    }

    def __init__(self: Any, text: str, path: str) -> None:
        loader.__init__(self, text)
        self.path = path
        self.document = _Document(text)
        self.plain_keys = {}  # plain key text -> whether it resolves to text (a field name)

    return type("_Reader", (_RecordComposer, loader), {"__init__": __init__, "matchers": matchers})


_Reader = _reader_class()


class _Document:
    """The text of a YAML file, composed into nodes the plain way once, when first asked."""

    def __init__(self, text: str):
        self.text = text
        self._top: yaml.Node | None = None

    def top(self) -> yaml.Node:
        if self._top is None:
            self._top = compose_text(self.text)
            assert self._top is not None  # the text was read into a document once already
        return self._top


class _Records:
    """Where each record of a YAML record list is (a :class:`~network.dataset.check_fields.Locator`)."""

    def __init__(self, path: str, document: _Document, pair: int, lines: array[int], columns: array[int]):
        self.path = path
        self.document = document
        self.pair = pair
        self.lines = lines
        self.columns = columns

    def node_at(self, k: int) -> yaml.Node:
        return self.document.top().value[self.pair][1].value[k]  # type: ignore[no-any-return]

    def mark_at(self, k: int) -> Spot:
        return Spot(self.path, self.lines[k], self.columns[k])

    def line_at(self, k: int) -> int:
        return self.lines[k]


def read_yaml_records(
    path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[yaml.Node | None, list[Problem]]:
    """Read the YAML dataset at ``path`` for checking: a node tree whose record lists are RecordSeq.

    Returns ``(node, [])`` on success and ``(None, problems)`` otherwise: the
    problems of :func:`network.dataset.yaml_nodes.read_yaml`, to which a file this
    reader does not take is handed.
    """
    text, problems = read_text(path, max_bytes)
    if text is None:
        return None, problems
    reader = _Reader(text, str(path))
    try:
        node = reader.get_single_node()
    except (yaml.YAMLError, _PlainReader, RecursionError):
        node = None
    finally:
        reader.dispose()
    if node is None:
        return read_yaml(path, max_bytes)
    return node, []
