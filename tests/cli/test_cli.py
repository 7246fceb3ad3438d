"""The ``avance`` command line, the contract of ARCHITECTURE.md: exit 0 on success, 1 on bad
input with one Spanish line on stderr (database untouched), 2 on wrong usage."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def no_user_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real per-user database, even if a test forgets --db."""
    monkeypatch.setenv("AVANCE_DB", str(tmp_path / "default-user.db"))


@pytest.fixture
def loaded(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A database file with the example loaded through the command line."""
    assert main(["--db", str(db_path), "example", "load"]) == 0
    capsys.readouterr()
    return db_path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_input_error(code: int, out: str, err: str) -> str:
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("avance:")
    return lines[0]


# -- entry points ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        [str(ROOT / ".venv" / "bin" / "avance"), "--help"],
        [sys.executable, "-m", "desktop", "--help"],
    ],
    ids=["avance", "python-m-desktop"],
)
def test_entry_points(command: list[str], tmp_path: Path) -> None:
    if not Path(command[0]).exists():
        pytest.skip(f"{command[0]} not installed")
    env = dict(os.environ, AVANCE_DB=str(tmp_path / "x.db"), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert "uso: avance" in result.stdout
    for sub in ("example", "summary", "print"):
        assert sub in result.stdout


def test_entry_point_runs_a_command(tmp_path: Path) -> None:
    db_path = tmp_path / "sub.db"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(db_path), "summary", "--region", "CL-TA", "--year", "2009"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, env=env,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("avance:")


# -- example load ------------------------------------------------------------------------------


def test_example_load_then_again(db_path: Path, capsys) -> None:
    code, out, err = run(capsys, "--db", str(db_path), "example", "load")
    assert code == 0, err
    assert "Ejemplo cargado" in out and "Tarapacá" in out and "2009" in out
    assert "28 objetivos" in out and "29 filas" in out and "25 filas" in out
    before = sha(db_path)
    code, out, err = run(capsys, "--db", str(db_path), "example", "load")
    assert code == 0
    assert "ya estaba cargado" in out
    assert sha(db_path) == before


# -- summary -----------------------------------------------------------------------------------


@pytest.mark.parametrize("region", ["CL-TA", "01", "Tarapacá", "tarapaca", "1"])
def test_summary_json(loaded: Path, capsys, region: str) -> None:
    code, out, err = run(capsys, "--db", str(loaded), "summary", "--region", region, "--year", "2009", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["region"] == "CL-TA"
    assert data["year"] == 2009
    assert [p["form"] for p in data["programmes"]] == ["III.1", "III.2", "III.3"]
    for p in data["programmes"]:
        for key in ("weight_total", "weight_earned", "performance_pct"):
            assert isinstance(p[key], str)
            Decimal(p[key])
        assert p["valid"] is False
        assert isinstance(p["warnings"], list) and p["warnings"]
    assert Decimal(data["programmes"][0]["weight_total"]) == Decimal("7.35")
    assert Decimal(data["programmes"][0]["performance_pct"]) == 0


def test_summary_text(loaded: Path, capsys) -> None:
    code, out, _ = run(capsys, "--db", str(loaded), "summary", "--region", "CL-TA", "--year", "2009")
    assert code == 0
    assert "Tarapacá (CL-TA)" in out
    assert "7,35 %" in out
    assert "NO VÁLIDO" in out


def test_summary_national_json(loaded: Path, capsys) -> None:
    code, out, err = run(capsys, "--db", str(loaded), "summary", "--national", "--year", "2009", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["service"] in {"CUMPLE", "NO CUMPLE"}
    assert data["service"] == "NO CUMPLE"
    assert data["year"] == 2009
    assert [r["region"] for r in data["regions"]] == ["CL-TA"]


def test_summary_national_on_generated_data(db_path: Path, capsys) -> None:
    code, out, err = run(capsys, "--db", str(db_path), "example", "generate", "--year", "2011",
                         "--objectives", "2", "--activities", "2")
    assert code == 0, err
    code, out, _ = run(capsys, "--db", str(db_path), "summary", "--national", "--year", "2011", "--json")
    data = json.loads(out)
    assert len(data["regions"]) == 16
    below = {r["region"] for r in data["regions"] for p in r["programmes"] if Decimal(p["performance_pct"]) < 90}
    assert data["service"] == ("CUMPLE" if not below else "NO CUMPLE")


def test_unknown_region(loaded: Path, capsys) -> None:
    before = sha(loaded)
    line = assert_input_error(*run(capsys, "--db", str(loaded), "summary", "--region", "Narnia", "--year", "2009"))
    assert "Narnia" in line and "Región desconocida" in line
    assert sha(loaded) == before


def test_year_without_data(loaded: Path, capsys) -> None:
    before = sha(loaded)
    line = assert_input_error(*run(capsys, "--db", str(loaded), "summary", "--region", "CL-TA", "--year", "2010"))
    assert "2010" in line and "No hay datos" in line
    assert sha(loaded) == before
    assert_input_error(*run(capsys, "--db", str(loaded), "summary", "--national", "--year", "2010", "--json"))
    assert sha(loaded) == before


@pytest.mark.parametrize(
    "argv",
    [
        ["summary", "--region", "CL-TA"],
        ["summary", "--year", "2009"],
        ["summary", "--region", "CL-TA", "--national", "--year", "2009"],
        ["summary", "--region", "CL-TA", "--year", "dos mil"],
        ["print", "III.1", "--region", "CL-TA", "--year", "2009"],
        ["example"],
        ["frobnicate"],
    ],
)
def test_wrong_usage_exits_2(loaded: Path, capsys, argv: list[str]) -> None:
    before = sha(loaded)
    code, out, err = run(capsys, "--db", str(loaded), *argv)
    assert code == 2
    assert out == ""
    assert "uso incorrecto" in err
    assert sha(loaded) == before


def test_unreadable_database_file(db_path: Path, capsys) -> None:
    db_path.write_bytes(b"garbage")
    line = assert_input_error(*run(capsys, "--db", str(db_path), "summary", "--region", "CL-TA", "--year", "2009"))
    assert "No se puede leer" in line
    assert db_path.read_bytes() == b"garbage"
    assert_input_error(*run(capsys, "--db", str(db_path), "example", "load"))
    assert db_path.read_bytes() == b"garbage"


def test_database_from_a_newer_version(loaded: Path, capsys) -> None:
    import sqlite3

    con = sqlite3.connect(loaded)
    con.execute("update alembic_version set version_num = '9999zz'")
    con.commit()
    con.close()
    before = sha(loaded)
    line = assert_input_error(*run(capsys, "--db", str(loaded), "summary", "--region", "CL-TA", "--year", "2009"))
    assert "más nueva" in line
    assert sha(loaded) == before
    assert_input_error(*run(capsys, "--db", str(loaded), "example", "load"))
    assert sha(loaded) == before


# -- print -------------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["III.1", "III.2", "III.3", "III.4", "iii.1", "3.4"])
def test_print(loaded: Path, tmp_path: Path, capsys, form: str) -> None:
    out_file = tmp_path / "f.pdf"
    code, out, err = run(capsys, "--db", str(loaded), "print", form, "--region", "CL-TA", "--year", "2009",
                         "-o", str(out_file))
    assert code == 0, err
    assert out_file.read_bytes().startswith(b"%PDF")
    assert str(out_file) in out


def test_print_unknown_form(loaded: Path, tmp_path: Path, capsys) -> None:
    before = sha(loaded)
    out_file = tmp_path / "f.pdf"
    line = assert_input_error(*run(capsys, "--db", str(loaded), "print", "III.9", "--region", "CL-TA",
                                   "--year", "2009", "-o", str(out_file)))
    assert "III.9" in line
    assert not out_file.exists()
    assert sha(loaded) == before


def test_print_to_a_directory(loaded: Path, tmp_path: Path, capsys) -> None:
    before = sha(loaded)
    folder = tmp_path / "carpeta"
    folder.mkdir()
    line = assert_input_error(*run(capsys, "--db", str(loaded), "print", "III.1", "--region", "CL-TA",
                                   "--year", "2009", "-o", str(folder)))
    assert "carpeta" in line
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert sha(loaded) == before


def test_print_without_data(loaded: Path, tmp_path: Path, capsys) -> None:
    before = sha(loaded)
    out_file = tmp_path / "f.pdf"
    assert_input_error(*run(capsys, "--db", str(loaded), "print", "III.1", "--region", "CL-NB",
                            "--year", "2009", "-o", str(out_file)))
    assert not out_file.exists()
    assert sha(loaded) == before


def test_print_to_an_unwritable_place(loaded: Path, tmp_path: Path, capsys) -> None:
    before = sha(loaded)
    blocker = tmp_path / "archivo"
    blocker.write_bytes(b"x")
    line = assert_input_error(*run(capsys, "--db", str(loaded), "print", "III.1", "--region", "CL-TA",
                                   "--year", "2009", "-o", str(blocker / "f.pdf")))
    assert "No se pudo escribir" in line
    assert blocker.read_bytes() == b"x"
    assert sha(loaded) == before


def test_db_path_that_is_a_folder(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "carpeta"
    folder.mkdir()
    line = assert_input_error(*run(capsys, "--db", str(folder), "summary", "--region", "CL-TA", "--year", "2009"))
    assert "carpeta" in line
    assert list(folder.iterdir()) == []


def test_db_path_under_a_file(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "archivo"
    blocker.write_bytes(b"x")
    assert_input_error(*run(capsys, "--db", str(blocker / "a.db"), "example", "load"))
    assert blocker.read_bytes() == b"x"


# -- issue 4: print national, paper ---------------------------------------------------------


def test_print_national_needs_no_region(loaded: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    out = tmp_path / "nacional.pdf"
    code, stdout, _err = run(capsys, "--db", str(loaded), "print", "national", "--year", "2009", "-o", str(out))
    assert code == 0 and out.read_bytes().startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Tarapacá" in text and "NO CUMPLE" in text


def test_print_form_without_region_is_bad_input(loaded: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    line = assert_input_error(*run(capsys, "--db", str(loaded), "print", "III.1", "--year", "2009", "-o", str(tmp_path / "x.pdf")))
    assert "--region" in line
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(("paper", "long_side_mm"), [("carta", 279.4), ("oficio", 330.0)])
def test_print_paper_sizes(loaded: Path, tmp_path: Path, capsys, paper: str, long_side_mm: float) -> None:  # noqa: ANN001
    out = tmp_path / f"{paper}.pdf"
    code, _out, _err = run(capsys, "--db", str(loaded), "print", "III.1", "--region", "CL-TA", "--year", "2009",
                           "--papel", paper, "-o", str(out))
    assert code == 0
    box = PdfReader(out).pages[0].mediabox
    assert abs(float(box.width) / 72 * 25.4 - long_side_mm) < 1  # landscape: the long side is the width


def test_print_unknown_paper_is_wrong_usage(loaded: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    code, _out, _err = run(capsys, "--db", str(loaded), "print", "III.1", "--region", "CL-TA", "--year", "2009",
                           "--papel", "a4", "-o", str(tmp_path / "x.pdf"))
    assert code == 2


def _subparsers(parser):  # noqa: ANN001, ANN202
    import argparse

    for action in parser._actions:  # noqa: SLF001
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for sub in action.choices.values():
                yield sub
                yield from _subparsers(sub)


def test_every_help_names_its_values_in_spanish() -> None:
    """`--help` showed argparse's English placeholders: «--year YEAR», «-o OUTPUT», «--to TO»,
    «--from-sequence FROM_SEQUENCE», «FORM», «--objectives OBJECTIVES»."""
    import re

    from desktop.cli import build_parser
    from desktop.cli_spanish import spanish_argparse

    english = {"YEAR", "OUTPUT", "TO", "FROM_SEQUENCE", "FORM", "OBJECTIVES", "ACTIVITIES", "REGION", "FILE",
               "FILES", "CONFLICT", "KEEP", "SET", "NUMBER", "TEXT", "FINGERPRINT", "ID_"}
    with spanish_argparse():
        parsers = list(_subparsers(build_parser()))
        helps = {p.prog: p.format_help() for p in parsers}
    assert len(helps) > 25
    for prog, text in helps.items():
        shown = set(re.findall(r"\b[A-Z][A-Z_]+\b", text))
        assert not shown & english, (prog, shown & english)
    assert "--year AÑO" in helps["avance summary"] and "-o ARCHIVO" in helps["avance bundle export"]
    assert "--to REGIÓN" in helps["avance bundle export"] and "--region REGIÓN" in helps["avance observation add"]
