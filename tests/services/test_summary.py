"""Region and national summaries (seed 001, III.1 notes (8), (11), (12)); JSON per ARCHITECTURE.md.

Expected figures are computed here from the example file or straight from the database rows,
not through desktop.domain.scoring.
"""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal

import pytest
from sqlalchemy import select

from db.engine import Database
from db.models import CommitmentRow, ObjectiveRow, RegionRow, ReportingYear, WorkProgramme
from db.queries import NotFoundError
from desktop.domain.forms import FormKind
from desktop.domain.regions import REGIONS, find_region
from desktop.domain.weights import parse_weight
from desktop.services.example import example_path
from desktop.services.generate import generate_national
from desktop.services.summary import national_json, national_summary, region_json, region_summary, verdict_text
from tests.conftest import TODAY

TARAPACA = find_region("CL-TA")
PASS = Decimal(90)


def _json_weight_totals() -> dict[str, Decimal]:
    data = json.loads(example_path().read_text(encoding="utf-8"))
    totals: dict[str, Decimal] = {}
    for p in data["programmes"]:
        total = Decimal(0)
        for o in p["objectives"]:
            for c in o["commitments"]:
                for value in parse_weight(c["weight"]).values:
                    total += value
        totals[p["form"]] = total
    return totals


def test_region_summary_of_the_example(example_db: Database) -> None:
    summary = region_summary(example_db, TARAPACA, 2009, TODAY)
    assert summary.region == TARAPACA and summary.year == 2009
    assert [s.form for s in summary.scores] == [FormKind.III_1, FormKind.III_2, FormKind.III_3]
    totals = _json_weight_totals()
    iii1 = summary.scores[0]
    assert totals["III.1"] == Decimal("7.35")
    assert iii1.weight_total == totals["III.1"] == Decimal("7.35")
    assert isinstance(iii1.weight_total, Decimal)
    for score in summary.scores:
        assert score.weight_total == totals[score.form.value]
        assert score.performance_pct == Decimal(0)  # nothing marked met in the seed
        assert score.valid is False
        # Weights (8) and compliance (9) of III.1, cited by the form's own notes ((13), (14) on III.2).
        weight_note, met_note = {"III.2": ("nota 13", "nota 14")}.get(score.form.value, ("nota 8", "nota 9"))
        assert any(f"({weight_note})" in w for w in score.warnings)
        assert any(f"({met_note})" in w for w in score.warnings)  # scored after the 2009 year end


def test_region_json_shape(example_db: Database) -> None:
    result = region_json(region_summary(example_db, TARAPACA, 2009, TODAY))
    assert set(result) == {"region", "year", "programmes"}
    assert result["region"] == "CL-TA"
    assert result["year"] == 2009
    assert [p["form"] for p in result["programmes"]] == ["III.1", "III.2", "III.3"]
    for p in result["programmes"]:
        assert set(p) >= {"form", "weight_total", "weight_earned", "performance_pct", "valid", "warnings"}
        for key in ("weight_total", "weight_earned", "performance_pct"):
            assert isinstance(p[key], str)
            Decimal(p[key])  # parses
            assert "E" not in p[key]
        assert p["valid"] is False
        assert isinstance(p["warnings"], list) and all(isinstance(w, str) for w in p["warnings"])
    assert Decimal(result["programmes"][0]["weight_total"]) == Decimal("7.35")
    json.dumps(result)  # serialisable as is


def test_region_summary_without_data(example_db: Database) -> None:
    with pytest.raises(NotFoundError) as info:
        region_summary(example_db, TARAPACA, 2010)
    assert "2010" in str(info.value)
    with pytest.raises(NotFoundError):
        region_summary(example_db, find_region("CL-NB"), 2009)


def test_national_summary_without_data(example_db: Database) -> None:
    with pytest.raises(NotFoundError) as info:
        national_summary(example_db, 1999)
    assert "1999" in str(info.value)


def _performances_from_rows(db: Database, year: int) -> dict[tuple[str, str], Decimal]:
    """(region ISO, form) → sum of the weights of met rows, read straight from the tables."""
    sums: dict[tuple[str, str], Decimal] = defaultdict(lambda: Decimal(0))
    with db.reading() as session:
        rows = session.execute(
            select(RegionRow.iso_code, WorkProgramme.form, CommitmentRow.weight, CommitmentRow.met)
            .join(ReportingYear, ReportingYear.region_id == RegionRow.id)
            .join(WorkProgramme, WorkProgramme.reporting_year_id == ReportingYear.id)
            .join(ObjectiveRow, ObjectiveRow.programme_id == WorkProgramme.id)
            .join(CommitmentRow, CommitmentRow.objective_id == ObjectiveRow.id)
            .where(ReportingYear.year == year)
        ).all()
    for iso, form, weight, met in rows:
        sums[(iso, form)] += weight if met is True else Decimal(0)
    return dict(sums)


@pytest.mark.parametrize("met_ratio", [0.92, 1.0, 0.5])
def test_national_summary_on_a_generated_set(db: Database, met_ratio: float) -> None:
    regions = REGIONS[:4]
    generate_national(db, 2010, regions=regions, objectives=5, activities=3, met_ratio=met_ratio)
    expected = _performances_from_rows(db, 2010)
    summary = national_summary(db, 2010, TODAY)
    assert [r.region for r in summary.regions] == list(regions)
    for r in summary.regions:
        assert [s.form for s in r.scores] == [FormKind.III_1, FormKind.III_2, FormKind.III_3]
        for s in r.scores:
            assert s.weight_total == Decimal(100)
            assert s.performance_pct == expected[(r.region.iso_code, s.form.value)]
            assert s.valid == (expected[(r.region.iso_code, s.form.value)] >= PASS)
    for form in (FormKind.III_1, FormKind.III_2, FormKind.III_3):
        every_region_passes = all(expected[(r.iso_code, form.value)] >= PASS for r in regions)
        assert summary.verdicts[form].value == ("CUMPLE" if every_region_passes else "NO CUMPLE")
    all_pass = all(v >= PASS for v in expected.values())
    assert summary.service.value == ("CUMPLE" if all_pass else "NO CUMPLE")
    if met_ratio == 1.0:
        assert summary.service.value == "CUMPLE"

    data = national_json(summary)
    assert data["year"] == 2010
    assert data["service"] in {"CUMPLE", "NO CUMPLE"}
    assert data["service"] == summary.service.value
    assert [r["region"] for r in data["regions"]] == [r.iso_code for r in regions]
    for r in data["regions"]:
        for p in r["programmes"]:
            assert isinstance(p["performance_pct"], str)
            assert Decimal(p["performance_pct"]) == expected[(r["region"], p["form"])]
    for p in data["programmes"]:
        assert p["service"] in {"CUMPLE", "NO CUMPLE"}
        assert p["regions"] == 4
        below = [r.iso_code for r in regions if expected[(r.iso_code, p["form"])] < PASS]
        assert p["regions_below"] == below
        assert (p["service"] == "CUMPLE") == (below == [])
    json.dumps(data)


def test_national_summary_of_the_example_alone(example_db: Database) -> None:
    summary = national_summary(example_db, 2009, TODAY)
    assert [r.region for r in summary.regions] == [TARAPACA]
    assert all(v.value == "NO CUMPLE" for v in summary.verdicts.values())
    assert national_json(summary)["service"] == "NO CUMPLE"
    text = verdict_text(example_db, FormKind.III_1, 2009, TODAY)
    assert text == "Resultado nacional (nota 12): lo informa el nivel central."  # one region of 16
    assert verdict_text(example_db, FormKind.III_1, 1999, TODAY) == ""


def test_years_do_not_mix(example_db: Database) -> None:
    generate_national(example_db, 2010, regions=REGIONS[:2], objectives=2, activities=2, met_ratio=1.0)
    assert [r.region for r in national_summary(example_db, 2009, TODAY).regions] == [TARAPACA]
    n2010 = national_summary(example_db, 2010, TODAY)
    assert [r.region for r in n2010.regions] == list(REGIONS[:2])
    assert n2010.service.value == "CUMPLE"
