"""The curation summary counts ties per year, type, sign, confidence and actor."""

from network import load
from network.curation.summary import format_summary, summarize


def _write(tmp_path, ties):
    path = tmp_path / "d.yaml"
    path.write_text(
        "format: 1\nactors:\n- {id: a, name: A, kind: state}\n- {id: b, name: B, kind: state}\nties:\n" + ties
    )
    return load(path)


def test_multi_year_event_is_split_evenly(tmp_path):
    """Should add half of a 1958/1959 tie to each year."""
    ds = _write(
        tmp_path,
        "- {source: a, target: b, date: '1958/1959', sign: 1}\n"
        "- {source: a, target: b, date: '1959-03', sign: -1, confidence: hedged}\n",
    )
    s = summarize(ds)
    assert s["by_year"] == {1958: 0.5, 1959: 1.5}
    assert s["by_sign"] == {"+1": 1, "-1": 1}
    assert s["by_confidence"] == {"stated": 1, "hedged": 1}
    assert s["by_actor"] == {"a": 2, "b": 2}


def test_open_ended_ties_stay_within_the_data_span(tmp_path):
    """Should count an open-ended event or standing tie only over the years the data covers."""
    ds = _write(
        tmp_path,
        "- {source: a, target: b, date: '1958', sign: 1}\n"
        "- {source: a, target: b, date: '1959/..', sign: 1}\n"
        "- {source: a, target: b, start: '1950', sign: -1}\n",
    )
    s = summarize(ds)
    assert set(s["by_year"]) == {1958, 1959}
    assert s["standing_by_year"] == {y: 1 for y in range(1950, 1960)}  # a known start opens the span
    assert "1958" in format_summary(s) and "2000" not in format_summary(s)
