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


def _typed(monkeypatch, answers: list[str]) -> list[str]:  # noqa: ANN001
    """A terminal where the person types ``answers`` in turn; returns the prompts shown."""
    prompts = []

    def ask(prompt: str = "") -> str:
        prompts.append(prompt)
        return answers.pop(0)

    monkeypatch.setattr(sync_cli, "_has_terminal", lambda: True)
    monkeypatch.setattr(getpass, "getpass", ask)
    return prompts


RETRY = "Frase de paso incorrecta. Escríbala de nuevo (intento {0} de 3).\n"


def test_a_wrong_passphrase_at_the_terminal_is_asked_again(tmp_path, monkeypatch, capsys) -> None:  # noqa: ANN001
    _p, _c, r = cli_offices(tmp_path)
    capsys.readouterr()
    out = tmp_path / "k.pub"
    prompts = _typed(monkeypatch, ["otra", "tampoco", "secreto de prueba"])
    assert main(["--db", r, "keys", "export-public", "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert prompts == ["Frase de paso: "] * 3
    assert captured.err == RETRY.format(2) + RETRY.format(3)
    assert out.exists() and "Claves públicas escritas" in captured.out


def test_three_wrong_passphrases_at_the_terminal_change_nothing(tmp_path, monkeypatch, capsys) -> None:  # noqa: ANN001
    p, c, r = cli_offices(tmp_path)
    sent = tmp_path / "x.avance"
    assert main(["--db", r, "bundle", "export", "-o", str(sent), *p]) == 0
    capsys.readouterr()
    before = Path(c).read_bytes()
    prompts = _typed(monkeypatch, ["uno", "dos", "tres", "secreto de prueba"])
    assert main(["--db", c, "bundle", "import", str(sent)]) == 1
    captured = capsys.readouterr()
    assert len(prompts) == 3 and captured.out == ""
    assert captured.err == (RETRY.format(2) + RETRY.format(3) + "avance: Frase de paso incorrecta 3 veces: no se "
                            "cambió nada. Vuelva a intentarlo cuando la tenga.\n")
    assert Path(c).read_bytes() == before


def test_a_wrong_passphrase_file_or_piped_line_fails_at_once(tmp_path, monkeypatch, capsys) -> None:  # noqa: ANN001
    import io

    _p, _c, r = cli_offices(tmp_path)
    wrong = tmp_path / "wrong"
    wrong.write_text("otra\nsecreto de prueba\n", encoding="utf-8")
    prompts = _typed(monkeypatch, [])
    capsys.readouterr()
    assert main(["--db", r, "bundle", "export", "-o", str(tmp_path / "a.avance"), "--passphrase-file",
                 str(wrong)]) == 1
    assert prompts == [] and capsys.readouterr().err.startswith("avance: Frase de paso incorrecta: no se pudo abrir")
    monkeypatch.setattr(sync_cli, "_has_terminal", lambda: False)  # piped: one line, no second try
    monkeypatch.setattr("sys.stdin", io.StringIO("otra\nsecreto de prueba\n"))
    assert main(["--db", r, "bundle", "export", "-o", str(tmp_path / "b.avance")]) == 1
    assert capsys.readouterr().err.startswith("avance: Frase de paso incorrecta: no se pudo abrir")
    assert not (tmp_path / "a.avance").exists() and not (tmp_path / "b.avance").exists()


def test_what_a_prompt_asks_again_on(tmp_path) -> None:  # noqa: ANN001
    from db.engine import open_database
    from db.models import OwnKey
    from desktop.sync import board
    from desktop.sync.errors import PassphraseError

    _p, _c, r = cli_offices(tmp_path)
    db = open_database(Path(r))
    try:
        assert board.passphrase_opens(db, "secreto de prueba")
        assert not board.passphrase_opens(db, "otra") and not board.passphrase_opens(db, "")
        with db.transaction() as session:  # a damaged key: asking again cannot help
            key = session.scalars(__import__("sqlalchemy").select(OwnKey)).one()
            key.sign_private = key.encrypt_private
        with pytest.raises(PassphraseError, match="dañada"):
            board.passphrase_opens(db, "secreto de prueba")
    finally:
        db.close()
    empty = open_database(tmp_path / "nueva.db")  # no office: the operation itself says so
    try:
        assert board.passphrase_opens(empty, "cualquiera")
    finally:
        empty.close()
