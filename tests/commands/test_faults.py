"""Every command x every fault of its input and output paths (issue 15).

Each cell runs one command on one fault and checks what the user gets: an exit
code from the documented set (1 invalid data or failed work, 2 usage), an error
on standard error that names the path, no traceback, the input file byte for
byte as it was, and nothing written where the output was asked for. Standard
output that cannot encode a name is its own column: the command succeeds, the
names come out as escapes, and standard error says how to see them.

``python tests/commands/test_faults.py`` prints the table of what each cell now gives
(docs/faults.md is that table; a test checks it lists every cell).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from network.cli import main  # noqa: E402

MINI = ROOT / "tests" / "data" / "mini.yaml"
#: Every command, with its arguments; {in} is the dataset, {out} an output folder, {file} an output
#: file (its name tells the form).
COMMANDS = {
    "validate": ["{in}"],
    "summary": ["{in}"],
    "fmt --check": ["fmt", "{in}", "--check"],
    "fmt": ["{in}"],
    "centrality": ["{in}"],
    "balance": ["{in}"],
    "alignment": ["{in}"],
    "diff": ["{in}", "1958", "1959"],
    "robustness": ["{in}"],
    "agree": ["{in}", "{in}"],
    "compare": ["{in}", "{in}", "--figure", "{file}.png"],
    "figures": ["{in}", "--level", "state", "--jobs", "1", "--out", "{out}"],
    "explore": ["{in}", "--out", "{file}.html"],
    "report": ["{in}", "--out", "{out}"],
    "export": ["{in}", "--format", "json", "--out", "{file}.json"],
    "convert": ["{in}", "{file}.json"],
    "build": ["{in}", "--stage", "tables", "--out", "{out}"],
    "schema": ["--out", "{file}.json"],
}
#: Faults of the input: how the dataset path is made (tmp folder -> path).
INPUT_FAULTS = ("missing", "empty", "a folder", "not UTF-8", "a FIFO", "enormous (sparse)")
#: Faults of the output, for the commands that write one.
OUTPUT_FAULTS = ("output is a file, folder expected", "output unwritable", "output is the input")
WRITERS = ("figures", "explore", "report", "export", "convert", "build", "schema", "compare")
FOLDER_WRITERS = ("figures", "report", "build")
#: Commands that print rows on standard output (the stdout-encoding column).
PRINTERS = (
    "summary",
    "centrality",
    "balance",
    "alignment",
    "diff",
    "robustness",
    "agree",
    "compare",
    "validate",
)
#: A name standard output set to ASCII cannot show.
NAME = "Zhōngguó 中国"


def _dataset(tmp: Path) -> Path:
    path = tmp / "data.yaml"
    path.write_text(
        MINI.read_text(encoding="utf-8").replace("name: China", f"name: {NAME}"), encoding="utf-8"
    )
    return path


def _make_input(fault: str, tmp: Path) -> Path:
    path = tmp / "in.yaml"
    if fault == "missing":
        pass
    elif fault == "empty":
        path.write_bytes(b"")
    elif fault == "a folder":
        path.mkdir()
    elif fault == "not UTF-8":
        path.write_bytes(
            MINI.read_text(encoding="utf-8").replace("name: China", "name: Chin\xe9").encode("latin-1")
        )
    elif fault == "a FIFO":
        os.mkfifo(path)
    elif fault == "enormous (sparse)":
        with open(path, "wb") as fh:
            fh.truncate(200_000_000)  # over the default --max-bytes; takes no disk
    return path


def _argv(command: str, data: Path, out: Path, file: Path) -> list[str]:
    name = command.split()[0]
    args = COMMANDS[command][1:] if command == "fmt --check" else COMMANDS[command]
    return [name] + [
        a.replace("{in}", str(data)).replace("{out}", str(out)).replace("{file}", str(file)) for a in args
    ]


def _hash(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _tree(tmp: Path) -> dict[str, str | None]:
    return {p.relative_to(tmp).as_posix(): _hash(p) for p in sorted(tmp.rglob("*")) if not p.is_fifo()}


def _run_in_subprocess(argv: list[str], env: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    full = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    done = subprocess.run(
        [sys.executable, "-m", "network", *argv], cwd=ROOT, env=full, capture_output=True, timeout=60
    )
    return done.returncode, done.stderr.decode("utf-8", "replace"), done.stdout


def _run(argv: list[str], subprocess_: bool) -> tuple[int, str]:
    if subprocess_:
        code, err, _ = _run_in_subprocess(argv)
        return code, err
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, err.getvalue()


def _cells() -> list[tuple[str, str]]:
    cells = [(c, f) for c in COMMANDS if c != "schema" for f in INPUT_FAULTS]
    for c in WRITERS:
        for f in OUTPUT_FAULTS:
            if f == "output is a file, folder expected" and c not in FOLDER_WRITERS:
                continue
            cells.append((c, f))
    cells += [(c, "stdout cannot encode a name") for c in PRINTERS]
    return cells


CELLS = _cells()


def run_cell(command: str, fault: str, tmp: Path) -> dict:
    """Run one cell; return what it gave (exit code, first line of standard error, what changed)."""
    data = _dataset(tmp)
    out, file = tmp / "out", tmp / "result"
    if fault in INPUT_FAULTS:
        data = _make_input(fault, tmp)
    elif fault == "output is a file, folder expected":
        out.write_text("a file\n")
    elif fault == "output unwritable":
        # root may write anywhere on disk, but never create a file under /proc
        out, file = Path("/proc/entente-no-such/out"), Path("/proc/entente-no-such/result")
    elif fault == "output is the input" and command in FOLDER_WRITERS:
        out = data
    argv = _argv(command, data, out, file)
    if fault == "output is the input" and command not in FOLDER_WRITERS:
        if command == "schema":  # no dataset read: the data file is simply where --out points
            argv[argv.index("--out") + 1] = str(data)
        elif command == "convert":
            argv = ["convert", str(data), str(data)]
        elif command == "compare":
            argv[argv.index("--figure") + 1] = str(data)
        else:
            argv[argv.index("--out") + 1] = str(data)
    before = _tree(tmp)
    if fault == "stdout cannot encode a name":
        code, err, stdout = _run_in_subprocess(argv, {"PYTHONIOENCODING": "ascii"})
        stdout.decode("ascii")  # raises if a byte is not ASCII
        _, _, as_utf8 = _run_in_subprocess(argv, {"PYTHONIOENCODING": "utf-8"})
        return {"code": code, "err": err, "escaped": not as_utf8.isascii(), "data": data}
    else:
        code, err = _run(argv, subprocess_=fault == "a FIFO")
    after = _tree(tmp)
    return {
        "code": code,
        "err": err,
        "changed": sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k)),
        "data": data,
    }


def _first_line(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    return lines[0] if lines else ""


@pytest.mark.parametrize(("command", "fault"), CELLS, ids=[f"{c}|{f}" for c, f in CELLS])
def test_fault(command, fault, tmp_path):
    """Should give a documented exit code, an error naming the path, no traceback, nothing changed."""
    if fault == "output unwritable" and not Path("/proc/self").exists():
        pytest.skip("no /proc here to refuse a write (root can write anywhere else)")
    got = run_cell(command, fault, tmp_path)
    assert "Traceback" not in got["err"], got["err"]
    if fault == "stdout cannot encode a name":
        assert got["code"] == 0, got["err"]
        # said exactly when there was something to escape: when the command prints a non-ASCII name
        assert ("set PYTHONIOENCODING=utf-8" in got["err"]) == got["escaped"], got["err"]
        return
    assert got["code"] in (1, 2), got["err"]
    assert got["changed"] == [], got["err"]
    first = _first_line(got["err"])
    where = {
        "output is a file, folder expected": "out",
        "output unwritable": "/proc/entente-no-such",
        "output is the input": Path(got["data"]).name,
    }.get(fault, "in.yaml")
    assert where in got["err"], got["err"]
    assert first, "no error message"


def test_docs_faults_lists_every_cell():
    """Should list every command x fault cell in docs/faults.md."""
    text = (ROOT / "docs" / "faults.md").read_text(encoding="utf-8")
    rows = {
        tuple(cell.strip().strip("`") for cell in line.split("|")[1:3])
        for line in text.splitlines()
        if line.startswith("| `")
    }
    assert set(CELLS) <= rows


def markdown_table() -> str:
    """The table docs/faults.md holds: each cell's exit code and the first line of its message."""
    import tempfile

    lines = [
        "| command | fault | exit | what the user reads (first line of standard error) |",
        "|---|---|---|---|",
    ]
    for command, fault in CELLS:
        with tempfile.TemporaryDirectory() as tmp:
            got = run_cell(command, fault, Path(tmp))
            first = _first_line(got["err"]).replace(tmp, "TMP").replace("|", "\\|")
        if fault == "stdout cannot encode a name" and not first:
            first = "(nothing: this command prints no name, only ids and numbers)"
        lines.append(f"| `{command}` | {fault} | {got['code']} | {first} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown_table())
