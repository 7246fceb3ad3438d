"""Use cases of the sync bundles: office set-up, keys, trust, export, verify and import.

Keys and the trust store live in the database (tables ``installation``, ``own_key``,
``trusted_key``); evidence files in ``blobs/`` beside it (:mod:`desktop.sync.blobs`).

What a bundle carries (``docs/bundle-format.md``, manifest format 3):

* regional → central: every change to the region's records since the last bundle the central
  office acknowledged (``base``, from the last receipt imported here): each reporting year,
  programme, objective, commitment, III.4 row and evidence reference that is new, changed, or
  sent after ``base`` and not acknowledged yet, and a **tombstone** ``{table, id}`` for each
  record deleted since. The region remembers what it sent in ``sync_record`` (stream
  ``out:central``: the digest and the sequence of the last bundle that carried each record,
  digest ``""`` for a tombstone). It is cumulative, so a lost bundle never blocks: any later
  bundle carries its changes too. ``--full`` (base 0) carries every record and every tombstone
  remembered. Evidence files go along until a receipt says the central office holds them.
  An installation that exported under a version without that memory writes its first bundle
  after the upgrade as the region's full state (format 2), so no deletion is missed.
* central → regional: a receipt (highest sequence applied, its hash, the evidence held), and
  the central office's observations and programme review states for that region (its full
  current state).

Import checks, in order: size limits, header, known and unrevoked sender key, decryption,
signature, strict parse, recipient, sequence (rollback, replay, a bundle that does not continue
the chain of ``previous`` hashes, a ``base`` not applied here), evidence sizes and hashes; then
one database transaction; evidence moved into place only after the commit. Every import applied
or repeated, and every rejection (also one met by a dry run, verify or inspect, which change
nothing else), is written to the audit table in its own transaction. A format 1 or 2 bundle
(full state) is turned into records and tombstones by absence and goes through the same apply
code.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import re
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

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
    Service,
    SyncAudit,
    SyncBundle,
    SyncConflict,
    SyncRecord,
    SyncStream,
    TrustedKey,
    WorkProgramme,
    utcnow,
)
from db.queries import SERVICE_NAMESPACE
from desktop.domain.regions import UnknownRegionError, find_region
from desktop.errors import EditError, NotFoundError
from desktop.sync import keys as keylib
from desktop.sync.blobs import BlobStore
from desktop.sync.bundle import FORMAT as FILE_FORMAT
from desktop.sync.bundle import CHUNK, TAG, BundleReader, Limits, too_big, write_bundle
from desktop.sync.canonical import canonical_bytes
from desktop.sync.errors import (
    AlreadyImported,
    BundleFileError,
    BundleRejected,
    ConflictError,
    ImportBusyError,
    DecryptionError,
    DuplicateSequenceError,
    EvidenceError,
    ExportMoveError,
    ForkedStreamError,
    IncompleteDeltaError,
    InstallationError,
    LimitExceededError,
    ManifestError,
    OwnBundleError,
    OwnershipError,
    PassphraseError,
    ReplayError,
    RevokedKeyError,
    RollbackError,
    RotationError,
    SupersededError,
    TrustError,
    UnknownSenderKeyError,
    WrongRecipientError,
)
from desktop.sync.manifest import (
    CENTRAL_TABLES,
    FORMAT,
    FULL_STATE_FORMAT,
    REGIONAL_TABLES,
    check_manifest,
    decode_record,
    encode_row,
    safe_label,
    timestamp,
)
from desktop.sync.passphrase import passphrase_problem
from desktop.wording import count, human_size, office_name

CENTRAL = "central"


# -- installation and keys -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OfficeInfo:
    """This installation: ``office`` ("central" or the region's ISO code), its id and keys;
    ``notice``: what :func:`init_office` did besides (Spanish, "" when nothing), and
    ``example_removed``: it removed the example data set."""

    office: str
    installation: uuid.UUID
    sign_key_id: str
    encrypt_key_id: str
    notice: str = ""
    example_removed: bool = False

    @property
    def fingerprint(self) -> str:
        """Fingerprint of the signing key (what people compare by phone)."""
        return keylib.fingerprint(self.sign_key_id)


def _named(code: str) -> str:
    """:func:`office_name`, or the code itself when it names no office (a forged bundle)."""
    try:
        return office_name(code)
    except UnknownRegionError:
        return code


def _office_of(inst: Installation) -> str:
    return CENTRAL if inst.kind == "central" else str(inst.region_code)


def installation(session: Session) -> Installation:
    """This installation's row.

    Raises:
        InstallationError: not set up yet.
    """
    inst = session.scalar(select(Installation))
    if inst is None:
        raise InstallationError()
    return inst


def _active_key(session: Session) -> OwnKey:
    key = session.scalar(select(OwnKey).where(OwnKey.status == "active").order_by(OwnKey.created_at.desc()))
    if key is None:  # pragma: no cover - init always makes one
        raise InstallationError("Esta instalación no tiene claves activas. Ejecute «avance office init».")
    return key


def init_office(db: Database, *, region: str | None, passphrase: str, keyset: keylib.KeySet | None = None) -> OfficeInfo:
    """Set up this installation as a regional office (``region``) or the central office (None).

    The central office holds only what the regions send, and a regional office only its own
    region: setting up either removes the Tarapacá example (loaded when the window opened an
    empty database) if it is untouched, unless this is Tarapacá's office, and says so
    in the returned ``notice``; an example that was edited or went through sync stays, and the
    notice says why and how to remove it (:mod:`desktop.services.example`).

    Args:
        db: the open database.
        region: the region code (any form :func:`find_region` takes), or None for central.
        passphrase: encrypts the private keys at rest (never stored).
        keyset: keys to use (tests only; fresh by default).

    Raises:
        InstallationError: already set up.
        PassphraseError: a passphrase shorter than :data:`desktop.sync.passphrase.MIN_PASSPHRASE`.
    """
    problem = passphrase_problem(passphrase)
    if problem:
        raise PassphraseError(problem)
    code = find_region(region).iso_code if region is not None else None
    keyset = keyset or keylib.KeySet.generate()
    with db.transaction() as session:
        existing = session.scalar(select(Installation))
        if existing is not None:
            raise InstallationError(
                f"Esta instalación ya está configurada como oficina {_office_of(existing)}; no se cambió nada."
            )
        inst = Installation(kind="regional" if code else "central", region_code=code)
        session.add(inst)
        sign_raw, enc_raw = keylib.raw_public(keyset.sign), keylib.raw_public(keyset.encrypt)
        session.add(OwnKey(
            sign_key_id=keylib.key_id(sign_raw), sign_public=sign_raw.hex(),
            sign_private=keylib.encrypt_private(keyset.sign, passphrase),
            encrypt_key_id=keylib.key_id(enc_raw), encrypt_public=enc_raw.hex(),
            encrypt_private=keylib.encrypt_private(keyset.encrypt, passphrase),
        ))
        session.flush()
        notice, removed = _drop_example(session, code)
        return OfficeInfo(_office_of(inst), inst.id, keylib.key_id(sign_raw), keylib.key_id(enc_raw), notice,
                          removed)


def _drop_example(session: Session, region_code: str | None) -> tuple[str, bool]:
    """At a new central office (``region_code`` None) or regional office of another region than
    the example's: remove the untouched example; the notice for the user, and whether it was
    removed. A regional office of the example's own region keeps it (it is that region's data)."""
    from desktop.services.example import (ABSENT, SYNCED, UNTOUCHED, belongs_here, example_state_in,
                                          remove_example_in)

    kind = "central" if region_code is None else "regional"
    if belongs_here(kind, region_code):
        return "", False
    state, why = example_state_in(session)
    if state == ABSENT:
        return "", False
    if region_code is None:
        holder = "la oficina central tiene solo lo que envían las regiones"
        otherwise = "si no, el resumen nacional los cuenta"
    else:
        name = find_region(region_code).name
        holder = f"la oficina regional de {name} tiene solo los datos de su región"
        otherwise = f"sus paquetes llevan solo los datos de {name}"
    if state == UNTOUCHED:
        removed = remove_example_in(session)
        return (f"Se quitó el ejemplo {removed.region_name} {removed.year} que traía la base "
                f"({count(removed.records, 'registro', 'registros')}): {holder}."), True
    if state == SYNCED:
        return f"El ejemplo Tarapacá 2009 de esta base no se quitó: {why}, así que ya son datos de la región.", False
    return (f"El ejemplo Tarapacá 2009 de esta base no se quitó porque no está como se cargó ({why}). Si no son "
            f"datos reales de la región, quítelo con «avance example remove --edited»; {otherwise}."), False


def office(db: Database) -> OfficeInfo:
    """This installation and its active keys.

    Raises:
        InstallationError: not set up yet.
    """
    with db.reading() as session:
        inst = installation(session)
        key = _active_key(session)
        return OfficeInfo(_office_of(inst), inst.id, key.sign_key_id, key.encrypt_key_id)


@dataclass(frozen=True, slots=True)
class TrustedInfo:
    """One trust-store entry, for display."""

    office: str
    installation: uuid.UUID
    sign_key_id: str
    encrypt_key_id: str
    status: str
    revoked_from_sequence: int | None

    @property
    def fingerprint(self) -> str:
        """Fingerprint of the signing key."""
        return keylib.fingerprint(self.sign_key_id)


def trusted_keys(db: Database) -> list[TrustedInfo]:
    """Every trust-store entry, by office."""
    with db.reading() as session:
        rows = session.scalars(select(TrustedKey).order_by(TrustedKey.office, TrustedKey.created_at)).all()
        return [TrustedInfo(r.office, r.installation_id, r.sign_key_id, r.encrypt_key_id, r.status,
                            r.revoked_from_sequence) for r in rows]


def export_public(db: Database, passphrase: str) -> bytes:
    """This installation's public-key file, self-signed (asks the passphrase to sign)."""
    with db.reading() as session:
        inst = installation(session)
        key = _active_key(session)
        sign = keylib.load_private(key.sign_private, passphrase, Ed25519PrivateKey)
        pub = keylib.PublicKeys(_office_of(inst), inst.id, bytes.fromhex(key.sign_public),
                                bytes.fromhex(key.encrypt_public))
    return keylib.public_file(pub, sign)


def trust(db: Database, data: bytes, office_code: str) -> keylib.PublicKeys:
    """Add another installation's public keys to the trust store.

    Args:
        data: the public-key file.
        office_code: "central" or a region code: who the file must belong to.

    Raises:
        KeyFileError: the file is not valid.
        TrustError: an unknown region code, the file is of another office, or this kind of
            installation does not trust that office, or the key is already there.
    """
    try:
        expected = CENTRAL if office_code == CENTRAL else find_region(office_code).iso_code
    except UnknownRegionError as exc:
        raise TrustError(f"{exc} No se incorporó la clave.") from exc
    pub = keylib.read_public_file(data)
    if pub.office != expected:
        raise TrustError(f"El archivo de claves es de la {_named(pub.office)}, no de la {office_name(expected)}; no se "
                         "incorporó.")
    with db.transaction() as session:
        inst = installation(session)
        if (inst.kind == "central") == (expected == CENTRAL):
            raise TrustError("Una oficina regional confía solo en la oficina central, y la central solo en las "
                             "regionales; no se incorporó la clave.")
        if pub.installation == inst.id:
            raise TrustError("Ese archivo de claves es de esta misma instalación; no se incorporó.")
        found = session.scalar(select(TrustedKey).where(TrustedKey.sign_key_id == pub.sign_key_id))
        if found is not None and found.status == "revoked":
            from desktop.sync.errors import revoked_key_advice

            raise TrustError(f"La clave {keylib.fingerprint(pub.sign_key_id)} ya está en el almacén de confianza y está "
                             f"revocada desde la secuencia {found.revoked_from_sequence or 1}: incorporar su archivo "
                             f"otra vez no la vuelve a aceptar. {revoked_key_advice(found.office)}")
        if found is not None:
            raise TrustError(f"La clave {keylib.fingerprint(pub.sign_key_id)} ya está en el almacén de confianza.")
        session.add(TrustedKey(office=pub.office, installation_id=pub.installation, sign_key_id=pub.sign_key_id,
                               sign_public=pub.sign_public.hex(), encrypt_key_id=pub.encrypt_key_id,
                               encrypt_public=pub.encrypt_public.hex()))
    return pub


def revoke(db: Database, key: str, from_sequence: int) -> TrustedInfo:
    """Revoke a trusted key from ``from_sequence`` on (bundles numbered lower still import).

    The revocation follows the key's rotations: a key it announced in a bundle numbered
    ``from_sequence`` or later (recorded when the announcement was imported:
    ``introduced_by`` / ``introduced_at``) is revoked from the same sequence too, and so on
    down the chain, since whoever held the revoked key could have announced it. A key it
    announced earlier stays as it is.

    Args:
        key: the key id or its fingerprint (with or without dashes), at least 8 hex digits.
        from_sequence: the first sequence refused.

    Returns:
        The key revoked (the one named; the keys it introduced are revoked with it).

    Raises:
        TrustError: no single key matches, or a bad sequence.
    """
    prefix = key.replace("-", "").replace(" ", "").lower()
    if len(prefix) < 8 or from_sequence < 1:
        raise TrustError("Indique al menos 8 dígitos de la huella y una secuencia desde 1.")
    with db.transaction() as session:
        rows = [r for r in session.scalars(select(TrustedKey)) if r.sign_key_id.startswith(prefix)]
        if len(rows) != 1:
            raise TrustError(f"Ninguna clave (o más de una) del almacén de confianza tiene la huella «{key}».")
        row = rows[0]
        todo, seen = [row], {row.sign_key_id}
        while todo:
            revoked = todo.pop()
            if revoked is row or revoked.status != "revoked" or (revoked.revoked_from_sequence or 1) > from_sequence:
                revoked.status = "revoked"
                revoked.revoked_from_sequence = from_sequence
            for child in session.scalars(select(TrustedKey).where(TrustedKey.introduced_by == revoked.sign_key_id,
                                                                 TrustedKey.introduced_at >= from_sequence)):
                if child.sign_key_id not in seen:
                    seen.add(child.sign_key_id)
                    todo.append(child)
        return TrustedInfo(row.office, row.installation_id, row.sign_key_id, row.encrypt_key_id, row.status,
                           row.revoked_from_sequence)


# -- rotation ------------------------------------------------------------------------------------


def rotate_keys(db: Database, passphrase: str, *, keyset: keylib.KeySet | None = None) -> OfficeInfo:
    """Make a new key pair for this installation (``avance keys rotate``).

    The new keys are "pending": every bundle exported from now on is still signed by the
    current key and carries the announcement of the new public keys, signed by the old key and
    by the new one. The rotation finishes (new key active, old key retired) when a bundle
    encrypted to the new key arrives (a regional office: the central office accepted the
    announcement) or with :func:`finish_rotation` (``avance keys rotate --finish``).

    Returns:
        The new keys (with the installation).

    Raises:
        PassphraseError: wrong passphrase.
        TrustError: a rotation is already under way.
    """
    keyset = keyset or keylib.KeySet.generate()
    with db.transaction() as session:
        inst = installation(session)
        if session.scalar(select(OwnKey).where(OwnKey.status == "pending")) is not None:
            raise TrustError("Ya hay un cambio de claves en curso: exporte un paquete para anunciarlo y termínelo "
                             "con «avance keys rotate --finish».")
        old = _active_key(session)
        old_sign = keylib.load_private(old.sign_private, passphrase, Ed25519PrivateKey)
        announcement = keylib.sign_rotation(_office_of(inst), inst.id, old_sign, keyset)
        sign_raw, enc_raw = keylib.raw_public(keyset.sign), keylib.raw_public(keyset.encrypt)
        session.add(OwnKey(
            sign_key_id=keylib.key_id(sign_raw), sign_public=sign_raw.hex(),
            sign_private=keylib.encrypt_private(keyset.sign, passphrase),
            encrypt_key_id=keylib.key_id(enc_raw), encrypt_public=enc_raw.hex(),
            encrypt_private=keylib.encrypt_private(keyset.encrypt, passphrase),
            status="pending", announcement=canonical_bytes(announcement).decode("utf-8"),
        ))
        return OfficeInfo(_office_of(inst), inst.id, keylib.key_id(sign_raw), keylib.key_id(enc_raw))


def _promote(session: Session, pending: OwnKey) -> None:
    session.execute(update(OwnKey).where(OwnKey.status == "active").values(status="retired"))
    pending.status = "active"
    pending.announcement = None


def finish_rotation(db: Database) -> OfficeInfo:
    """Finish a rotation: the pending key signs from now on, the old one is retired (it still
    decrypts bundles addressed to it).

    Raises:
        TrustError: no rotation under way.
    """
    with db.transaction() as session:
        inst = installation(session)
        pending = session.scalar(select(OwnKey).where(OwnKey.status == "pending"))
        if pending is None:
            raise TrustError("No hay un cambio de claves en curso; no se cambió nada.")
        _promote(session, pending)
        session.flush()
        return OfficeInfo(_office_of(inst), inst.id, pending.sign_key_id, pending.encrypt_key_id)


def pending_rotation(db: Database) -> OfficeInfo | None:
    """The keys of a rotation under way, if any."""
    with db.reading() as session:
        inst = installation(session)
        pending = session.scalar(select(OwnKey).where(OwnKey.status == "pending"))
        if pending is None:
            return None
        return OfficeInfo(_office_of(inst), inst.id, pending.sign_key_id, pending.encrypt_key_id)


# -- evidence, observations, reviews ---------------------------------------------------------------


def blob_store(db: Database) -> BlobStore:
    """The evidence store beside ``db``'s file."""
    return BlobStore.beside(db.path)


def clean_staging(db: Database) -> list[Path]:
    """Remove the staging folders that imports killed mid-way left beside ``db`` (never one a
    live import holds); run at the start of each import and when the window opens ``db``.

    Also acts on the notes of blobs to release that a killed import left
    (:func:`release_blobs`).

    Returns:
        The folders removed.
    """
    removed = blob_store(db).sweep()
    release_blobs(db)
    return removed


def release_blobs(db: Database, notes: list[Path] | None = None) -> list[str]:
    """Remove the blobs named in the release notes (:meth:`BlobStore.note_release`) that no
    evidence record uses, then the notes.

    Each note is checked in a transaction that holds the database's write lock, so no import
    or attachment can add a record naming the blob meanwhile (an attachment that finds its
    file gone copies it again: :func:`attach_evidence`); a blob still used is never removed.
    A note that cannot be acted on now (the database busy, a read-only folder) stays for the
    next time.

    Args:
        notes: only these notes (default every note left).

    Returns:
        The SHA-256 of the blobs removed.
    """
    store = blob_store(db)
    removed: list[str] = []
    for note, shas in store.pending_releases():
        if notes is not None and note not in notes:
            continue
        try:
            with db.transaction() as session:
                session.execute(update(SyncStream).where(SyncStream.stream == "").values(last_sequence=0))  # the lock
                used = set(session.scalars(select(Evidence.sha256).where(Evidence.sha256.in_(shas)))) if shas else set()
                for sha in shas:
                    if sha not in used and store.remove(sha):
                        removed.append(sha)
        except (OperationalError, OSError):
            continue
        store.forget_release(note)
    return removed


def carry_limit(limits: Limits | None = None) -> int:
    """Bytes of evidence files one bundle may carry: the total size limit of a bundle less room
    for the largest manifest, the encryption tags of every chunk and the header.

    Args:
        limits: the bundle limits (default :class:`Limits`, those every import enforces).
    """
    limits = limits or Limits()
    return limits.total - limits.manifest - (limits.total // CHUNK + 1) * TAG - 4096


def _held_files(session: Session, stream: SyncStream | None) -> set[str]:
    """The evidence files this regional office may count on the central office holding: listed
    as held by the last receipt **and** used by a record of this region that the central office
    acknowledged (last sent in a bundle at or before the acknowledged sequence, not as a
    deletion). The central office removes a file once no record uses it, so a file whose
    records here were all deleted and sent as tombstones (and one attached again later, or a
    deletion undone) goes again."""
    if stream is None:
        return set()
    listed = set(json.loads(stream.acked_evidence))
    if not listed:
        return set()
    used = session.scalars(
        select(Evidence.sha256).join(SyncRecord, (SyncRecord.record_id == Evidence.id)
                                     & (SyncRecord.stream == OUTGOING) & (SyncRecord.table_name == "evidence"))
        .where(SyncRecord.digest != "", SyncRecord.sequence <= stream.acked_sequence))
    return listed & set(used)


def _unsent_files(session: Session) -> dict[str, int]:
    """SHA-256 → size of each evidence file of this regional office that the central office
    does not hold as far as it knows (:func:`_held_files`: what the next bundle carries)."""
    held = _held_files(session, session.scalar(select(SyncStream).where(SyncStream.stream == OUTGOING)))
    return {sha: size for sha, size in session.execute(select(Evidence.sha256, Evidence.size)) if sha not in held}


def attach_evidence(db: Database, commitment_id: uuid.UUID, source: Path, *, limits: Limits | None = None) -> uuid.UUID:
    """Attach the file ``source`` to a commitment as a means of verification (regional office).

    The file's name is only a label: :func:`desktop.sync.manifest.safe_label` makes one the
    bundle reader accepts (so no name is ever refused here). The file must fit in a bundle: at
    most the per-file limit, and, with the files not yet held by the central office, within
    what one bundle carries (:func:`carry_limit`) and its file count; otherwise it would be
    refused at the central office on every export.

    Args:
        limits: the bundle limits (default :class:`Limits`, those every import enforces).

    Returns:
        The evidence id.

    Raises:
        EditError: a missing file or commitment, or a file that does not fit in a bundle
            (Spanish, naming the file and the limit); at the central office, a commitment of a
            region that sends bundles (:class:`desktop.errors.RegionOwnedError`); nothing is
            attached.
    """
    limits = limits or Limits()
    source = Path(source)
    name = safe_label(source.name)
    if not source.is_file():
        raise EditError(f"No se encuentra el archivo «{source}».")
    from desktop.services.ownership import check_record

    size = source.stat().st_size
    with db.reading() as session:
        if session.get(CommitmentRow, commitment_id) is None:
            raise NotFoundError("La actividad ya no existe.")
        check_record(session, CommitmentRow, commitment_id)  # a region's own record, at the central office
        unsent = _unsent_files(session)
    _check_fits(source.name, size, unsent, limits)
    store = blob_store(db)
    had = None
    sha, size = store.add(source)
    with db.transaction() as session:
        had = session.scalar(select(Evidence.id).where(Evidence.sha256 == sha).limit(1))
        try:
            _check_fits(source.name, size, {k: v for k, v in unsent.items() if k != sha}, limits)  # it grew meanwhile?
        except EditError:
            if had is None:
                store.remove(sha)
            raise
        row = Evidence(commitment_id=commitment_id, sha256=sha, size=size, name=name)
        session.add(row)
        session.flush()  # the write lock is held from here to the commit
        if not store.has(sha):  # released meanwhile (release_blobs): no record used it then
            again, _ = store.add(source)
            if again != sha:
                raise EditError(f"El archivo «{source}» cambió mientras se adjuntaba; no se adjuntó. Vuelva a "
                                "adjuntarlo.")
        return row.id


def _check_fits(name: str, size: int, unsent: dict[str, int], limits: Limits) -> None:
    if size > limits.file:
        raise EditError(
            f"El archivo «{name}» pesa {human_size(size)}: supera el máximo de {human_size(limits.file)} por medio de "
            "verificación que admite un paquete, así que la oficina central no podría recibirlo. No se adjuntó. "
            "Divídalo en archivos más pequeños (por ejemplo, un PDF por acta) o redúzcalo, y adjunte cada uno.")
    total = sum(unsent.values()) + size
    if total > carry_limit(limits) or len(unsent) + 1 > limits.files:
        raise EditError(
            f"Con «{name}» ({human_size(size)}) el próximo paquete llevaría {count(len(unsent) + 1, 'archivo', 'archivos')}"
            f" y {human_size(total)} de medios de verificación, más de lo que admite un paquete "
            f"({count(limits.files, 'archivo', 'archivos')}, {human_size(carry_limit(limits))}). No se adjuntó. Exporte "
            "primero un paquete con los que ya están adjuntos y, cuando importe la respuesta de la oficina central "
            "que acusa recibo de ellos, adjunte este.")


def detach_evidence(db: Database, evidence_id: uuid.UUID | str) -> str:
    """Remove a means of verification from its commitment (regional office).

    Its record is deleted, so the next bundle carries its tombstone (when it was sent); the file
    is deleted from ``blobs/`` once no other evidence record uses it.

    Args:
        evidence_id: the evidence id (or a unique prefix of at least 8 hex digits, as
            ``avance evidence list`` prints it).

    Returns:
        The file's name (its label).

    Raises:
        EditError: the central office (evidence records are the region's), or no single evidence
            record matches; nothing is removed.
    """
    wanted = str(evidence_id).lower().replace("-", "")
    store = blob_store(db)
    with db.transaction() as session:
        inst = session.scalar(select(Installation))
        if inst is not None and inst.kind == "central":
            raise EditError("Los medios de verificación son de la oficina regional que los adjuntó: la oficina central "
                            "no los quita. Pida a esa oficina que lo quite y exporte un paquete nuevo.")
        rows = [r for r in session.scalars(select(Evidence)) if r.id.hex.startswith(wanted)] if len(wanted) >= 8 else []
        if len(rows) != 1:
            raise EditError(f"No hay un único medio de verificación con el identificador «{evidence_id}» (vea «avance "
                            "evidence list»); no se quitó nada.")
        row = rows[0]
        name, sha = row.name, row.sha256
        session.delete(row)
        session.flush()
        used = session.scalar(select(Evidence.id).where(Evidence.sha256 == sha).limit(1)) is not None
    if not used:
        with contextlib.suppress(OSError):  # a read-only folder: the file stays, nothing else breaks
            store.remove(sha)
    return name


def add_observation(db: Database, target_kind: str, target_id: uuid.UUID, text: str) -> uuid.UUID:
    """A central-office observation on an objective or commitment (see
    :func:`desktop.sync.notes.add_observation`, which also edits and deletes them).

    Raises:
        EditError: not the central office, or the target does not exist (typed subclasses).
    """
    from desktop.sync import notes

    return notes.add_observation(db, target_kind, target_id, text)


def set_review(db: Database, programme_id: uuid.UUID, status: str, note: str = "") -> None:
    """The central office's review state of a programme ("pendiente", "aprobado", "observado";
    see :func:`desktop.sync.notes.set_review`).

    Raises:
        EditError: not the central office, an unknown state or programme (typed subclasses).
    """
    from desktop.sync import notes

    notes.set_review(db, programme_id, status, note)


def observations(db: Database) -> list[tuple[str, uuid.UUID, str]]:
    """(target kind, target id, text) of every observation here, oldest first."""
    with db.reading() as session:
        return [(o.target_kind, o.target_id, o.text)
                for o in session.scalars(select(Observation).order_by(Observation.created_at, Observation.id))]


def reviews(db: Database) -> dict[uuid.UUID, tuple[str, str]]:
    """Programme id → (status, note) of every review here."""
    with db.reading() as session:
        return {r.programme_id: (r.status, r.note) for r in session.scalars(select(ProgrammeReview))}


# -- region scoping ------------------------------------------------------------------------------

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


def _scoped(model: type, *columns: Any):  # noqa: ANN202
    query = select(*columns).select_from(model)
    for target, on in _PATHS[model]:
        query = query.join(target, on)
    return query.join(RegionRow, ReportingYear.region_id == RegionRow.id)


def _region_of(session: Session, model: type, record_id: uuid.UUID) -> str | None:
    return session.scalar(_scoped(model, RegionRow.iso_code).where(model.id == record_id))


def _region_rows(session: Session, model: type, code: str) -> list[Any]:
    return list(session.scalars(_scoped(model, model).where(RegionRow.iso_code == code).order_by(model.id)))


def _chunks(items: list[Any], size: int = 500) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# -- streams ---------------------------------------------------------------------------------------


def _stream(session: Session, name: str) -> SyncStream:
    row = session.scalar(select(SyncStream).where(SyncStream.stream == name))
    if row is None:
        row = SyncStream(stream=name, last_sequence=0, last_hash="", acked_sequence=0, acked_evidence="[]")
        session.add(row)
        session.flush()
    return row


def _peek_stream(session: Session, name: str) -> tuple[int, str]:
    row = session.scalar(select(SyncStream).where(SyncStream.stream == name))
    return (row.last_sequence, row.last_hash) if row else (0, "")


# -- export ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExportResult:
    """A bundle written: file, sequence, records (the region's or the central office's, not
    counting the services a regional bundle names: the import does not count them either) and
    evidence files carried, recipient (office code, and the fingerprint of the installation's
    key it is encrypted to); for a regional
    bundle, the tombstones carried, its ``base`` (the acknowledged sequence it carries the
    changes since) and whether it is complete (``full``: base 0 with every record)."""

    path: Path
    sequence: int
    records: int
    evidence_files: int
    recipient: str
    bundle_hash: str
    recipient_fingerprint: str = ""
    tombstones: int = 0
    base: int = 0
    full: bool = True


OUTGOING = f"out:{CENTRAL}"
"""A regional office's stream to the central office (``sync_stream`` and ``sync_record``)."""


@dataclass(frozen=True, slots=True)
class OutgoingChanges:
    """What a regional office's next bundle carries (computed, nothing written).

    Attributes:
        format: the manifest format: 3 (changes since ``base``), or 2 once, for the first
            bundle of an installation that exported before it remembered what it sent (the
            region's full state; the central office deletes by absence).
        base: the sequence acknowledged by the last receipt imported here, 0 with ``full``
            (or format 2): the bundle carries every change the central office may lack
            after it.
        records: table → records as the manifest writes them (``service`` first: the services
            the reporting years carried need).
        tombstones: ``{"table", "id"}`` of each record deleted here since it was sent,
            sorted by (table, id).
        evidence: (SHA-256, size) of each evidence file carried: every file of the region's
            evidence the last receipt does not list as held (with ``full``: every file), sorted.
        names: SHA-256 → an evidence name (to say which file is missing from the store).
        sent: (table, id) → digest of every record carried, ``""`` for a tombstone: what the
            export records as sent in ``sync_record``.
    """

    format: int
    base: int
    records: dict[str, list[dict[str, Any]]]
    tombstones: list[dict[str, str]]
    evidence: list[tuple[str, int]]
    names: dict[str, str]
    sent: dict[tuple[str, uuid.UUID], str]


def outgoing_changes(session: Session, code: str, *, full: bool = False) -> OutgoingChanges:
    """What the next bundle of this regional office (region ``code``) carries.

    A record goes when it is not in ``sync_record`` (stream ``out:central``: never sent), its
    digest differs from what was sent, or it was last sent in a bundle after the acknowledged
    sequence (cumulative: a lost bundle's changes go again). A tombstone goes for every record
    sent and no longer here, and for every tombstone sent after the acknowledged sequence.
    With ``full``: every record, every tombstone remembered and every evidence file of the
    region (the last receipt's list of files held is not trusted), base 0. After a fork (see
    :func:`_take_receipt`) the bundles are complete (base 0) until one is acknowledged.

    Args:
        session: an open session (reading is enough).
        code: the region's ISO code.
        full: a complete bundle (``avance bundle export --full``).

    Returns:
        The :class:`OutgoingChanges`.
    """
    stream = session.scalar(select(SyncStream).where(SyncStream.stream == OUTGOING))
    last_sequence = stream.last_sequence if stream is not None else 0
    acked = stream.acked_sequence if stream is not None else 0
    # --full is for a central office that lost what it had: its files too, whatever the last
    # receipt listed as held.
    held = _held_files(session, stream) if not full else set()
    entries = {(t, i): (d, q) for t, i, d, q in session.execute(
        select(SyncRecord.table_name, SyncRecord.record_id, SyncRecord.digest, SyncRecord.sequence)
        .where(SyncRecord.stream == OUTGOING))}
    current = region_records(session, code)
    # Sent before this installation remembered what it sent: the full state, once (format 2).
    legacy = last_sequence > 0 and not entries
    fmt = FULL_STATE_FORMAT if legacy else FORMAT
    # After a fork (a receipt named a bundle this installation no longer has: it restored a
    # backup), complete bundles until the central office acknowledges one sent after it.
    forked_at = session.scalar(select(func.max(SyncBundle.sequence)).where(
        SyncBundle.direction == "out", SyncBundle.stream == OUTGOING, SyncBundle.bundle_id == FORK_MARK)) or 0
    base = 0 if full or legacy or acked <= forked_at else acked
    records: dict[str, list[dict[str, Any]]] = {table: [] for table, _ in REGIONAL_TABLES}
    sent: dict[tuple[str, uuid.UUID], str] = {}
    for key, (digest, record) in current.items():  # by table (parents first), then id
        entry = entries.get(key)
        if legacy or entry is None or entry[0] != digest or entry[1] > base:  # base 0: every record
            records[key[0]].append(record)
            sent[key] = digest
    tombstones: list[dict[str, str]] = []
    if not legacy:
        for (table, record_id), (digest, sequence) in entries.items():
            if (table, record_id) in current:
                continue
            if digest != "" or sequence > base:  # base 0: every tombstone remembered
                tombstones.append({"table": table, "id": str(record_id)})
                sent[(table, record_id)] = ""
        tombstones.sort(key=lambda t: (t["table"], t["id"]))
    service_ids = sorted({uuid.UUID(r["service_id"]) for r in records["reporting_year"]})
    if service_ids:
        records["service"] = [encode_row(r, Service) for r in session.scalars(
            select(Service).where(Service.id.in_(service_ids)).order_by(Service.id))]
    carried: dict[str, int] = {}
    names: dict[str, str] = {}
    for (table, _), (_, record) in current.items():
        if table == "evidence" and record["sha256"] not in held:
            carried.setdefault(record["sha256"], record["size"])
            names.setdefault(record["sha256"], record["name"])
    return OutgoingChanges(fmt, base, records, tombstones, sorted(carried.items()), names, sent)


def _remember_sent(session: Session, plan: OutgoingChanges, sequence: int) -> None:
    """Record in ``sync_record`` (stream ``out:central``) what bundle ``sequence`` carried.

    Tombstone entries (digest ``""``) are kept after they are acknowledged: a later
    ``--full`` bundle carries them again, so a central office that restored an older backup
    still learns of those deletions. A delta no longer carries them once acknowledged.
    """
    if not plan.sent:
        return
    now = utcnow()
    rows = [{"id": uuid.uuid4(), "created_at": now, "updated_at": now, "stream": OUTGOING, "table_name": t,
             "record_id": i, "digest": d, "sequence": sequence} for (t, i), d in plan.sent.items()]
    for part in _chunks(rows):
        session.execute(_said_upsert(), part)


def _central_records(session: Session, code: str) -> dict[str, list[dict[str, Any]]]:
    return {
        table: [encode_row(r, model) for r in session.scalars(
            select(model).where(model.region_code == code).order_by(model.id))]
        for table, model in CENTRAL_TABLES
    }


def recipients(session: Session, office_code: str) -> list[TrustedKey]:
    """The installations of ``office_code`` this office can write to: the newest active key of
    each (a key rotation leaves one installation with one active key), oldest installation
    first."""
    rows = session.scalars(select(TrustedKey).where(TrustedKey.office == office_code, TrustedKey.status == "active")
                           .order_by(TrustedKey.created_at.desc(), TrustedKey.id)).all()
    newest: dict[uuid.UUID, TrustedKey] = {}
    for row in rows:
        newest.setdefault(row.installation_id, row)
    return sorted(newest.values(), key=lambda r: (r.created_at, str(r.installation_id)))


def _compact(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def _pick_recipient(session: Session, office_code: str, installation: str | None = None) -> TrustedKey:
    """The key to encrypt to. A region with several installations needs ``installation`` (the
    fingerprint of its key, as ``avance keys show`` prints it, or the start of it, or of the
    installation's id): an answer is readable by one installation only."""
    found = recipients(session, office_code)
    if not found:
        hint = "--central" if office_code == CENTRAL else f"--region {office_code}"
        raise TrustError(f"Esta oficina no tiene una clave vigente de la {office_name(office_code)}: incorpore su archivo de claves "
                         f"con «avance keys trust ARCHIVO {hint}».")
    listed = ", ".join(keylib.fingerprint(r.sign_key_id) for r in found)
    if installation:
        wanted = _compact(installation)
        matches = [r for r in found if wanted and (_compact(keylib.fingerprint(r.sign_key_id)).startswith(wanted)
                                                   or r.installation_id.hex.startswith(wanted))]
        if len(matches) != 1:
            raise TrustError(f"No hay una única instalación de la {office_name(office_code)} con la huella «{installation}». "
                             f"Sus instalaciones: {listed}.")
        return matches[0]
    if len(found) > 1:
        raise TrustError(f"La {office_name(office_code)} tiene {len(found)} instalaciones y cada respuesta se cifra para una: indique "
                         f"cuál con «--installation HUELLA» (huellas: {listed}).")
    return found[0]


STARTED = time.time()
"""When this process loaded the sync service: a partial export file older than this was left by
another process that died (a live export writes its file all the time)."""
_PART = re.compile(r"\..+\.avance\.[0-9a-f]{32}\.part")
"""The name :func:`export_bundle` gives the file it writes before moving it into place."""


def remove_stale_parts(folder: Path, *, before: float | None = None) -> list[Path]:
    """Remove the partial files exports killed mid-way left in ``folder``.

    An export writes ``.NAME.avance.<32 hex digits>.part`` beside its target and renames it when
    done (or deletes it when it fails); a process killed mid-export leaves it (hundreds of MB on
    a USB stick). Only files of exactly that name, in that folder (not below it), last written
    before this process started (``before``, default :data:`STARTED`), are removed: never
    another program's file, nor one a live export is writing.

    Returns:
        The files removed (an unreadable folder or a file that cannot be removed is left).
    """
    limit = STARTED if before is None else before
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        try:
            if _PART.fullmatch(entry.name) and entry.is_file(follow_symlinks=False) \
                    and entry.stat(follow_symlinks=False).st_mtime < limit:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _check_carried(plan: OutgoingChanges, limits: Limits) -> None:
    """Refuse to write a bundle the central office would refuse for the size of its files.

    Raises:
        EditError: naming the files over the per-file limit, or the largest ones when the total
            (or the count) is over what a bundle carries, and what to do.
    """
    def listed(items: list[tuple[str, int]]) -> str:
        shown = [f"«{plan.names[sha]}» ({human_size(size)})" for sha, size in items[:5]]
        return ", ".join(shown) + (f" y {count(len(items) - 5, 'otro', 'otros')}" if len(items) > 5 else "")

    remove = ("Quítelo en Ver → Sincronización → Medios de verificación → Quitar, o con «avance evidence list» y "
              "«avance evidence remove ID»")
    over = [(sha, size) for sha, size in plan.evidence if size > limits.file]
    if over:
        raise EditError(
            f"No se exportó nada: {listed(over)} supera el máximo de {human_size(limits.file)} por medio de "
            f"verificación que admite un paquete, y la oficina central rechazaría el paquete. {remove}, y adjúntelo "
            "en archivos más pequeños.")
    total = sum(size for _, size in plan.evidence)
    if total > carry_limit(limits) or len(plan.evidence) > limits.files:
        largest = sorted(plan.evidence, key=lambda item: (-item[1], item[0]))
        files = count(len(plan.evidence), "medio de verificación", "medios de verificación")
        allowed = f"{human_size(carry_limit(limits))}, {count(limits.files, 'archivo', 'archivos')}"
        raise EditError(
            f"No se exportó nada: el paquete llevaría {files} ({human_size(total)}), más de lo que admite un paquete "
            f"({allowed}), y la oficina central lo rechazaría. Los más grandes: {listed(largest)}. "
            "Quite alguno en Ver → Sincronización → Medios de verificación → Quitar, o con «avance evidence list» y "
            "«avance evidence remove ID», y vuelva a adjuntarlo cuando la oficina central haya acusado recibo de "
            "los demás.")


def export_bundle(db: Database, passphrase: str, *, out: Path | None = None, to: str | None = None,
                  recipient_key: str | None = None, directory: Path | None = None, now: dt.datetime | None = None,
                  progress: Callable[[int, int], None] | None = None, full: bool = False,
                  limits: Limits | None = None) -> ExportResult:
    """Write the next bundle of this installation's outgoing stream.

    A regional bundle carries the changes since the sequence the central office acknowledged
    (:func:`outgoing_changes`); what it carried is recorded in ``sync_record`` in the same
    transaction, so a failed export changes nothing.

    Order: the bundle is written to a temporary file beside the target and synced to disk,
    then recorded (stream, ``sync_bundle``, ``sync_record``) and committed, and only then moved
    into place. A failure before the commit leaves neither a record nor a file (the temporary
    file is removed); a failed move after it raises :class:`ExportMoveError` naming the
    temporary file, which is kept: the bundle is complete there, and if it never reaches the
    other office it is a lost bundle, whose changes the next one carries too.

    Args:
        passphrase: opens the signing key.
        out: the file to write (default ``<from>-<to>-<sequence>.avance`` in ``directory``).
        to: central office only: the region to answer.
        recipient_key: central office only, when the region has several installations: which
            one the answer is for (its key's fingerprint, or a prefix of it or of its id). Each
            installation gets its own answer, with the receipt of its own stream; they share
            the region's sequence numbers (an installation sees gaps, which is allowed).
        directory: where the default file name goes (default the current folder).
        now: the creation time written (default now).
        progress: called as ``progress(done, total)`` in the calling thread while the file is
            written. The unit is a byte of the bundle's content before encryption: ``total`` is
            the signed manifest (records, with its length and signature) plus every evidence
            file carried, plus 1 for the last step (the file synced to disk, the bundle recorded
            and the file moved into place). The first call is ``(0, total)``; ``done`` grows
            after the manifest and after each block of evidence (64 KiB at most); the last call,
            ``(total, total)``, comes when the bundle is in place. Not called when the export
            fails before writing (unknown recipient, wrong passphrase).
        full: regional office only: a complete bundle (base 0: every record, and a tombstone
            for every record it remembers deleting), for a central office that lost what it
            had (``avance bundle export --full``).
        limits: the limits the recipient enforces (default :class:`Limits`): a bundle whose
            evidence files would break them (one file over the per-file size, their total over
            :func:`carry_limit`, too many) is not written, since it would be refused.

    Raises:
        InstallationError, TrustError, PassphraseError, EditError (Spanish messages; an
        unknown region code is an EditError).
        ExportMoveError: recorded, but the file could not be moved into place (kept beside it).
    """
    now = now or utcnow()
    store = blob_store(db)
    temp: Path | None = None
    try:
        with db.transaction() as session:
            inst = installation(session)
            me = _office_of(inst)
            own = _active_key(session)
            sign = keylib.load_private(own.sign_private, passphrase, Ed25519PrivateKey)
            carried: list[tuple[str, int]] = []
            plan: OutgoingChanges | None = None
            if inst.kind == "regional":
                if to not in (None, CENTRAL):
                    raise EditError("Una oficina regional envía sus paquetes solo a la oficina central.")
                recipient_office, region = CENTRAL, str(inst.region_code)
                recipient = _pick_recipient(session, CENTRAL)
                stream = _stream(session, OUTGOING)
                plan = outgoing_changes(session, region, full=full)
                records = plan.records
                for sha, _ in plan.evidence:
                    if not store.has(sha):
                        raise EditError(f"Falta el archivo del medio de verificación «{plan.names[sha]}» en la carpeta "
                                        "de evidencias.")
                _check_carried(plan, limits or Limits())
                carried = list(plan.evidence)
                # Format 3: the last answer of the central office applied here, so that a central
                # office that restored a backup moves its answers past it (they would be refused
                # here as old ones otherwise).
                answered, answered_hash = _peek_stream(session, f"in:{CENTRAL}:{recipient.installation_id}")
                receipt = ({"sequence": answered, "bundle": answered_hash if answered else ""}
                           if plan.format >= 3 else None)
                kind = "regional"
            else:
                if not to:
                    raise EditError("Indique a qué región responder (--to CÓDIGO).")
                if full:
                    raise EditError("La respuesta de la oficina central ya es completa: no use --full con --to.")
                try:
                    region = find_region(to).iso_code
                except UnknownRegionError as exc:
                    raise EditError(f"{exc} No se exportó nada.") from exc
                recipient_office = region
                recipient = _pick_recipient(session, region, recipient_key)
                stream = _stream(session, f"out:{region}")
                records = _central_records(session, region)
                last_seq, last_hash = _peek_stream(session, f"in:{region}:{recipient.installation_id}")
                held_ev = sorted({e.sha256 for e in _region_rows(session, Evidence, region) if store.has(e.sha256)})
                receipt = {"sequence": last_seq, "bundle": last_hash, "evidence": held_ev}
                kind = "central"
            sequence = stream.last_sequence + 1
            pending = session.scalar(select(OwnKey).where(OwnKey.status == "pending"))
            manifest: dict[str, Any] = {
                "format": plan.format if plan is not None else FORMAT,
                "bundle_id": str(uuid.uuid4()),
                "kind": kind,
                "sender": {"office": me, "installation": str(inst.id), "key_id": own.sign_key_id},
                "recipient": {"office": recipient_office, "installation": str(recipient.installation_id),
                              "key_id": recipient.encrypt_key_id},
                "region": region,
                "sequence": sequence,
                "previous": stream.last_hash,
                "created_at": timestamp(now),
                "records": records,
                "evidence": [{"sha256": sha, "size": size} for sha, size in carried],
                "receipt": receipt,
                "rotation": json.loads(pending.announcement) if pending is not None and pending.announcement else None,
            }
            if manifest["format"] >= 3:
                manifest["base"] = plan.base if plan is not None else 0
                manifest["tombstones"] = plan.tombstones if plan is not None else []
            recipient_fingerprint = keylib.fingerprint(recipient.sign_key_id)
            several = kind == "central" and len(recipients(session, region)) > 1
            who = f"-{recipient_fingerprint[:9]}" if several else ""  # which installation the file is for
            target = out or (directory or Path.cwd()) / f"{me}-a-{recipient_office}{who}-{sequence:06d}.avance"
            remove_stale_parts(target.parent)
            temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
            written = (0, 1)

            def wrote(done: int, total: int) -> None:  # one more unit for the last step (sync, record, move)
                nonlocal written
                written = (done, total + 1)
                if progress is not None:
                    progress(*written)

            with temp.open("wb") as fh:
                bundle_hash = write_bundle(
                    fh, manifest=manifest, sign_key=sign,
                    recipient=X25519PublicKey.from_public_bytes(bytes.fromhex(recipient.encrypt_public)),
                    evidence=[(lambda p=store.path(sha): p.open("rb")) for sha, _ in carried],
                    progress=wrote,
                )
                fh.flush()
                os.fsync(fh.fileno())
            stream.last_sequence = sequence
            stream.last_hash = bundle_hash
            # The region's records, as the import counts them ("nuevos", "modificados"): the
            # services they name travel along but are not counted on either side.
            n_records = sum(len(v) for table, v in records.items() if table != "service")
            n_tombstones = len(plan.tombstones) if plan is not None else 0
            if plan is not None:
                _remember_sent(session, plan, sequence)
            session.add(SyncBundle(bundle_id=uuid.UUID(manifest["bundle_id"]), direction="out", stream=stream.stream,
                                   sequence=sequence, bundle_hash=bundle_hash,
                                   summary=f"{count(n_records, 'registro', 'registros')}, "
                                           + (f"{count(n_tombstones, 'eliminación', 'eliminaciones')}, "
                                              if n_tombstones else "")
                                           + f"{count(len(carried), 'medio de verificación', 'medios de verificación')}"
                                           + (f" (cambios desde el n.º {plan.base})" if plan and plan.base else "")))
            session.flush()
    except BaseException:  # nothing recorded (the transaction rolled back): no file either
        if temp is not None:
            temp.unlink(missing_ok=True)
        raise
    # Recorded: now the file goes into place. Should that fail, the bundle is recorded as sent
    # but not where it was asked for; it is complete in the temporary file, which is kept. A
    # bundle that never arrives is a lost bundle: the next one carries its changes too.
    try:
        os.replace(temp, target)
    except OSError as exc:
        from desktop.wording import os_error_reason

        reason, _advice = os_error_reason(exc)
        raise ExportMoveError(
            f"El paquete n.º {sequence} quedó escrito y registrado como enviado, pero no se pudo dejar en "
            f"«{target}»: {reason}. Está completo en «{temp}»: cambie su nombre a «{target.name}» y entréguelo, o "
            "exporte un paquete nuevo, que lleva también sus cambios.", temp) from exc
    if progress is not None:
        progress(written[1], written[1])
    return ExportResult(target, sequence, n_records, len(carried), recipient_office, bundle_hash,
                        recipient_fingerprint, n_tombstones, plan.base if plan is not None else 0,
                        plan is None or plan.base == 0)


# -- import --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What happened to one bundle.

    Attributes:
        outcome: "aceptado", "ya importado" or "verificado" (dry run / verify).
        sender: the sender office; ``fingerprint`` of its key; ``sequence``; ``created_at``
            (the signed creation time); ``manifest_format`` (1, 2, ...).
        summary: a Spanish line of what changed (or would change).
    """

    outcome: str
    sender: str
    fingerprint: str
    sequence: int
    created_at: dt.datetime
    summary: str
    changes: dict[str, int] = field(default_factory=dict)
    manifest_format: int = 0


def _audit(db: Database, path: Path, outcome: str, bundle_hash: str = "", error: Exception | None = None,
           message: str = "") -> None:
    """Log an import outcome in its own transaction (never inside the data transaction)."""
    try:
        with db.transaction() as session:
            session.add(SyncAudit(file_name=str(path)[:1000], file_hash=bundle_hash, outcome=outcome,
                                  error_code=type(error).__name__ if error else "",
                                  message=str(error) if error else message))
    except Exception:  # noqa: BLE001 - the audit must never hide the outcome itself
        pass


@dataclass
class _Verified:
    manifest: dict[str, Any]
    bundle_hash: str
    stream: str
    trusted_office: str
    fingerprint: str
    already: bool
    staged: dict[str, Path]
    staging: Path
    sender_key: str = ""
    recipient_key: str = ""
    new_keys: keylib.PublicKeys | None = None


RETIRED_KEY = ("El paquete está firmado con una clave que esa oficina ya reemplazó por otra (un cambio de claves). "
               "No se importó nada. Pida a la oficina que lo exporte de nuevo: su clave vigente lo firmará.")
"""The refusal of a bundle signed by a key a rotation retired (the sender has a current key)."""


def _verify(db: Database, path: Path, passphrase: str, limits: Limits) -> _Verified:
    """Every check short of applying; stages the evidence files not held yet."""
    store = blob_store(db)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        fh = path.open("rb")
    except OSError as exc:
        raise BundleFileError.about(path, exc) from exc
    if size > limits.total:
        fh.close()
        raise LimitExceededError(too_big(limits.total))
    with db.reading() as session, fh:
        inst = installation(session)
        me = _office_of(inst)
        reader = BundleReader(fh, limits)
        header = reader.read_header()
        trusted = session.scalar(select(TrustedKey).where(TrustedKey.sign_key_id == header.sender_key))
        if trusted is None:
            if _signed_here(session, header.sender_key):
                raise OwnBundleError()
            raise UnknownSenderKeyError()
        if trusted.status == "revoked" and (trusted.revoked_from_sequence or 1) <= 1:
            raise RevokedKeyError.revoked(trusted.office, trusted.revoked_from_sequence)
        own = session.scalar(select(OwnKey).where(OwnKey.encrypt_key_id == header.recipient_key))
        if own is None:
            raise WrongRecipientError()
        private = keylib.load_private(own.encrypt_private, passphrase, X25519PrivateKey)
        reader.open(private)
        sender_key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(trusted.sign_public))
        m = check_manifest(reader.read_manifest(sender_key), limits.files)
        bundle_hash = hashlib.sha256(reader.manifest_raw).hexdigest()
        stream = f"in:{trusted.office}:{trusted.installation_id}"
        # A bundle applied here before (its signature just verified) is a replay whatever became
        # of its key since: retired by a rotation, or revoked from a later sequence; its
        # rotation was accepted then. The sequence checks below say "ya importado (antes)".
        applied = session.scalar(select(SyncBundle.id).where(
            SyncBundle.direction == "in", SyncBundle.stream == stream, SyncBundle.bundle_hash == bundle_hash)
            .limit(1)) is not None
        if trusted.status == "retired" and not applied:
            raise RevokedKeyError(RETIRED_KEY)
        # recipient
        rec = m["recipient"]
        if rec["key_id"] != header.recipient_key or rec["office"] != me or rec["installation"] != inst.id:
            raise WrongRecipientError()
        # sender: the signed sender must be the trusted key's office and installation
        snd = m["sender"]
        if snd["key_id"] != header.sender_key or snd["installation"] != trusted.installation_id:
            raise OwnershipError("El paquete declara un remitente distinto de la clave que lo firmó. "
                                 "Pida a la oficina que lo exporte de nuevo.")
        if snd["office"] != trusted.office:
            raise OwnershipError(f"El paquete dice venir de la {_named(snd['office'])} pero está firmado con una clave "
                                 f"de la {_named(trusted.office)}. No lo importe; avise a la oficina central.")
        if m["kind"] == "regional":
            if trusted.office == CENTRAL or m["region"] != trusted.office:
                raise OwnershipError(f"El paquete trae datos de {find_region(m['region']).name} ({m['region']}) "
                                     f"pero está firmado por la {_named(trusted.office)}: una oficina solo envía datos "
                                     "de su región.")
        elif trusted.office != CENTRAL or m["region"] != me:
            raise OwnershipError("Solo la oficina central envía respuestas, y solo para la región que la recibe.")
        if trusted.status == "revoked" and m["sequence"] >= (trusted.revoked_from_sequence or 1):
            raise RevokedKeyError.revoked(trusted.office, trusted.revoked_from_sequence)
        new_keys = None
        if m["rotation"] is not None and not applied:
            if trusted.status != "active":
                raise RotationError("El anuncio de cambio de claves viene firmado por una clave revocada; no se "
                                    "incorporó. Pida a la oficina que envíe su nuevo archivo de claves públicas.")
            new_keys = keylib.verify_rotation(m["rotation"], trusted.office, trusted.installation_id, sender_key)
            for column, value in ((TrustedKey.sign_key_id, new_keys.sign_key_id),
                                  (TrustedKey.encrypt_key_id, new_keys.encrypt_key_id)):
                known = session.scalar(select(TrustedKey).where(column == value))
                if known is not None and (known.installation_id != trusted.installation_id
                                          or known.office != trusted.office):
                    raise RotationError("El anuncio de cambio de claves trae una clave que ya pertenece a otra "
                                        "instalación; no se incorporó.")
        last_seq, last_hash = _peek_stream(session, stream)
        already = bundle_hash == last_hash
        if not already:
            _check_sequence(session, stream, m, bundle_hash, last_seq, last_hash)
        # evidence, declared
        carried = m["evidence"]
        shas = [f["sha256"] for f in carried]
        if len(set(shas)) != len(shas):
            raise EvidenceError("El paquete trae un medio de verificación repetido. Pida que lo exporten de nuevo.")
        if sum(f["size"] for f in carried) > limits.total:
            raise LimitExceededError(too_big(limits.total))
        incoming_sizes: dict[str, set[int]] = {}
        for e in m["records"].get("evidence", []):
            incoming_sizes.setdefault(e["sha256"], set()).add(e["size"])
        referenced = dict(incoming_sizes)
        if m["kind"] == "regional" and m["tombstones"] is not None and m["base"]:
            # A delta: a file may belong to an evidence record this office holds already (its
            # record was acknowledged, the file not yet: e.g. a crash before the file moved in).
            gone = {i for t, i in m["tombstones"] if t == "evidence"}
            for record_id, sha, size in session.execute(_scoped(Evidence, Evidence.id, Evidence.sha256, Evidence.size)
                                                        .where(RegionRow.iso_code == m["region"])):
                if record_id not in gone and sha not in incoming_sizes:
                    referenced.setdefault(sha, set()).add(size)
        for f in carried:
            if f["sha256"] not in referenced:
                raise EvidenceError("El paquete trae un medio de verificación que ningún registro usa. "
                                    "Pida que lo exporten de nuevo.")
            if referenced[f["sha256"]] != {f["size"]}:
                raise EvidenceError("El tamaño de un medio de verificación no coincide con su registro. "
                                    "Pida que lo exporten de nuevo.")
        for sha, sizes in incoming_sizes.items():
            if sha in shas:
                continue
            if not store.has(sha):
                name = next(e["name"] for e in m["records"]["evidence"] if e["sha256"] == sha)
                raise EvidenceError(
                    f"El paquete n.º {m['sequence']} de la {office_name(m['region'])} trae el medio de verificación "
                    f"«{name}» sin su archivo, y esta oficina no lo tiene (¿se restauró una copia de seguridad?). No "
                    "se importó nada. Pida a la oficina regional un paquete completo, que lleva todos sus archivos: "
                    "avance bundle export --full (en la ventana: Archivo → Exportar paquete completo…).")
            if sizes != {store.path(sha).stat().st_size}:  # held here: the record must say its real size
                raise EvidenceError("El tamaño declarado de un medio de verificación no coincide con el archivo que "
                                    "esta oficina ya tiene. Pida a la oficina regional que exporte de nuevo.")
        staging = store.new_staging()
        staged: dict[str, Path] = {}
        try:
            for f in carried:
                if store.has(f["sha256"]):
                    reader.read_file(f["size"], f["sha256"], lambda block: None)
                    continue
                temp = staging / f["sha256"]
                with temp.open("wb") as out:
                    reader.read_file(f["size"], f["sha256"], out.write)
                    out.flush()
                    os.fsync(out.fileno())
                staged[f["sha256"]] = temp
            reader.finish()
        except BaseException:
            store.discard(staging)
            raise
    return _Verified(m, bundle_hash, stream, trusted.office, keylib.fingerprint(trusted.sign_key_id), already,
                     staged, staging, header.sender_key, header.recipient_key, new_keys)


def _check_sequence(session: Session, stream: str, m: dict[str, Any], bundle_hash: str, last_seq: int,
                    last_hash: str) -> None:
    """The sequence checks of a bundle not applied yet (stream ``stream`` applied up to
    ``last_seq``, hash ``last_hash``).

    Each message says what works now. For a regional bundle: the regional office imports the
    latest answer of the central office and exports again (the answer's receipt tells it where
    the central office stands: :func:`_take_receipt`), or exports a complete bundle. For an
    answer: the central office imports a new bundle of the region first (it carries the last
    answer the region applied: :func:`_follow_answers`) and answers again.

    Raises:
        ReplayError: a bundle already applied here, older than the last one (nothing to do).
        SupersededError: older than the last one applied, never applied here, and neither a
            number applied here with another hash nor written after a later bundle applied here
            (:func:`_went_back`): a lost bundle or one imported out of order, which the later
            bundles covered (nothing to do).
        RollbackError: older than the last one applied, not applied here, and its sender went
            back (restored a backup): :func:`_went_back`.
        DuplicateSequenceError: another bundle with the last sequence applied.
        ForkedStreamError: the next sequence, but its ``previous`` is not the last bundle
            applied (with a gap, lost bundles, the chain cannot be checked and is allowed).
        IncompleteDeltaError: a delta whose ``base`` this office has not applied.
    """
    sequence = m["sequence"]
    sender = m["sender"]["office"]
    who = f"la {office_name(sender)}"
    if sender == CENTRAL:
        now = ("Exporte un paquete nuevo para la oficina central y pídale que lo importe y que después exporte la "
               "respuesta de nuevo: su paquete le dice qué respuesta importó esta oficina, y la siguiente "
               "continuará desde ella.")
    else:
        now = (f"Exporte aquí una respuesta para {who} (Archivo → Exportar respuesta…, o «avance bundle export --to "
               f"{sender}»); que la oficina regional la importe y después exporte un paquete nuevo: la respuesta le "
               "dice qué paquete tiene esta oficina, y su próximo paquete continuará desde él con todos sus "
               "registros. También sirve que exporte un paquete completo: avance bundle export --full (en la "
               "ventana: Archivo → Exportar paquete completo…).")
    if sequence < last_seq:
        applied = session.execute(select(SyncBundle.sequence, SyncBundle.bundle_hash, SyncBundle.signed_at).where(
            SyncBundle.direction == "in", SyncBundle.stream == stream)).all()
        if any(h == bundle_hash for _, h, _ in applied):
            raise ReplayError(
                f"El paquete n.º {sequence} de {who} ya se había importado antes, y después llegaron otros más "
                f"recientes (el último, n.º {last_seq}). No se cambió nada y no hay nada que hacer: se puede borrar "
                "este archivo.")
        rollback = RollbackError(
            f"El paquete n.º {sequence} de {who} es más antiguo que el n.º {last_seq} ya importado aquí, y no es uno "
            "de los importados (¿se restauró una copia de seguridad allá?). No se importó nada. Si hay un paquete "
            f"más reciente, impórtelo. {now}")
        if _went_back(m, applied):
            raise rollback
        later = min((q for q, _, _ in applied if q > sequence), default=last_seq)
        raise SupersededError(
            f"El paquete n.º {sequence} de {who} ya está cubierto por el paquete n.º {later}, que se importó "
            "después: no cambió nada, puede borrarlo.")
    if sequence == last_seq:
        raise DuplicateSequenceError(
            f"Ya se importó otro paquete n.º {sequence} de {who}, distinto de este (¿se restauró una copia de "
            f"seguridad allá y se exportó de nuevo desde ella?). No se importó nada. {now}")
    if sequence == last_seq + 1 and m["previous"] != last_hash:
        follows = f"no continúa el n.º {last_seq} importado aquí" if last_seq else "es el primero que llega aquí"
        raise ForkedStreamError(
            f"El paquete n.º {sequence} de {who} {follows}, pero dice venir de otro paquete (¿se restauró una copia "
            f"de seguridad y se exportó de nuevo desde ella?). No se importó nada. {now}")
    base = m.get("base")
    if base and last_seq < base:
        raise IncompleteDeltaError(
            f"El paquete n.º {sequence} de {who} trae solo los cambios desde su paquete n.º {base}, pero aquí "
            f"{'solo consta hasta el n.º ' + str(last_seq) if last_seq else 'no consta ninguno'} (¿se restauró una "
            "copia de seguridad?). No se importó nada. Pida a la oficina regional un paquete completo: avance "
            "bundle export --full (en la ventana: Archivo → Exportar paquete completo…).")


def _went_back(m: dict[str, Any], applied: list[Any]) -> bool:
    """Whether an older bundle never applied here (its number below the last one applied) comes
    from its sender going back, rather than from a bundle lost or imported out of order.

    A bundle lost on the way was written before every later bundle of its stream and continues
    the one before it. So it went back when a bundle with its number was applied here with
    another hash; when it was signed after a later bundle applied here (the sender restored a
    backup and exported again from it: those numbers are in use); or when the bundle applied
    here with the number before it is not the one it names as ``previous``.

    Args:
        m: the bundle's checked manifest (``sequence``, ``previous``, ``created_at``).
        applied: the stream's bundles applied here: (sequence, bundle hash, signed time or None).
    """
    sequence = m["sequence"]
    for number, bundle_hash, signed_at in applied:
        if number == sequence:  # replays were sorted out before: another bundle with this number
            return True
        if number > sequence and signed_at is not None and m["created_at"] > signed_at:
            return True
        if number == sequence - 1 and m["previous"] != bundle_hash:
            return True
    return False


def _upsert(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    table = model.__table__
    stmt = sqlite_insert(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.id], set_={c.name: stmt.excluded[c.name] for c in table.columns if c.name != "id"})
    session.execute(stmt, rows)


def _admit_services(session: Session, code: str, rows: list[dict[str, Any]], needed: set[uuid.UUID]) -> set[uuid.UUID]:
    """The services a regional bundle's reporting years may name: those the central office
    knows, plus a service it does not know yet that the bundle carries, only when the bundle's
    own reporting years need it and its id is the stable one of its acronym
    (``uuid5(SERVICE_NAMESPACE, ACRONYM)``, as :func:`db.queries.get_or_create_service` makes
    it everywhere) and no other service has that acronym. A service the central office knows
    is never changed by a region (its row here stands).

    Raises:
        OwnershipError: any other service row.
    """
    known = dict(session.execute(select(Service.id, Service.acronym)).all())
    acronyms = {a.upper() for a in known.values()}
    admitted = set(known)
    for r in rows:
        if r["id"] in known:
            continue
        acronym = r["acronym"].upper()
        if r["id"] not in needed or r["id"] != uuid.uuid5(SERVICE_NAMESPACE, acronym) or acronym in acronyms:
            raise OwnershipError(
                f"El paquete de la {office_name(code)} trae un servicio («{r['acronym'][:40]}») que la oficina "
                "central no conoce y que sus años de reporte no usan, o con un identificador que no es el de su "
                "sigla: una región no crea servicios. Pida a la oficina que lo exporte de nuevo.")
        session.execute(Service.__table__.insert(), [r])
        admitted.add(r["id"])
        acronyms.add(acronym)
    return admitted


def _apply_regional(session: Session, m: dict[str, Any]) -> dict[str, int]:
    """Apply a regional bundle: its records (upserted) and its tombstones (deleted), with the
    ownership checks and, when the region has several installations, the conflict rules.

    A format 3 bundle with a ``base`` is a delta: records not mentioned are left alone. A
    format 1 or 2 bundle, and a format 3 one with base 0 (the first one, ``--full``, or the
    one after a fork), is the region's complete state: what it does not carry is turned into
    tombstones by absence (a held record of the region it does not carry is a tombstone, when
    the region has one installation or this installation had sent it: so a copy of the region
    held here that no bundle brought, imported from Excel or the example, is replaced), and
    its stream's history in ``sync_record`` is replaced; a delta's is updated record by record
    (a tombstone leaves digest ``""``: "this installation deleted it"). Deletions go before
    the new records, so a record replaced by one with the same unique key (a region's year)
    goes in; a clash that remains is refused naming both records (:func:`_unique_clash`).
    """
    code = m["region"]
    recs = m["records"]
    raw = m["raw_records"]
    stream = m["_stream"]
    full_state = m["tombstones"] is None  # format 1 or 2
    complete = full_state or m["base"] == 0
    delta = not complete
    tables = REGIONAL_TABLES[1:]
    region_id = session.scalar(select(RegionRow.id).where(RegionRow.iso_code == code))
    ids = {table: {r["id"] for r in recs[table]} for table, _ in REGIONAL_TABLES}
    current = region_records(session, code)

    def owned(cond: bool) -> None:
        if not cond:
            raise OwnershipError(f"El paquete de la {office_name(code)} trae registros que no pertenecen a su región. "
                                 "Pida a la oficina que lo exporte de nuevo.")

    known_services = _admit_services(session, code, recs["service"], {r["service_id"] for r in recs["reporting_year"]})
    for r in recs["reporting_year"]:
        owned(r["region_id"] == region_id and r["service_id"] in known_services)
    # Each record's parent is in the bundle or (a delta) a record of the region held here; a
    # parent held nowhere is looked for in other regions below.
    absent: dict[str, set[uuid.UUID]] = {}
    for table, (parent, column) in _PARENT_COLUMN.items():
        for r in recs[table]:
            pid = r[column]
            if pid in ids[parent] or (delta and (parent, pid) in current):
                continue
            owned(delta)
            absent.setdefault(parent, set()).add(pid)
    tombstoned: dict[str, set[uuid.UUID]] = {}
    for table, record_id in m["tombstones"] or ():
        tombstoned.setdefault(table, set()).add(record_id)
    # A record id (carried, deleted or a parent) held here under another region is not this
    # sender's to change, nor to hang records from.
    for table, model in tables:
        wanted = list(ids[table] | tombstoned.get(table, set()) | absent.get(table, set()))
        for part in _chunks(wanted):
            elsewhere = session.scalar(_scoped(model, model.id).where(model.id.in_(part), RegionRow.iso_code != code)
                                       .limit(1))
            owned(elsewhere is None)
    others = [name for name in session.scalars(select(SyncStream.stream).where(SyncStream.stream.like(f"in:{code}:%")))
              if name != stream]
    prev = {(t, i): d for t, i, d in session.execute(
        select(SyncRecord.table_name, SyncRecord.record_id, SyncRecord.digest).where(SyncRecord.stream == stream))}
    # What each other installation of the region last said: (table, id) -> {digest: (stream, sequence)}.
    said: dict[tuple[str, uuid.UUID], dict[str, tuple[str, int]]] = {}
    if others:
        for part in _chunks(others):
            for t, i, d, st, sq in session.execute(
                    select(SyncRecord.table_name, SyncRecord.record_id, SyncRecord.digest, SyncRecord.stream,
                           SyncRecord.sequence).where(SyncRecord.stream.in_(part))):
                said.setdefault((t, i), {})[d] = (st, sq)
    changes = {"nuevos": 0, "modificados": 0, "eliminados": 0, "conflictos": 0}
    incoming: dict[tuple[str, uuid.UUID], str] = {}

    def conflict(table: str, record_id: uuid.UUID, theirs: dict[str, Any] | None) -> None:
        """Keep both: the held version (None when the record is deleted here) and ``theirs``."""
        now_digest, now_record = current.get((table, record_id), (None, None))
        writer, writer_seq = said.get((table, record_id), {}).get(now_digest, ("", 0)) if now_digest else ("", 0)
        version = canonical_bytes(theirs).decode("utf-8") if theirs is not None else None
        row = session.scalar(select(SyncConflict).where(
            SyncConflict.table_name == table, SyncConflict.record_id == record_id, SyncConflict.status == "abierto",
            SyncConflict.incoming_stream == stream))
        if row is None:
            row = SyncConflict(region_code=code, table_name=table, record_id=record_id, incoming_stream=stream,
                               incoming_sequence=m["sequence"])
            session.add(row)
        row.current_version = canonical_bytes(now_record).decode("utf-8") if now_record is not None else None
        row.current_stream, row.current_sequence = writer, writer_seq
        row.incoming_version, row.incoming_sequence = version, m["sequence"]
        changes["conflictos"] += 1

    def unreachable(table: str, parent_key: tuple[str, uuid.UUID]) -> IncompleteDeltaError:
        return IncompleteDeltaError(
            f"El paquete n.º {m['sequence']} de la {office_name(code)} trae un registro ({table}) cuyo registro padre "
            f"({parent_key[0]}) esta oficina no tiene. No se importó nada. Pida a la oficina regional un paquete "
            "completo: avance bundle export --full (en la ventana: Archivo → Exportar paquete completo…).")

    to_write: dict[str, list[dict[str, Any]]] = {}
    writing: dict[tuple[str, uuid.UUID], dict[str, Any]] = {}  # records this bundle creates or changes
    applied: dict[tuple[str, uuid.UUID], dict[str, Any] | None] = {}  # what this bundle wrote (None: deleted)
    for table, _model in tables:
        keep: list[dict[str, Any]] = []
        parent = _PARENT_COLUMN.get(table)
        for record, decoded in zip(raw[table], recs[table], strict=True):
            key = (table, decoded["id"])
            digest = _digest(record)
            incoming[key] = digest
            here = current.get(key)
            parent_key = (parent[0], decoded[parent[1]]) if parent is not None else None
            # Its parent is held here or written by this bundle (else: deleted here by another
            # installation, kept out by a conflict, or never received).
            orphan = parent_key is not None and parent_key not in current and parent_key not in writing
            if here is None and others:
                # Not held here. Sent before by this installation: deleted here since, by another
                # installation; the deletion stands unless this one edited it (then both are kept).
                if key in prev:
                    if prev[key] != digest:
                        conflict(table, decoded["id"], record)
                    continue
                # New, under a parent deleted here (or kept out by a conflict): kept as a conflict,
                # not refused, so the rest of the bundle applies.
                if orphan:
                    conflict(table, decoded["id"], record)
                    continue
                changes["nuevos"] += 1
            elif here is None:
                if orphan:
                    assert parent_key is not None
                    raise unreachable(table, parent_key)
                changes["nuevos"] += 1
            elif here[0] == digest:
                continue
            elif not others or prev.get(key) == here[0]:
                # This installation's own earlier version: superseded.
                if orphan:
                    assert parent_key is not None
                    if not others:
                        raise unreachable(table, parent_key)
                    conflict(table, decoded["id"], record)
                    continue
                changes["modificados"] += 1
                applied[key] = record
            elif prev.get(key) == digest:
                continue  # unchanged there since it last said so: another installation's newer edit stands
            else:
                conflict(table, decoded["id"], record)  # both edited it: keep both, a person decides
                continue
            keep.append(decoded)
            writing[key] = decoded
        to_write[table] = keep
    # Tombstones: the bundle's own; and for a complete state, by absence (only what this
    # installation had sent, or, with a single installation for the region, everything of the
    # region).
    tombstones = list(m["tombstones"] or ())
    if complete:
        named = set(tombstones)
        tombstones += [key for key in current
                       if key not in incoming and key not in named and (not others or key in prev)]
    by_table: dict[str, list[uuid.UUID]] = {}
    for table, record_id in tombstones:
        by_table.setdefault(table, []).append(record_id)
    # Children of each held record once this bundle is applied (a record it moves counts under
    # its new parent), and the moves themselves.
    children: dict[tuple[str, uuid.UUID], list[tuple[str, uuid.UUID]]] = {}
    moves: dict[str, list[tuple[uuid.UUID, uuid.UUID]]] = {}
    for key, (_, held) in current.items():
        link = _PARENT_COLUMN.get(key[0])
        if link is None:
            continue
        before = uuid.UUID(held[link[1]])
        after = writing[key][link[1]] if key in writing else before
        children.setdefault((link[0], after), []).append(key)
        if after != before:
            moves.setdefault(key[0], []).append((key[1], after))
    if moves:  # a moved record may go under a parent this bundle inserts after the deletions
        session.execute(text("PRAGMA defer_foreign_keys = ON"))

    def below(key: tuple[str, uuid.UUID]) -> list[tuple[str, uuid.UUID]]:
        out, todo = [], list(children.get(key, ()))
        while todo:
            child = todo.pop()
            out.append(child)
            todo.extend(children.get(child, ()))
        return out

    removed: set[tuple[str, uuid.UUID]] = set()
    deleted_too: list[tuple[str, uuid.UUID]] = []  # a single installation's records under a record it deleted
    models = dict(tables)
    for table, model in reversed(tables):  # children first
        gone = []
        for record_id in by_table.get(table, ()):
            key = (table, record_id)
            here = current.get(key)
            if here is None or key in removed:
                continue  # not held (deleted already, or never received): nothing to do
            if not others or prev.get(key) == here[0]:
                left = [c for c in children.get(key, ()) if c not in removed]
                if left and others:
                    # Deleted there; another installation's records hang from it here: the cascade
                    # would take them silently.
                    conflict(table, record_id, None)
                    continue
                for child in below(key) if left else ():
                    if child not in removed:  # the region's own: the deletion takes them (cascade)
                        removed.add(child)
                        deleted_too.append(child)
                gone.append(record_id)
                removed.add(key)
            elif prev.get(key) == "":
                continue  # it said so before; what is held here now is another installation's
            else:
                conflict(table, record_id, None)  # deleted there, edited here (or never sent from there)
        applied.update(((table, record_id), None) for record_id in gone)
        for part in _chunks(gone):
            session.execute(delete(model).where(model.id.in_(part)))
        # Move this table's records off parents deleted next (their descendants stay).
        link = _PARENT_COLUMN.get(table)
        for record_id, parent_id in moves.get(table, ()) if link is not None else ():
            session.execute(update(models[table]).where(models[table].id == record_id)
                            .values({link[1]: parent_id}))
        changes["eliminados"] += len(gone)
    changes["eliminados"] += len(deleted_too)
    applied.update((key, None) for key in deleted_too)
    _unique_clash(session, m, to_write, removed, single=not others)
    for table, model in tables:
        _upsert(session, model, to_write[table])
    if moves:
        for table, _ in tables:
            if session.execute(text(f"PRAGMA foreign_key_check({table})")).first() is not None:
                raise ManifestError(f"El paquete de la {office_name(code)} deja registros de «{table}» sin su "
                                    "registro padre. No se importó nada. Pida a la oficina un paquete completo: "
                                    "avance bundle export --full (en la ventana: Archivo → Exportar paquete "
                                    "completo…).")
    if applied:  # an open conflict's "current" version is the one held: follow what was just written
        for row in session.scalars(select(SyncConflict).where(SyncConflict.region_code == code,
                                                              SyncConflict.status == "abierto")):
            key = (row.table_name, row.record_id)
            if key in applied and row.incoming_stream != stream:
                version = applied[key]
                row.current_version = canonical_bytes(version).decode("utf-8") if version is not None else None
                row.current_stream, row.current_sequence = stream, m["sequence"]
    now = utcnow()
    if complete:  # a complete state replaces what the stream said
        session.execute(delete(SyncRecord).where(SyncRecord.stream == stream))
    if full_state:
        said_now = dict(incoming)
    else:
        said_now = {**incoming, **{key: "" for key in tombstones}, **{key: "" for key in deleted_too}}
    rows = [{"id": uuid.uuid4(), "created_at": now, "updated_at": now, "stream": stream, "table_name": t,
             "record_id": i, "digest": d, "sequence": m["sequence"]} for (t, i), d in said_now.items()]
    if rows:
        for part in _chunks(rows):
            session.execute(_said_upsert(), part)
    return changes


_UNIQUE_KEYS: dict[str, tuple[str, ...]] = {
    "reporting_year": ("service_id", "region_id", "year"),
    "work_programme": ("reporting_year_id", "form"),
    "progress_analysis": ("objective_id", "quarter"),
}
"""The unique keys of the regional tables besides the id (``db.models``)."""


def _unique_clash(session: Session, m: dict[str, Any], to_write: dict[str, list[dict[str, Any]]],
                  removed: set[tuple[str, uuid.UUID]], *, single: bool) -> None:
    """Refuse, before writing, a record of the bundle whose unique key (a region's year and
    service, a year's form, an objective's quarter in III.4) another record holds here under
    another id, once this bundle's deletions are done; the message names both and says what to
    do (SQLite would only say "UNIQUE constraint failed").

    Raises:
        ManifestError: a clash (the bundle itself repeats a key, or a record held here has it).
    """
    from desktop.services.example import example_ids

    code = m["region"]
    models = dict(REGIONAL_TABLES)
    example = {i for _, i in example_ids()}
    for table, columns in _UNIQUE_KEYS.items():
        rows = to_write.get(table) or []
        if not rows:
            continue
        model = models[table]
        ids = {r["id"] for r in rows}
        held: dict[tuple[Any, ...], uuid.UUID] = {}
        for part in _chunks(sorted({r[columns[0]] for r in rows}, key=str)):
            query = select(model.id, *(getattr(model, c) for c in columns)).where(getattr(model, columns[0]).in_(part))
            for row in session.execute(query):
                if row[0] not in ids and (table, row[0]) not in removed:
                    held[tuple(row[1:])] = row[0]
        seen: dict[tuple[Any, ...], uuid.UUID] = {}
        for r in rows:
            key = tuple(r[c] for c in columns)
            if key in seen:
                raise ManifestError(f"El paquete de la {office_name(code)} trae dos veces {_what(session, table, r)} "
                                    "con identificadores distintos. No se importó nada. Pida a la oficina que lo "
                                    "exporte de nuevo.")
            seen[key] = r["id"]
            other = held.get(key)
            if other is None:
                continue
            senders = set(session.scalars(select(SyncRecord.stream).where(
                SyncRecord.record_id == other, SyncRecord.table_name == table, SyncRecord.digest != "",
                SyncRecord.stream.like(f"in:{code}:%"))))
            if other in example:
                whose = ("que es del ejemplo de Tarapacá 2009 cargado aquí, no de un paquete de la región", "Quite aquí el "
                         "ejemplo con «avance example remove» y vuelva a importar el paquete.")
            elif not senders:
                whose = ("que no llegó en ningún paquete de la región (se importó de Excel aquí o se escribió aquí)",
                         "Pida a la oficina regional un paquete completo: avance bundle export --full (en la ventana: "
                         "Archivo → Exportar paquete completo…); con él esta oficina reemplaza los registros de la "
                         "región que no le llegaron en paquetes." if single else
                         "La región tiene varias instalaciones, así que esta oficina no lo reemplaza sola: elimine aquí "
                         "esa copia y vuelva a importar el paquete.")
            elif m["_stream"] in senders:
                whose = ("que esta misma instalación envió en un paquete anterior",
                         "Pida a la oficina regional un paquete completo: avance bundle export --full (en la ventana: "
                         "Archivo → Exportar paquete completo…).")
            else:
                whose = ("que envió otra instalación de la región",
                         "Las dos instalaciones de la región escribieron lo mismo por separado: pida a una de ellas que "
                         "elimine su copia y exporte de nuevo.")
            raise ManifestError(
                f"El paquete de la {office_name(code)} trae {_what(session, table, r)}, pero esta oficina ya tiene "
                f"otro registro de lo mismo con otro identificador, {whose[0]}. No se importó nada. {whose[1]}")


def _what(session: Session, table: str, record: dict[str, Any]) -> str:
    """A record of a unique key, as people read it ("el año 2009 de Tarapacá")."""
    if table == "reporting_year":
        region = session.get(RegionRow, record["region_id"])
        return f"el año {record['year']} de {region.name if region else 'la región'}"
    if table == "work_programme":
        return f"el programa {record['form']} de un año de reporte"
    objective = session.get(ObjectiveRow, record["objective_id"])
    label = f" del objetivo «{objective.text[:60]}»" if objective is not None and objective.text else ""
    return f"el análisis de avance (III.4) del trimestre {record['quarter']}{label}"


def _said_upsert() -> Any:  # noqa: ANN401
    """INSERT … ON CONFLICT (stream, table, record) DO UPDATE of ``sync_record`` rows."""
    table = SyncRecord.__table__
    stmt = sqlite_insert(table)
    return stmt.on_conflict_do_update(
        index_elements=[table.c.stream, table.c.table_name, table.c.record_id],
        set_={"digest": stmt.excluded.digest, "sequence": stmt.excluded.sequence,
              "updated_at": stmt.excluded.updated_at})


_PARENT_COLUMN: dict[str, tuple[str, str]] = {
    "work_programme": ("reporting_year", "reporting_year_id"),
    "objective": ("work_programme", "programme_id"),
    "commitment": ("objective", "objective_id"),
    "progress_analysis": ("objective", "objective_id"),
    "evidence": ("commitment", "commitment_id"),
}
"""Each regional table's parent within the region (table, column of the parent's id)."""


def _digest(record: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(record)).hexdigest()


def region_records(session: Session, code: str) -> dict[tuple[str, uuid.UUID], tuple[str, dict[str, Any]]]:
    """Every record of region ``code`` that its regional office owns, as a bundle carries it.

    Args:
        session: an open session (reading).
        code: the region's ISO code ("CL-TA").

    Returns:
        ``(table, id) -> (digest, record)``: the record as a manifest writes it
        (:func:`desktop.sync.manifest.encode_row`) and the SHA-256 of its canonical JSON, hex;
        the tables of :data:`REGIONAL_TABLES` after ``service``.
    """
    current: dict[tuple[str, uuid.UUID], tuple[str, dict[str, Any]]] = {}
    for table, model in REGIONAL_TABLES[1:]:
        for row in _region_rows(session, model, code):
            record = encode_row(row, model)
            current[(table, row.id)] = (_digest(record), record)
    return current


def backfill_stream_records(session: Session) -> list[str]:
    """Give the incoming streams that imported before ``sync_record`` existed their history
    (migration 0004; central office).

    Schema 0002 kept no record of what each stream said. A region with a single incoming
    stream then had every record of its region from that stream, as last sent: those records
    and their digests are recorded as what the stream said at its last sequence, so that once a
    second installation of the region sends, the first one's edits and deletions are judged
    against its own history (not turned into conflicts, not silently dropped).

    A region with several incoming streams and no history is left alone: who wrote which
    record is not known, and guessing could delete another installation's records; its
    two-installation edits then surface as conflicts for a person to resolve.

    Returns:
        The streams given a history.
    """
    streams = session.scalars(select(SyncStream).where(SyncStream.stream.like("in:CL-%"),
                                                       SyncStream.last_sequence > 0)).all()
    by_region: dict[str, list[SyncStream]] = {}
    for s in session.scalars(select(SyncStream).where(SyncStream.stream.like("in:CL-%"))).all():
        by_region.setdefault(s.stream.split(":")[1], []).append(s)
    filled = []
    for stream in streams:
        code = stream.stream.split(":")[1]
        if len(by_region.get(code, ())) != 1:
            continue
        if session.scalar(select(SyncRecord.id).where(SyncRecord.stream == stream.stream).limit(1)) is not None:
            continue
        now = utcnow()
        rows = [{"id": uuid.uuid4(), "created_at": now, "updated_at": now, "stream": stream.stream,
                 "table_name": t, "record_id": i, "digest": d, "sequence": stream.last_sequence}
                for (t, i), (d, _) in region_records(session, code).items()]
        if rows:
            session.execute(SyncRecord.__table__.insert(), rows)
            filled.append(stream.stream)
    return filled


def _apply_central(session: Session, m: dict[str, Any], me_region: str) -> dict[str, int]:
    changes = {"nuevos": 0, "modificados": 0, "eliminados": 0}
    for table, model in CENTRAL_TABLES:
        rows = m["records"][table]
        for r in rows:
            if r["region_code"] != me_region:
                raise OwnershipError("La respuesta trae observaciones de otra región. Pida a la oficina central "
                                     "que la exporte de nuevo.")
        current = dict(session.execute(select(model.id, model.updated_at).where(model.region_code == me_region)).all())
        wanted = {r["id"] for r in rows}
        clash = [i for i in wanted if i not in current]
        for part in _chunks(clash):
            if session.scalar(select(model.id).where(model.id.in_(part)).limit(1)) is not None:
                raise OwnershipError()
        gone = [i for i in current if i not in wanted]
        for part in _chunks(gone):
            session.execute(delete(model).where(model.id.in_(part)))
        changes["eliminados"] += len(gone)
        for r in rows:
            if r["id"] not in current:
                changes["nuevos"] += 1
            elif current[r["id"]] != r["updated_at"]:
                changes["modificados"] += 1
        _upsert(session, model, rows)
    _take_receipt(session, m)
    return changes


FORK_MARK = uuid.UUID(int=0)
"""The ``bundle_id`` of the ``sync_bundle`` row a regional office writes when a receipt shows
that its stream forked (:func:`_take_receipt`): the central office's bundle of that sequence,
which the stream continues from. Until a receipt acknowledges a later bundle, every bundle
exported is complete (base 0)."""


def _take_receipt(session: Session, m: dict[str, Any]) -> None:
    """Take the receipt of a central answer being applied as the truth about what the central
    office holds of this installation's stream (``out:central``).

    The answer passed the sequence checks, so it is the newest one: its receipt replaces the
    one held before, also when its sequence is lower (the central office restored a backup and
    lost bundles: the acknowledged sequence goes down and the next delta carries more) and its
    list of files held.

    When the receipt names a bundle of this stream that is not the one sent from here with that
    number (or a number past the last one sent here), this installation restored a backup after
    sending it: the stream forked. The stream then continues from the central office's bundle
    (its sequence and hash, recorded as a bundle of this stream so a later receipt naming it
    again is no fork), and the next bundle is complete (base 0), so the central office ends up
    with this installation's records exactly (it deletes what the bundle lacks).
    """
    receipt = m["receipt"]
    out = _stream(session, OUTGOING)
    acked, seq, said = out.acked_sequence, receipt["sequence"], receipt["bundle"]
    sent = set(session.scalars(select(SyncBundle.bundle_hash).where(
        SyncBundle.direction == "out", SyncBundle.stream == OUTGOING, SyncBundle.sequence == seq))) if seq else set()
    forked = seq > out.last_sequence or (seq > 0 and bool(sent) and said not in sent)
    out.acked_evidence = json.dumps(sorted(set(receipt["evidence"])))
    if forked:
        out.last_sequence, out.last_hash, out.acked_sequence = seq, said, seq
        session.add(SyncBundle(bundle_id=FORK_MARK, direction="out", stream=OUTGOING, sequence=seq,
                               bundle_hash=said, summary="el de la oficina central (esta copia se restauró de un "
                                                         "respaldo): la secuencia continúa desde él"))
        m["_notes"].append(
            f"La oficina central tiene un paquete n.º {seq} de esta oficina distinto del que consta aquí (¿se "
            "restauró una copia de seguridad después de enviarlo?). El próximo paquete continuará desde el de la "
            "oficina central y será completo: lleva todos los registros de la región, y la oficina central quitará "
            "los que ya no estén aquí, para que ambas queden iguales. Exporte un paquete ahora.")
        return
    out.acked_sequence = seq
    if seq < acked:
        m["_notes"].append(
            f"La oficina central solo tiene aplicados los paquetes de esta oficina hasta el n.º {seq} (antes acusó "
            f"recibo del n.º {acked}: ¿restauró una copia de seguridad?). El próximo paquete volverá a llevar los "
            f"cambios desde el n.º {seq}.")


def _crash_point(name: str) -> None:
    """A no-op hook the tests replace to inject a crash at ``name``: "mid_transaction" (the
    records written, the transaction not committed), "mid_move" (after each evidence file is
    moved into ``blobs/``, after the commit) and "after_move"."""


def import_bundle(db: Database, path: Path, passphrase: str, *, dry_run: bool = False,
                  limits: Limits | None = None) -> ImportResult:
    """Verify and apply one bundle, atomically and idempotently.

    Args:
        path: the ``.avance`` file.
        passphrase: opens this installation's decryption key.
        dry_run: check everything and change no data nor file (outcome "verificado"); a
            rejection is still logged in the audit table, as every rejection is, and the
            staging left by killed imports is not swept.
        limits: size limits (default :class:`Limits`).

    Returns:
        The :class:`ImportResult` ("aceptado", "ya importado" or "verificado").

    Raises:
        BundleRejected: a typed rejection (Spanish message); nothing changed, logged in the audit.
        InstallationError, PassphraseError: this installation cannot open bundles.
    """
    path = Path(path)
    limits = limits or Limits()
    store = blob_store(db)
    if not dry_run:
        store.sweep()  # what an import killed mid-way left in blobs-staging/
        release_blobs(db)  # and the files it was about to release
    bundle_hash = ""
    try:
        v = _verify(db, path, passphrase, limits)
        bundle_hash = v.bundle_hash
        try:
            m = v.manifest
            n_rec = sum(len(rows) for table, rows in m["records"].items() if table != "service")  # as the export
            base = dict(sender=m["sender"]["office"], fingerprint=v.fingerprint, sequence=m["sequence"],
                        created_at=m["created_at"], manifest_format=m["format"])
            if v.already:
                if not dry_run:
                    store.commit(v.staged)  # repairs a crash between commit and move
                    _audit(db, path, "ya importado", bundle_hash)
                return ImportResult("ya importado", summary=str(AlreadyImported()), **base)
            if dry_run:
                n_tomb = len(m["tombstones"] or ())
                return ImportResult("verificado", summary=f"Paquete válido: {count(n_rec, 'registro', 'registros')}, "
                                    + (f"{count(n_tomb, 'eliminación', 'eliminaciones')}, " if n_tomb else "")
                                    + f"{count(len(m['evidence']), 'medio de verificación', 'medios de verificación')}"
                                    + (f" (cambios desde su paquete n.º {m['base']})" if m["base"] else "") + ".",
                                    **base)
            try:
                changes = _apply(db, v)
            except _Again:  # the same bundle was applied by an import running at the same time
                store.commit(v.staged)
                _audit(db, path, "ya importado", bundle_hash)
                return ImportResult("ya importado", summary=str(AlreadyImported()), **base)
            store.commit(v.staged, on_moved=lambda _sha: _crash_point("mid_move"))
            _crash_point("after_move")
            if m.get("_release") is not None:  # files no record uses any more (the region removed them)
                release_blobs(db, [m["_release"]])
        finally:
            store.discard(v.staging)
    except BundleRejected as exc:
        _audit(db, path, "rechazado", bundle_hash, exc)
        raise
    summary = (f"Paquete n.º {m['sequence']} de la {office_name(m['sender']['office'])} importado: "
               f"{count(changes['nuevos'], 'nuevo', 'nuevos')}, {count(changes['modificados'], 'modificado', 'modificados')}, "
               f"{count(changes['eliminados'], 'eliminado', 'eliminados')}"
               + (f", {count(len(v.staged), 'medio de verificación recibido', 'medios de verificación recibidos')}."
                  if m["kind"] == "regional" else f". {_receipt_text(m['receipt'])}")
               + (f" {count(changes['conflictos'], 'conflicto', 'conflictos')} entre instalaciones de la región: "
                  "resuélvalos en Ver → Resolver conflictos… o con «avance bundle conflicts» y «avance bundle resolve»."
                  if changes.get("conflictos") else "")
               + "".join(" " + note for note in m.get("_notes", ())))
    _audit(db, path, "aceptado", bundle_hash, message=summary)
    return ImportResult("aceptado", summary=summary, changes=changes, **base)


def _receipt_text(receipt: dict[str, Any]) -> str:
    """What the receipt of a central answer says, as its import report tells the regional office."""
    files = count(len(receipt["evidence"]), "medio de verificación", "medios de verificación")
    if not receipt["sequence"]:
        return "Acuse de recibo: la oficina central aún no aplicó paquetes de esta oficina." + (
            f" Tiene {files} de ella." if receipt["evidence"] else "")
    return (f"Acuse de recibo: la oficina central aplicó los paquetes de esta oficina hasta el n.º {receipt['sequence']}"
            f" y tiene {files} de ella.")


BUSY_RETRIES = 2
"""How many times an import waits (SQLite's busy timeout, 15 s each) for another one holding the
database before giving up with :class:`ImportBusyError`."""


def _apply(db: Database, v: _Verified) -> dict[str, int]:
    for attempt in range(BUSY_RETRIES):
        try:
            return _apply_once(db, v)
        except OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise ImportBusyError(f"No se pudo escribir en la base de datos ({exc.orig}); no se cambió nada. "
                                      "Vuelva a importar el paquete.") from exc
            time.sleep(0.1)
    raise ImportBusyError()


def _apply_once(db: Database, v: _Verified) -> dict[str, int]:
    m = v.manifest
    m["_stream"] = v.stream
    m["_notes"] = []
    m["_release"] = None
    store = blob_store(db)
    try:
        with db.transaction() as session:
            # Take the write lock first, then re-check the stream inside it (two imports at once).
            session.execute(update(SyncStream).where(SyncStream.stream == "").values(last_sequence=0))
            last_seq, last_hash = _peek_stream(session, v.stream)
            if last_hash == v.bundle_hash:
                raise _Again()
            _check_sequence(session, v.stream, m, v.bundle_hash, last_seq, last_hash)
            signer = session.scalar(select(TrustedKey).where(TrustedKey.sign_key_id == v.sender_key))
            if signer is None or signer.status == "retired":
                raise RevokedKeyError(RETIRED_KEY)
            if m["kind"] == "regional":
                files_before = set(session.scalars(_scoped(Evidence, Evidence.sha256)
                                                   .where(RegionRow.iso_code == m["region"])))
                changes = _apply_regional(session, m)
                _follow_answers(session, m)
                _check_files_held(store, m, v.staged)
            else:
                changes = _apply_central(session, m, m["region"])
            _apply_keys(session, v, signer)
            _crash_point("mid_transaction")
            stream = _stream(session, v.stream)
            stream.last_sequence = m["sequence"]
            stream.last_hash = v.bundle_hash
            session.add(SyncBundle(bundle_id=m["bundle_id"], direction="in", stream=v.stream, sequence=m["sequence"],
                                   bundle_hash=v.bundle_hash, summary=count(sum(changes.values()), "cambio", "cambios"),
                                   signed_at=m["created_at"]))
            session.flush()
            if m["kind"] == "regional" and files_before:
                # Files whose last record this bundle deleted (a tombstone, a deletion by
                # absence, a cascade): written down before the commit, removed after it.
                still = set(session.scalars(select(Evidence.sha256).where(Evidence.sha256.in_(files_before))))
                if files_before - still:
                    m["_release"] = store.note_release(files_before - still)
    except BaseException as exc:
        if m["_release"] is not None:  # rolled back: the records stay, and so do their files
            store.forget_release(m["_release"])
            m["_release"] = None
        if isinstance(exc, IntegrityError):
            raise _integrity_refusal(m, exc) from exc
        raise
    return changes


def _check_files_held(store: BlobStore, m: dict[str, Any], staged: dict[str, Path]) -> None:
    """Every evidence record of the bundle whose file it does not carry names a file held here
    (checked again inside the transaction: a file released since the bundle was verified)."""
    for e in m["records"].get("evidence", []):
        if e["sha256"] not in staged and not store.has(e["sha256"]):
            raise EvidenceError(
                f"El paquete n.º {m['sequence']} de la {office_name(m['region'])} trae el medio de verificación "
                f"«{e['name']}» sin su archivo, y esta oficina no lo tiene. No se importó nada. Pida a la oficina "
                "regional un paquete completo, que lleva todos sus archivos: avance bundle export --full (en la "
                "ventana: Archivo → Exportar paquete completo…).")


def _integrity_refusal(m: dict[str, Any], exc: IntegrityError) -> ManifestError:
    """The refusal of a bundle whose records do not fit the database (a UNIQUE or FOREIGN KEY
    constraint)."""
    detail = str(exc.orig)
    table = next((t for t, _ in REGIONAL_TABLES + CENTRAL_TABLES if f" {t}." in detail or f"({t})" in detail), "")
    what = (f"dos registros para lo mismo en «{table or 'una tabla'}»" if "UNIQUE" in detail else
            "un registro sin su registro padre" if "FOREIGN KEY" in detail else "registros que no calzan")
    return ManifestError(
        f"El paquete n.º {m['sequence']} de la {office_name(m['sender']['office'])} trae datos que no calzan con "
        f"los de esta oficina ({what}). No se importó nada. Pida a la oficina un paquete completo (avance bundle "
        "export --full; en la ventana: Archivo → Exportar paquete completo…) y, si también se rechaza, "
        "comuníquese con ella para revisar esos registros.")


def _follow_answers(session: Session, m: dict[str, Any]) -> None:
    """Move this central office's answers to the region past the last one the region applied.

    A regional bundle of format 3 says which answer of ours it applied last (``receipt``:
    sequence and hash). When that answer is ahead of our own outgoing stream to the region (we
    restored a backup taken before it; or we wrote another answer with its number since, which
    the region refused), our stream moves to it, so our next answer follows the one the region
    holds and is accepted there instead of being refused as a replay, rollback or fork.
    """
    said = m["receipt"]
    if said is None or said["sequence"] == 0:
        return
    out = _stream(session, f"out:{m['region']}")
    if said["sequence"] > out.last_sequence or (said["sequence"] == out.last_sequence
                                                and said["bundle"] != out.last_hash):
        out.last_sequence, out.last_hash = said["sequence"], said["bundle"]
        m["_notes"].append(
            f"La {office_name(m['region'])} ya había importado la respuesta n.º {said['sequence']} de esta oficina, "
            "que aquí no constaba (¿se restauró una copia de seguridad?): la próxima respuesta continuará desde ella.")


def _apply_keys(session: Session, v: _Verified, signer: TrustedKey) -> None:
    """Key changes a bundle brings: a rotation announced (the new keys trusted), older keys of
    the sender retired once its new key signs, and our own pending key promoted once the other
    side encrypts to it (a regional office has one counterpart: the central office)."""
    new = v.new_keys
    if new is not None and session.scalar(select(TrustedKey).where(TrustedKey.sign_key_id == new.sign_key_id)) is None:
        # Who announced it, and in which bundle: revoking the announcer from that sequence or an
        # earlier one revokes this key too (revoke()).
        session.add(TrustedKey(office=signer.office, installation_id=signer.installation_id,
                               sign_key_id=new.sign_key_id, sign_public=new.sign_public.hex(),
                               encrypt_key_id=new.encrypt_key_id, encrypt_public=new.encrypt_public.hex(),
                               created_at=utcnow(), introduced_by=signer.sign_key_id,
                               introduced_at=v.manifest["sequence"]))
    session.execute(update(TrustedKey).where(
        TrustedKey.installation_id == signer.installation_id, TrustedKey.office == signer.office,
        TrustedKey.status == "active", TrustedKey.created_at < signer.created_at,
        TrustedKey.sign_key_id != signer.sign_key_id).values(status="retired"))
    own = session.scalar(select(OwnKey).where(OwnKey.encrypt_key_id == v.recipient_key))
    if own is not None and own.status == "pending" and installation(session).kind == "regional":
        _promote(session, own)


class _Again(Exception):
    """The same bundle was applied by a concurrent import."""


# -- conflicts -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConflictInfo:
    """An open (or resolved) conflict: one record edited by two installations of one region.

    ``current`` / ``incoming``: the two versions (record as in a manifest, or None for a
    deletion); ``*_sender``: the installation id of who sent each (None if unknown);
    ``*_sequence``: the bundle that carried it.
    """

    id: uuid.UUID
    region: str
    table: str
    record_id: uuid.UUID
    current: dict[str, Any] | None
    current_sender: str | None
    current_sequence: int
    incoming: dict[str, Any] | None
    incoming_sender: str
    incoming_sequence: int
    status: str
    resolution: str


def _sender_of(stream: str) -> str | None:
    parts = stream.split(":")
    return parts[2] if len(parts) == 3 else None


def _conflict_info(row: SyncConflict) -> ConflictInfo:
    return ConflictInfo(
        row.id, row.region_code, row.table_name, row.record_id,
        json.loads(row.current_version) if row.current_version is not None else None,
        _sender_of(row.current_stream), row.current_sequence,
        json.loads(row.incoming_version) if row.incoming_version is not None else None,
        _sender_of(row.incoming_stream) or "", row.incoming_sequence, row.status, row.resolution)


def conflicts(db: Database, *, include_resolved: bool = False) -> list[ConflictInfo]:
    """The conflicts between installations of one region (open ones only by default), oldest first."""
    with db.reading() as session:
        query = select(SyncConflict).order_by(SyncConflict.created_at, SyncConflict.id)
        if not include_resolved:
            query = query.where(SyncConflict.status == "abierto")
        return [_conflict_info(r) for r in session.scalars(query)]


KEEP_CHOICES = ("actual", "entrante", "valor")


def _coerce(example: Any, given: Any) -> Any:
    """A typed-in value (text from the command line) as the manifest type of ``example``."""
    if isinstance(given, str) and example is not None and not isinstance(example, str):
        try:
            return json.loads(given)
        except ValueError:
            return given
    if isinstance(example, str) and not isinstance(given, str) and given is not None:
        return str(given)
    return given


def resolve_conflict(db: Database, conflict_id: uuid.UUID | str, keep: str,
                     values: dict[str, Any] | None = None) -> ConflictInfo:
    """Close a conflict keeping one version, or a typed-in value.

    Args:
        conflict_id: the conflict's id (or a unique prefix of at least 8 characters).
        keep: "actual" (the version held here: nothing is written, so an edit its installation
            sent after the conflict stands), "entrante" (the other installation's) or "valor"
            (the current version, or the incoming one if the record was deleted, with
            ``values`` typed in on top). The current version is the one held now: a bundle
            that changes the record after the conflict updates it.
        values: column → value as a manifest writes it (text for decimals, dates and ids).

    Raises:
        ConflictError: unknown or closed conflict, bad choice or values, or a version that can
            no longer be written (its parent record was deleted).
    """
    from desktop.sync.manifest import REGIONAL_TABLES as tables

    if keep not in KEEP_CHOICES:
        raise ConflictError(f"Elija «actual», «entrante» o «valor», no «{keep}».")
    if (keep == "valor") != bool(values):
        raise ConflictError("Indique los valores solo al elegir «valor» (campo=valor).")
    models = dict(tables)
    try:
        with db.transaction() as session:
            text = str(conflict_id).lower()
            rows = [r for r in session.scalars(select(SyncConflict).where(SyncConflict.status == "abierto"))
                    if str(r.id).startswith(text) or r.id.hex.startswith(text)]
            if len(text) < 8 or len(rows) != 1:
                raise ConflictError(f"No hay un único conflicto abierto con el número «{conflict_id}».")
            row = rows[0]
            model = models[row.table_name]
            info = _conflict_info(row)
            if keep == "actual":
                chosen = info.current
            elif keep == "entrante":
                chosen = info.incoming
            else:
                base = info.current if info.current is not None else info.incoming
                assert base is not None
                unknown = set(values or {}) - set(base) - {"id"}
                if unknown or "id" in (values or {}):
                    raise ConflictError(f"Campos desconocidos o no modificables: {', '.join(sorted(unknown)) or 'id'}.")
                typed = {k: _coerce(base[k], v) for k, v in (values or {}).items()}
                chosen = {**base, **typed, "updated_at": timestamp(utcnow())}
            if keep == "actual":
                pass  # the database holds it already
            elif chosen is None:
                session.execute(delete(model).where(model.id == row.record_id))
            else:
                try:
                    decoded = decode_record(chosen, model, row.table_name)
                except ManifestError as exc:
                    raise ConflictError(f"El valor indicado no es válido: {exc}") from exc
                _upsert(session, model, [decoded])
            row.status = "resuelto"
            row.resolution = {"actual": "se mantuvo la versión actual", "entrante": "se adoptó la versión entrante",
                              "valor": "se escribió un valor indicado: " + canonical_bytes(values).decode("utf-8")}[keep]
            session.flush()
            return _conflict_info(row)
    except IntegrityError as exc:
        raise ConflictError("Esa versión ya no se puede escribir: el registro del que depende fue eliminado. "
                            "Elija la otra versión.") from exc


# -- inspect ---------------------------------------------------------------------------------------


def inspect_bundle(db: Database, path: Path, passphrase: str | None, limits: Limits | None = None) -> dict[str, Any]:
    """What a bundle says, for people: the header always; the manifest summary when this
    installation can decrypt and verify it (``passphrase`` given).

    Changes no data and no file. With ``passphrase`` it checks the bundle as
    ``import_bundle(dry_run=True)`` does, so a rejection is logged in the audit table
    (``sync_audit``, the security trail of every refused bundle); reading the header only
    (no passphrase) logs nothing.

    Returns:
        "archivo", "formato_archivo" (the file layout, 1), "firmado_por_clave" and
        "para_clave" (fingerprints), "remitente_conocido" (the office that key belongs to
        here, or None); with ``passphrase`` also "formato_manifiesto", "remitente",
        "secuencia", "creado" (the signed creation time, UTC), "estado" and "resumen".

    Raises:
        BundleRejected: the header cannot be read (or, with ``passphrase``, any rejection).
    """
    limits = limits or Limits()
    info: dict[str, Any] = {"archivo": str(path)}
    try:
        fh = Path(path).open("rb")
    except OSError as exc:
        raise BundleFileError.about(path, exc) from exc
    with fh:
        header = BundleReader(fh, limits).read_header()
    info["formato_archivo"] = FILE_FORMAT
    info["firmado_por_clave"] = keylib.fingerprint(header.sender_key)
    info["para_clave"] = keylib.fingerprint(header.recipient_key)
    with db.reading() as session:
        trusted = session.scalar(select(TrustedKey).where(TrustedKey.sign_key_id == header.sender_key))
        info["remitente_conocido"] = trusted.office if trusted else None
    if passphrase is None:
        return info
    result = import_bundle(db, path, passphrase, dry_run=True, limits=limits)
    info.update(formato_manifiesto=result.manifest_format, remitente=result.sender, secuencia=result.sequence,
                creado=result.created_at, estado=result.outcome, resumen=result.summary)
    return info


def _stream_position(db: Database, path: Path, passphrase: str, limits: Limits,
                     keys: dict[str, X25519PrivateKey]) -> tuple[str, int] | None:
    """The stream and sequence a bundle says (header, decryption and signed manifest only; its
    evidence files are not read), or None when it cannot be read that far."""
    try:
        with Path(path).open("rb") as fh:
            reader = BundleReader(fh, limits)
            header = reader.read_header()
            with db.reading() as session:
                trusted = session.scalar(select(TrustedKey).where(TrustedKey.sign_key_id == header.sender_key))
                own = session.scalar(select(OwnKey).where(OwnKey.encrypt_key_id == header.recipient_key))
                if trusted is None or own is None:
                    return None
                office, installation_id, sign_public = trusted.office, trusted.installation_id, trusted.sign_public
                pem = own.encrypt_private
            if header.recipient_key not in keys:
                keys[header.recipient_key] = keylib.load_private(pem, passphrase, X25519PrivateKey)
            reader.open(keys[header.recipient_key])
            m = reader.read_manifest(Ed25519PublicKey.from_public_bytes(bytes.fromhex(sign_public)))
        sequence = m.get("sequence") if isinstance(m, dict) else None
        if not isinstance(sequence, int) or isinstance(sequence, bool):
            return None
        return f"in:{office}:{installation_id}", sequence
    except Exception:  # noqa: BLE001 - any file it cannot read keeps its place; its import says why
        return None


def exported_here(db: Database, path: Path, limits: Limits | None = None) -> bool:
    """Whether ``path``'s clear header names this installation's own signing key as the sender
    (an office about to import a bundle it exported itself), read without the passphrase.

    Only the header is read, nothing is verified nor changed: the import that follows decides
    and logs (:class:`OwnBundleError`, raised before any key is opened). An unreadable file,
    or one signed by a key trusted here, is False.
    """
    try:
        with path.open("rb") as fh:
            header = BundleReader(fh, limits or Limits()).read_header()
    except (OSError, BundleRejected):
        return False
    with db.reading() as session:
        if session.scalar(select(TrustedKey.id).where(TrustedKey.sign_key_id == header.sender_key)) is not None:
            return False
        return _signed_here(session, header.sender_key)


def _signed_here(session: Session, sign_key_id: str) -> bool:
    """Whether ``sign_key_id`` is one of this installation's own signing keys."""
    return session.scalar(select(OwnKey.id).where(OwnKey.sign_key_id == sign_key_id)) is not None


def import_order(db: Database, paths: list[Path], passphrase: str, limits: Limits | None = None) -> list[Path]:
    """The order in which to import a batch: the files of each stream (one sender installation)
    by sequence number, so copies that arrive out of order (a USB stick holding bundles 7 and
    6) are applied 6 then 7 instead of 6 being refused as older than 7.

    Each stream's files take the places its files had in ``paths``, in sequence order; a file
    this office cannot read as far as its signed manifest (unknown key, damaged, not a bundle)
    keeps its place, and its import says why. Reads no evidence and changes nothing (no audit:
    the import that follows checks and logs every file).

    Args:
        paths: the files, as given.
        passphrase: opens this installation's decryption keys.

    Returns:
        The same files, reordered.
    """
    limits = limits or Limits()
    keys: dict[str, X25519PrivateKey] = {}
    where = [_stream_position(db, Path(p), passphrase, limits, keys) for p in paths]
    ordered = list(paths)
    for stream in {w[0] for w in where if w is not None}:
        slots = [i for i, w in enumerate(where) if w is not None and w[0] == stream]
        by_number = sorted(slots, key=lambda i: where[i][1])  # stable: equal numbers keep their order
        for slot, source in zip(slots, by_number, strict=True):
            ordered[slot] = paths[source]
    return ordered


__all__ = [
    "ConflictInfo", "conflicts", "resolve_conflict", "rotate_keys", "finish_rotation", "pending_rotation",
    "CENTRAL", "ExportResult", "ImportResult", "OfficeInfo", "TrustedInfo", "add_observation", "attach_evidence",
    "BundleRejected", "RollbackError", "blob_store", "export_bundle", "export_public", "import_bundle", "import_order", "release_blobs", "init_office", "inspect_bundle", "installation",
    "observations", "office", "revoke", "reviews", "set_review", "trust", "trusted_keys", "DecryptionError",
]
