"""Who may change a region's records in this installation (issue 3, part 3: "each record has
one owner: the region for its programmes").

At the central office, the records of a region that sends sync bundles are read-only: they
arrive in the region's bundles, and a change made here would never reach the region (its next
bundle, a delta, does not touch a record it did not change), so the two offices would differ
without anyone noticing. A region *sends bundles* when the central office trusts one of its
keys (any status: enrolled, rotated or revoked) or has imported a bundle from it. A region that
does not use Avance (its data came to the central office in a legacy Excel workbook, issue 4)
stays editable there. At a regional office, or an installation not set up as an office,
nothing is read-only: its own region is its own, and other regions' data there is only local.

Every service that writes a region's records asks :func:`check_region` or :func:`check_record`
inside its transaction (the edits of :mod:`desktop.services.programmes`, the row operations of
:mod:`desktop.services.structure`, evidence attached by :mod:`desktop.sync.service`); the Excel
import asks :func:`excel_problem`. Importing bundles and resolving conflicts are how the
central office receives the region's records, and do not ask.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import Database
from db.models import (
    CommitmentRow,
    Evidence,
    Installation,
    ObjectiveRow,
    ProgressAnalysis,
    RegionRow,
    ReportingYear,
    SyncStream,
    TrustedKey,
    WorkProgramme,
)
from desktop.domain.regions import Region, find_region
from desktop.errors import RegionOwnedError
from desktop.wording import office_name

CENTRAL = "central"

#: How to climb from a record to its reporting year: model -> (parent model, foreign key).
_PARENT: dict[type, tuple[type, Any]] = {
    Evidence: (CommitmentRow, Evidence.commitment_id),
    ProgressAnalysis: (ObjectiveRow, ProgressAnalysis.objective_id),
    CommitmentRow: (ObjectiveRow, CommitmentRow.objective_id),
    ObjectiveRow: (WorkProgramme, ObjectiveRow.programme_id),
    WorkProgramme: (ReportingYear, WorkProgramme.reporting_year_id),
}


def synced_regions(session: Session) -> frozenset[str]:
    """The ISO codes of the regions whose records are read-only here: at the central office,
    every region with a trusted key or an incoming bundle stream; elsewhere none.

    Args:
        session: an open session.

    Returns:
        The region codes ("CL-TA"); empty at a regional office or an installation not set up.
    """
    inst = session.scalar(select(Installation))
    if inst is None or inst.kind != CENTRAL:
        return frozenset()
    codes = set(session.scalars(select(TrustedKey.office).where(TrustedKey.office != CENTRAL)))
    for stream in session.scalars(select(SyncStream.stream).where(SyncStream.stream.like("in:%"))):
        parts = stream.split(":")
        if len(parts) > 1 and parts[1] != CENTRAL:
            codes.add(parts[1])
    return frozenset(codes)


def read_only_text(code: str) -> str:
    """Why a region's records cannot be changed here, and what to do, in Spanish (what the
    window says of a read-only form).

    Args:
        code: the region's ISO code.
    """
    return (f"Estos datos son de la {office_name(code)}: llegan en sus paquetes. La oficina central no los "
            "modifica (el cambio no llegaría a la región); pida la corrección a esa oficina o déjele una "
            "observación.")


def owned_message(code: str) -> str:
    """The refusal of a change to a region's records: :func:`read_only_text` and that nothing
    changed."""
    return read_only_text(code) + " No se cambió nada."


def check_region(session: Session, region: Region | str) -> None:
    """Refuse a change to ``region``'s records when they arrive here in its bundles.

    Args:
        session: the session of the transaction that would write.
        region: the region, or its code in any form :func:`find_region` takes.

    Raises:
        RegionOwnedError: this is the central office and the region sends bundles.
    """
    code = region.iso_code if isinstance(region, Region) else find_region(region).iso_code
    if code in synced_regions(session):
        raise RegionOwnedError(code, owned_message(code))


def region_of(session: Session, model: type, record_id: uuid.UUID) -> str | None:
    """The ISO code of the region a record belongs to (None when the record is not here).

    Args:
        model: :class:`ReportingYear`, :class:`WorkProgramme`, :class:`ObjectiveRow`,
            :class:`CommitmentRow`, :class:`ProgressAnalysis` or :class:`Evidence`.
        record_id: the record's id.
    """
    query = select(RegionRow.iso_code).select_from(model)
    current = model
    while current is not ReportingYear:
        parent, column = _PARENT[current]
        query = query.join(parent, column == parent.id)
        current = parent
    query = query.join(RegionRow, ReportingYear.region_id == RegionRow.id).where(model.id == record_id)
    return session.scalar(query)


def check_record(session: Session, model: type, record_id: uuid.UUID) -> None:
    """Refuse a change to a record whose region sends it here in its bundles (a record that is
    not here passes: the caller says it is missing).

    Raises:
        RegionOwnedError: as :func:`check_region`.
    """
    code = region_of(session, model, record_id)
    if code is not None:
        check_region(session, code)


def read_only_reason(db: Database, region: Region) -> str | None:
    """Why ``region``'s records are read-only here (what the window shows), or None when they
    can be edited."""
    with db.reading() as session:
        if region.iso_code in synced_regions(session):
            return read_only_text(region.iso_code)
    return None


def excel_problem(session: Session, region: Region) -> str | None:
    """The Excel import's problem with a workbook of ``region`` (None: it may be imported).

    Returns:
        A Spanish sentence when this is the central office and the region sends bundles.
    """
    if region.iso_code not in synced_regions(session):
        return None
    return (f"La oficina central recibe los datos de {region.name} ({region.iso_code}) en los paquetes de su "
            "oficina regional: no se importan desde Excel. Pida a esa oficina que exporte un paquete.")


__all__ = ["check_record", "check_region", "excel_problem", "owned_message", "read_only_reason", "read_only_text",
           "region_of", "synced_regions"]
