"""Fuzz every command, not only the loader (issue 15).

Two properties, on hypothesis-generated input:

- a *valid* generated dataset goes through every analysis command and ``build`` (tables, explorer,
  report; into a temporary folder) with exit 0, or 1 or 2 with a message: never an exception;
- a *mutated* copy of a valid file goes through ``validate``, ``fmt --check``, ``convert``,
  ``summary``, ``explore`` and ``build`` with an exit code from the documented set, never an
  exception, and the file byte for byte as it was.

Profiles: ``ci`` (the default: a few dozen examples, well inside the CI budget) and ``long``
(``HYPOTHESIS_PROFILE=long python -m pytest tests/commands/test_fuzz_commands.py``, by hand).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from network.cli import main

ROOT = Path(__file__).resolve().parents[2]
MINI = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")

settings.register_profile("ci", max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "long", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
#: Mutations are cheaper (most are refused at once): more of them.
MUTATIONS = settings(PROFILE, max_examples=PROFILE.max_examples * 3)

STATES = ["aa", "bb", "cc", "dd"]
PEOPLE = ["pa", "pb", "pc"]


@st.composite
def datasets(draw) -> str:
    """A valid dataset: 2-4 states, 0-3 people in them, 1-10 dated ties, maybe periods and a framing."""
    states = draw(st.lists(st.sampled_from(STATES), min_size=2, max_size=4, unique=True))
    people = draw(st.lists(st.sampled_from(PEOPLE), max_size=3, unique=True))
    homes = {p: draw(st.sampled_from(states)) for p in people}
    actors = [f"- {{id: {s}, name: 'State {s.upper()} \u00e9\u4e2d', kind: state}}" for s in states]
    actors += [f"- {{id: {p}, name: Person {p}, kind: person, member_of: [{homes[p]}]}}" for p in people]
    everyone = states + people
    ties = []
    for i in range(draw(st.integers(1, 10))):
        a, b = draw(st.lists(st.sampled_from(everyone), min_size=2, max_size=2, unique=True))
        year = draw(st.integers(1950, 1960))
        month = draw(st.sampled_from(["", "-03", "-11"]))
        sign = draw(st.sampled_from([1, -1]))
        kind = "praise" if sign == 1 else "disapprove"
        weight = draw(st.sampled_from([1, 2, 3, 0.5]))
        ties.append(
            f"- {{id: t{i}-{a}-{b}, source: {a}, target: {b}, date: '{year}{month}', sign: {sign}, "
            f"weight: {weight}, type: {kind}, cite: {{source: s, page: {i + 1}}}, confidence: stated}}"
        )
    periods = ""
    if draw(st.booleans()):
        periods = (
            "periods:\n- {id: early, label: Early, start: '1950', end: '1955'}\n"
            "- {id: late, label: Late, start: '1956', end: '1960'}\n"
        )
    framing = ""
    if len(states) >= 3 and draw(st.booleans()):
        framing = f"framing:\n  focal: {states[0]}\n  poles: [{states[1]}, {states[2]}]\n"
    return (
        "format: 1\ntitle: Fuzzed\nsources:\n- {id: s, citation: A made-up source}\n"
        + framing
        + periods
        + "actors:\n"
        + "\n".join(actors)
        + "\nties:\n"
        + "\n".join(ties)
        + "\n"
    )


def _run(argv: list[str]) -> tuple[int, str]:
    """Run the command line in this process; return (exit code, standard error). An exception fails."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, err.getvalue()


ANALYSES = (
    ["validate"],
    ["summary"],
    ["centrality"],
    ["balance"],
    ["alignment"],
    ["robustness"],
    ["diff", "1950", "1960"],
    ["export", "--format", "json"],
    ["export", "--format", "csv"],
)


@PROFILE
@given(datasets())
def test_every_analysis_and_build_of_a_valid_dataset(text):
    """Should exit 0 (or report a documented condition, 1 or 2, in words) for every command."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.yaml"
        path.write_text(text, encoding="utf-8")
        code, err = _run(["validate", str(path)])
        assert code == 0, err + text
        for command in ANALYSES:
            code, err = _run([command[0], str(path), *command[1:]])
            assert code in (0, 1, 2), err
            assert code == 0 or err.strip(), command
        code, err = _run(
            [
                "build",
                str(path),
                "--stage",
                "tables",
                "--stage",
                "explorer",
                "--stage",
                "report",
                "--out",
                f"{tmp}/out",
            ]
        )
        assert code == 0, err + text
        assert (Path(tmp) / "out" / "explorer.html").is_file()


@st.composite
def mutated(draw) -> bytes:
    """mini.yaml with a few lines deleted, repeated or changed, or a few bytes replaced."""
    lines = MINI.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["delete", "repeat", "token", "truncate"]))
        if how == "delete" and len(lines) > 1:
            del lines[i]
        elif how == "repeat":
            lines.insert(i, lines[i])
        elif how == "token":
            token = draw(
                st.sampled_from(
                    [
                        "",
                        "-",
                        ":",
                        "'",
                        "[",
                        "{",
                        "1958",
                        "-1",
                        ".nan",
                        "true",
                        "&a",
                        "*a",
                        "\t",
                        "#",
                        "..",
                        "\u00e9",
                    ]
                )
            )
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + token + lines[i][at:]
        else:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))] + "\n"
    data = "".join(lines).encode("utf-8")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + draw(st.binary(min_size=1, max_size=3)) + data[at + 1 :]
    return data


@MUTATIONS
@given(mutated())
def test_mutated_file_through_every_reading_command_leaves_it_unchanged(data):
    """Should give 0, 1 or 2 (never an exception) and leave the file byte for byte as it was."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.yaml"
        path.write_bytes(data)
        digest = hashlib.sha256(data).hexdigest()
        for argv in (
            ["validate", str(path)],
            ["fmt", str(path), "--check"],
            ["convert", str(path), f"{tmp}/d.json"],
            ["summary", str(path)],
            ["explore", str(path), "--out", f"{tmp}/e.html"],
            ["build", str(path), "--stage", "tables", "--out", f"{tmp}/out"],
        ):
            code, err = _run(argv)
            assert code in (0, 1, 2), (argv, err)
            assert code == 0 or err.strip(), argv
            assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, argv
