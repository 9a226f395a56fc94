"""The second example dataset, data/triple-entente.yaml: valid, cited without invented pages, and
built end to end by ``entente build`` with nothing of the first dataset in its outputs."""

import json
import re
from pathlib import Path

import pytest

from network import load
from network.cli import main
from network.dataset.canonical import canonical_text
from network.output.outdir import MANIFEST

ROOT = Path(__file__).resolve().parents[2]
TRIPLE = ROOT / "data" / "triple-entente.yaml"


@pytest.fixture(scope="module")
def triple():
    return load(TRIPLE)


def test_triple_entente_is_valid_canonical_and_of_the_agreed_size(triple):
    """Should load, be in canonical form, and hold 30-60 ties among the great powers, 1879-1914."""
    assert TRIPLE.read_text(encoding="utf-8") == canonical_text(TRIPLE)
    assert 30 <= len(triple.ties) <= 60
    low, high = triple.span
    assert (low.year, high.year) == (1879, 1914)


def test_every_tie_is_typed_cited_and_paraphrased_without_invented_pages(triple):
    """Should give every tie a type, a source from the file's sources, evidence, and no page."""
    sources = {s.id for s in triple.sources}
    for tie in triple.ties:
        assert tie.type and tie.evidence, tie.id
        assert tie.cite is not None and tie.cite.source in sources, tie.id
        assert tie.cite.page is None, f"{tie.id}: a page nobody checked"
    assert "page:" not in TRIPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("triple") / "out"
    code = main(["build", str(TRIPLE), "--no-strict", "--no-cache", "--out", str(out)])
    return code, out


def test_build_writes_every_output(built):
    """Should build the tables, the figures, the explorer and the lesson pages, and record the dataset."""
    code, out = built
    assert code == 0
    for name in (
        "tables/centrality-period-state.csv",
        "tables/summary.json",
        "state/small-multiples.png",
        "state/snapshot-1907.svg",
        "explorer.html",
        "report/index.html",
    ):
        assert (out / name).is_file(), name
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert (out / manifest["dataset"]).resolve() == TRIPLE.resolve()
    assert manifest["title"] == "The making of the Triple Entente, 1879-1914"


def test_build_outputs_name_nothing_of_the_first_dataset(built):
    """Should carry no word of the Sino-Albanian case into another dataset's outputs."""
    _, out = built
    case_words = re.compile(r"albania|ussr|soviet|tretiak|hoxha|khrushchev|peking", re.I)
    found = [
        p.relative_to(out).as_posix()
        for p in sorted(out.rglob("*"))
        if p.is_file()
        and p.suffix in (".csv", ".json", ".svg", ".html", ".md")
        and case_words.search(p.read_text(encoding="utf-8"))
    ]
    assert found == []


TUTORIAL = ROOT / "docs" / "tutorial.md"


def test_tutorial_datasets_load_and_its_commands_parse(tmp_path):
    """Should give, in docs/tutorial.md, datasets that load (the broken one aside) and entente
    commands that the command line accepts, writing only under /tmp/entente-tutorial."""
    import shlex

    from network.cli import build_parser

    text = TUTORIAL.read_text(encoding="utf-8")
    files = re.findall(r"cat > (\S+) <<'EOF'\n(.*?)\nEOF\n", text, re.S)
    assert len(files) == 3
    for target, body in files:
        assert target.startswith("/tmp/entente-tutorial/"), target
        path = tmp_path / Path(target).name
        path.write_text(body + "\n", encoding="utf-8")
        if path.name != "broken.yaml":
            load(path)
    assert len(load(tmp_path / "revolution.yaml").ties) == 9
    commands = re.findall(r"^entente .*$", text, re.M)
    assert len(commands) >= 8
    for line in commands:
        argv = shlex.split(line.split("||")[0])[1:]
        build_parser().parse_args(argv)  # exits 2 on a command or option that does not exist
        assert all(not a.startswith("/") or a.startswith("/tmp/entente-tutorial/") for a in argv), line


def test_tutorial_shows_the_validators_messages_as_printed(tmp_path, capsys):
    """Should quote in docs/tutorial.md exactly what 'entente validate' prints for the broken file."""
    text = TUTORIAL.read_text(encoding="utf-8")
    body = re.search(r"cat > /tmp/entente-tutorial/broken.yaml <<'EOF'\n(.*?)\nEOF\n", text, re.S)
    shown = re.search(r"```text\n(.*?)```", text, re.S)
    assert body and shown
    path = tmp_path / "broken.yaml"
    path.write_text(body.group(1) + "\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    printed = capsys.readouterr().err.replace(str(path), "/tmp/entente-tutorial/broken.yaml")
    assert printed == shown.group(1)
