"""The columnar snapshots' ties stay in the engine (network.columnar.tie_store), read when asked."""

import gc
import pickle
from pathlib import Path

import pytest

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from test_columnar import csv_form  # noqa: E402  # entente convert, as the other columnar tests use it

from network import load  # noqa: E402
from network.columnar import pipeline as columnar  # noqa: E402
from network.columnar.tie_store import WINDOWS_KEPT, Allocation, EdgeTies  # noqa: E402
from network.timeline.snapshots import snapshots  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def curated(tmp_path_factory):
    """The curated data in the CSV form, checked by the columnar path, and its plain snapshots."""
    out = csv_form(ROOT / "data/actors.yaml", tmp_path_factory.mktemp("curated"))
    return columnar.load(out), snapshots(load(ROOT / "data/actors.yaml"), level="state")


def _tables(engine) -> set[str]:
    return {row[0] for row in engine.con.sql("SELECT table_name FROM duckdb_tables()").fetchall()}


def test_the_views_read_like_the_plain_values(curated):
    """Should hold the same shares and tie ids as the plain path's dict and tuples, and compare
    equal to them both ways."""
    data, plain = curated
    for a, b in zip(plain, columnar.snapshots(data, level="state"), strict=True):
        assert isinstance(b.allocation, Allocation)
        assert len(b.allocation) == len(a.allocation)
        assert dict(b.allocation) == a.allocation and b.allocation == a.allocation
        for u, v, d in a.graph.edges(data=True):
            ties = b.graph.edges[u, v]["ties"]
            assert isinstance(ties, EdgeTies)
            assert ties == d["ties"] and d["ties"] == ties and hash(ties) == hash(d["ties"])
            assert len(ties) == len(d["ties"]) and tuple(ties) == d["ties"]
            assert ties[0] == d["ties"][0] and ties[-1:] == d["ties"][-1:]


def test_a_pickled_snapshot_carries_plain_values(curated):
    """Should pickle to a plain dict and plain tuples (a snapshot sent to another process carries
    its ties, not the engine)."""
    data, plain = curated
    snap = columnar.snapshots(data, level="state")[3]
    back = pickle.loads(pickle.dumps(snap))
    assert type(back.allocation) is dict and back.allocation == dict(snap.allocation)
    for u, v, d in back.graph.edges(data=True):
        assert type(d["ties"]) is tuple and d["ties"] == snap.graph.edges[u, v]["ties"]


def test_the_engine_tables_go_with_the_last_snapshot(curated):
    """Should keep what the ties are read from while a snapshot reads them (the windows and the
    projection; once a window is read, the placements alone), and drop it once none is left."""
    data, _ = curated
    gc.collect()  # the snapshots of the tests before
    before = _tables(data.engine)
    snaps = columnar.snapshots(data, level="state")
    kept = _tables(data.engine) - before
    assert len(kept) == 2 and data.ties in before  # the windows and the segments; not the user's table
    allocation = snaps[2].allocation
    del snaps
    gc.collect()
    assert _tables(data.engine) - before == kept  # one allocation is still held
    assert len(dict(allocation)) == len(allocation) > 0
    placed = _tables(data.engine) - before
    assert len(placed) == 1 and placed != kept and data.ties in _tables(data.engine)
    del allocation
    gc.collect()
    assert _tables(data.engine) == before


def test_a_run_from_a_path_keeps_its_tie_table_only_while_needed(tmp_path):
    """Should read the ties of a run given a path from that run's own tie table, which goes with
    the snapshots (and, once the placements are read, before them)."""
    snaps = columnar.snapshots(csv_form(ROOT / "data/template.yaml", tmp_path), level="state")
    plain = snapshots(load(ROOT / "data/template.yaml"), level="state")
    engine = snaps[0].allocation._store.engine
    assert any(t.startswith("_entente_ties_") for t in _tables(engine))
    assert [dict(s.allocation) for s in snaps] == [s.allocation for s in plain]
    assert {t.split("_")[2] for t in _tables(engine)} == {"placed"}
    del snaps
    gc.collect()
    assert _tables(engine) == set()


def test_only_the_last_windows_read_are_kept(curated):
    """Should keep the ties of at most WINDOWS_KEPT windows in Python, and read a dropped one again."""
    data, plain = curated
    snaps = columnar.snapshots(data, level="state")
    assert len(snaps) > WINDOWS_KEPT
    for s in snaps:
        list(s.allocation)
    store = snaps[0].allocation._store
    assert len(store._read) == WINDOWS_KEPT
    assert snaps[0].allocation == plain[0].allocation  # read again
