"""The service verdict is national (seed 001, III.1 note (12)): while not every region of the
16 has data for the year, the command line and the national board say it is provisional
("CUMPLE (provisional: 1 de 16 regiones con datos)"), and ``summary --national --json`` adds
``regions_with_data`` and ``complete`` without changing the other keys."""

from __future__ import annotations

import datetime as dt
import json

from desktop.cli import main
from desktop.domain.regions import REGIONS, find_region
from desktop.domain.scoring import Verdict
from desktop.services.generate import generate_national
from desktop.services.summary import national_json, national_summary
from desktop.sync import board
from tests.conftest import TODAY

ONE = "CUMPLE (provisional: 1 de 16 regiones con datos)"


def _summary_text(capsys, db_path, *extra: str) -> str:  # noqa: ANN001
    capsys.readouterr()
    assert main(["--db", str(db_path), "summary", "--national", "--year", "2009", *extra]) == 0
    return capsys.readouterr().out


def test_one_region_of_sixteen_is_provisional(db, db_path, capsys) -> None:  # noqa: ANN001
    generate_national(db, 2009, regions=(find_region("CL-AN"),), objectives=2, activities=2, met_ratio=1.0)
    summary = national_summary(db, 2009, TODAY)
    assert summary.service is Verdict.CUMPLE and summary.regions_with_data == 1 and not summary.complete
    text = _summary_text(capsys, db_path).splitlines()
    assert text[-1] == f"Servicio: {ONE}"
    assert [line for line in text if line.startswith("Desempeño anual servicio")] == [
        f"Desempeño anual servicio {f}: {ONE}" for f in ("III.1", "III.2", "III.3")]
    data = json.loads(_summary_text(capsys, db_path, "--json"))
    assert data["service"] == "CUMPLE" and data["regions_with_data"] == 1 and data["complete"] is False
    assert {p["service"] for p in data["programmes"]} == {"CUMPLE"}
    assert list(data) == ["year", "regions", "programmes", "service", "regions_with_data", "complete"]
    nb = board.national_board(db, 2009, TODAY, dt.date(2026, 12, 1))
    assert nb.regions_with_data == 1 and not nb.complete
    assert nb.qualifier == "provisional: 1 de 16 regiones con datos"


def test_sixteen_regions_are_final(db, db_path, capsys) -> None:  # noqa: ANN001
    generate_national(db, 2009, regions=REGIONS, objectives=1, activities=2, met_ratio=1.0)
    text = _summary_text(capsys, db_path)
    assert text.splitlines()[-1] == "Servicio: CUMPLE" and "provisional" not in text
    data = national_json(national_summary(db, 2009, TODAY))
    assert data["regions_with_data"] == 16 and data["complete"] is True
    nb = board.national_board(db, 2009, TODAY)
    assert nb.complete and nb.qualifier == ""
