"""``avance office|keys|bundle`` through the command line, with --passphrase-file."""

from __future__ import annotations

from pathlib import Path

from desktop.cli import main


def test_office_keys_and_bundle_commands(tmp_path: Path, capsys) -> None:
    pw = tmp_path / "pass"
    pw.write_text("secreto\n", encoding="utf-8")
    c, r = str(tmp_path / "c.db"), str(tmp_path / "r.db")
    p = ["--passphrase-file", str(pw)]
    assert main(["--db", c, "office", "init", "--central", *p]) == 0
    assert main(["--db", r, "office", "init", "--region", "CL-TA", *p]) == 0
    assert main(["--db", r, "example", "load"]) == 0
    assert main(["--db", r, "keys", "export-public", "-o", str(tmp_path / "r.pub"), *p]) == 0
    assert main(["--db", c, "keys", "export-public", "-o", str(tmp_path / "c.pub"), *p]) == 0
    assert main(["--db", c, "keys", "trust", str(tmp_path / "r.pub"), "--region", "CL-TA"]) == 0
    assert main(["--db", r, "keys", "trust", str(tmp_path / "c.pub"), "--central"]) == 0
    assert main(["--db", c, "keys", "show"]) == 0
    bundle = tmp_path / "b.avance"
    assert main(["--db", r, "bundle", "export", "-o", str(bundle), *p]) == 0
    assert main(["--db", c, "bundle", "inspect", str(bundle), *p]) == 0
    assert main(["--db", c, "bundle", "verify", str(bundle), *p]) == 0
    assert main(["--db", c, "bundle", "import", str(bundle), "--dry-run", *p]) == 0
    assert main(["--db", c, "bundle", "import", str(bundle), *p]) == 0
    capsys.readouterr()
    assert main(["--db", c, "bundle", "import", str(bundle), *p]) == 0
    assert "ya importado" in capsys.readouterr().out
    bad = tmp_path / "bad.avance"
    bad.write_bytes(bundle.read_bytes()[:-3])
    assert main(["--db", c, "bundle", "import", str(bad), *p]) == 1
    err = capsys.readouterr().err
    assert "rechazado" in err and "exporte el paquete de nuevo" in err
    assert main(["--db", c, "bundle", "export", "--to", "CL-TA", "-o", str(tmp_path / "answer.avance"), *p]) == 0
    assert main(["--db", r, "bundle", "import", str(tmp_path / "answer.avance"), *p]) == 0
    wrong = tmp_path / "wrong"
    wrong.write_text("otra\n", encoding="utf-8")
    assert main(["--db", c, "bundle", "verify", str(bundle), "--passphrase-file", str(wrong)]) == 1
    assert "Frase de paso incorrecta" in capsys.readouterr().err
