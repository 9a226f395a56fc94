"""An interrupted build (Ctrl-C or killed) leaves the earlier outputs whole; two builds into one folder
at once: the second is refused at once, writing nothing (network.output.lock)."""

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from network.cli import main
from network.output.lock import folder_lock

ROOT = Path(__file__).resolve().parents[2]
MINI = str(ROOT / "tests" / "data" / "mini.yaml")


def _files(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too), by relative path, with its SHA-256."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _start_full_build(out: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT), ENTENTE_NO_CACHE="1")
    return subprocess.Popen(
        [sys.executable, "-m", "network", "build", MINI, "--out", str(out), "--no-cache"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, with the workers that draw the figures
    )


def _wait_for_staging(out: Path, process: subprocess.Popen) -> None:
    """Wait until the build has begun writing (its staging folder holds a file), or fail."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if any(p.is_file() for s in out.glob(".entente-build-*") for p in s.rglob("*")):
            return
        if process.poll() is not None:
            pytest.fail(f"the build ended before it could be interrupted: {process.stderr.read()}")
        time.sleep(0.02)
    process.kill()
    pytest.fail("the build did not start writing within two minutes")


@pytest.fixture
def earlier(tmp_path):
    """An output folder holding an earlier build's tables and manifest, and their hashes."""
    out = tmp_path / "out"
    assert main(["build", MINI, "--stage", "tables", "--out", str(out)]) == 0
    return out, _files(out)


def test_ctrl_c_mid_build_leaves_the_earlier_outputs_and_no_temporary_files(earlier):
    """Should exit 130 on SIGINT with the earlier outputs byte for byte and nothing else in the folder."""
    out, before = earlier
    process = _start_full_build(out)
    _wait_for_staging(out, process)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert "interrupted" in err
    assert _files(out) == before  # no staging folder, no .tmp file, every earlier file as it was


def test_killed_mid_build_leaves_the_earlier_outputs_and_the_next_build_clears_the_rest(earlier):
    """Should leave the earlier outputs whole on SIGKILL of the build and its workers (which no process
    can clean up after); the staging folder it leaves is hidden, does not make the folder 'not
    empty', and the next build removes it."""
    out, before = earlier
    process = _start_full_build(out)
    _wait_for_staging(out, process)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=120)
    left = _files(out)
    assert {k: v for k, v in left.items() if not k.startswith(".entente-build-")} == before
    assert main(["build", MINI, "--stage", "tables", "--out", str(out)]) == 0
    assert _files(out) == before


def test_a_second_build_into_a_busy_folder_is_refused_at_once(earlier, capsys):
    """Should exit 2 with one line saying another build is writing there, and write nothing."""
    out, before = earlier
    capsys.readouterr()
    with folder_lock(out):  # as a running build holds it
        code = main(["build", MINI, "--stage", "tables", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"another entente build is writing into {out}; wait for it to finish" in err
    assert "Traceback" not in err
    assert _files(out) == before


def test_two_real_builds_at_once_one_writes_and_one_refuses_or_follows(tmp_path):
    """Should never mix two simultaneous builds: each ends 0 (it ran after the other) or 2 (refused),
    at least one succeeds, and the folder holds one whole build."""
    out = tmp_path / "out"
    out.mkdir()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    argv = [sys.executable, "-m", "network", "build", MINI, "--stage", "tables", "--out", str(out)]
    runs = [
        subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    results = [(p.communicate(timeout=120)[1], p.returncode)[::-1] for p in runs]
    assert all(code in (0, 2) for code, _ in results), results
    assert 0 in [code for code, _ in results]
    for code, err in results:
        assert "Traceback" not in err
        if code == 2:
            assert "another entente build is writing into" in err
    assert not list(out.glob(".entente-build-*"))
    assert (out / "entente-build.json").is_file() and (out / "tables" / "summary.json").is_file()
