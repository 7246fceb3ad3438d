"""The example data set (seed 001, Tarapacá 2009): loading, idempotence, stable ids, a
faithful transcription, and clean refusal of a corrupt file."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.engine import Database, open_database
from db.models import (
    Base,
    CommitmentRow,
    ObjectiveRow,
    ProgressAnalysis,
    ReportingYear,
    Service,
    WorkProgramme,
)
from desktop.domain.forms import FormKind
from desktop.domain.regions import find_region
from desktop.services.example import ExampleFormatError, example_path, load_example, read_example
from desktop.services.programmes import ProgrammeService
from tests.conftest import SEED_001

TARAPACA = find_region("CL-TA")


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(example_path().read_text(encoding="utf-8"))


def row_counts(db: Database) -> dict[str, int]:
    with db.reading() as session:
        return {
            name: session.scalar(select(func.count()).select_from(table))
            for name, table in Base.metadata.tables.items()
        }


def all_ids(db: Database) -> dict[str, set]:
    with db.reading() as session:
        return {
            model.__tablename__: set(session.scalars(select(model.id)))
            for model in (ReportingYear, WorkProgramme, ObjectiveRow, CommitmentRow, ProgressAnalysis)
        }


# -- content -----------------------------------------------------------------------------------


def test_load_result(db: Database) -> None:
    result = load_example(db)
    assert result.loaded is True
    assert result.region_name == "Tarapacá"
    assert result.year == 2009
    assert result.objectives == 19 + 7 + 2
    assert result.commitments == 19 + 8 + 2
    assert result.progress_entries == 25


def test_counts_per_form(example_db: Database) -> None:
    service = ProgrammeService(example_db)
    by_form = {p.form: p for p in service.programmes(TARAPACA, 2009)}
    assert list(by_form) == [FormKind.III_1, FormKind.III_2, FormKind.III_3]
    assert len(by_form[FormKind.III_1].objectives) == 19
    assert len(by_form[FormKind.III_1].commitments) == 19
    assert len(by_form[FormKind.III_2].objectives) == 7
    assert len(by_form[FormKind.III_2].commitments) == 8
    assert len(by_form[FormKind.III_3].objectives) == 2
    assert {o.section for o in by_form[FormKind.III_3].objectives} <= {"11", "12", "13"}
    report = service.progress(TARAPACA, 2009, 2, include_blank=False)
    assert len(report.entries) == 25
    assert service.progress(TARAPACA, 2009, 1, include_blank=False).entries == ()
    assert len(service.progress(TARAPACA, 2009, 1).entries) == 19 + 7 + 2


def test_sample_texts(example_db: Database) -> None:
    service = ProgrammeService(example_db)
    iii1 = service.programme(TARAPACA, 2009, FormKind.III_1)
    first = iii1.objectives[0]
    assert first.text == (
        "Asesorar técnicamente a los SSPP desconcentrados para que incorporen la variable territorial "
        "en su PMG de género."
    )
    assert first.commitments[0].weight_text == "0.5%  0.5%"
    iii2 = service.programme(TARAPACA, 2009, FormKind.III_2)
    assert iii2.instance is not None
    assert iii2.instance.name == "Comisión Regional PRIO"
    assert service.programme(TARAPACA, 2009, FormKind.III_1).instance is None
    with example_db.reading() as session:
        assert session.scalar(select(Service.acronym)) == "SERNAM"


def test_database_matches_the_file(example_db: Database, data: dict) -> None:
    """Every objective and commitment of the JSON is stored as written, in order."""
    service = ProgrammeService(example_db)
    for p in data["programmes"]:
        stored = service.programme(TARAPACA, 2009, FormKind(p["form"]))
        assert [o.text for o in stored.objectives] == [o["text"] for o in p["objectives"]]
        assert [c.weight_text for c in stored.commitments] == [
            c["weight"] for o in p["objectives"] for c in o["commitments"]
        ]
        assert [c.met for c in stored.commitments] == [c["met"] for o in p["objectives"] for c in o["commitments"]]


def test_loading_twice_changes_nothing(example_db: Database) -> None:
    before = row_counts(example_db)
    ids = all_ids(example_db)
    result = load_example(example_db)
    assert result.loaded is False
    assert row_counts(example_db) == before
    assert all_ids(example_db) == ids


def test_ids_are_the_same_on_two_databases(tmp_path: Path) -> None:
    first, second = open_database(tmp_path / "a.db"), open_database(tmp_path / "b.db")
    try:
        load_example(first)
        load_example(second)
        ids_a, ids_b = all_ids(first), all_ids(second)
    finally:
        first.close()
        second.close()
    assert ids_a == ids_b
    assert all(ids_a.values())


def test_read_example_ids_are_stable() -> None:
    a, b = read_example(), read_example()
    assert [o.id for p in a.programmes for o in p.objectives] == [o.id for p in b.programmes for o in p.objectives]
    ids = [c.id for p in a.programmes for c in p.commitments] + [o.id for p in a.programmes for o in p.objectives]
    assert len(set(ids)) == len(ids)


def test_service_id_is_the_same_on_two_databases(tmp_path: Path) -> None:
    ids = []
    for name in ("a.db", "b.db"):
        database = open_database(tmp_path / name)
        try:
            load_example(database)
            with database.reading() as session:
                ids.append(session.scalar(select(Service.id)))
        finally:
            database.close()
    assert ids[0] == ids[1]


# -- faithfulness to seed 001 ------------------------------------------------------------------


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\n", " ")).strip()


def _clean(raw: str) -> str:
    return raw.replace("<b>", "").replace("</b>", "").replace("**", "")


@pytest.fixture(scope="module")
def seed() -> tuple[str, list[str], set[str]]:
    """Seed 001 as (whole text squashed, its table cells squashed, its raw table cells)."""
    if not SEED_001.exists():
        pytest.skip(f"seed 001 not found at {SEED_001}")
    raw = _clean(SEED_001.read_text(encoding="utf-8"))
    raw_cells = [c.strip() for line in raw.splitlines() for c in line.split("\t")]
    return _squash(raw), [_squash(c) for c in raw_cells if c.strip()], {c for c in raw_cells if c}


def text_cells(data: dict) -> list[tuple[str, str]]:
    """(place, text) of every text cell of the example file."""
    cells: list[tuple[str, str]] = []
    for p_index, p in enumerate(data["programmes"]):
        where = f"programmes[{p_index}]"
        if p.get("instance"):
            for key in ("name", "main_problem", "territories", "institutions", "products"):
                cells.append((f"{where}.instance.{key}", p["instance"][key]))
        for o_index, o in enumerate(p["objectives"]):
            ow = f"{where}.objectives[{o_index}]"
            for key in ("text", "indicator", "indicator_result"):
                cells.append((f"{ow}.{key}", o[key]))
            for c_index, c in enumerate(o["commitments"]):
                for key in ("description", "responsible_unit", "verification_means"):
                    cells.append((f"{ow}.commitments[{c_index}].{key}", c[key]))
    for r_index, r in enumerate(data["progress"]):
        for e_index, e in enumerate(r["entries"]):
            for key in ("objective_text", "progress", "authority_measures", "recommendations", "responsible"):
                cells.append((f"progress[{r_index}].entries[{e_index}].{key}", e[key]))
    return [(where, value) for where, value in cells if value.strip()]


def found_in_seed(text: str, whole: str, cells: list[str]) -> bool:
    """True when ``text`` is in the seed as written, or is one cell continued across a page break.

    The README's page-break convention joins the two fragments of a cell with one space. Such a
    cell is accepted when it splits at one space into a left part that ends a seed cell and a
    right part that starts a seed cell (the two fragments, each found as written).
    """
    squashed = _squash(text)
    if squashed in whole:
        return True
    words = squashed.split(" ")
    for i in range(1, len(words)):
        left, right = " ".join(words[:i]), " ".join(words[i:])
        if any(c.endswith(left) for c in cells) and any(c.startswith(right) for c in cells):
            return True
    return False


def test_the_fragment_check_can_fail(seed) -> None:
    whole, cells, _ = seed
    assert not found_in_seed("Asesorar técnicamente a los SSPP centralizados", whole, cells)
    assert not found_in_seed("Trabajo coordinado con Fosis, Sercotec y Corfo", whole, cells)


def test_every_text_cell_is_in_the_seed(seed, data: dict) -> None:
    whole, cells, _ = seed
    cells_checked = text_cells(data)
    assert len(cells_checked) > 250
    missing = [(where, value) for where, value in cells_checked if not found_in_seed(value, whole, cells)]
    assert not missing, f"{len(missing)} cells not in seed 001: {missing[:5]}"


def test_cells_are_stripped_with_single_newlines(data: dict) -> None:
    for where, value in text_cells(data):
        assert value == value.strip(), where
        assert "\n\n" not in value, where
        assert "  " not in value, where  # runs of spaces became "\n"
        assert "<b>" not in value and "</b>" not in value, where


def test_every_weight_cell_is_verbatim_in_the_seed(seed, data: dict) -> None:
    """A weight is a seed cell as written; a weight continued across a page break is two seed
    cells joined with one space."""
    _, _, raw_cells = seed
    weights = [c["weight"] for p in data["programmes"] for o in p["objectives"] for c in o["commitments"]]
    joined = 0
    for weight in weights:
        if not weight or weight in raw_cells:
            continue
        splits = [
            (weight[:i], weight[i + 1:])
            for i, ch in enumerate(weight)
            if ch == " " and weight[i - 1] != " " and weight[i + 1] != " "
        ]
        assert any(left in raw_cells and right in raw_cells for left, right in splits), weight
        joined += 1
    assert joined <= 2
    assert "0.5%  0.5%" in weights and "01%" in weights


# -- corrupt files -----------------------------------------------------------------------------


def _write(tmp_path: Path, content: dict | str) -> Path:
    path = tmp_path / "tarapaca_2009.json"
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def _assert_refused(db: Database, path: Path, *fragments: str) -> None:
    before = row_counts(db)
    with pytest.raises(ExampleFormatError) as info:
        load_example(db, path)
    message = str(info.value)
    assert path.name in message
    for fragment in fragments:
        assert fragment in message, message
    assert row_counts(db) == before


def test_missing_field_is_refused(db: Database, tmp_path: Path, data: dict) -> None:
    broken = copy.deepcopy(data)
    del broken["programmes"][0]["objectives"][3]["text"]
    _assert_refused(db, _write(tmp_path, broken), "programmes[0].objectives[3]", "«text»")


def test_missing_commitment_field_is_refused(db: Database, tmp_path: Path, data: dict) -> None:
    broken = copy.deepcopy(data)
    del broken["programmes"][1]["objectives"][0]["commitments"][0]["weight"]
    _assert_refused(db, _write(tmp_path, broken), "programmes[1].objectives[0].commitments[0]", "«weight»")


def test_wrong_format_version_is_refused(db: Database, tmp_path: Path, data: dict) -> None:
    broken = dict(data, format_version=2)
    _assert_refused(db, _write(tmp_path, broken), "versión")


def test_unknown_objective_in_iii4_is_refused(db: Database, tmp_path: Path, data: dict) -> None:
    broken = copy.deepcopy(data)
    broken["progress"][0]["entries"][3]["objective"] = "III.1-99"
    _assert_refused(db, _write(tmp_path, broken), "progress[0].entries[3]", "III.1-99")


def test_invalid_json_is_refused(db: Database, tmp_path: Path) -> None:
    raw = example_path().read_text(encoding="utf-8")
    _assert_refused(db, _write(tmp_path, raw[: len(raw) // 2]))


def test_wrong_type_is_refused(db: Database, tmp_path: Path, data: dict) -> None:
    broken = copy.deepcopy(data)
    broken["programmes"][0]["objectives"][0]["commitments"][0]["met"] = "sí"
    _assert_refused(db, _write(tmp_path, broken), "programmes[0].objectives[0].commitments[0].met")


def test_refused_file_leaves_a_loaded_database_unchanged(example_db: Database, tmp_path: Path, data: dict) -> None:
    broken = copy.deepcopy(data)
    broken["year"] = 2010
    broken["progress"][0]["entries"][-1]["objective"] = "III.3-77"
    _assert_refused(example_db, _write(tmp_path, broken), "III.3-77")
