"""``avance observation`` and ``avance review`` through the command line: the central office
writes them with the numbers the forms show, the region reads them after importing the answer,
and bad input exits 1 with one Spanish line and changes nothing."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.cli import main
from tests.sync.helpers import cli_offices, database_dump
from tests.sync.test_cli_sync import ENGLISH


def _central_with_tarapaca(tmp_path: Path) -> tuple[list[str], str, str]:
    p, c, r = cli_offices(tmp_path)
    bundle = tmp_path / "ta.avance"
    assert main(["--db", r, "bundle", "export", "-o", str(bundle), *p]) == 0
    assert main(["--db", c, "bundle", "import", str(bundle), *p]) == 0
    return p, c, r


def test_observations_and_reviews_go_to_the_region(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    p, c, r = _central_with_tarapaca(tmp_path)
    capsys.readouterr()
    where = ["--region", "CL-TA", "--year", "2009", "--form", "III.1"]
    assert main(["--db", c, "observation", "add", *where, "--objective", "1", "--activity", "1",
                 "Falta", "el", "acta", "firmada."]) == 0
    out = capsys.readouterr().out
    assert re.match(r"Observación [0-9a-f]{8} agregada: III\.1 Tarapacá 2009 · Actividad 1 del objetivo 1\. Llegará a "
                    r"la oficina regional de Tarapacá \(CL-TA\) con la próxima respuesta", out), out
    ident = out.split()[1]
    assert main(["--db", c, "observation", "add", "--region", "Tarapacá", "--year", "2009", "--form", "3.1",
                 "--objective", "2", "Precisar el indicador."]) == 0
    assert main(["--db", c, "review", "set", *where, "--status", "observado", "--note", "Revisar ponderaciones."]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith(
        "Revisión de III.1 Tarapacá 2009: observado — Revisar ponderaciones. Llegará a la oficina regional de Tarapacá")
    assert main(["--db", c, "observation", "list", "--region", "01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{ident}  III.1 Tarapacá 2009 · Actividad 1 del objetivo 1 («")
    assert "»): Falta el acta firmada.  (" in lines[0]
    assert " · Objetivo 2 («" in lines[1] and lines[1].split("): ")[1].startswith("Precisar el indicador.")
    assert main(["--db", c, "observation", "edit", ident, "Falta el acta firmada por la Seremi."]) == 0
    assert main(["--db", c, "observation", "remove", lines[1][:8]]) == 0
    assert "deja de verla con la próxima respuesta" in capsys.readouterr().out

    answer = tmp_path / "respuesta.avance"
    assert main(["--db", c, "bundle", "export", "--to", "CL-TA", "-o", str(answer), *p]) == 0
    assert main(["--db", r, "bundle", "import", str(answer), *p]) == 0
    capsys.readouterr()
    assert main(["--db", r, "observation", "list"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{ident}  III.1 Tarapacá 2009 · Actividad 1 del objetivo 1") and \
        "): Falta el acta firmada por la Seremi.  (" in line
    assert main(["--db", r, "review", "list", "--year", "2009"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("III.1 Tarapacá 2009: observado — Revisar ponderaciones.  (")
    assert main(["--db", r, "review", "list", "--year", "2010"]) == 0
    assert capsys.readouterr().out == "No hay revisiones.\n"


def test_bad_input_exits_1_in_spanish_and_changes_nothing(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    p, c, r = _central_with_tarapaca(tmp_path)
    where = ["--region", "CL-TA", "--year", "2009"]
    before = {db: database_dump(Path(db)) for db in (c, r)}
    cases = [
        (c, ["observation", "add", *where, "--form", "III.9", "--objective", "1", "x"], "Formulario desconocido: «III.9»"),
        (c, ["observation", "add", *where, "--form", "III.4", "--objective", "1", "x"], "El III.4 no se revisa"),
        (c, ["observation", "add", *where, "--form", "III.1", "--objective", "0", "x"], "se numeran desde 1"),
        (c, ["observation", "add", *where, "--form", "III.1", "--objective", "99", "x"], "no hay objetivo 99"),
        (c, ["observation", "add", *where, "--form", "III.1", "--objective", "1", "--activity", "7", "x"],
         "no hay actividad 7"),
        (c, ["observation", "add", "--region", "CL-TA", "--year", "2010", "--form", "III.1", "--objective", "1", "x"],
         "No hay datos de Tarapacá (CL-TA) para el año 2010"),
        (c, ["observation", "add", "--region", "Narnia", "--year", "2009", "--form", "III.1", "--objective", "1", "x"],
         "Narnia"),
        (c, ["observation", "add", *where, "--form", "III.1", "--objective", "1", " "], "no puede quedar vacía"),
        (r, ["observation", "add", *where, "--form", "III.1", "--objective", "1", "x"],
         "Solo la oficina central hace observaciones; esta instalación es la oficina regional de Tarapacá (CL-TA)"),
        (c, ["observation", "remove", "12345678"], "No hay ninguna observación con el número «12345678»"),
        (c, ["observation", "edit", "123", "x"], "al menos 8 caracteres"),
        (c, ["review", "set", *where, "--form", "III.2", "--status", "rechazado"], "Estado de revisión desconocido"),
        (r, ["review", "set", *where, "--form", "III.2", "--status", "aprobado"], "Solo la oficina central revisa"),
    ]
    for db, argv, words in cases:
        capsys.readouterr()
        assert main(["--db", db, *argv]) == 1, argv
        out, err = capsys.readouterr()
        assert out == "" and err.startswith("avance: ") and len(err.strip().splitlines()) == 1, (argv, err)
        assert words in err, (argv, err)
        assert not any(word in err for word in ENGLISH), err
    assert {db: database_dump(Path(db)) for db in (c, r)} == before
    capsys.readouterr()
    assert main(["--db", c, "observation", "add", *where, "--objective", "1", "x"]) == 2  # --form is required
    assert "faltan estos argumentos obligatorios: --form" in capsys.readouterr().err
