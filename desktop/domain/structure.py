"""Rules for changing the shape of a work programme: the order of objectives and activities,
and what a new reporting year carries over from the year before.

Pure functions over :mod:`desktop.domain.records`; the services apply them to the database
(:mod:`desktop.services.structure`).
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable, Sequence
from dataclasses import replace
from enum import StrEnum

from desktop.domain.records import Commitment, Objective

FIRST_YEAR = 2000
"""The earliest reporting year accepted (the same range as the command line and the Excel import)."""

LAST_YEAR = 2100
"""The latest reporting year accepted."""


def is_valid_year(year: int) -> bool:
    """Whether ``year`` is a reporting year Avance accepts (2000–2100).

    Args:
        year: the year ("ejercicio"), e.g. 2010.

    Returns:
        True inside :data:`FIRST_YEAR`–:data:`LAST_YEAR`.
    """
    return isinstance(year, int) and not isinstance(year, bool) and FIRST_YEAR <= year <= LAST_YEAR


class CarryOver(StrEnum):
    """What a new reporting year takes from the region's latest earlier year.

    Source: seed 001, III.1 notes (2) and (3): "El objetivo específico es el mismo que se planteó
    en la etapa 2" and the indicator is the one "que se determinó para este objetivo en la etapa
    2": carried over, not rewritten (DOMAIN.md rule 7). Results are the year's own: the
    indicator's annual result (4) is recorded "al terminar el ejercicio" and compliance (9) is
    judged at year end, so neither is carried, nor the III.4 analysis, nor evidence files.
    """

    NOTHING = "nada"
    """Three empty programmes."""
    OBJECTIVES = "objetivos"
    """The specific objectives (2) with their indicators (3) and III.3 sections."""
    ACTIVITIES = "actividades"
    """The objectives and their annual goals or activities (5) with the responsible unit (6),
    the means of verification (7) and the weight (8), without compliance (9)."""


def carried_commitment(commitment: Commitment, position: int) -> Commitment:
    """The commitment as the new year starts it: same texts and weight, a new id, no "Cumple".

    Args:
        commitment: the earlier year's commitment.
        position: its order within the new objective, from 0.

    Returns:
        A new :class:`Commitment` with ``met`` None (seed 001, III.1 note (9): judged at year end).
    """
    return replace(commitment, id=uuid.uuid4(), position=position, met=None)


def carried_objective(objective: Objective, position: int, carry: CarryOver) -> Objective:
    """The objective as the new year starts it (seed 001, III.1 notes (2), (3), (4)).

    Args:
        objective: the earlier year's objective.
        position: its order within the new programme, from 0.
        carry: :attr:`CarryOver.OBJECTIVES` (no commitments) or :attr:`CarryOver.ACTIVITIES`.

    Returns:
        A new :class:`Objective` with a new id, the same text, indicator and section, an empty
        annual result (4), and (with activities) its commitments carried by
        :func:`carried_commitment`.

    Raises:
        ValueError: ``carry`` is :attr:`CarryOver.NOTHING`.
    """
    if carry is CarryOver.NOTHING:
        raise ValueError("Nada que traspasar.")
    commitments = ()
    if carry is CarryOver.ACTIVITIES:
        commitments = tuple(carried_commitment(c, i) for i, c in enumerate(objective.commitments))
    return replace(objective, id=uuid.uuid4(), position=position, indicator_result="", commitments=commitments)


def moved(order: Sequence[uuid.UUID], target: uuid.UUID, step: int,
          groups: Sequence[Hashable] | None = None) -> list[uuid.UUID] | None:
    """``order`` with ``target`` swapped with its neighbour ``step`` places away (-1 up, +1 down).

    A record moves only among those of its group (III.3: the objectives of one section (11),
    (12) or (13); an activity among those of its objective).

    Args:
        order: ids in print order.
        target: the id to move.
        step: -1 (Subir) or +1 (Bajar).
        groups: the group of each id of ``order`` (same length); None: one group.

    Returns:
        The new order, or None when ``target`` is already first (or last) of its group.

    Raises:
        ValueError: ``target`` is not in ``order``, or ``step`` is not ±1.
    """
    if step not in (-1, 1):
        raise ValueError(f"Paso inválido: {step}.")
    items = list(order)
    i = items.index(target)
    j = i + step
    if not 0 <= j < len(items):
        return None
    if groups is not None and groups[i] != groups[j]:
        return None
    items[i], items[j] = items[j], items[i]
    return items


def positions(order: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
    """The position of each id when ``order`` is numbered 0, 1, 2… (print order).

    Objectives are numbered across the whole programme (III.3 too, section after section) and
    activities within their objective, as the example data and the Excel import number them.
    """
    return {record_id: i for i, record_id in enumerate(order)}


__all__ = ["FIRST_YEAR", "LAST_YEAR", "CarryOver", "carried_commitment", "carried_objective", "is_valid_year",
           "moved", "positions"]
