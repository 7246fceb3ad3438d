"""The passphrase prompt without a terminal, or interrupted: a Spanish message and exit 1 (no
``EOFError`` traceback), or exit 130 quietly after Ctrl+C."""

from __future__ import annotations

import getpass
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.sync import cli as sync_cli
from tests.sync.helpers import cli_offices

NO_PROMPT = "avance: no se pudo leer la frase de paso: use --passphrase-file en scripts.\n"


def test_every_prompt_with_standard_input_closed_and_no_terminal(tmp_path) -> None:  # noqa: ANN001
    p, c, r = cli_offices(tmp_path)
    sent = tmp_path / "x.avance"
    assert main(["--db", r, "bundle", "export", "-o", str(sent), *p]) == 0
    for db, command in ((r, ["bundle", "export", "-o", str(tmp_path / "y.avance")]),
                        (c, ["bundle", "inspect", str(sent)]),
                        (c, ["bundle", "verify", str(sent)]),
                        (c, ["bundle", "import", str(sent)]),
                        (r, ["keys", "export-public", "-o", str(tmp_path / "k.pub")]),
                        (str(tmp_path / "new.db"), ["office", "init", "--central"])):
        # A new session: no controlling terminal, as under cron or a service.
        done = subprocess.run([sys.executable, "-m", "desktop", "--db", db, *command], stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, start_new_session=True, timeout=120, check=False)
        assert (done.returncode, done.stderr, done.stdout) == (1, NO_PROMPT, ""), command
    assert not (tmp_path / "y.avance").exists() and not (tmp_path / "k.pub").exists()


def _answer(monkeypatch, error: type[BaseException]) -> None:  # noqa: ANN001
    def ask(prompt: str = "") -> str:
        raise error()

    monkeypatch.setattr(sync_cli, "_has_terminal", lambda: True)
    monkeypatch.setattr(getpass, "getpass", ask)


@pytest.mark.parametrize("command", [["bundle", "export"], ["keys", "export-public", "-o", "k.pub"],
                                     ["office", "init", "--central"]])
def test_a_terminal_closed_at_the_prompt(tmp_path, monkeypatch, capsys, command) -> None:  # noqa: ANN001
    _p, _c, r = cli_offices(tmp_path)
    capsys.readouterr()
    _answer(monkeypatch, EOFError)
    db = str(tmp_path / "new.db") if command[0] == "office" else r
    assert main(["--db", db, *command]) == 1
    assert capsys.readouterr().err == NO_PROMPT


def test_ctrl_c_at_the_prompt_exits_130_quietly(tmp_path, monkeypatch, capsys) -> None:  # noqa: ANN001
    _p, c, _r = cli_offices(tmp_path)
    capsys.readouterr()
    _answer(monkeypatch, KeyboardInterrupt)
    assert main(["--db", c, "bundle", "import", str(tmp_path / "x.avance")]) == 130
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "\n")


def test_a_passphrase_piped_without_a_terminal_is_read(tmp_path) -> None:  # noqa: ANN001
    _p, _c, r = cli_offices(tmp_path)
    out = tmp_path / "k.pub"
    done = subprocess.run([sys.executable, "-m", "desktop", "--db", r, "keys", "export-public", "-o", str(out)],
                          input="secreto de prueba\n", capture_output=True, text=True, start_new_session=True,
                          timeout=120, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert Path(out).exists()
