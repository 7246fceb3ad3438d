"""The pure rules of structural edits: the order of rows and what a new year carries over."""

from __future__ import annotations

import uuid

import pytest

from desktop.domain.records import Commitment, CommitmentKind, Objective
from desktop.domain.structure import CarryOver, carried_objective, is_valid_year, moved, positions

A, B, C, D = (uuid.uuid4() for _ in range(4))


def test_moved_swaps_with_the_neighbour() -> None:
    assert moved([A, B, C], B, -1) == [B, A, C]
    assert moved([A, B, C], B, 1) == [A, C, B]
    assert moved([A, B, C], A, -1) is None
    assert moved([A, B, C], C, 1) is None


def test_moved_stays_in_its_group() -> None:
    """III.3: an objective moves among those of its section only."""
    groups = ["11", "11", "12", "12"]
    assert moved([A, B, C, D], B, 1, groups) is None
    assert moved([A, B, C, D], C, -1, groups) is None
    assert moved([A, B, C, D], D, -1, groups) == [A, B, D, C]


def test_moved_refuses_bad_steps_and_ids() -> None:
    with pytest.raises(ValueError):
        moved([A, B], A, 2)
    with pytest.raises(ValueError):
        moved([A, B], C, 1)


def test_positions_number_in_print_order() -> None:
    assert positions([C, A, B]) == {C: 0, A: 1, B: 2}


@pytest.mark.parametrize(("year", "ok"), [(1999, False), (2000, True), (2010, True), (2100, True), (2101, False),
                                          (True, False)])
def test_valid_years(year: int, ok: bool) -> None:
    assert is_valid_year(year) is ok


def _objective() -> Objective:
    commitments = (
        Commitment(A, 0, CommitmentKind.ACTIVITY, "Taller", "Unidad de Gestión", "Actas", "0.5%  0.5%", True),
        Commitment(B, 1, CommitmentKind.GOAL, "Meta", "Dirección", "Informe", "01%", False),
    )
    return Objective(C, 7, "Asesorar a los SSPP", "N.º de servicios asesorados", "85 %", "12", commitments)


def test_carry_objectives_keeps_text_indicator_and_section_only() -> None:
    """Seed 001, III.1 (2), (3): carried over; (4) is the year's own result."""
    new = carried_objective(_objective(), 0, CarryOver.OBJECTIVES)
    assert (new.text, new.indicator, new.section, new.position) == ("Asesorar a los SSPP", "N.º de servicios asesorados",
                                                                    "12", 0)
    assert new.indicator_result == "" and new.commitments == ()
    assert new.id != C


def test_carry_activities_without_compliance() -> None:
    """Seed 001, III.1 (9): compliance is judged at year end, never carried."""
    new = carried_objective(_objective(), 3, CarryOver.ACTIVITIES)
    assert [(c.kind, c.description, c.responsible_unit, c.verification_means, c.weight_text, c.position, c.met)
            for c in new.commitments] == [
        (CommitmentKind.ACTIVITY, "Taller", "Unidad de Gestión", "Actas", "0.5%  0.5%", 0, None),
        (CommitmentKind.GOAL, "Meta", "Dirección", "Informe", "01%", 1, None),
    ]
    assert not {c.id for c in new.commitments} & {A, B}
    assert new.indicator_result == ""
    with pytest.raises(ValueError):
        carried_objective(_objective(), 0, CarryOver.NOTHING)
