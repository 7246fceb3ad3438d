"""What the window shows of the sync bundles: the office, what an export will carry, the
bundles sent and received, receipts, observations, review states, evidence files and the
national board. Plain read functions over the database (no Qt); the window calls them, and
the changes themselves go through :mod:`desktop.sync.service`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import queries
from db.engine import Database
from db.models import (
    CommitmentRow,
    Evidence,
    Installation,
    ObjectiveRow,
    Observation,
    OwnKey,
    ProgrammeReview,
    ProgressAnalysis,
    RegionRow,
    ReportingYear,
    SyncAudit,
    SyncBundle,
    SyncRecord,
    SyncStream,
    TrustedKey,
    WorkProgramme,
)
from desktop.domain.forms import PROGRAMME_FORMS, FormKind
from desktop.domain.regions import REGIONS, Region, find_region
from desktop.domain.scoring import ProgrammeScore, Verdict
from desktop.sync import keys as keylib
from desktop.sync.canonical import canonical_bytes
from desktop.sync.errors import InstallationError, PassphraseError
from desktop.wording import count, human_size

CENTRAL = "central"

#: Spanish labels of the tables a bundle carries (``docs/bundle-format.md`` names).
TABLE_LABELS = {
    "service": "Servicios",
    "reporting_year": "Años de reporte",
    "work_programme": "Programas de trabajo",
    "objective": "Objetivos",
    "commitment": "Metas y actividades",
    "progress_analysis": "Análisis del avance (III.4)",
    "evidence": "Medios de verificación (registros)",
    "observation": "Observaciones",
    "programme_review": "Estados de revisión",
}

_PATHS: dict[type, list[tuple[Any, Any]]] = {
    ReportingYear: [],
    WorkProgramme: [(ReportingYear, WorkProgramme.reporting_year_id == ReportingYear.id)],
    ObjectiveRow: [(WorkProgramme, ObjectiveRow.programme_id == WorkProgramme.id),
                   (ReportingYear, WorkProgramme.reporting_year_id == ReportingYear.id)],
    CommitmentRow: [(ObjectiveRow, CommitmentRow.objective_id == ObjectiveRow.id),
                    (WorkProgramme, ObjectiveRow.programme_id == WorkProgramme.id),
                    (ReportingYear, WorkProgramme.reporting_year_id == ReportingYear.id)],
    ProgressAnalysis: [(ObjectiveRow, ProgressAnalysis.objective_id == ObjectiveRow.id),
                       (WorkProgramme, ObjectiveRow.programme_id == WorkProgramme.id),
                       (ReportingYear, WorkProgramme.reporting_year_id == ReportingYear.id)],
    Evidence: [(CommitmentRow, Evidence.commitment_id == CommitmentRow.id),
               (ObjectiveRow, CommitmentRow.objective_id == ObjectiveRow.id),
               (WorkProgramme, ObjectiveRow.programme_id == WorkProgramme.id),
               (ReportingYear, WorkProgramme.reporting_year_id == ReportingYear.id)],
}
_REGIONAL = (("reporting_year", ReportingYear), ("work_programme", WorkProgramme), ("objective", ObjectiveRow),
             ("commitment", CommitmentRow), ("progress_analysis", ProgressAnalysis), ("evidence", Evidence))


def _scoped(model: type, *columns: Any):  # noqa: ANN202
    query = select(*columns).select_from(model)
    for target, on in _PATHS[model]:
        query = query.join(target, on)
    return query.join(RegionRow, ReportingYear.region_id == RegionRow.id)


# -- the office ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OfficeView:
    """This installation, for display.

    Attributes:
        office: "central" or the region's ISO code.
        fingerprint: short fingerprint of the active signing key.
        label: "Oficina central" or "Oficina regional de Tarapacá (CL-TA)".
    """

    office: str
    fingerprint: str

    @property
    def central(self) -> bool:
        """Whether this is the central office."""
        return self.office == CENTRAL

    @property
    def label(self) -> str:
        """A Spanish name of the office."""
        if self.central:
            return "Oficina central"
        return f"Oficina regional de {find_region(self.office).name} ({self.office})"


def office(db: Database) -> OfficeView | None:
    """This installation's office, or None when it is not set up yet (the example data works
    without an office)."""
    from desktop.sync import service

    try:
        info = service.office(db)
    except InstallationError:
        return None
    return OfficeView(info.office, info.fingerprint)


def check_passphrase(db: Database, passphrase: str) -> None:
    """Open this installation's active signing key with ``passphrase`` and forget it, so a
    batch of imports stops before the first file when the passphrase is wrong.

    Raises:
        PassphraseError: wrong or empty passphrase.
        InstallationError: the office is not set up.
    """
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    with db.reading() as session:
        key = session.scalar(select(OwnKey).where(OwnKey.status == "active").order_by(OwnKey.created_at.desc()))
        if key is None:
            raise InstallationError()
        pem = key.sign_private
    keylib.load_private(pem, passphrase, Ed25519PrivateKey)


PASSPHRASE_TRIES = 3
"""How many times a prompt (the window's dialog, the command line's terminal) asks the
passphrase when it is wrong; ``--passphrase-file`` is read once and fails at once."""


def passphrase_opens(db: Database, passphrase: str) -> bool:
    """Whether ``passphrase`` opens this installation's signing key: a prompt asks again when not.

    Args:
        passphrase: what was typed.

    Returns:
        False for a wrong (or empty) passphrase; True when it opens the key, and when the office
        is not set up (the operation itself says so).

    Raises:
        PassphraseError: the stored key is damaged (asking again cannot help).
    """
    if not passphrase:
        return False
    try:
        check_passphrase(db, passphrase)
    except InstallationError:
        return True
    except PassphraseError as exc:
        if str(exc) == PassphraseError.default:
            return False
        raise
    return True


def offices_trusted(db: Database) -> list[str]:
    """The offices with an active key in this installation's trust store, by code."""
    with db.reading() as session:
        rows = session.scalars(select(TrustedKey.office).where(TrustedKey.status == "active").distinct()).all()
    return sorted(set(rows), key=lambda o: "" if o == CENTRAL else find_region(o).cut)


# -- what an export carries ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExportPreview:
    """What the next bundle of this office will carry, read before building it.

    Attributes:
        sender: this office ("central" or a region code).
        recipient: the office it goes to.
        sequence: the bundle's sequence number.
        tables: (table name, records) in bundle order.
        evidence_files: evidence files carried (not yet held by the recipient).
        evidence_bytes: their total size.
        recipient_known: whether the trust store has the recipient's key (else export fails).
        receipt_sequence: central office only: the highest bundle of the region it acknowledges.
        deletions: regional office only: tombstones carried (records deleted since they were sent).
        base: regional office only: the acknowledged bundle whose later changes go (0: every
            record, a complete bundle).
        full: regional office only: a complete bundle was asked for (``--full``).
    """

    sender: str
    recipient: str
    sequence: int
    tables: tuple[tuple[str, int], ...]
    evidence_files: int
    evidence_bytes: int
    recipient_known: bool
    receipt_sequence: int | None = None
    deletions: int = 0
    base: int = 0
    full: bool = False

    @property
    def records(self) -> int:
        """Every record carried but the services (reference data the region's years name): what
        the export reports and the import counts as new or changed."""
        return sum(n for name, n in self.tables if name != "service")

    @property
    def file_name(self) -> str:
        """The default file name (as ``avance bundle export`` writes it)."""
        return f"{self.sender}-a-{self.recipient}-{self.sequence:06d}.avance"


@dataclass(frozen=True, slots=True)
class AnswerTarget:
    """Where the central office can send an answer: a region, or one of its installations when
    it has several (each answer is encrypted to one installation's key).

    Attributes:
        region: the region's code ("CL-TA").
        installation: the fingerprint of that installation's key; None when the region has one.
        label: for a list ("Tarapacá (CL-TA)", or "Tarapacá (CL-TA), instalación 65AA-0B0E-C858-51D5").
    """

    region: str
    installation: str | None
    label: str

    def file_name(self, preview: ExportPreview) -> str:
        """The default file name of this answer (as ``avance bundle export`` writes it)."""
        if self.installation is None:
            return preview.file_name
        return f"{preview.sender}-a-{preview.recipient}-{self.installation[:9]}-{preview.sequence:06d}.avance"


def answer_targets(db: Database) -> list[AnswerTarget]:
    """Every region with a trusted key, by CUT number; a region with several installations
    once per installation (oldest first)."""
    from desktop.sync import service

    out: list[AnswerTarget] = []
    with db.reading() as session:
        for code in offices_trusted(db):
            if code == CENTRAL:
                continue
            keys = service.recipients(session, code)
            short = f"{find_region(code).name} ({code})"
            if len(keys) == 1:
                out.append(AnswerTarget(code, None, short))
            else:
                for k in keys:
                    fp = keylib.fingerprint(k.sign_key_id)
                    out.append(AnswerTarget(code, fp, f"{short}, instalación {fp}"))
    return out


def _stream_row(session: Session, name: str) -> SyncStream | None:
    return session.scalar(select(SyncStream).where(SyncStream.stream == name))


def _acked(stream: SyncStream | None) -> set[str]:
    return set(json.loads(stream.acked_evidence)) if stream is not None else set()


def export_preview(db: Database, to: str | None = None, *, full: bool = False) -> ExportPreview:
    """What :func:`desktop.sync.service.export_bundle` would put in the next bundle.

    Args:
        to: central office only: the region to answer.
        full: regional office only: a complete bundle (every record), as ``--full``.

    Raises:
        InstallationError: the office is not set up.
        ValueError: the central office without a region, or an unknown region.
    """
    from desktop.sync import service

    info = service.office(db)
    with db.reading() as session:
        if info.office != CENTRAL:
            code = info.office
            stream = _stream_row(session, f"out:{CENTRAL}")
            plan = service.outgoing_changes(session, code, full=full)
            tables = tuple((name, len(plan.records[name])) for name in ("service", *(n for n, _ in _REGIONAL)))
            known = session.scalar(select(TrustedKey.id).where(TrustedKey.office == CENTRAL,
                                                                TrustedKey.status == "active").limit(1)) is not None
            return ExportPreview(code, CENTRAL, (stream.last_sequence if stream else 0) + 1, tables,
                                 len(plan.evidence), sum(size for _, size in plan.evidence), known,
                                 deletions=len(plan.tombstones), base=plan.base, full=full)
        if not to:
            raise ValueError("Indique a qué región responder.")
        code = find_region(to).iso_code
        stream = _stream_row(session, f"out:{code}")
        tables = tuple(
            (name, session.scalar(select(func.count(model.id)).where(model.region_code == code)) or 0)
            for name, model in (("observation", Observation), ("programme_review", ProgrammeReview))
        )
        received = session.scalar(select(func.max(SyncStream.last_sequence))
                                  .where(SyncStream.stream.like(f"in:{code}:%")))
        known = session.scalar(select(TrustedKey.id).where(TrustedKey.office == code,
                                                            TrustedKey.status == "active").limit(1)) is not None
        return ExportPreview(CENTRAL, code, (stream.last_sequence if stream else 0) + 1, tables, 0, 0, known,
                             received or 0)


# -- bundles, receipts, observations, reviews, audit ---------------------------------------------


@dataclass(frozen=True, slots=True)
class BundleEntry:
    """A bundle sent or received by this installation.

    Attributes:
        sent: True for a bundle this office exported, False for one it imported.
        office: the other office ("central" or a region code).
        sequence: its sequence number in its stream.
        when: when it was exported or imported here (UTC).
        summary: what it carried or changed (Spanish).
    """

    sent: bool
    office: str
    sequence: int
    when: dt.datetime
    summary: str


def _stream_office(stream: str) -> str:
    parts = stream.split(":")
    return parts[1] if len(parts) > 1 else stream


def bundles(db: Database) -> list[BundleEntry]:
    """Every bundle sent and received here, newest first."""
    with db.reading() as session:
        rows = session.scalars(select(SyncBundle).order_by(SyncBundle.created_at.desc(), SyncBundle.sequence.desc()))
        return [BundleEntry(r.direction == "out", _stream_office(r.stream), r.sequence, r.created_at, r.summary)
                for r in rows]


@dataclass(frozen=True, slots=True)
class ReceiptView:
    """A regional office's view of the central office's last receipt.

    Attributes:
        last_sent: the highest sequence exported to the central office (0: none yet).
        acknowledged: the highest sequence the central office says it applied (0: none).
        evidence_held: how many evidence files the central office says it holds.
    """

    last_sent: int
    acknowledged: int
    evidence_held: int


def receipt(db: Database) -> ReceiptView:
    """The last receipt from the central office (a regional office's outgoing stream)."""
    with db.reading() as session:
        stream = _stream_row(session, f"out:{CENTRAL}")
        if stream is None:
            return ReceiptView(0, 0, 0)
        return ReceiptView(stream.last_sequence, stream.acked_sequence, len(_acked(stream)))


def _objective_label(o: ObjectiveRow | None) -> str:
    if o is None:
        return "(ya no existe)"
    return f"Objetivo {o.position + 1}: {o.text}".strip()


def _commitment_label(c: CommitmentRow | None) -> str:
    if c is None:
        return "(ya no existe)"
    return c.description.strip() or f"Actividad {c.position + 1}"


def _programme_of(session: Session, programme_id: uuid.UUID) -> str:
    row = session.execute(select(WorkProgramme.form, ReportingYear.year, RegionRow.name)
                          .join(ReportingYear, WorkProgramme.reporting_year_id == ReportingYear.id)
                          .join(RegionRow, ReportingYear.region_id == RegionRow.id)
                          .where(WorkProgramme.id == programme_id)).first()
    return f"{row.form} {row.name} {row.year}" if row else "(programa que ya no existe)"


@dataclass(frozen=True, slots=True)
class ObservationEntry:
    """A central-office observation, with what it is about.

    Attributes:
        region: the region code.
        target: "objetivo" or "actividad".
        about: the objective's or commitment's text.
        programme: the form, region and year ("III.1 Tarapacá 2009").
        text: the observation.
        when: last changed (UTC).
    """

    region: str
    target: str
    about: str
    programme: str
    text: str
    when: dt.datetime


def observations(db: Database) -> list[ObservationEntry]:
    """Every observation held here (received from, or written by, the central office), newest first."""
    with db.reading() as session:
        result = []
        for o in session.scalars(select(Observation).order_by(Observation.updated_at.desc())):
            if o.target_kind == "objective":
                obj = session.get(ObjectiveRow, o.target_id)
                about, programme = _objective_label(obj), obj.programme_id if obj else None
            else:
                com = session.get(CommitmentRow, o.target_id)
                about = _commitment_label(com)
                programme = session.get(ObjectiveRow, com.objective_id).programme_id if com else None
            result.append(ObservationEntry(
                o.region_code, "objetivo" if o.target_kind == "objective" else "actividad", about,
                _programme_of(session, programme) if programme else "", o.text, o.updated_at))
        return result


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    """A programme's review state set by the central office."""

    programme: str
    status: str
    note: str
    when: dt.datetime


def reviews(db: Database) -> list[ReviewEntry]:
    """Every programme review state held here, by programme."""
    with db.reading() as session:
        rows = session.scalars(select(ProgrammeReview)).all()
        return sorted((ReviewEntry(_programme_of(session, r.programme_id), r.status, r.note, r.updated_at) for r in rows),
                      key=lambda e: e.programme)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One import outcome from the audit table."""

    when: dt.datetime
    file_name: str
    outcome: str
    message: str


AUDIT_OUTCOMES = {"ReplayError": "ya importado antes", "SupersededError": "ya cubierto"}
"""What a logged refusal that changed nothing and needs nothing is called where people read it
(as ``avance bundle import`` and the window's report say it), by the error's class name; the
audit table keeps "rechazado" and the class, its security trail."""


def audit(db: Database, limit: int = 50) -> list[AuditEntry]:
    """The latest import outcomes, newest first: "aceptado", "ya importado", "rechazado", and
    for a bundle imported before or covered by a later one "ya importado antes" / "ya cubierto"
    (:data:`AUDIT_OUTCOMES`), the words ``avance bundle import`` uses."""
    with db.reading() as session:
        rows = session.scalars(select(SyncAudit).order_by(SyncAudit.created_at.desc()).limit(limit))
        return [AuditEntry(r.created_at, r.file_name, AUDIT_OUTCOMES.get(r.error_code, r.outcome), r.message)
                for r in rows]


# -- evidence ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EvidenceEntry:
    """An evidence file (medio de verificación) attached to a commitment.

    Attributes:
        id: the evidence record id.
        commitment_id: its commitment.
        commitment: the commitment's text.
        name: the file's original name (a label only).
        size: bytes.
        sha256: the content hash (its name in the blob store).
        stored: whether the file is in this installation's blob store.
        acknowledged: this record (regional office) went in a bundle the central office's last
            receipt acknowledges, not changed since, and the receipt lists its file as held. Per
            record, not per file: a file attached a moment ago is not "received" because the
            central office holds the same bytes under another record.
        sent: this record went in a bundle to the central office (regional office).
        region: the region's ISO code.
        at_central: this installation is the central office: the states above do not apply
            (they are the regional office's outgoing stream), ``received_in`` does.
        received_in: central office: the sequence of the last bundle of the region that carried
            this record (None: no bundle brought it, e.g. a workbook imported here).
    """

    id: uuid.UUID
    commitment_id: uuid.UUID
    commitment: str
    name: str
    size: int
    sha256: str
    stored: bool
    acknowledged: bool
    sent: bool = False
    region: str = ""
    at_central: bool = False
    received_in: int | None = None

    @property
    def one_line_commitment(self) -> str:
        """The commitment's text on one line, shortened with "…" (for lists and columns)."""
        return _short(self.commitment, 80)


def evidence(db: Database, commitment_id: uuid.UUID | None = None, region: str | None = None) -> list[EvidenceEntry]:
    """The evidence files here (of one commitment, or one region, or all), by commitment and name.

    Args:
        commitment_id: only this commitment's.
        region: only this region's (ISO code, CUT number or name).

    Raises:
        UnknownRegionError: ``region`` is not a region.
    """
    from desktop.sync.blobs import BlobStore
    from desktop.sync.manifest import encode_row

    store = BlobStore.beside(db.path)
    code = find_region(region).iso_code if region is not None else None
    with db.reading() as session:
        central = session.scalar(select(Installation.kind)) == "central"
        received = {}  # central office: record -> the last bundle of its region that carried it
        if central:
            for i, q in session.execute(select(SyncRecord.record_id, SyncRecord.sequence).where(
                    SyncRecord.stream.like("in:%"), SyncRecord.table_name == "evidence", SyncRecord.digest != "")
                    .order_by(SyncRecord.updated_at)):
                received[i] = q  # the newest entry wins
        stream = _stream_row(session, f"out:{CENTRAL}")
        held = _acked(stream)
        acked = stream.acked_sequence if stream is not None else 0
        sent = {i: (d, q) for i, d, q in session.execute(
            select(SyncRecord.record_id, SyncRecord.digest, SyncRecord.sequence).where(
                SyncRecord.stream == f"out:{CENTRAL}", SyncRecord.table_name == "evidence"))}
        query = (select(Evidence, CommitmentRow, RegionRow.iso_code)
                 .join(CommitmentRow, Evidence.commitment_id == CommitmentRow.id)
                 .join(ObjectiveRow, CommitmentRow.objective_id == ObjectiveRow.id)
                 .join(WorkProgramme, ObjectiveRow.programme_id == WorkProgramme.id)
                 .join(ReportingYear, WorkProgramme.reporting_year_id == ReportingYear.id)
                 .join(RegionRow, ReportingYear.region_id == RegionRow.id))
        if commitment_id is not None:
            query = query.where(Evidence.commitment_id == commitment_id)
        if code is not None:
            query = query.where(RegionRow.iso_code == code)
        out = []
        for e, c, iso in session.execute(query.order_by(CommitmentRow.description, Evidence.name, Evidence.id)).all():
            said = sent.get(e.id)
            digest = hashlib.sha256(canonical_bytes(encode_row(e, Evidence))).hexdigest()
            acknowledged = said is not None and said[0] == digest and said[1] <= acked and e.sha256 in held
            if central:
                acknowledged = False
            out.append(EvidenceEntry(e.id, e.commitment_id, _commitment_label(c), e.name, e.size, e.sha256,
                                     store.has(e.sha256), acknowledged,
                                     not central and said is not None and said[0] == digest, iso,
                                     central, received.get(e.id)))
        return out


# -- the national board -------------------------------------------------------------------------------


def quarter_of(day: dt.date) -> int:
    """The calendar quarter (1–4) of ``day``."""
    return (day.month - 1) // 3 + 1


@dataclass(frozen=True, slots=True)
class RegionBoardRow:
    """One region on the national board.

    Attributes:
        region: the region.
        enrolled: the trust store has an active key of the region.
        last_sequence: the sequence of its last bundle imported (None: never sent).
        last_received: when that bundle was imported here (UTC).
        sent_this_quarter: a bundle of the region was imported during the current quarter.
        scores: its programmes' scores for the board's year, by form.
        last_created: when the region made that bundle: the creation time it signed in the
            manifest (UTC; None when never sent, or imported before migration 0005).
    """

    region: Region
    enrolled: bool
    last_sequence: int | None
    last_received: dt.datetime | None
    sent_this_quarter: bool
    scores: dict[FormKind, ProgrammeScore] = field(default_factory=dict)
    last_created: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class NationalBoard:
    """The central office's national board for a year.

    Attributes:
        year: the reporting year scored (None when no region has data).
        quarter: the current calendar quarter ("2026-T4").
        rows: every region of Chile, by CUT number.
        verdicts: "Desempeño anual servicio" per programme form (III.1 note (12)).
        service: CUMPLE only when every programme is CUMPLE (None without data).
        conflicts: open conflicts between two installations of one region, one Spanish line
            each (:func:`open_conflicts`).
        regions_with_data: how many regions of the 16 have data for the year here; with
            fewer, the verdicts are provisional (:attr:`qualifier`).
    """

    year: int | None
    quarter: str
    rows: tuple[RegionBoardRow, ...]
    verdicts: dict[FormKind, Verdict]
    service: Verdict | None
    conflicts: list[str]
    regions_with_data: int = 0

    @property
    def complete(self) -> bool:
        """Every region of Chile has data for the year (the verdicts are final)."""
        from desktop.services.summary import REGION_COUNT

        return self.regions_with_data >= REGION_COUNT

    @property
    def qualifier(self) -> str:
        """"provisional: 1 de 16 regiones con datos" while regions lack data, else ""."""
        from desktop.services.summary import provisional_qualifier

        return provisional_qualifier(self.regions_with_data) if self.service is not None else ""

    @property
    def silent(self) -> list[Region]:
        """The regions that have not sent a bundle this quarter."""
        return [r.region for r in self.rows if not r.sent_this_quarter]


def years(db: Database) -> list[int]:
    """The reporting years with data, ascending."""
    with db.reading() as session:
        return queries.years_with_data(session)


# -- conflicts between two installations of one region -------------------------------------------------

#: The kind of a record, singular, by table (a commitment is an "actividad" or a "meta anual").
RECORD_KINDS = {
    "service": "servicio",
    "reporting_year": "año de reporte",
    "work_programme": "programa de trabajo",
    "objective": "objetivo",
    "commitment": "actividad",
    "progress_analysis": "análisis del avance (III.4)",
    "evidence": "medio de verificación",
}

#: Spanish names of the fields a conflict can differ in (the forms' own column names where
#: they have one; ``docs/bundle-format.md`` names the columns).
FIELD_LABELS = {
    "position": "Orden en el formulario",
    "section": "Sección (III.3)",
    "text": "Objetivo específico",
    "indicator": "Indicador",
    "indicator_result": "Resultado anual del indicador",
    "kind": "Meta anual o actividad",
    "description": "Meta anual o actividades comprometidas",
    "responsible_unit": "Unidad Responsable",
    "verification_means": "Medio de verificación",
    "weight_text": "Ponderación (%)",
    "weight": "Ponderación leída (%)",
    "met": "Cumple/no cumple",
    "quarter": "Trimestre",
    "objective_text": "Objetivo específico (III.4)",
    "progress": "Avance efectivo en la implementación de las actividades",
    "authority_measures": "Avance en la implementación de las medidas de la autoridad",
    "recommendations": "Recomendaciones y compromisos para superar dificultades",
    "responsible": "Responsable",
    "form": "Formulario",
    "responsible_office": "Responsable regional",
    "instance_name": "Identificación de la instancia",
    "main_problem": "Principal problema a resolver",
    "territories": "Territorio(s) en el/ los que opera",
    "institutions": "Instituciones participantes",
    "products": "Productos o subproductos",
    "year": "Año",
    "service_id": "Servicio",
    "region_id": "Región",
    "reporting_year_id": "Año de reporte",
    "programme_id": "Programa de trabajo",
    "objective_id": "Objetivo al que pertenece",
    "commitment_id": "Actividad a la que pertenece",
    "name": "Nombre",
    "acronym": "Sigla",
    "sha256": "Contenido (huella SHA-256)",
    "size": "Tamaño",
}
_TABLE_FIELD_LABELS = {("evidence", "name"): "Nombre del archivo", ("service", "name"): "Nombre del servicio"}
_NOT_COMPARED = ("id", "created_at", "updated_at")
DELETED = "(registro eliminado)"
"""What a deleted version shows in place of each field."""


def field_label(table: str, column: str) -> str:
    """The Spanish name of ``column`` of ``table`` ("Meta anual o actividades comprometidas")."""
    return _TABLE_FIELD_LABELS.get((table, column)) or FIELD_LABELS.get(column, column)


def field_text(column: str, value: Any) -> str:  # noqa: ANN401
    """A field's value as a manifest writes it, for people: "Sí"/"No", "T2", order from 1,
    sizes in KB/MB, "(vacío)" for nothing."""
    if column == "met":
        return "(sin marcar)" if value is None else ("Sí" if value else "No")
    if value is None or value == "":
        return "(vacío)"
    if isinstance(value, bool):
        return "Sí" if value else "No"
    if column == "kind":
        return {"activity": "actividad", "goal": "meta anual"}.get(value, str(value))
    if column == "position" and isinstance(value, int):
        return str(value + 1)  # stored from 0; the form counts from 1
    if column == "quarter" and isinstance(value, int):
        return f"T{value}"
    if column == "size" and isinstance(value, int):
        return human_size(value)
    return str(value)


@dataclass(frozen=True, slots=True)
class FieldDifference:
    """One field in which the two versions of a conflict differ.

    Attributes:
        field: the column name.
        label: its Spanish name.
        current: the value held here, for people (:data:`DELETED` when that version is a deletion).
        incoming: the other installation's value, likewise.
    """

    field: str
    label: str
    current: str
    incoming: str


def conflict_differences(table: str, current: dict[str, Any] | None, incoming: dict[str, Any] | None,
                         describe: Callable[[str, Any], str | None] | None = None) -> tuple[FieldDifference, ...]:
    """The fields in which two versions of one record differ, in the table's column order.

    The id and the timestamps are not compared. The weight as read (``weight``) is left out
    when the weight as written (``weight_text``) differs too: it only follows it. When one
    version is a deletion, every field of the other that has a value is listed, against
    :data:`DELETED`.

    Args:
        table: the table's name in a bundle ("commitment").
        current, incoming: the two versions (records as a manifest writes them; None: deleted).
        describe: optional ``describe(column, value)`` naming a referenced record (an
            ``objective_id``'s objective); None or no answer shows the value itself.

    Returns:
        One :class:`FieldDifference` per differing field (empty when both are equal or both None).
    """
    if current is None and incoming is None:
        return ()
    columns = list(dict.fromkeys([*(current or {}), *(incoming or {})]))

    def text(version: dict[str, Any] | None, column: str) -> str:
        if version is None:
            return DELETED
        value = version.get(column)
        named = describe(column, value) if describe is not None and value is not None else None
        return named if named is not None else field_text(column, value)

    found = []
    for column in columns:
        if column in _NOT_COMPARED:
            continue
        if current is not None and incoming is not None:
            if current.get(column) == incoming.get(column):
                continue
            if column == "weight" and current.get("weight_text") != incoming.get("weight_text"):
                continue
        else:
            present = current if current is not None else incoming
            if present.get(column) in (None, "") or column == "weight":
                continue
        found.append(FieldDifference(column, field_label(table, column), text(current, column), text(incoming, column)))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class ConflictView:
    """An open conflict as the window shows it: which record, the two versions side by side.

    Attributes:
        id: the conflict's id (what :func:`desktop.sync.service.resolve_conflict` takes).
        region: the region code; ``region_name`` its name.
        table: the table's name in a bundle; ``kind`` the record's kind in Spanish ("actividad").
        record: which record: the objective's or activity's text, the III.4 row, the file name.
        programme: its programme ("III.1 Tarapacá 2009"), or "" when it has none or it is gone.
        current_source, incoming_source: where each version comes from, in Spanish
            ("paquete n.º 2 de la instalación con clave 1A2B-…").
        current_sequence, incoming_sequence: the bundles that carried each version (0: unknown).
        current_changed, incoming_changed: when each version was last edited (UTC; None for a
            deletion or an unreadable time).
        current_deleted, incoming_deleted: the version is a deletion.
        differences: the fields that differ.
    """

    id: uuid.UUID
    region: str
    region_name: str
    table: str
    kind: str
    record: str
    programme: str
    current_source: str
    incoming_source: str
    current_sequence: int
    incoming_sequence: int
    current_changed: dt.datetime | None
    incoming_changed: dt.datetime | None
    current_deleted: bool
    incoming_deleted: bool
    differences: tuple[FieldDifference, ...]

    @property
    def short_id(self) -> str:
        """The first 8 characters of the id (``avance bundle resolve`` accepts them)."""
        return str(self.id)[:8]


def _as_uuid(value: Any) -> uuid.UUID | None:  # noqa: ANN401
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _programme_of_version(session: Session, table: str, record_id: uuid.UUID, version: dict[str, Any]) -> str:
    """The programme a record belongs to, through the parents held here ("" when gone)."""
    programme_id: uuid.UUID | None = None
    if table == "work_programme":
        programme_id = record_id
    elif table == "objective":
        programme_id = _as_uuid(version.get("programme_id"))
    elif table in ("commitment", "progress_analysis", "evidence"):
        parent = _as_uuid(version.get("commitment_id" if table == "evidence" else "objective_id"))
        if table == "evidence" and parent is not None:
            commitment = session.get(CommitmentRow, parent)
            parent = commitment.objective_id if commitment is not None else None
        objective = session.get(ObjectiveRow, parent) if parent is not None else None
        programme_id = objective.programme_id if objective is not None else None
    if programme_id is None or session.get(WorkProgramme, programme_id) is None:
        return ""
    return _programme_of(session, programme_id)


def _record_label(table: str, version: dict[str, Any]) -> str:
    """Which record a version is, in the words of its form."""
    position = version.get("position")
    number = position + 1 if isinstance(position, int) else ""
    if table == "objective":
        return f"Objetivo {number}: {version.get('text') or ''}".strip().rstrip(":")
    if table == "commitment":
        kind = field_text("kind", version.get("kind")).capitalize()
        return (version.get("description") or "").strip() or f"{kind} {number}".strip()
    if table == "progress_analysis":
        return f"{(version.get('objective_text') or '').strip() or 'Objetivo'} ({field_text('quarter', version.get('quarter'))})"
    if table == "work_programme":
        return f"Programa {version.get('form') or ''}".strip()
    if table == "reporting_year":
        return f"Año {version.get('year')}"
    if table == "evidence":
        return str(version.get("name") or "(sin nombre)")
    return str(version.get("name") or version.get("acronym") or "")


def _changed(version: dict[str, Any] | None) -> dt.datetime | None:
    from desktop.sync.errors import ManifestError
    from desktop.sync.manifest import parse_timestamp

    if version is None or version.get("updated_at") is None:
        return None
    try:
        return parse_timestamp(version["updated_at"], "updated_at")
    except ManifestError:
        return None


def _source(sequence: int, installation: str | None, keys: dict[str, str]) -> str:
    """ "paquete n.º 2 de la instalación con clave 1A2B-…" (what can be said of it)."""
    if installation is None and not sequence:
        return "versión que esta oficina ya tenía (no se sabe de qué paquete)"
    who = (f"la instalación con clave {keys[installation]}" if installation in keys
           else f"la instalación {installation[:8]}" if installation else "una instalación desconocida")
    return f"paquete n.º {sequence} de {who}" if sequence else f"versión de {who}"


def _describer(session: Session) -> Callable[[str, Any], str | None]:
    def describe(column: str, value: Any) -> str | None:  # noqa: ANN401
        ident = _as_uuid(value) if column.endswith("_id") else None
        if ident is None:
            return None
        if column == "objective_id":
            return _objective_label(session.get(ObjectiveRow, ident))
        if column == "commitment_id":
            return _commitment_label(session.get(CommitmentRow, ident))
        if column == "programme_id":
            return _programme_of(session, ident)
        if column == "region_id":
            region = session.get(RegionRow, ident)
            return region.name if region is not None else None
        return None

    return describe


def conflict_views(db: Database) -> list[ConflictView]:
    """The open conflicts between two installations of one region, oldest first, as the window
    shows them: the record's kind, text and programme, where each version comes from, and the
    fields that differ (:func:`conflict_differences`)."""
    from desktop.sync import service

    found = service.conflicts(db)
    if not found:
        return []
    with db.reading() as session:
        keys = {str(k.installation_id): keylib.fingerprint(k.sign_key_id)
                for k in session.scalars(select(TrustedKey).order_by(TrustedKey.created_at))}  # the newest key wins
        describe = _describer(session)
        views = []
        for c in found:
            shown = c.current if c.current is not None else c.incoming or {}
            kind = RECORD_KINDS.get(c.table, c.table)
            if c.table == "commitment":
                kind = field_text("kind", shown.get("kind"))
            views.append(ConflictView(
                c.id, c.region, find_region(c.region).name, c.table, kind, _record_label(c.table, shown),
                _programme_of_version(session, c.table, c.record_id, shown),
                _source(c.current_sequence, c.current_sender, keys),
                _source(c.incoming_sequence, c.incoming_sender or None, keys),
                c.current_sequence, c.incoming_sequence, _changed(c.current), _changed(c.incoming),
                c.current is None, c.incoming is None,
                conflict_differences(c.table, c.current, c.incoming, describe)))
        return views


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def conflict_line(view: ConflictView) -> str:
    """One Spanish line about an open conflict (the national board lists them)."""
    where = view.programme or view.region_name
    if view.incoming_deleted:
        what = f"el paquete n.º {view.incoming_sequence} de otra instalación trae su eliminación"
    else:
        what = (f"el paquete n.º {view.incoming_sequence} de otra instalación trae otra versión "
                f"({count(len(view.differences), 'campo distinto', 'campos distintos')})")
    kept = f"la del paquete n.º {view.current_sequence}" if view.current_sequence else "la que ya estaba aquí"
    return f"{where} — {view.kind} «{_short(view.record)}»: {what}; por ahora se conserva {kept}."


def open_conflicts(db: Database) -> list[str]:
    """The open conflicts (one record edited by two installations of one region), one Spanish
    line each (:func:`conflict_line`), oldest first."""
    return [conflict_line(v) for v in conflict_views(db)]


def _last_bundles(session: Session) -> dict[str, tuple[int, dt.datetime, dt.datetime | None]]:
    """Region -> (sequence, imported at, signed creation time) of its last bundle imported."""
    last: dict[str, tuple[int, dt.datetime, dt.datetime | None]] = {}
    for stream, sequence, when, signed in session.execute(
        select(SyncBundle.stream, SyncBundle.sequence, SyncBundle.created_at, SyncBundle.signed_at)
        .where(SyncBundle.direction == "in")
    ):
        code = _stream_office(stream)
        if code not in last or when > last[code][1]:
            last[code] = (sequence, when, signed)
    return last


def national_board(db: Database, year: int | None = None, today: dt.date | None = None,
                   quarter_day: dt.date | None = None) -> NationalBoard:
    """Each region's last bundle (when the region made it, as signed, and when it was imported
    here), who has not sent this quarter (by import time), each programme's regional
    performance and the service verdict (the same as ``avance summary --national``).

    Args:
        year: the reporting year to score (default the latest with data).
        today: the date of the year-end rules when scoring (default today).
        quarter_day: the date that sets the current quarter (default ``today``).
    """
    from desktop.services.summary import national_summary

    today = today or dt.date.today()
    quarter_day = quarter_day or today
    quarter = quarter_of(quarter_day)
    start = dt.datetime(quarter_day.year, 3 * (quarter - 1) + 1, 1).astimezone(dt.UTC)
    with db.reading() as session:
        last = _last_bundles(session)
        enrolled = set(session.scalars(select(TrustedKey.office).where(TrustedKey.status == "active")))
        available = queries.years_with_data(session)
    if year is None and available:
        year = available[-1]
    scores: dict[str, dict[FormKind, ProgrammeScore]] = {}
    verdicts: dict[FormKind, Verdict] = {}
    overall: Verdict | None = None
    with_data = 0
    if year is not None and year in available:
        summary = national_summary(db, year, today)
        for r in summary.regions:
            scores[r.region.iso_code] = {s.form: s for s in r.scores}
        verdicts, overall, with_data = summary.verdicts, summary.service, summary.regions_with_data
    none = (None, None, None)
    rows = tuple(
        RegionBoardRow(region, region.iso_code in enrolled,
                       last.get(region.iso_code, none)[0],
                       last.get(region.iso_code, none)[1],
                       region.iso_code in last and last[region.iso_code][1] >= start,
                       scores.get(region.iso_code, {}),
                       last.get(region.iso_code, none)[2])
        for region in REGIONS
    )
    return NationalBoard(year, f"{quarter_day.year}-T{quarter}", rows, dict(verdicts), overall, open_conflicts(db),
                         with_data)


def forms_on_board(board: NationalBoard) -> tuple[FormKind, ...]:
    """The programme forms any region committed, in form order."""
    present: set[FormKind] = set()
    for row in board.rows:
        present.update(row.scores)
    return tuple(f for f in PROGRAMME_FORMS if f in present)


__all__ = [
    "DELETED", "FIELD_LABELS", "RECORD_KINDS", "AuditEntry", "BundleEntry", "ConflictView", "EvidenceEntry",
    "ExportPreview", "FieldDifference", "NationalBoard", "ObservationEntry", "OfficeView", "ReceiptView",
    "RegionBoardRow", "ReviewEntry", "TABLE_LABELS", "audit", "bundles", "check_passphrase", "conflict_differences",
    "conflict_line", "conflict_views", "evidence", "export_preview", "field_label", "field_text", "forms_on_board",
    "human_size", "national_board", "observations", "office", "offices_trusted", "open_conflicts", "quarter_of",
    "receipt", "reviews", "years",
]
