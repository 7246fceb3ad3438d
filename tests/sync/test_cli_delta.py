"""The command line of the delta bundles: ``avance bundle export --full``, and an unknown region
code given to ``keys trust --region`` or ``bundle export --to`` (the Spanish message, exit 1,
no traceback, nothing changed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from tests.sync.helpers import cli_offices, snapshot


@pytest.fixture
def offices(tmp_path: Path, capsys):  # noqa: ANN001, ANN201
    p, c, r = cli_offices(tmp_path)
    capsys.readouterr()
    return c, r, p


def _state(path: str) -> list[str]:
    from db.engine import open_database
    from tests.sync.helpers import Office

    db = open_database(path)
    try:
        return snapshot(Office(db, Path(path).parent, ""))[0]
    finally:
        db.close()


@pytest.mark.parametrize("code", ["XX", "CL-ZZ", "17"])
def test_an_unknown_region_is_a_spanish_error_not_a_traceback(offices, tmp_path: Path, capsys, code: str) -> None:
    c, r, p = offices
    before = _state(c)
    assert main(["--db", c, "keys", "trust", str(tmp_path / "r.pub"), "--region", code]) == 1
    err = capsys.readouterr().err
    assert f"Región desconocida: «{code}»" in err and "Traceback" not in err and "No se incorporó" in err
    assert main(["--db", c, "bundle", "export", "--to", code, "-o", str(tmp_path / "a.avance"), *p]) == 1
    err = capsys.readouterr().err
    assert f"Región desconocida: «{code}»" in err and "Traceback" not in err and "No se exportó" in err
    assert not (tmp_path / "a.avance").exists()
    assert _state(c) == before


def test_bundle_export_full(offices, tmp_path: Path, capsys) -> None:
    c, r, p = offices
    first = tmp_path / "1.avance"
    assert main(["--db", r, "bundle", "export", "-o", str(first), *p]) == 0
    assert main(["--db", c, "bundle", "import", str(first), *p]) == 0
    assert main(["--db", c, "bundle", "export", "--to", "CL-TA", "-o", str(tmp_path / "ans.avance"), *p]) == 0
    assert main(["--db", r, "bundle", "import", str(tmp_path / "ans.avance"), *p]) == 0
    capsys.readouterr()
    assert main(["--db", r, "bundle", "export", "-o", str(tmp_path / "2.avance"), *p]) == 0
    delta = capsys.readouterr().out
    assert "0 registros" in delta and "cambios desde el paquete n.º 1" in delta
    assert main(["--db", r, "bundle", "export", "--full", "-o", str(tmp_path / "3.avance"), *p]) == 0
    full = capsys.readouterr().out
    assert "0 registros" not in full and "cambios desde" not in full
    assert main(["--db", c, "bundle", "import", str(tmp_path / "3.avance"), *p]) == 0  # 2 lost: a gap
    # The central office's answer is always complete: --full with --to is refused.
    assert main(["--db", c, "bundle", "export", "--to", "CL-TA", "--full", "-o", str(tmp_path / "x.avance"), *p]) == 1
    assert "--full" in capsys.readouterr().err
