"""Outputs never mix: the build's output folder, its manifest, the guard and the stale files."""

import hashlib
import json
import re
from pathlib import Path

import pytest

from network import load
from network.build import OutputFolderRefused, build
from network.cli import main
from network.output.outdir import MANIFEST, default_out, read_manifest

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.yaml"
TRIBES = ROOT / "data" / "tribes.yaml"


def _copy(src: Path, dst: Path) -> Path:
    dst.write_bytes(src.read_bytes())
    return dst


def _without_periods(src: Path, dst: Path) -> Path:
    """``src`` with its ``periods:`` block left out (so the build makes no per-period tables)."""
    text = src.read_text(encoding="utf-8")
    dst.write_text(re.sub(r"^periods:\n(?:[- ] .*\n)+", "", text, flags=re.M), encoding="utf-8")
    return dst


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _build(*argv: str) -> int:
    return main(["build", *argv, "--no-strict", "--stage", "tables"])


# --------------------------------------------------------------------------- where by default


def test_default_folder_is_named_after_the_dataset(tmp_path, monkeypatch, capsys):
    """Should build their.yaml into their-figures/ in the current folder, and nothing else there."""
    monkeypatch.chdir(tmp_path)
    _copy(TRIBES, tmp_path / "their.yaml")
    assert _build("their.yaml") == 0
    assert "wrote 6 files into their-figures/" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["their-figures", "their.yaml"]
    assert (tmp_path / "their-figures" / "tables" / "summary.json").is_file()


def test_from_the_repository_root_only_the_projects_dataset_goes_to_figures(tmp_path, monkeypatch):
    """Should send data/actors.yaml (however written) to figures/ and any other dataset, wherever it
    lives, to NAME-figures/, never to figures/."""
    monkeypatch.chdir(ROOT)
    assert default_out("data/actors.yaml", "data/actors.yaml", "figures") == Path("figures")
    assert default_out(str(ROOT / "data" / "actors.yaml"), "data/actors.yaml", "figures") == Path("figures")
    for other in ("data/tribes.yaml", "their.yaml", str(tmp_path / "triple.json"), "big/"):
        assert default_out(other, "data/actors.yaml", "figures") != Path("figures"), other
    assert default_out("data/tribes.yaml", "data/actors.yaml", "figures") == Path("tribes-figures")
    assert default_out("big/", "data/actors.yaml", "figures") == Path("big-figures")


def test_build_help_documents_the_default_folder(capsys):
    """Should say in --help where a build writes by default and what --force does."""
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    out = capsys.readouterr().out
    assert "NAME-figures/" in out and "figures/ for the default dataset" in out and "--force" in out


# --------------------------------------------------------------------------- the guard


def test_folder_of_another_dataset_is_refused_and_left_alone(tmp_path, capsys):
    """Should exit 2 with one line saying where to build instead, and write nothing."""
    out = tmp_path / "out"
    assert _build(str(MINI), "--out", str(out)) == 0
    before = _files(out)
    capsys.readouterr()
    assert _build(str(TRIBES), "--out", str(out)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert f"refused: {out} holds the outputs of " in err[0] and "mini.yaml" in err[0]
    assert "write into tribes-figures/ instead (--out tribes-figures), or give --force" in err[0]
    assert _files(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".entente-build-")]


def test_library_build_refuses_too(tmp_path):
    """Should raise before writing anything when called from Python."""
    build(load(MINI), tmp_path, stages=("tables",))
    before = _files(tmp_path)
    with pytest.raises(OutputFolderRefused, match="holds the outputs of"):
        build(load(TRIBES), tmp_path, stages=("tables",))
    assert _files(tmp_path) == before


def test_folder_with_files_no_build_made_is_refused(tmp_path, capsys):
    """Should refuse a folder that is not empty and has no manifest (exit 2, nothing written)."""
    (tmp_path / "notes.txt").write_text("mine")
    assert _build(str(MINI), "--out", str(tmp_path)) == 2
    assert "is not empty and no entente build made it" in capsys.readouterr().err
    assert _files(tmp_path) == {"notes.txt": b"mine"}


def test_unreadable_manifest_is_refused(tmp_path, capsys):
    """Should refuse a folder whose manifest cannot be read, naming it."""
    (tmp_path / MANIFEST).write_text("{not json")
    assert _build(str(MINI), "--out", str(tmp_path)) == 2
    assert "cannot be read as a build manifest" in capsys.readouterr().err


def test_force_writes_and_removes_nothing_it_did_not_write(tmp_path, capsys):
    """Should, with --force, write into another dataset's folder, keep that dataset's files and the
    user's, and record the new dataset; its next build then is not refused."""
    out = tmp_path / "out"
    assert _build(str(_without_periods(MINI, tmp_path / "a.yaml")), "--out", str(out)) == 0
    (out / "notes.txt").write_text("mine")
    assert _build(str(TRIBES), "--out", str(out)) == 2
    assert _build(str(TRIBES), "--out", str(out), "--force") == 0
    assert (out / "notes.txt").read_text() == "mine"
    manifest = read_manifest(out)
    assert manifest is not None and manifest.dataset.endswith("data/tribes.yaml")
    assert _build(str(TRIBES), "--out", str(out)) == 0
    capsys.readouterr()


def test_empty_folder_and_a_failed_builds_staging_folder_are_free(tmp_path):
    """Should build into an empty folder, or one holding only a failed build's staging folder."""
    (tmp_path / ".entente-build-x1").mkdir()
    assert _build(str(MINI), "--out", str(tmp_path)) == 0


# --------------------------------------------------------------------------- manifest, stale files


def test_manifest_records_the_dataset_and_is_the_same_bytes_every_build(tmp_path):
    """Should record the dataset's relative path, title and hash, and each stage's files, with no
    time in it: two builds, the same bytes."""
    out = tmp_path / "out"
    assert _build(str(MINI), "--out", str(out)) == 0
    first = (out / MANIFEST).read_bytes()
    assert _build(str(MINI), "--out", str(out)) == 0
    assert (out / MANIFEST).read_bytes() == first
    data = json.loads(first)
    assert not Path(data["dataset"]).is_absolute()
    assert (out / data["dataset"]).resolve() == MINI.resolve()
    assert data["title"].startswith("Mini test dataset")
    assert data["sha256"] == hashlib.sha256(MINI.read_bytes()).hexdigest()
    assert data["files"]["tables"] == sorted(
        p.relative_to(out).as_posix() for p in (out / "tables").iterdir()
    )
    assert not re.search(r"20\d\d-\d\d-\d\d|:\d\d:\d\d", first.decode())


def test_a_moved_dataset_still_owns_its_folder(tmp_path):
    """Should treat the same bytes at another path as the same dataset."""
    out = tmp_path / "out"
    assert _build(str(_copy(MINI, tmp_path / "one.yaml")), "--out", str(out)) == 0
    (tmp_path / "one.yaml").rename(tmp_path / "two.yaml")
    assert _build(str(tmp_path / "two.yaml"), "--out", str(out)) == 0


def test_a_rebuild_removes_what_it_no_longer_makes_and_nothing_else(tmp_path, capsys):
    """Should remove the per-period tables once the data has no periods, keep the user's files and
    the files of stages this build did not run, and list only what it wrote."""
    data = _copy(MINI, tmp_path / "d.yaml")
    out = tmp_path / "out"
    assert (
        main(
            ["build", str(data), "--no-strict", "--stage", "tables", "--stage", "explorer", "--out", str(out)]
        )
        == 0
    )
    per_period = sorted(p.name for p in (out / "tables").glob("*-period*"))
    assert "centrality-period-state.csv" in per_period
    (out / "tables" / "my-notes.csv").write_text("mine")
    (out / "extra").mkdir()
    (out / "extra" / "keep.txt").write_text("mine")
    _without_periods(MINI, data)  # the same dataset, edited
    capsys.readouterr()
    assert _build(str(data), "--out", str(out)) == 0
    assert f"removed {len(per_period)} files an earlier build wrote" in capsys.readouterr().err
    assert not list((out / "tables").glob("*-period*"))
    assert (out / "tables" / "my-notes.csv").read_text() == "mine"
    assert (out / "extra" / "keep.txt").read_text() == "mine"
    assert (out / "explorer.html").exists()  # the explorer stage did not run this time
    manifest = read_manifest(out)
    assert manifest is not None and set(manifest.files) == {"tables", "explorer"}
    assert "tables/my-notes.csv" not in manifest.files["tables"]
    assert all((out / name).is_file() for names in manifest.files.values() for name in names)


def test_a_manifest_cannot_remove_files_outside_its_folder(tmp_path):
    """Should never remove a file outside the output folder, whatever the manifest lists."""
    out = tmp_path / "out"
    assert _build(str(MINI), "--out", str(out)) == 0
    outside = tmp_path / "precious.txt"
    outside.write_text("keep")
    data = json.loads((out / MANIFEST).read_text())
    data["files"]["tables"].append("../precious.txt")
    (out / MANIFEST).write_text(json.dumps(data))
    assert _build(str(MINI), "--out", str(out)) == 0
    assert outside.read_text() == "keep"


# --------------------------------------------------------------------------- figures, explore, report


def test_single_output_commands_default_to_the_datasets_folder(tmp_path, monkeypatch, capsys):
    """Should write explore's page and report's pages into NAME-figures/, as build does."""
    monkeypatch.chdir(tmp_path)
    _copy(TRIBES, tmp_path / "their.yaml")
    assert main(["explore", "their.yaml"]) == 0
    assert main(["report", "their.yaml"]) == 0
    assert (tmp_path / "their-figures" / "explorer.html").is_file()
    assert (tmp_path / "their-figures" / "report" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["their-figures", "their.yaml"]
    capsys.readouterr()


@pytest.mark.parametrize(
    "argv",
    [
        ["explore", "--out", "{out}/explorer.html"],
        ["report", "--out", "{out}/report"],
        ["figures", "--level", "state", "--jobs", "1", "--out", "{out}"],
        ["build", "--no-strict", "--stage", "tables", "--out", "{out}/inner"],
    ],
    ids=["explore", "report", "figures", "build-inside"],
)
def test_no_command_writes_into_another_datasets_build(argv, tmp_path, capsys):
    """Should refuse (exit 2, one line, nothing written) to write into or inside the folder another
    dataset's build made, and write there with --force."""
    out = tmp_path / "out"
    assert _build(str(MINI), "--out", str(out)) == 0
    before = _files(out)
    capsys.readouterr()
    args = [a.replace("{out}", str(out)) for a in argv]
    assert main([args[0], str(TRIBES), *args[1:]]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "refused:" in err[0] and "holds the outputs of" in err[0], err
    assert _files(out) == before
    assert main([args[0], str(TRIBES), *args[1:], "--force"]) == 0
    assert _files(out) != before


def test_single_output_commands_accept_a_folder_no_build_made(tmp_path, capsys):
    """Should let explore write beside files of the user's own (only build asks for an empty folder)."""
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["explore", str(MINI), "--out", str(tmp_path / "explorer.html")]) == 0
    assert (tmp_path / "notes.txt").read_text() == "mine" and (tmp_path / "explorer.html").is_file()
    capsys.readouterr()


def test_committed_figures_manifest_names_the_current_data():
    """Should find in figures/ the manifest of a build of data/actors.yaml as it is now, listing only
    files that are there (run 'entente build data/actors.yaml' if not; the first time, with --force)."""
    manifest = read_manifest(ROOT / "figures")
    assert manifest is not None, "figures/ has no entente-build.json: run 'entente build data/actors.yaml'"
    assert manifest.dataset == "../data/actors.yaml"
    data = ROOT / "data" / "actors.yaml"
    assert manifest.sha256 == hashlib.sha256(data.read_bytes()).hexdigest(), "figures/ is out of date"
    missing = [n for names in manifest.files.values() for n in names if not (ROOT / "figures" / n).is_file()]
    assert missing == []
