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
