"""SQLAlchemy 2.x typed models of the local store.

Every record has a stable UUID (``id``) and ``created_at`` / ``updated_at`` timestamps in UTC,
which the sync bundles of a later issue rely on. The schema is created and changed only by the
Alembic migrations in ``db/alembic/versions``; ``tests/db/test_migrations.py`` checks that the
migrations and these models agree.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """The current time in UTC, timezone-aware."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored as UTC and read back timezone-aware (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect):  # noqa: ANN001
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: use an aware UTC datetime")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect):  # noqa: ANN001
        return None if value is None else value.replace(tzinfo=dt.UTC)


class DecimalText(TypeDecorator[Decimal]):
    """A Decimal stored as its exact text ("0.05"), so SQLite never turns it into a float."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect):  # noqa: ANN001
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"expected Decimal, got {type(value).__name__}")
        return format(value, "f")

    def process_result_value(self, value: str | None, dialect):  # noqa: ANN001
        return None if value is None else Decimal(value)


class Base(DeclarativeBase):
    """Declarative base with the naming convention the migrations use."""

    metadata = MetaData(naming_convention=NAMING)


class Record:
    """Mixin: stable UUID and created/updated timestamps (UTC)."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Service(Record, Base):
    """The public service that reports (SERNAM).

    Columns: ``name`` ("Servicio Nacional de la Mujer"), ``acronym`` ("SERNAM").
    """

    __tablename__ = "service"
    name: Mapped[str] = mapped_column(String(200))
    acronym: Mapped[str] = mapped_column(String(40), unique=True)


class RegionRow(Record, Base):
    """One of the 16 regions, column (1) "Región" (seeded by the first migration).

    Columns: ``cut`` CUT number ("01"), ``iso_code`` ISO 3166-2:CL ("CL-TA"), ``name``.
    """

    __tablename__ = "region"
    cut: Mapped[str] = mapped_column(String(2), unique=True)
    iso_code: Mapped[str] = mapped_column(String(6), unique=True)
    name: Mapped[str] = mapped_column(String(100))


class ReportingYear(Record, Base):
    """A region's reporting year for a service ("ejercicio 2009").

    Columns: ``year``; ``responsible_office``, the regional office responsible, III.1–III.4
    note (1) ("DIRECCION REGIONAL", "Seremía").
    """

    __tablename__ = "reporting_year"
    __table_args__ = (UniqueConstraint("service_id", "region_id", "year", name="service_region_year"),)
    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("service.id", ondelete="RESTRICT"))
    region_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("region.id", ondelete="RESTRICT"))
    year: Mapped[int] = mapped_column(Integer)
    responsible_office: Mapped[str] = mapped_column(Text, default="")

    service: Mapped[Service] = relationship()
    region: Mapped[RegionRow] = relationship()
    programmes: Mapped[list["WorkProgramme"]] = relationship(
        back_populates="reporting_year", cascade="all, delete-orphan", order_by="WorkProgramme.form"
    )


class WorkProgramme(Record, Base):
    """A work programme: the content of form III.1, III.2 or III.3 for one region and year.

    III.2's instance header, columns (2)–(6), lives here: ``instance_name`` "Identificación de
    la instancia" (2), ``main_problem`` "Principal problema a resolver el año" (3),
    ``territories`` "Territorio(s) en el/ los que opera" (4), ``institutions`` "Instituciones
    participantes" (5), ``products`` "Productos o subproductos" (6). Empty on III.1 and III.3.
    """

    __tablename__ = "work_programme"
    __table_args__ = (
        UniqueConstraint("reporting_year_id", "form", name="year_form"),
        CheckConstraint("form IN ('III.1', 'III.2', 'III.3')", name="form_kind"),
    )
    reporting_year_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reporting_year.id", ondelete="CASCADE"))
    form: Mapped[str] = mapped_column(String(5))
    responsible_office: Mapped[str] = mapped_column(Text, default="")
    instance_name: Mapped[str] = mapped_column(Text, default="")
    main_problem: Mapped[str] = mapped_column(Text, default="")
    territories: Mapped[str] = mapped_column(Text, default="")
    institutions: Mapped[str] = mapped_column(Text, default="")
    products: Mapped[str] = mapped_column(Text, default="")

    reporting_year: Mapped[ReportingYear] = relationship(back_populates="programmes")
    objectives: Mapped[list["ObjectiveRow"]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", order_by="ObjectiveRow.position"
    )


class ObjectiveRow(Record, Base):
    """A specific objective: "Objetivos específicos" (2), "Indicador" (3), "Resultado anual del
    indicador" (4) on III.1 and III.3; (7), (8), (9) on III.2. ``section`` is III.3's "11",
    "12" or "13"; ``position`` orders objectives within the programme.
    """

    __tablename__ = "objective"
    __table_args__ = (CheckConstraint("section IS NULL OR section IN ('11', '12', '13')", name="section_code"),)
    programme_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("work_programme.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    section: Mapped[str | None] = mapped_column(String(2), nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    indicator: Mapped[str] = mapped_column(Text, default="")
    indicator_result: Mapped[str] = mapped_column(Text, default="")

    programme: Mapped[WorkProgramme] = relationship(back_populates="objectives")
    commitments: Mapped[list["CommitmentRow"]] = relationship(
        back_populates="objective", cascade="all, delete-orphan", order_by="CommitmentRow.position"
    )


class CommitmentRow(Record, Base):
    """An annual goal or activity row: "Meta anual o actividades comprometidas" (5), "Unidad
    Responsable" (6), "Medio de verificación" (7), "Ponderación (%)" (8) as written
    (``weight_text``) and as a Decimal (``weight``, NULL when empty or unreadable), "Cumple/no
    cumple" (9) (``met``: NULL not set). III.2 numbers them (10)–(14).
    """

    __tablename__ = "commitment"
    __table_args__ = (CheckConstraint("kind IN ('activity', 'goal')", name="commitment_kind"),)
    objective_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("objective.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10), default="activity")
    description: Mapped[str] = mapped_column(Text, default="")
    responsible_unit: Mapped[str] = mapped_column(Text, default="")
    verification_means: Mapped[str] = mapped_column(Text, default="")
    weight_text: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    met: Mapped[bool | None] = mapped_column(Boolean, nullable=True)

    objective: Mapped[ObjectiveRow] = relationship(back_populates="commitments")


class ProgressAnalysis(Record, Base):
    """One III.4 row, "Análisis del avance", for one objective and quarter (1–4 = T1–T4):
    ``progress`` (2), ``authority_measures`` (3), ``recommendations`` (4), ``responsible`` (5);
    ``objective_text`` keeps the objective as III.4 wrote it.
    """

    __tablename__ = "progress_analysis"
    __table_args__ = (
        UniqueConstraint("objective_id", "quarter", name="objective_quarter"),
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_range"),
    )
    objective_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("objective.id", ondelete="CASCADE"), index=True)
    quarter: Mapped[int] = mapped_column(Integer)
    objective_text: Mapped[str] = mapped_column(Text, default="")
    progress: Mapped[str] = mapped_column(Text, default="")
    authority_measures: Mapped[str] = mapped_column(Text, default="")
    recommendations: Mapped[str] = mapped_column(Text, default="")
    responsible: Mapped[str] = mapped_column(Text, default="")

    objective: Mapped[ObjectiveRow] = relationship()


# -- Sync (issue 3): installation, keys, trust store, streams, audit, evidence, central notes --


class Installation(Record, Base):
    """This installation: a regional office (one region) or the central office (one row).

    Columns: ``kind`` "regional" or "central"; ``region_code`` the ISO code of a regional
    office's region (NULL for the central office). ``id`` is the installation id that bundles
    and public-key files carry.
    """

    __tablename__ = "installation"
    __table_args__ = (CheckConstraint("kind IN ('regional', 'central')", name="installation_kind"),)
    kind: Mapped[str] = mapped_column(String(10))
    region_code: Mapped[str | None] = mapped_column(String(6), nullable=True)


class OwnKey(Record, Base):
    """A key set of this installation: Ed25519 signing and X25519 encryption keys.

    Public keys are stored raw, as hexadecimal; private keys as PKCS#8 PEM encrypted with the
    passphrase (never stored). ``*_key_id`` is the SHA-256 of the raw public key, in hex.
    ``status`` is "active" (used to sign and accepted to decrypt), "pending" (made by a
    rotation: announced in the next bundles, accepted to decrypt, not used to sign yet) or
    "retired" (after a rotation: still accepted to decrypt, never used to sign).
    ``announcement``: pending keys only, the canonical JSON rotation announcement signed by the
    old and the new signing key (``docs/bundle-format.md``).
    """

    __tablename__ = "own_key"
    __table_args__ = (CheckConstraint("status IN ('active', 'pending', 'retired')", name="own_key_status"),)
    sign_key_id: Mapped[str] = mapped_column(String(64), unique=True)
    sign_public: Mapped[str] = mapped_column(String(64))
    sign_private: Mapped[str] = mapped_column(Text)
    encrypt_key_id: Mapped[str] = mapped_column(String(64), unique=True)
    encrypt_public: Mapped[str] = mapped_column(String(64))
    encrypt_private: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="active")
    announcement: Mapped[str | None] = mapped_column(Text, nullable=True)


class TrustedKey(Record, Base):
    """A public key set of another installation (trust store).

    ``office`` is a region's ISO code (on the central office) or "central" (on a regional
    office). ``status``: "active", "retired" (replaced by a rotation) or "revoked" (refused
    from ``revoked_from_sequence`` on). A key that joined through a rotation announcement
    records which key announced it (``introduced_by``, its signing key id) and in which
    bundle of the stream (``introduced_at``, the sequence); both NULL for a key trusted from
    its public-key file, or announced before schema 0006. Revoking a key from sequence N also
    revokes the keys it introduced at N or later.
    """

    __tablename__ = "trusted_key"
    __table_args__ = (CheckConstraint("status IN ('active', 'retired', 'revoked')", name="trusted_key_status"),)
    office: Mapped[str] = mapped_column(String(8), index=True)
    installation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    sign_key_id: Mapped[str] = mapped_column(String(64), unique=True)
    sign_public: Mapped[str] = mapped_column(String(64))
    encrypt_key_id: Mapped[str] = mapped_column(String(64), unique=True)
    encrypt_public: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(10), default="active")
    revoked_from_sequence: Mapped[int | None] = mapped_column(Integer, nullable=True)
    introduced_by: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    introduced_at: Mapped[int | None] = mapped_column(Integer, nullable=True)


class SyncStream(Record, Base):
    """The state of one stream of bundles, outgoing ("out:central", "out:CL-TA") or incoming
    ("in:CL-TA:<installation id>", "in:central:<installation id>").

    ``last_sequence`` / ``last_hash``: the last bundle written (out) or applied (in), and its
    hash (SHA-256 of the signed manifest); ``acked_sequence``: out only, the highest sequence the other side acknowledged;
    ``acked_evidence``: out only, the JSON list of the evidence SHA-256 the other side holds.
    """

    __tablename__ = "sync_stream"
    stream: Mapped[str] = mapped_column(String(120), unique=True)
    last_sequence: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default="")
    acked_sequence: Mapped[int] = mapped_column(Integer, default=0)
    acked_evidence: Mapped[str] = mapped_column(Text, default="[]")


class SyncBundle(Record, Base):
    """A bundle written or applied here: ``direction`` "out" or "in", its stream, sequence,
    ``bundle_hash`` (SHA-256 of its signed manifest) and a Spanish one-line ``summary``.

    ``created_at`` is when the row was written here (the import, or the export); ``signed_at``
    the creation time its sender signed in the manifest (imported bundles; NULL for bundles
    written here and rows older than migration 0005)."""

    __tablename__ = "sync_bundle"
    __table_args__ = (CheckConstraint("direction IN ('in', 'out')", name="bundle_direction"),)
    bundle_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    direction: Mapped[str] = mapped_column(String(3))
    stream: Mapped[str] = mapped_column(String(120))
    sequence: Mapped[int] = mapped_column(Integer)
    bundle_hash: Mapped[str] = mapped_column(String(64), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    signed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)


class SyncAudit(Record, Base):
    """The security trail of bundle imports, each row written in its own transaction (never
    inside the data transaction): every import applied ("aceptado") or repeated ("ya
    importado"), and every rejection ("rechazado"), also by the read-only checks (``avance
    bundle verify``, ``inspect`` with a passphrase, ``import --dry-run``, which write nothing
    else). A successful read-only check is not logged.

    ``error_code`` the typed error's class name; ``message`` the Spanish message shown.
    """

    __tablename__ = "sync_audit"
    file_name: Mapped[str] = mapped_column(Text)
    file_hash: Mapped[str] = mapped_column(String(64), default="")
    outcome: Mapped[str] = mapped_column(String(20))
    error_code: Mapped[str] = mapped_column(String(60), default="")
    message: Mapped[str] = mapped_column(Text, default="")


class Evidence(Record, Base):
    """A "Medio de verificación" file attached to a commitment (column (7)).

    The file lives content-addressed in ``blobs/<sha256>`` beside the database; ``name`` is its
    original name, only a label (never a path).
    """

    __tablename__ = "evidence"
    commitment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("commitment.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text, default="")


class Observation(Record, Base):
    """An observation of the central office on an objective or a commitment of a region
    (owned by the central office). ``target_id`` is not a foreign key: the region may delete
    the record it refers to."""

    __tablename__ = "observation"
    __table_args__ = (CheckConstraint("target_kind IN ('objective', 'commitment')", name="observation_target"),)
    region_code: Mapped[str] = mapped_column(String(6), index=True)
    target_kind: Mapped[str] = mapped_column(String(10))
    target_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    text: Mapped[str] = mapped_column(Text, default="")


class ProgrammeReview(Record, Base):
    """The central office's review status of a region's programme (owned by the central
    office): "pendiente", "aprobado" or "observado", with a ``note``."""

    __tablename__ = "programme_review"
    __table_args__ = (
        CheckConstraint("status IN ('pendiente', 'aprobado', 'observado')", name="review_status"),
    )
    region_code: Mapped[str] = mapped_column(String(6), index=True)
    programme_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    status: Mapped[str] = mapped_column(String(12), default="pendiente")
    note: Mapped[str] = mapped_column(Text, default="")


class SyncRecord(Record, Base):
    """What one stream last said about one record: the SHA-256 of the record's canonical JSON
    (``digest``, ``""`` for a deletion: a tombstone) and the bundle ``sequence`` that said it.

    On the central office, one entry per incoming stream ("in:CL-TA:<installation>") and
    record: used to tell, when two installations of one region send the same record, who
    edited it. On a regional office, the stream "out:central": what this installation sent,
    so that the next bundle carries only what changed since the acknowledged sequence (and a
    tombstone for each record it had sent and that no longer exists)."""

    __tablename__ = "sync_record"
    __table_args__ = (UniqueConstraint("stream", "table_name", "record_id"),)
    stream: Mapped[str] = mapped_column(String(120))
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    digest: Mapped[str] = mapped_column(String(64))
    sequence: Mapped[int] = mapped_column(Integer)


class SyncConflict(Record, Base):
    """Two installations of one region edited one record: both versions are kept here.

    ``current_*``: the version the database holds (its JSON, the stream and sequence that
    wrote it, "" / 0 when unknown); ``incoming_*``: the version of the bundle that found the
    conflict. A version is the record's canonical JSON, or NULL for a deletion. ``status``
    "abierto" or "resuelto"; ``resolution`` says which version (or a typed-in value) was kept.
    """

    __tablename__ = "sync_conflict"
    __table_args__ = (CheckConstraint("status IN ('abierto', 'resuelto')", name="sync_conflict_status"),)
    region_code: Mapped[str] = mapped_column(String(6), index=True)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    current_version: Mapped[str | None] = mapped_column(Text, nullable=True)
    current_stream: Mapped[str] = mapped_column(String(120), default="")
    current_sequence: Mapped[int] = mapped_column(Integer, default=0)
    incoming_version: Mapped[str | None] = mapped_column(Text, nullable=True)
    incoming_stream: Mapped[str] = mapped_column(String(120))
    incoming_sequence: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default="abierto")
    resolution: Mapped[str] = mapped_column(Text, default="")
