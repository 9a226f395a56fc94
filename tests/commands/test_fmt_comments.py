"""``entente fmt`` never drops a curator's comments silently (issue 15)."""

import hashlib
from pathlib import Path

from network.cli import main

ROOT = Path(__file__).resolve().parents[2]
MINI = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")


def _commented(tmp_path: Path) -> Path:
    path = tmp_path / "d.yaml"
    text = MINI.replace("  kind: state\n", "  kind: state   # checked against the source\n", 1)
    path.write_text(text.replace("actors:\n", "# the actors, by id\nactors:\n", 1), encoding="utf-8")
    return path


def test_a_file_with_comments_is_not_rewritten(tmp_path, capsys):
    """Should exit 1 naming the lines of the comments, and leave the file as it was."""
    path = _commented(tmp_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert main(["fmt", str(path)]) == 1
    err = capsys.readouterr().err
    lines = [n for n, line in enumerate(path.read_text().splitlines(), 1) if "#" in line and n > 1]
    assert f"drop the comments on lines {lines[0]}, {lines[1]}" in err
    assert "--drop-comments" in err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_drop_comments_rewrites_without_them(tmp_path, capsys):
    """Should rewrite in canonical form when told to drop the comments; a second fmt changes nothing."""
    path = _commented(tmp_path)
    assert main(["fmt", str(path), "--drop-comments"]) == 0
    text = path.read_text(encoding="utf-8")
    assert "checked against the source" not in text and "the actors, by id" not in text
    assert main(["fmt", str(path)]) == 0
    assert "already canonical" in capsys.readouterr().out


def test_a_hash_inside_a_value_is_not_a_comment(tmp_path):
    """Should rewrite a file whose only '#' is inside quoted text (there is no comment to keep)."""
    path = tmp_path / "d.yaml"
    text = MINI.replace("title: Mini test dataset", "title: 'Mini #1: test dataset'", 1)
    text = text.replace("(hand-checkable; not historical)\n", "(hand-checkable; not historical)'\n", 1)
    text = text.replace("title: 'Mini #1: test dataset'", "title: 'Mini #1: test dataset", 1)
    path.write_text(text, encoding="utf-8")
    assert main(["fmt", str(path)]) == 0
    assert "Mini #1: test dataset" in path.read_text(encoding="utf-8")
