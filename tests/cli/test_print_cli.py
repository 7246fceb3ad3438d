"""``avance print`` with texts of any length, bad output paths and layout failures: a Spanish
line and exit 1, never a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.forms import pdf


@pytest.fixture
def loaded(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["--db", str(db_path), "example", "load"]) == 0
    capsys.readouterr()
    return db_path


def long_first(db_path: Path, field: str, form: str, n: int) -> None:
    """What the reviewer's longtest.py does: objective 1's ``field`` made n times longer."""
    text = " ".join(["texto largo de prueba"] * n)
    with sqlite3.connect(db_path) as c:
        c.execute(f"update objective set {field}=? where position=0 and programme_id in "  # noqa: S608
                  "(select id from work_programme where form=?)", (text, form))


@pytest.mark.parametrize("field, form, n", [("indicator", "III.1", 70), ("text", "III.1", 100),
                                            ("indicator", "III.3", 400), ("text", "III.3", 400)])
def test_a_long_objective_prints(loaded, capsys, tmp_path, field, form, n):
    long_first(loaded, field, form, n)
    out = tmp_path / "x.pdf"
    code = main(["--db", str(loaded), "print", form, "--region", "CL-TA", "--year", "2009", "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert out.read_bytes().startswith(b"%PDF")


def test_a_layout_failure_is_one_spanish_line(loaded, capsys, tmp_path, monkeypatch):
    long_first(loaded, "indicator", "III.1", 400)
    monkeypatch.setattr(pdf._FormTable, "split", lambda self, w, h: [])
    out = tmp_path / "x.pdf"
    code = main(["--db", str(loaded), "print", "III.1", "--region", "CL-TA", "--year", "2009", "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 1
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("avance: No se pudo componer el formulario III.1 de Tarapacá 2009")
    assert "objetivo 1" in lines[0] and "Traceback" not in captured.err
    assert not out.exists() and list(tmp_path.glob(".avance-*")) == []


@pytest.mark.parametrize("command", [["print", "III.1", "--region", "CL-TA", "--year", "2009"],
                                     ["xlsx", "export", "--region", "CL-TA", "--year", "2009"]])
def test_a_missing_folder_is_refused_not_created(loaded, capsys, tmp_path, command):
    target = tmp_path / "nodir" / "sub" / ("x.pdf" if command[0] == "print" else "x.xlsx")
    code = main(["--db", str(loaded), *command, "-o", str(target)])
    captured = capsys.readouterr()
    assert code == 1 and captured.out == ""
    line = captured.err.strip()
    assert line == f"avance: La carpeta «{target.parent}» no existe: créela primero o indique otra ruta para " \
                   f"«{target.name}»."
    assert not (tmp_path / "nodir").exists()


def test_the_services_do_not_create_folders_either(example_db, tmp_path):
    from desktop.domain.regions import find_region
    from desktop.services.excel import export_region
    from desktop.services.printing import print_national

    with pytest.raises(FileNotFoundError):
        print_national(example_db, 2009, tmp_path / "nodir" / "x.pdf")
    with pytest.raises(FileNotFoundError):
        export_region(example_db, find_region("CL-TA"), 2009, tmp_path / "nodir" / "x.xlsx")
    assert not (tmp_path / "nodir").exists()
