"""``avance office|keys|bundle`` through the command line, with --passphrase-file."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.sync.manifest import FORMAT
from tests.sync.helpers import cli_offices


def test_office_keys_and_bundle_commands(tmp_path: Path, capsys) -> None:
    p, c, r = cli_offices(tmp_path)
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


ENGLISH = ("No such file", "Is a directory", "Errno", "usage:", "required", "invalid", "error:", "Permission")


def test_a_folder_in_a_batch_gets_its_own_spanish_verdict_and_the_batch_goes_on(tmp_path: Path, capsys) -> None:
    import sqlite3

    p, c, r = cli_offices(tmp_path)
    first, second = tmp_path / "a.avance", tmp_path / "b.avance"
    assert main(["--db", r, "bundle", "export", "-o", str(first), *p]) == 0
    assert main(["--db", r, "bundle", "export", "-o", str(second), *p]) == 0
    folder = tmp_path / "carpeta"
    folder.mkdir()
    capsys.readouterr()
    assert main(["--db", c, "bundle", "import", str(first), str(folder), str(tmp_path / "nope.avance"), str(second),
                 *p]) == 1
    out, err = capsys.readouterr()
    assert f"{first}: aceptado" in out and f"{second}: aceptado" in out  # the batch went on past the folder
    assert f"{folder}: rechazado: No se puede leer el archivo «{folder}»: es una carpeta, no un archivo. " \
           "Elija un archivo." in err
    assert "nope.avance»: no existe. Revise el nombre y la carpeta." in err
    assert "2 de 4 paquetes fueron rechazados" in err
    assert not any(word in out + err for word in ENGLISH), err
    con = sqlite3.connect(c)
    try:
        rows = con.execute("select file_name, outcome, error_code from sync_audit order by created_at").fetchall()
    finally:
        con.close()
    assert (str(folder), "rechazado", "BundleFileError") in rows
    assert (str(tmp_path / "nope.avance"), "rechazado", "BundleFileError") in rows
    # verify and inspect say the same in Spanish
    for command in ("verify", "inspect"):
        assert main(["--db", c, "bundle", command, str(folder), *p]) == 1
        err = capsys.readouterr().err
        assert "es una carpeta, no un archivo" in err and not any(word in err for word in ENGLISH), err


def test_keys_show_and_inspect_speak_spanish(tmp_path: Path, capsys) -> None:
    p, c, r = cli_offices(tmp_path)
    bundle = tmp_path / "b.avance"
    assert main(["--db", r, "keys", "rotate", *p]) == 0
    assert main(["--db", r, "bundle", "export", "-o", str(bundle), *p]) == 0
    from desktop.sync import service
    from db.engine import open_database

    db = open_database(Path(c))
    try:
        fp = service.trusted_keys(db)[0].fingerprint
    finally:
        db.close()
    capsys.readouterr()
    assert main(["--db", c, "bundle", "inspect", str(bundle), *p]) == 0
    out = capsys.readouterr().out
    lines = dict(line.split(": ", 1) for line in out.splitlines())
    assert lines["formato del archivo"] == "1"
    assert lines["formato del contenido"] == str(FORMAT) == "3"  # the manifest's own format, not the file's
    assert lines["firmado por"] == "oficina regional de Tarapacá (CL-TA)"
    assert lines["dueño de esa clave en el almacén de confianza"] == "oficina regional de Tarapacá (CL-TA)"
    assert lines["secuencia"] == "1" and lines["estado"] == "verificado"
    assert "hora local" in lines["creado"]
    assert main(["--db", c, "keys", "revoke", fp, "--from-sequence", "5"]) == 0
    capsys.readouterr()
    assert main(["--db", r, "keys", "show"]) == 0
    out = capsys.readouterr().out
    assert "estado vigente" in out and "clave nueva pendiente" in out
    assert main(["--db", c, "keys", "show"]) == 0
    out = capsys.readouterr().out
    assert "estado revocada desde la secuencia 5" in out
    assert not any(w in out for w in ("active", "revoked", "retired", "pending"))


@pytest.mark.parametrize(("argv", "expected"), [
    (["summary", "--national"], "faltan estos argumentos obligatorios: --year"),
    (["example", "generate", "--year", "2010", "--objectives", "x"],
     "argumento --objectives: «x» no es un número entero"),
    (["summary", "--year", "2009"], "se necesita uno de estos argumentos: --region --national"),
    (["bundle"], "faltan estos argumentos obligatorios: ACCIÓN"),
    (["bundle", "exportar"], "argumento ACCIÓN: opción no válida: 'exportar' (elija entre"),
    (["keys", "revoke", "ABCD", "--from-sequence", "uno"], "«uno» no es un número entero"),
    (["summary", "--national", "--year", "2009", "--extra"], "argumentos no reconocidos: --extra"),
    (["summary", "--region"], "argumento --region: falta su valor"),
])
def test_usage_errors_are_spanish_with_exit_2(argv: list[str], expected: str, capsys) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert expected in err, err
    assert err.startswith("uso: avance")
    assert "usage" not in err and "error:" not in err and "invalid" not in err


def test_help_headings_are_spanish(capsys) -> None:
    for argv in (["--help"], ["bundle", "import", "--help"]):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 0
        out = capsys.readouterr().out
        assert out.startswith("uso: avance") and "opciones:" in out and "muestra esta ayuda y termina" in out
        assert not any(w in out for w in ("usage", "options:", "show this help", "positional arguments"))


def test_argparse_is_english_again_outside_avance() -> None:
    import argparse

    main(["summary", "--national"])
    assert "usage: x" in argparse.ArgumentParser(prog="x").format_usage()


def test_output_cut_short_by_its_reader_ends_quietly(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    db = str(tmp_path / "n.db")
    assert main(["--db", db, "example", "load"]) == 0
    root = Path(__file__).resolve().parents[2]
    for argv in (["summary", "--national", "--year", "2009"], ["summary", "--national", "--year", "2009", "--json"]):
        read, write = os.pipe()
        os.close(read)  # the reader is gone before the first line (as `| head -0`)
        child = subprocess.run([sys.executable, "-m", "desktop", "--db", db, *argv], cwd=root, stdout=write,
                               stderr=subprocess.PIPE, text=True, timeout=120)
        os.close(write)
        assert child.stderr == ""  # no traceback, no "Exception ignored"
        assert child.returncode == 141
