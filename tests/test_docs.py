"""Every code block in README.md and docs/*.md runs (or parses), so the documentation stays true.

Each Markdown file's fenced blocks are taken in order and, in a temporary copy of the
repository (so nothing in the checkout changes):

* ``sh`` (``bash``, ``shell``) blocks run in bash (``set -euo pipefail``) with ``entente`` meaning
  ``python -m network`` on the copy; paths under ``/tmp/`` are redirected into the test's own
  temporary folder, so parallel runs do not meet;
* ``python`` blocks run as a script in the copy;
* ``yaml`` and ``json`` blocks are parsed, and a block that is a whole dataset (it has
  ``format``, ``actors`` and ``ties``) is validated;
* a block marked ``text``, or with ``no-run`` after its language (```` ```sh no-run ````,
  ```` ```r no-run ````), is not run: kept for what cannot run here (installing the package,
  R), and kept few.

A block with no language, or one not listed here, fails the test: mark it. New files in
``docs/`` are picked up without a change here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
RUN = {"sh", "bash", "shell", "python"}
PARSE = {"yaml", "json"}
SKIP = {"text"}
#: At most this many blocks, over all the documents, are not run.
MAX_NOT_RUN = 4
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^`]*)$")
_CACHES = shutil.ignore_patterns("__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", "*.egg-info")
_TOP = {".git", "figures", "build", "dist", ".venv"}  # build outputs and the like, at the top only


def _ignore(folder: str, names: list[str]) -> set[str]:
    skipped = set(_CACHES(folder, names))
    if Path(folder) == ROOT:
        skipped |= _TOP & set(names)
    return skipped


_TIMEOUT = 900


@dataclass(frozen=True)
class Block:
    """A fenced code block: its file, first line, language, words after it, and text."""

    path: Path
    line: int
    lang: str
    flags: tuple[str, ...]
    text: str

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"

    @property
    def runs(self) -> bool:
        return self.lang not in SKIP and "no-run" not in self.flags


def blocks(path: Path) -> list[Block]:
    """The fenced code blocks of a Markdown file, in order."""
    out = []
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, info = m.group(1), m.group(2).split()
        body = []
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith(fence):
            body.append(lines[j])
            j += 1
        lang = info[0].lower() if info else ""
        out.append(Block(path, i + 1, lang, tuple(info[1:]), "\n".join(body) + "\n"))
        i = j + 1
    return out


@pytest.fixture(scope="session")
def cache_home(tmp_path_factory):
    """One figure cache for every document's commands (the second build of a figure reads it)."""
    return tmp_path_factory.mktemp("cache")


def _copy(tmp: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the repository and the environment its commands run in."""
    repo = tmp / "repo"
    shutil.copytree(ROOT, repo, ignore=_ignore, symlinks=True)
    bin_dir = tmp / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "entente"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m network "$@"\n')
    shim.chmod(0o755)
    env = dict(os.environ)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(repo)
    env["MPLBACKEND"] = "Agg"
    env.pop("COLUMNS", None)
    if not (repo / "network").is_dir():  # testing an installed package (CI's wheel stage): it is what runs
        return repo, env
    # every module the commands import must come from the copy, not from an installed checkout
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import network.figures.render as m, network.explorer as e; print(m.__file__, e.__file__)",
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(Path(w).is_relative_to(repo) for w in where), where
    return repo, env


def _dataset_check(block: Block, data: object, repo: Path, env: dict[str, str]) -> None:
    """Validate a block that is a whole dataset with ``entente validate``."""
    if not (isinstance(data, dict) and {"format", "actors", "ties"} <= set(data)):
        return
    path = repo / f"doc-block-{block.line}.{block.lang}"
    path.write_text(block.text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "network", "validate", str(path)],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=_TIMEOUT,
    )
    assert done.returncode == 0, (
        f"{block.where}: the dataset in this block is not valid:\n{done.stdout}{done.stderr}"
    )


def _run(block: Block, repo: Path, env: dict[str, str], tmp: Path) -> None:
    if block.lang == "python":
        argv = [sys.executable, "-c", block.text]
    else:
        script = block.text.replace("/tmp/", f"{tmp}/scratch/")
        argv = ["bash", "-c", "set -euo pipefail\n" + script]
    done = subprocess.run(argv, cwd=repo, env=env, capture_output=True, text=True, timeout=_TIMEOUT)
    assert done.returncode == 0, (
        f"{block.where}: this {block.lang} block failed (exit {done.returncode}):\n{block.text}\n"
        f"--- stdout ---\n{done.stdout[-3000:]}\n--- stderr ---\n{done.stderr[-3000:]}"
    )


def test_every_block_says_what_it_is():
    """Should give every block a language this test knows, and keep the blocks that are not run few."""
    unknown = [
        b.where for doc in DOCS for b in blocks(doc) if not b.lang or (b.runs and b.lang not in RUN | PARSE)
    ]
    assert unknown == [], (
        f"mark these blocks with a language ({', '.join(sorted(RUN | PARSE | SKIP))}): {unknown}"
    )
    not_run = [b.where for doc in DOCS for b in blocks(doc) if not b.runs]
    assert len(not_run) <= MAX_NOT_RUN, f"too many blocks are not run: {not_run}"


def test_the_collector_finds_the_blocks(tmp_path):
    """Should find fenced blocks with their language, flags and text, and the README's among them."""
    doc = tmp_path / "x.md"
    doc.write_text("text\n\n```sh no-run\npip install .\n```\n\n````python\nprint(1)\n````\n")
    got = [(b.line, b.lang, b.flags, b.text, b.runs) for b in blocks(doc)]
    assert got == [(3, "sh", ("no-run",), "pip install .\n", False), (7, "python", (), "print(1)\n", True)]
    assert any(b.lang == "python" for b in blocks(ROOT / "README.md"))


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_code_blocks_run(doc, tmp_path, cache_home):
    """Should run every sh and python block in order, and parse every yaml and json block."""
    found = [b for b in blocks(doc) if b.runs]
    if not found:
        pytest.skip(f"{doc.name} has no code block to run")
    if doc.name == "columnar.md":  # its examples run the columnar path: the events extra
        pytest.importorskip("duckdb")
        pytest.importorskip("sqlglot")
    repo, env = _copy(tmp_path)
    env["XDG_CACHE_HOME"] = str(cache_home)
    (tmp_path / "scratch").mkdir()
    for block in found:
        if block.lang in PARSE:
            try:
                data = yaml.safe_load(block.text) if block.lang == "yaml" else json.loads(block.text)
            except (yaml.YAMLError, json.JSONDecodeError) as exc:
                pytest.fail(f"{block.where}: this {block.lang} block does not parse: {exc}")
            _dataset_check(block, data, repo, env)
        else:
            _run(block, repo, env, tmp_path)
