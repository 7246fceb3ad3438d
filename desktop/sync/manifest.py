"""The manifest of a bundle (formats 1, 2 and 3): building its records from rows, and checking it strictly.

Records travel as one JSON object per row with exactly the table's columns: UUIDs and
timestamps (``YYYY-MM-DDTHH:MM:SS.ffffffZ``, UTC) as strings, decimals as strings, booleans,
integers, texts; NULL as ``null``. ``docs/bundle-manifest.schema.json`` publishes the same
rules as a JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Integer, String, Text, Uuid

from db.models import (
    CommitmentRow,
    DecimalText,
    Evidence,
    ObjectiveRow,
    Observation,
    ProgrammeReview,
    ProgressAnalysis,
    ReportingYear,
    Service,
    UTCDateTime,
    WorkProgramme,
)
from desktop.sync.errors import EvidenceNameError, LimitExceededError, ManifestError

FORMAT = 3
"""The manifest format written. Format 2 = format 1 plus the field ``rotation``; format 3 =
format 2 plus ``base`` and ``tombstones`` (a regional bundle carries the changes since the
acknowledged sequence ``base``, deletions as tombstones, instead of the region's full state),
and a regional bundle's ``receipt`` is the last answer of the central office it applied
(``{sequence, bundle}``; ``null`` in formats 1 and 2)."""
FULL_STATE_FORMAT = 2
"""The format a regional office writes once, for its first bundle after upgrading from a
version that kept no record of what it sent (the region's full state: the central office
deletes by absence, so deletions made before the upgrade still arrive)."""
READABLE_FORMATS = (1, 2, 3)
"""Manifest formats read (format 1 and 2 bundles, such as the committed fixtures, still import)."""
KINDS = ("regional", "central")

REGIONAL_TABLES: tuple[tuple[str, type], ...] = (
    ("service", Service),
    ("reporting_year", ReportingYear),
    ("work_programme", WorkProgramme),
    ("objective", ObjectiveRow),
    ("commitment", CommitmentRow),
    ("progress_analysis", ProgressAnalysis),
    ("evidence", Evidence),
)
"""Tables a regional office owns (for its own region), parents first."""

CENTRAL_TABLES: tuple[tuple[str, type], ...] = (
    ("observation", Observation),
    ("programme_review", ProgrammeReview),
)
"""Tables the central office owns."""

TABLES = {"regional": REGIONAL_TABLES, "central": CENTRAL_TABLES}
TOMBSTONE_TABLES = tuple(name for name, _ in REGIONAL_TABLES[1:])
"""Tables a tombstone may name (format 3): a region's own records; never ``service``."""

_HEX64 = re.compile(r"[0-9a-f]{64}")
_OFFICE = re.compile(r"central|CL-[A-Z]{2}")
_REGION = re.compile(r"CL-[A-Z]{2}")
_DECIMAL = re.compile(r"-?[0-9]{1,30}(\.[0-9]{1,20})?")
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")
_TOP = {"format", "bundle_id", "kind", "sender", "recipient", "region", "sequence", "previous", "created_at",
        "records", "evidence", "receipt"}
_TOP_V2 = _TOP | {"rotation"}
_TOP_V3 = _TOP_V2 | {"base", "tombstones"}
_FIELDS = {1: _TOP, 2: _TOP_V2, 3: _TOP_V3}
_PARTY = {"office", "installation", "key_id"}
_HEX128 = re.compile(r"[0-9a-f]{128}")
MAX_INT = 2**53


def _bad(what: str) -> ManifestError:
    return ManifestError(f"El contenido del paquete no es válido ({what}). Pida que lo exporten de nuevo.")


def timestamp(value: dt.datetime) -> str:
    """A UTC timestamp as the manifest writes it."""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_timestamp(text: Any, what: str) -> dt.datetime:
    """Parse :func:`timestamp`'s text strictly (aware UTC)."""
    if not isinstance(text, str) or not _TIMESTAMP.fullmatch(text):
        raise _bad(what)
    try:
        return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
    except ValueError as exc:
        raise _bad(what) from exc


def _uuid(text: Any, what: str) -> uuid.UUID:
    if not isinstance(text, str):
        raise _bad(what)
    try:
        value = uuid.UUID(text)
    except ValueError as exc:
        raise _bad(what) from exc
    if str(value) != text:
        raise _bad(what)
    return value


# -- records -----------------------------------------------------------------------------------


def encode_row(row: Any, model: type) -> dict[str, Any]:
    """One row as a manifest record (every column of ``model``)."""
    out: dict[str, Any] = {}
    for column in model.__table__.columns:
        value = getattr(row, column.key)
        if value is None:
            out[column.name] = None
        elif isinstance(column.type, UTCDateTime):
            out[column.name] = timestamp(value)
        elif isinstance(column.type, DecimalText):
            out[column.name] = format(value, "f")
        elif isinstance(column.type, Uuid):
            out[column.name] = str(value)
        else:
            out[column.name] = value
    return out


def decode_record(record: Any, model: type, where: str) -> dict[str, Any]:
    """A manifest record as column values, checked strictly against ``model``'s columns.

    Raises:
        ManifestError: missing or unknown fields, wrong types, bad values.
    """
    columns = {c.name: c for c in model.__table__.columns}
    if not isinstance(record, dict) or set(record) != set(columns):
        raise _bad(f"{where}: campos inesperados")
    out: dict[str, Any] = {}
    for name, column in columns.items():
        value = record[name]
        label = f"{where}.{name}"
        if value is None:
            if not column.nullable:
                raise _bad(f"{label} no puede ser nulo")
            out[column.key] = None
            continue
        kind = column.type
        if isinstance(kind, UTCDateTime):
            out[column.key] = parse_timestamp(value, label)
        elif isinstance(kind, DecimalText):
            if not isinstance(value, str) or not _DECIMAL.fullmatch(value):
                raise _bad(label)
            out[column.key] = Decimal(value)
        elif isinstance(kind, Uuid):
            out[column.key] = _uuid(value, label)
        elif isinstance(kind, Boolean):
            if type(value) is not bool:
                raise _bad(label)
            out[column.key] = value
        elif isinstance(kind, Integer):
            if type(value) is not int or abs(value) > MAX_INT:
                raise _bad(label)
            out[column.key] = value
        elif isinstance(kind, (String, Text)):
            if type(value) is not str:
                raise _bad(label)
            if model is Evidence and name == "name":
                check_evidence_name(value)
            length = getattr(kind, "length", None)
            if length is not None and len(value) > length:
                raise _bad(label)
            if "\x00" in value:
                raise _bad(label)
            out[column.key] = value
        else:  # pragma: no cover - every column type of the sync tables is handled above
            raise _bad(label)
    return out


# -- evidence names ------------------------------------------------------------------------------

_PATHLIKE = ("/", "\\", ":")


def check_evidence_name(name: Any) -> str:
    """Refuse an evidence label that could pass for a path or hides characters.

    Refused: empty or over 255 characters, not NFC, control or format characters (NUL, bidi
    overrides), "/", "\\\\" or ":" (also as Unicode look-alikes, found through NFKC), ".", ".."
    or a leading or trailing dot or space.

    Raises:
        EvidenceNameError: the name is refused.
    """
    if not isinstance(name, str) or not 0 < len(name) <= 255:
        raise EvidenceNameError()
    folded = unicodedata.normalize("NFKC", name)
    bad = (
        unicodedata.normalize("NFC", name) != name
        or any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") for c in name)
        or any(s in folded for s in _PATHLIKE)
        or any(c in name for c in "\u2215\u2044\u29f8\u29f5\u29f9\ufe68\uff0f\uff3c")
        or folded.strip(". ") == ""
        or ".." in folded
        or name != name.strip(" .")
    )
    if bad:
        raise EvidenceNameError(
            f"Un medio de verificación tiene un nombre no permitido («{name.encode('unicode_escape').decode()[:60]}»): "
            "parece una ruta o tiene caracteres de control. Pida que lo exporten de nuevo."
        )
    return name


_REFUSED_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")
_LOOKALIKES = "\u2215\u2044\u29f8\u29f5\u29f9\ufe68\uff0f\uff3c"
SAFE_REPLACEMENT = "-"
"""What stands in for "/", "\\", ":" and their look-alikes in a label made by :func:`safe_label`."""
FALLBACK_LABEL = "archivo"
"""The label of a file whose name has nothing left once cleaned ("...", control characters only)."""


def safe_label(name: str) -> str:
    """A label the bundle reader accepts (:func:`check_evidence_name`), made from a file name.

    The name of a file attached as a means of verification is only a label, so attaching
    never fails because of it: a name already accepted is kept as it is (in NFC); otherwise it
    is NFC-normalised (a macOS decomposed "reunión.pdf"), "/", "\\", ":" and their look-alikes
    become "-" ("Acta 10:30.pdf" → "Acta 10-30.pdf"), control and format characters are
    dropped (line breaks become spaces), characters that read as dots ("…") become one, runs
    of dots collapse ("acta...pdf" → "acta.pdf", "v2..final" → "v2.final"), leading and
    trailing dots and spaces go, a name over 255 characters is cut keeping its extension, and
    an empty result is :data:`FALLBACK_LABEL`. The import side stays strict.

    Args:
        name: the file's name (not a path).

    Returns:
        A label that :func:`check_evidence_name` accepts.
    """
    text = unicodedata.normalize("NFC", str(name))
    try:
        return check_evidence_name(text)
    except EvidenceNameError:
        pass
    out = []
    for c in text:
        if unicodedata.category(c) in _REFUSED_CATEGORIES:
            if c in "\t\n\r\u2028\u2029\x0b\x0c":
                out.append(" ")
            continue
        folded = unicodedata.normalize("NFKC", c)
        if c in _LOOKALIKES or any(s in folded for s in _PATHLIKE):
            out.append(SAFE_REPLACEMENT)
        elif "." in folded and c != ".":
            out.append(".")  # "…", "‥", a full-width full stop: read as dots
        else:
            out.append(c)
    text = unicodedata.normalize("NFC", re.sub(r"\.{2,}", ".", "".join(out))).strip(" .")
    if len(text) > 255:
        stem, dot, extension = text.rpartition(".")
        text = (stem[: 254 - len(extension)].rstrip(" .") + dot + extension) if dot and len(extension) <= 16 \
            else text[:255].rstrip(" .")
    try:
        return check_evidence_name(text or FALLBACK_LABEL)
    except EvidenceNameError:  # pragma: no cover - a last resort; the property test never reaches it
        plain = "".join(c for c in text if c.isalnum() or c in " -_()").strip()
        return plain[:255] or FALLBACK_LABEL


# -- the whole manifest --------------------------------------------------------------------------


def _party(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict) or set(value) != _PARTY:
        raise _bad(what)
    if not isinstance(value["office"], str) or not _OFFICE.fullmatch(value["office"]):
        raise _bad(f"{what}.office")
    if not isinstance(value["key_id"], str) or not _HEX64.fullmatch(value["key_id"]):
        raise _bad(f"{what}.key_id")
    return {"office": value["office"], "installation": _uuid(value["installation"], f"{what}.installation"),
            "key_id": value["key_id"]}


def check_manifest(value: Any, max_files: int) -> dict[str, Any]:
    """Check a parsed manifest against its format (1, 2 or 3) and decode it.

    Returns:
        A dict with the same keys, parties and records decoded (UUIDs, datetimes, Decimals);
        ``rotation`` None before format 2; ``base`` and ``tombstones`` (a list of (table, id),
        sorted) None before format 3, meaning the bundle is its region's full state.

    Raises:
        ManifestError: an unknown version, a missing or unknown field, a wrong type.
        EvidenceNameError: an evidence label that could pass for a path.
        LimitExceededError: more evidence files than ``max_files``.
    """
    if not isinstance(value, dict):
        raise _bad("no es un objeto")
    version = value.get("format")
    if type(version) is not int or version not in READABLE_FORMATS:
        raise ManifestError("El contenido del paquete es de una versión de formato desconocida. Actualice Avance.")
    if set(value) != _FIELDS[version]:
        raise _bad("campos inesperados")
    kind = value["kind"]
    if kind not in KINDS:
        raise _bad("kind")
    sequence = value["sequence"]
    if type(sequence) is not int or not 1 <= sequence <= MAX_INT:
        raise _bad("sequence")
    previous = value["previous"]
    if not isinstance(previous, str) or not (previous == "" or _HEX64.fullmatch(previous)):
        raise _bad("previous")
    if not isinstance(value["region"], str) or not _REGION.fullmatch(value["region"]):
        raise _bad("region")
    rotation = value.get("rotation")
    if rotation is not None:
        if not isinstance(rotation, dict) or set(rotation) != {"sign_key", "encrypt_key", "old_signature",
                                                               "new_signature"}:
            raise _bad("rotation")
        for name, pattern in (("sign_key", _HEX64), ("encrypt_key", _HEX64), ("old_signature", _HEX128),
                              ("new_signature", _HEX128)):
            if not isinstance(rotation[name], str) or not pattern.fullmatch(rotation[name]):
                raise _bad(f"rotation.{name}")
        rotation = dict(rotation)
    out: dict[str, Any] = {
        "format": version,
        "rotation": rotation,
        "bundle_id": _uuid(value["bundle_id"], "bundle_id"),
        "kind": kind,
        "sender": _party(value["sender"], "sender"),
        "recipient": _party(value["recipient"], "recipient"),
        "region": value["region"],
        "sequence": sequence,
        "previous": previous,
        "created_at": parse_timestamp(value["created_at"], "created_at"),
    }
    files = value["evidence"]
    if not isinstance(files, list):
        raise _bad("evidence")
    if len(files) > max_files:
        raise LimitExceededError(f"El paquete trae {len(files)} medios de verificación, más que el máximo de "
                                 f"{max_files} por paquete. Pida a la oficina que quite algunos (Ver → Sincronización "
                                 "→ Medios de verificación → Quitar) y exporte un paquete nuevo.")
    decoded_files = []
    for i, spec in enumerate(files):
        if not isinstance(spec, dict) or set(spec) != {"sha256", "size"}:
            raise _bad(f"evidence[{i}]")
        if not isinstance(spec["sha256"], str) or not _HEX64.fullmatch(spec["sha256"]):
            raise _bad(f"evidence[{i}].sha256")
        if type(spec["size"]) is not int or not 0 <= spec["size"] <= MAX_INT:
            raise _bad(f"evidence[{i}].size")
        decoded_files.append({"sha256": spec["sha256"], "size": spec["size"]})
    out["evidence"] = decoded_files
    records = value["records"]
    if not isinstance(records, dict):
        raise _bad("records")
    allowed = dict(TABLES[kind])
    if set(records) - set(allowed):
        from desktop.sync.errors import OwnershipError

        raise OwnershipError(
            "El paquete intenta cambiar datos que no pertenecen a la oficina que lo firmó "
            f"({', '.join(sorted(set(records) - set(allowed)))}). Pida que lo exporten de nuevo."
        )
    if set(records) != set(allowed):
        raise _bad("records: faltan tablas")
    decoded: dict[str, list[dict[str, Any]]] = {}
    for table, model in TABLES[kind]:
        rows = records[table]
        if not isinstance(rows, list):
            raise _bad(f"records.{table}")
        decoded[table] = [decode_record(r, model, f"{table}[{i}]") for i, r in enumerate(rows)]
        ids = [r["id"] for r in decoded[table]]
        if len(set(ids)) != len(ids):
            raise _bad(f"records.{table}: id repetido")
    for row in decoded.get("evidence", []):
        check_evidence_name(row["name"])
        if not _HEX64.fullmatch(row["sha256"]) or row["size"] < 0:
            raise _bad("records.evidence")
    out["records"] = decoded
    out["raw_records"] = records
    receipt = value["receipt"]
    if kind == "regional" and version < 3:
        if receipt is not None:
            raise _bad("receipt")
        out["receipt"] = None
    elif kind == "regional":
        # Format 3: the last answer of the central office the sender applied (0 and "": none).
        if not isinstance(receipt, dict) or set(receipt) != {"sequence", "bundle"}:
            raise _bad("receipt")
        if type(receipt["sequence"]) is not int or not 0 <= receipt["sequence"] <= MAX_INT:
            raise _bad("receipt.sequence")
        bundle = receipt["bundle"]
        if not isinstance(bundle, str) or not (bundle == "" or _HEX64.fullmatch(bundle)) \
                or (bundle == "") != (receipt["sequence"] == 0):
            raise _bad("receipt.bundle")
        out["receipt"] = {"sequence": receipt["sequence"], "bundle": bundle}
    else:
        if not isinstance(receipt, dict) or set(receipt) != {"sequence", "bundle", "evidence"}:
            raise _bad("receipt")
        if type(receipt["sequence"]) is not int or not 0 <= receipt["sequence"] <= MAX_INT:
            raise _bad("receipt.sequence")
        if not isinstance(receipt["bundle"], str) or not (receipt["bundle"] == "" or _HEX64.fullmatch(receipt["bundle"])):
            raise _bad("receipt.bundle")
        held = receipt["evidence"]
        if not isinstance(held, list) or not all(isinstance(h, str) and _HEX64.fullmatch(h) for h in held):
            raise _bad("receipt.evidence")
        if len(held) > 10 * max_files:
            raise LimitExceededError()
        out["receipt"] = {"sequence": receipt["sequence"], "bundle": receipt["bundle"], "evidence": list(held)}
    out["base"], out["tombstones"] = None, None
    if version >= 3:
        out["base"], out["tombstones"] = _delta(value, kind, decoded, max_files)
    return out


def _delta(value: dict[str, Any], kind: str, records: dict[str, list[dict[str, Any]]],
           max_files: int) -> tuple[int, list[tuple[str, uuid.UUID]]]:
    """Format 3's ``base`` and ``tombstones``, checked: a central bundle has base 0 and no
    tombstones; a regional one names only its own tables, sorted by (table, id) without
    repetition, and never a record the same bundle carries."""
    base = value["base"]
    if type(base) is not int or not 0 <= base <= MAX_INT or base >= value["sequence"]:
        raise _bad("base")
    raw = value["tombstones"]
    if not isinstance(raw, list):
        raise _bad("tombstones")
    if kind == "central":
        if base != 0 or raw:
            raise _bad("base/tombstones")
        return 0, []
    if len(raw) > 1000 * max_files:
        raise LimitExceededError()
    out: list[tuple[str, uuid.UUID]] = []
    keys: list[tuple[str, str]] = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or set(item) != {"table", "id"}:
            raise _bad(f"tombstones[{i}]")
        if item["table"] not in TOMBSTONE_TABLES:
            if item["table"] in dict(TABLES["central"]) or item["table"] == "service":
                from desktop.sync.errors import OwnershipError

                raise OwnershipError("El paquete intenta eliminar datos que no pertenecen a la oficina que lo firmó "
                                     f"({str(item['table'])[:40]}). Pida que lo exporten de nuevo.")
            raise _bad(f"tombstones[{i}].table")
        out.append((item["table"], _uuid(item["id"], f"tombstones[{i}].id")))
        keys.append((item["table"], item["id"]))
    if any(a >= b for a, b in zip(keys, keys[1:])):
        raise _bad("tombstones: sin orden o repetidas")
    carried = {(table, r["id"]) for table, rows in records.items() for r in rows}
    if any(key in carried for key in out):
        raise _bad("tombstones: un registro eliminado viene también en el paquete")
    return base, out
