"""The command line, run in-process: help for every command, exit codes, no tracebacks."""

import subprocess
import sys
from pathlib import Path

import pytest

from network.cli import COMMANDS, build_parser, main

ROOT = Path(__file__).resolve().parents[2]
INVALID = ROOT / "tests" / "data" / "invalid"


def test_every_command_has_help(capsys):
    """Should give every subcommand a one-line help and a --help page."""
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name in COMMANDS:
        assert sub.choices[name].description, name
        helps = {a.dest: a.help for a in sub._choices_actions}
        assert helps[name], name
        with pytest.raises(SystemExit) as info:
            main([name, "--help"])
        assert info.value.code == 0
        assert "usage: entente " + name in capsys.readouterr().out


def test_validate_exit_codes(capsys):
    """Should exit 0 on valid data, 1 on invalid data, 2 on a usage error."""
    assert main(["validate", str(ROOT / "data" / "template.yaml")]) == 0
    assert "valid" in capsys.readouterr().out
    assert main(["validate", str(INVALID / "many_problems.yaml")]) == 1
    err = capsys.readouterr().err
    assert "many_problems.yaml:6:3: unknown field 'colour'" in err
    assert "7 problems" in err
    with pytest.raises(SystemExit) as info:
        main(["validate", "--no-such-option"])
    assert info.value.code == 2


@pytest.mark.parametrize("name", sorted(p.name for p in INVALID.iterdir()))
def test_no_traceback_for_any_broken_file(name, capsys):
    """Should report each broken file as PATH:LINE:COL lines, never a traceback."""
    assert main(["validate", str(INVALID / name)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{INVALID / name}:" in err


def test_missing_path_is_a_clear_error(tmp_path, capsys):
    """Should name a missing file and a folder plainly."""
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main(["validate", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err


def test_fmt_check_shows_a_diff_and_does_not_write(tmp_path, capsys):
    """Should show a diff for a non-canonical file and leave it unchanged."""
    path = tmp_path / "d.yaml"
    text = "format: 1\nties: []\nactors:\n- {kind: state, id: b, name: B}\n- {id: a, name: A, kind: state}\n"
    path.write_text(text)
    assert main(["fmt", "--check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "+- id: a" in out
    assert path.read_text() == text
    assert main(["fmt", str(path)]) == 0
    assert main(["fmt", "--check", str(path)]) == 0


def test_fmt_refuses_invalid_data(capsys):
    """Should never rewrite an invalid file."""
    before = (INVALID / "unknown_field.yaml").read_bytes()
    assert main(["fmt", str(INVALID / "unknown_field.yaml")]) == 1
    assert (INVALID / "unknown_field.yaml").read_bytes() == before


def test_python_dash_m_network_runs():
    """Should run the same command as python -m network."""
    out = subprocess.run(
        [sys.executable, "-m", "network", "--help"], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert "usage: entente" in out


def test_help_imports_no_reader_and_no_heavy_package():
    """Should print the top-level help having imported no YAML reader, validator or heavy package.

    ``entente --help`` is the first thing a user runs; what it imports is what it costs.
    """
    code = (
        "import sys\n"
        "from network.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('yaml', 'networkx', 'numpy', 'matplotlib',\n"
        "         'network.dataset.loader', 'network.dataset.validate')\n"
        "print('imported:', ','.join(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "usage: entente" in out.stdout
    assert out.stdout.splitlines()[-1] == "imported: "


def test_package_names_load_on_first_use():
    """Should give the public names from their modules, and a clear AttributeError for others."""
    import network
    from network.dataset.loader import load

    assert network.load is load and "Dataset" in dir(network)
    with pytest.raises(AttributeError, match="no attribute 'nonesuch'"):
        network.nonesuch  # noqa: B018
