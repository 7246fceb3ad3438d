"""The central office's notes (desktop.sync.notes): observations numbered as the forms number
their rows, corrected and deleted at the central office only, review states with their note,
typed Spanish errors that change nothing, and what the region receives in the next answer."""

from __future__ import annotations

import pytest

from desktop.domain.forms import FormKind
from desktop.domain.regions import find_region
from desktop.errors import EditError, NotCentralOfficeError, TargetGoneError, UnknownReviewStateError
from desktop.services.example import load_example
from desktop.services.programmes import ProgrammeService
from desktop.sync import notes, service
from tests.sync.helpers import PASS, snapshot

TA = find_region("CL-TA")


@pytest.fixture
def central(world):  # noqa: ANN001, ANN201
    """The world with Tarapacá's first bundle imported at the central office."""
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out")
    assert service.import_bundle(world.central.db, sent.path, PASS).outcome == "aceptado"
    return world


def _answer(world) -> None:  # noqa: ANN001
    answer = service.export_bundle(world.central.db, PASS, to="CL-TA", directory=world.root / "out")
    assert service.import_bundle(world.ta.db, answer.path, PASS).outcome == "aceptado"


def test_numbers_follow_the_form_iii3_across_its_sections(central) -> None:  # noqa: ANN001
    db = central.central.db
    iii3 = ProgrammeService(db).programme(TA, 2009, FormKind.III_3)
    assert len({o.section for o in iii3.objectives}) > 1  # the example's III.3 has several sections
    last = len(iii3.objectives)
    kind, target = notes.target(db, TA, 2009, FormKind.III_3, last)
    assert (kind, target) == ("objective", iii3.objectives[-1].id)
    kind, target = notes.target(db, TA, 2009, FormKind.III_3, last, 1)
    assert (kind, target) == ("commitment", iii3.objectives[-1].commitments[0].id)
    notes.add_observation(db, kind, target, "  Falta el acta firmada.  ")
    [view] = notes.observations(db, region=TA, form=FormKind.III_3)
    assert (view.about, view.objective_number, view.activity_number) == (f"Actividad 1 del objetivo {last}", last, 1)
    assert view.text == "Falta el acta firmada." and view.programme == "III.3 Tarapacá 2009"
    assert view.activity_text == iii3.objectives[-1].commitments[0].description
    assert view.objective_text == iii3.objectives[-1].text
    assert notes.observations(db, year=2010) == [] and notes.observations(db, form=FormKind.III_1) == []


def test_list_edit_and_remove(central) -> None:  # noqa: ANN001
    db = central.central.db
    iii1 = ProgrammeService(db).programme(TA, 2009, FormKind.III_1)
    second = notes.add_observation(db, "objective", iii1.objectives[1].id, "Precisar el indicador.")
    first = notes.add_observation(db, "commitment", iii1.objectives[0].commitments[0].id, "Falta el acta.")
    views = notes.observations(db, region=TA, year=2009, form=FormKind.III_1)
    assert [(v.id, v.about) for v in views] == [(first, "Actividad 1 del objetivo 1"), (second, "Objetivo 2")]
    assert [v.id for v in notes.programme_observations(db, iii1.id)] == [first, second]
    edited = notes.edit_observation(db, str(second)[:8], "Precisar la meta del indicador.")
    assert edited.id == second and edited.text == "Precisar la meta del indicador." and edited.changed >= edited.created
    removed = notes.remove_observation(db, first)
    assert removed.about == "Actividad 1 del objetivo 1"
    assert [v.text for v in notes.observations(db)] == ["Precisar la meta del indicador."]


def test_review_states_with_their_note(central) -> None:  # noqa: ANN001
    db = central.central.db
    programme = notes.programme_id(db, TA, 2009, FormKind.III_2)
    assert notes.review(db, programme) is None
    view = notes.set_review(db, programme, "observado", "Revisar ponderaciones.")
    assert (view.programme, view.label) == ("III.2 Tarapacá 2009", "observado — Revisar ponderaciones.")
    view = notes.set_review(db, programme, "aprobado")
    assert view.label == "aprobado" and notes.review(db, programme).note == ""
    assert [r.programme for r in notes.reviews(db, region=TA, year=2009)] == ["III.2 Tarapacá 2009"]
    assert notes.reviews(db, year=2010) == []


def test_bad_input_is_refused_with_a_typed_spanish_error_and_changes_nothing(central) -> None:  # noqa: ANN001
    db = central.central.db
    iii1 = ProgrammeService(db).programme(TA, 2009, FormKind.III_1)
    kept = notes.add_observation(db, "objective", iii1.objectives[0].id, "Se queda.")
    before = snapshot(central.central)
    cases = [
        (TargetGoneError, "no hay objetivo 99", lambda: notes.target(db, TA, 2009, FormKind.III_1, 99)),
        (TargetGoneError, "no hay actividad 9", lambda: notes.target(db, TA, 2009, FormKind.III_1, 1, 9)),
        (EditError, "III.4", lambda: notes.target(db, TA, 2009, FormKind.III_4, 1)),
        (EditError, "no puede quedar vacía", lambda: notes.add_observation(db, "objective", iii1.objectives[0].id, " ")),
        (EditError, "máximo", lambda: notes.add_observation(db, "objective", iii1.objectives[0].id, "x" * 4001)),
        (EditError, "objetivo o una actividad", lambda: notes.add_observation(db, "programme", iii1.id, "x")),
        (TargetGoneError, "ya no existe", lambda: notes.add_observation(db, "commitment", iii1.id, "x")),
        (UnknownReviewStateError, "«rechazado»", lambda: notes.set_review(db, iii1.id, "rechazado")),
        (TargetGoneError, "El programa no existe", lambda: notes.set_review(db, iii1.objectives[0].id, "aprobado")),
        (TargetGoneError, "al menos 8", lambda: notes.edit_observation(db, "abc", "x")),
        (TargetGoneError, "ninguna observación", lambda: notes.remove_observation(db, "00000000")),
        (EditError, "no puede quedar vacía", lambda: notes.edit_observation(db, kept, "")),
    ]
    for error, words, attempt in cases:
        with pytest.raises(error, match=words):
            attempt()
    assert snapshot(central.central) == before


def test_only_the_central_office_writes_notes(central, tmp_path) -> None:  # noqa: ANN001
    db = central.ta.db
    iii1 = ProgrammeService(db).programme(TA, 2009, FormKind.III_1)
    before = snapshot(central.ta)
    for attempt in (lambda: notes.add_observation(db, "objective", iii1.objectives[0].id, "x"),
                    lambda: notes.set_review(db, iii1.id, "aprobado"),
                    lambda: notes.remove_observation(db, "00000000")):
        with pytest.raises(NotCentralOfficeError, match="oficina regional de Tarapacá \\(CL-TA\\)"):
            attempt()
    assert snapshot(central.ta) == before
    from db.engine import open_database

    bare = open_database(tmp_path / "sin-oficina.db")
    load_example(bare)
    with pytest.raises(NotCentralOfficeError, match="no está configurada como oficina"):
        notes.add_observation(bare, "objective", ProgrammeService(bare).programme(TA, 2009, FormKind.III_1)
                              .objectives[0].id, "x")
    bare.close()


def test_the_region_receives_the_notes_and_their_corrections(central) -> None:  # noqa: ANN001
    db = central.central.db
    iii1 = ProgrammeService(db).programme(TA, 2009, FormKind.III_1)
    target = iii1.objectives[0].commitments[0].id
    first = notes.add_observation(db, "commitment", target, "Falta el acta.")
    notes.add_observation(db, "objective", iii1.objectives[1].id, "Precisar el indicador.")
    notes.set_review(db, iii1.id, "observado", "Revisar ponderaciones.")
    _answer(central)
    region = notes.programme_observations(central.ta.db, iii1.id)
    assert [(v.about, v.text) for v in region] == [("Actividad 1 del objetivo 1", "Falta el acta."),
                                                    ("Objetivo 2", "Precisar el indicador.")]
    assert notes.review(central.ta.db, iii1.id).label == "observado — Revisar ponderaciones."
    notes.edit_observation(db, first, "Falta el acta firmada por la Seremi.")
    notes.remove_observation(db, [v for v in notes.observations(db) if v.id != first][0].id)
    notes.set_review(db, iii1.id, "aprobado", "")
    _answer(central)
    assert [v.text for v in notes.programme_observations(central.ta.db, iii1.id)] == ["Falta el acta firmada por la Seremi."]
    assert notes.review(central.ta.db, iii1.id).label == "aprobado"


def test_an_observation_outlives_the_record_it_is_about(central) -> None:  # noqa: ANN001
    db = central.central.db
    iii1 = ProgrammeService(db).programme(TA, 2009, FormKind.III_1)
    doomed = iii1.objectives[-1]
    notes.add_observation(db, "objective", doomed.id, "Este objetivo sobra.")
    _answer(central)
    ProgrammeService(central.ta.db).delete_objective(doomed.id)  # the region deletes it
    delta = service.export_bundle(central.ta.db, PASS, directory=central.root / "out")
    assert service.import_bundle(db, delta.path, PASS).outcome == "aceptado"
    [view] = notes.observations(db)
    assert view.gone and view.about == "Objetivo que ya no existe" and view.programme == ""
    assert notes.observations(db, year=2009) == []  # tied to no year any more
