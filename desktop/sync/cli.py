"""The ``avance office``, ``avance keys`` and ``avance bundle`` subcommands (issue 3, part 6).

Passphrases come from a prompt (``getpass``, never echoed) or the first line of
``--passphrase-file``; they are never stored or logged. Exit 1 with the Spanish message on any
rejected bundle or refused operation; ``bundle import`` gives each file its own verdict and goes
on past a rejected one. ``bundle verify``, ``bundle inspect`` and ``import --dry-run`` change no
data and no file, but a rejection they meet is logged in the audit table (``sync_audit``), as
every rejection is.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import unicodedata
from pathlib import Path
from typing import Any


def _integer(text: str) -> int:
    from desktop.cli import _integer as integer

    return integer(text)


def _passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--passphrase-file", type=Path, metavar="ARCHIVO",
                        help="lee la frase de paso de la primera línea del archivo (para scripts)")


def add_parsers(sub: Any) -> None:
    """Add ``office``, ``keys`` and ``bundle`` to the ``avance`` subparsers ``sub``."""
    office = sub.add_parser("office", help="configura esta instalación (oficina regional o central)")
    o_sub = office.add_subparsers(dest="office_command", metavar="ACCIÓN", required=True)
    init = o_sub.add_parser("init", help="crea las claves de esta oficina")
    which = init.add_mutually_exclusive_group(required=True)
    which.add_argument("--region", help="código ISO (CL-TA), número CUT (01) o nombre")
    which.add_argument("--central", action="store_true", help="oficina central (nivel central)")
    _passphrase_option(init)

    keys = sub.add_parser("keys", help="claves y almacén de confianza")
    k_sub = keys.add_subparsers(dest="keys_command", metavar="ACCIÓN", required=True)
    k_sub.add_parser("show", help="muestra las claves propias y las de confianza, con su huella")
    export = k_sub.add_parser("export-public", help="escribe el archivo de claves públicas de esta oficina")
    export.add_argument("-o", "--output", type=Path, required=True, help="archivo de salida")
    _passphrase_option(export)
    trust = k_sub.add_parser("trust", help="incorpora el archivo de claves públicas de otra oficina")
    trust.add_argument("file", type=Path, metavar="ARCHIVO")
    who = trust.add_mutually_exclusive_group(required=True)
    who.add_argument("--region", help="la región dueña del archivo")
    who.add_argument("--central", action="store_true", help="el archivo es de la oficina central")
    rotate = k_sub.add_parser("rotate", help="crea claves nuevas y las anuncia en el próximo paquete")
    rotate.add_argument("--finish", action="store_true",
                        help="termina el cambio: firma con la clave nueva y retira la anterior")
    _passphrase_option(rotate)
    revoke = k_sub.add_parser("revoke", help="revoca una clave de confianza desde una secuencia")
    revoke.add_argument("fingerprint", metavar="HUELLA")
    revoke.add_argument("--from-sequence", type=_integer, required=True, help="primera secuencia rechazada")

    bundle = sub.add_parser("bundle", help="paquetes firmados y cifrados (.avance)")
    b_sub = bundle.add_subparsers(dest="bundle_command", metavar="ACCIÓN", required=True)
    exp = b_sub.add_parser("export", help="exporta el siguiente paquete")
    exp.add_argument("-o", "--output", type=Path, help="archivo .avance (por omisión un nombre con la secuencia)")
    exp.add_argument("--to", help="oficina central: la región a la que responde")
    exp.add_argument("--installation", metavar="HUELLA",
                     help="oficina central, región con varias instalaciones: la huella de la clave de la instalación "
                          "a la que responde (o su comienzo)")
    exp.add_argument("--full", action="store_true",
                     help="oficina regional: paquete completo (todos los registros), si la oficina central lo pide")
    _passphrase_option(exp)
    for name, text in (("inspect", "muestra quién firmó y qué trae (no cambia los datos; un rechazo queda en "
                                   "el registro de auditoría)"),
                       ("verify", "verifica sin importar (no cambia los datos; un rechazo queda en el registro de "
                                  "auditoría)")):
        p = b_sub.add_parser(name, help=text)
        p.add_argument("file", type=Path, metavar="ARCHIVO")
        _passphrase_option(p)
    b_sub.add_parser("conflicts", help="oficina central: lista los conflictos abiertos entre instalaciones")
    res = b_sub.add_parser("resolve", help="oficina central: resuelve un conflicto")
    res.add_argument("conflict", metavar="NÚMERO", help="número del conflicto (al menos 8 caracteres)")
    res.add_argument("--keep", required=True, choices=("actual", "entrante", "valor"),
                     help="versión que se mantiene, o «valor» con --set")
    res.add_argument("--set", action="append", default=[], metavar="CAMPO=VALOR", help="valor indicado (repetible)")
    evidence = sub.add_parser("evidence", help="medios de verificación adjuntos a las actividades")
    e_sub = evidence.add_subparsers(dest="evidence_command", metavar="ACCIÓN", required=True)
    e_list = e_sub.add_parser("list", help="lista los medios de verificación, con su identificador y su estado")
    e_list.add_argument("--region", help="solo los de esta región (código ISO, número CUT o nombre)")
    e_remove = e_sub.add_parser("remove", help="oficina regional: quita un medio de verificación de su actividad (el "
                                               "próximo paquete lo quita en la oficina central)")
    e_remove.add_argument("evidence", metavar="ID", help="identificador del medio de verificación (al menos 8 "
                                                          "caracteres, como lo muestra «avance evidence list»)")

    imp = b_sub.add_parser("import", help="importa uno o más paquetes (todo o nada por paquete)")
    imp.add_argument("files", type=Path, nargs="+", metavar="ARCHIVO")
    imp.add_argument("--dry-run", action="store_true",
                     help="verifica sin cambiar los datos (un rechazo queda en el registro de auditoría)")
    _passphrase_option(imp)


NO_PROMPT = "no se pudo leer la frase de paso: use --passphrase-file en scripts."
"""Said when the prompt cannot read (no terminal and standard input closed or empty)."""


def _has_terminal() -> bool:
    """Whether a terminal can be asked (the controlling terminal, or a console on standard input)."""
    try:
        fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return sys.stdin is not None and sys.stdin.isatty()
    os.close(fd)
    return True


def _prompt(text: str) -> str:
    """Ask a passphrase at the terminal (``getpass``, never echoed); without a terminal, read
    the first line of standard input (without ``getpass``'s English warnings).

    Raises:
        InputError: nothing to read from (standard input closed or empty, no terminal:
            :data:`NO_PROMPT`).
        Interrupted: Ctrl+C at the prompt (the command exits 130, quietly).
    """
    from desktop.cli import InputError, Interrupted

    try:
        if _has_terminal():
            return getpass.getpass(text)
        line = sys.stdin.readline() if sys.stdin is not None else ""
        if not line:
            raise EOFError
        return line.rstrip("\r\n")
    except (EOFError, OSError, ValueError) as exc:  # closed, unreadable, or a closed file object
        raise InputError(NO_PROMPT) from exc
    except KeyboardInterrupt as exc:
        raise Interrupted() from exc


def _passphrase(args: argparse.Namespace, *, confirm: bool = False, db: Any = None) -> str:  # noqa: ANN401
    """The passphrase: the first line of ``--passphrase-file`` (used as it is: a wrong one fails
    at once), or asked at the prompt; at a terminal, with ``db`` (the installation whose key it
    opens), a wrong one is asked again, up to :data:`board.PASSPHRASE_TRIES` times.

    Raises:
        InputError: unreadable or empty file, nothing to read, the two new ones differ, empty,
            or wrong at every try.
    """
    from desktop.cli import InputError

    if getattr(args, "passphrase_file", None):
        try:
            text = args.passphrase_file.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            from desktop.wording import os_error_reason

            reason, advice = os_error_reason(exc)
            raise InputError(f"No se puede leer «{args.passphrase_file}»: {reason}. {advice}") from exc
        if not text or not text[0]:
            raise InputError("El archivo de la frase de paso está vacío.")
        return text[0]
    first = _prompt("Frase de paso: ")
    if confirm and _prompt("Repita la frase de paso: ") != first:
        raise InputError("Las frases de paso no coinciden; no se cambió nada.")
    if not first:
        raise InputError("La frase de paso no puede estar vacía.")
    if db is None or not _has_terminal():  # piped: the next line is no person's second try
        return first
    from desktop.sync import board

    for attempt in range(2, board.PASSPHRASE_TRIES + 1):
        if board.passphrase_opens(db, first):
            return first
        print(f"Frase de paso incorrecta. Escríbala de nuevo (intento {attempt} de {board.PASSPHRASE_TRIES}).",
              file=sys.stderr)
        first = _prompt("Frase de paso: ")
    if board.passphrase_opens(db, first):
        return first
    raise InputError(f"Frase de paso incorrecta {board.PASSPHRASE_TRIES} veces: no se cambió nada. Vuelva a "
                     "intentarlo cuando la tenga.")


def _run(args: argparse.Namespace, body: Any) -> int:
    from desktop.cli import InputError, _open
    from desktop.errors import EditError, NotFoundError
    from desktop.sync.errors import SyncError

    db = _open(args)
    try:
        return body(db)
    except (SyncError, EditError, NotFoundError) as exc:
        raise InputError(str(exc)) from exc
    except OSError as exc:
        from desktop.wording import os_error_text

        raise InputError(os_error_text(exc)) from exc
    finally:
        db.close()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def revoked_advice(office: str) -> str:
    """What the office whose key was revoked must do so its bundles are accepted again (Spanish)."""
    from desktop.sync.errors import revoked_key_advice

    return revoked_key_advice(office)


def cmd_office(args: argparse.Namespace) -> int:
    """``avance office init``."""
    from desktop.cli import _region
    from desktop.sync import service

    from desktop.cli import InputError
    from desktop.sync.passphrase import passphrase_problem
    from desktop.wording import office_name

    region = None if args.central else _region(args.region).iso_code
    passphrase = _passphrase(args, confirm=True)
    problem = passphrase_problem(passphrase)
    if problem:
        raise InputError(problem)

    def body(db: Any) -> int:
        info = service.init_office(db, region=region, passphrase=passphrase)
        print(f"{_capital(office_name(info.office))} configurada. Huella de su clave: {info.fingerprint}")
        if info.notice:
            print(info.notice)
        return 0

    return _run(args, body)


def cmd_keys(args: argparse.Namespace) -> int:
    """``avance keys show|export-public|trust|rotate|revoke``."""
    from desktop.sync import service
    from desktop.sync.keys import fingerprint
    from desktop.wording import office_name, office_short

    def body(db: Any) -> int:
        if args.keys_command == "show":
            info = service.office(db)
            print(f"Esta oficina: {office_name(info.office)} (instalación {info.installation})")
            print(f"  firma   {info.sign_key_id}  huella {info.fingerprint}")
            print(f"  cifrado {info.encrypt_key_id}  huella {fingerprint(info.encrypt_key_id)}")
            pending = service.pending_rotation(db)
            if pending is not None:
                print(f"  clave nueva {STATUS_LABELS['pending']}: firma huella {pending.fingerprint} (se anuncia en "
                      "los próximos paquetes; termine con «avance keys rotate --finish»)")
            for t in service.trusted_keys(db):
                extra = f" desde la secuencia {t.revoked_from_sequence}" if t.revoked_from_sequence else ""
                print(f"Confianza: {office_short(t.office)} huella {t.fingerprint} estado "
                      f"{STATUS_LABELS.get(t.status, t.status)}"
                      f"{extra}")
            return 0
        if args.keys_command == "export-public":
            data = service.export_public(db, _passphrase(args, db=db))
            args.output.write_bytes(data)
            print(f"Claves públicas escritas en {args.output}. Huella: {service.office(db).fingerprint}")
            return 0
        if args.keys_command == "trust":
            office = "central" if args.central else args.region
            pub = service.trust(db, args.file.read_bytes(), office)
            print(f"Clave de la {office_name(pub.office)} incorporada. Huella: {fingerprint(pub.sign_key_id)} "
                  "(compárela por teléfono con la otra oficina).")
            return 0
        if args.keys_command == "rotate":
            if args.finish:
                info = service.finish_rotation(db)
                print(f"Cambio de claves terminado: esta oficina firma con la clave {info.fingerprint}.")
                return 0
            info = service.rotate_keys(db, _passphrase(args, db=db))
            print(f"Claves nuevas creadas (huella {info.fingerprint}). Se anunciarán, firmadas por la clave anterior "
                  "y la nueva, en los próximos paquetes que exporte.")
            return 0
        t = service.revoke(db, args.fingerprint, args.from_sequence)
        # A key the installation announced before that sequence (a finished rotation) stays trusted.
        current = [k for k in service.trusted_keys(db)
                   if k.installation == t.installation and k.office == t.office and k.status == "active"]
        if current:
            advice = (f"En esa instalación sigue vigente su clave {current[-1].fingerprint}, anunciada antes de esa "
                      "secuencia: sus paquetes firmados con ella se siguen aceptando y no tiene que hacer nada. Si "
                      f"también esa clave pudo quedar expuesta, revóquela: «avance keys revoke "
                      f"{current[-1].fingerprint} --from-sequence N».")
        else:
            advice = revoked_advice(t.office)
        print(f"Clave {t.fingerprint} de la {office_name(t.office)} revocada desde la secuencia "
              f"{t.revoked_from_sequence}. {advice}")
        return 0

    return _run(args, body)


def cmd_bundle(args: argparse.Namespace) -> int:
    """``avance bundle export|inspect|verify|import|conflicts|resolve``."""
    from desktop.cli import InputError
    from desktop.sync import service
    from desktop.sync.errors import BundleRejected, ReplayError, SupersededError
    from desktop.wording import count, office_name

    def body(db: Any) -> int:
        passphrase = "" if args.bundle_command in ("conflicts", "resolve") else _passphrase(args, db=db)
        if args.bundle_command == "conflicts":
            from desktop.sync import board

            found = board.conflict_views(db)
            if not found:
                print("No hay conflictos abiertos.")
            for c in found:
                where = c.programme or c.region_name
                print(f"Conflicto {c.id} — {where}: {c.kind} «{c.record}»")
                print(f"  versión actual:   {c.current_source}" + (" (la eliminación)" if c.current_deleted else ""))
                print(f"  versión entrante: {c.incoming_source}" + (" (la eliminación)" if c.incoming_deleted else ""))
                for d in c.differences:
                    print(f"  {d.label} [--set {d.field}=…]: actual «{d.current}», entrante «{d.incoming}»")
                print(f"  Resuélvalo con «avance bundle resolve {c.short_id} --keep actual|entrante» o «--keep valor "
                      "--set campo=valor».")
            return 0
        if args.bundle_command == "resolve":
            values = {}
            for item in args.set:
                name, sep, value = item.partition("=")
                if not sep:
                    raise InputError(f"Use CAMPO=VALOR, no «{item}».")
                values[name] = value
            c = service.resolve_conflict(db, args.conflict, args.keep, values or None)
            print(f"Conflicto {c.id} resuelto: {c.resolution}.")
            return 0
        if args.bundle_command == "export":
            if args.installation and not args.to:
                raise InputError("--installation va con --to (la región a la que responde la oficina central).")
            result = service.export_bundle(db, passphrase, out=args.output, to=args.to, recipient_key=args.installation,
                                           full=args.full)
            print(f"Paquete n.º {result.sequence} para la {office_name(result.recipient)} (clave "
                  f"{result.recipient_fingerprint}) escrito "
                  f"en {result.path}: "
                  f"{count(result.records, 'registro', 'registros')}, "
                  + (f"{count(result.tombstones, 'eliminación', 'eliminaciones')}, " if result.tombstones else "")
                  + f"{count(result.evidence_files, 'medio de verificación', 'medios de verificación')}"
                  + (f" (cambios desde el paquete n.º {result.base} que la oficina central acusó recibir)"
                     if result.base else "") + ".")
            return 0
        if args.bundle_command == "inspect":
            for key, value in service.inspect_bundle(db, args.file, passphrase).items():
                print(f"{INSPECT_LABELS.get(key, key)}: {_inspect_value(key, value)}")
            return 0
        files = [args.file] if args.bundle_command == "verify" else args.files
        dry = args.bundle_command == "verify" or args.dry_run
        if len(files) > 1:  # each sender's files by sequence number, whatever order they came in
            files = service.import_order(db, files, passphrase)
        failed, earlier, covered = 0, [], []
        for path in files:
            try:
                result = service.import_bundle(db, path, passphrase, dry_run=dry)
            except ReplayError as exc:  # imported before, newer ones after it: nothing to do
                earlier.append((path, exc))
                continue
            except SupersededError as exc:  # never imported, a later one covered it: nothing to do
                covered.append((path, exc))
                continue
            except BundleRejected as exc:
                failed += 1
                print(f"avance: {path}: rechazado: {exc}", file=sys.stderr)
                continue
            print(f"{path}: {result.outcome} — firmado por la {office_name(result.sender)} (huella "
                  f"{result.fingerprint}), secuencia {result.sequence}. {result.summary}")
        if earlier:
            print(f"Ya importados antes (no se cambió nada; se pueden borrar): "
                  f"{count(len(earlier), 'paquete', 'paquetes')}.")
            for path, exc in earlier:
                print(f"{path}: ya importado antes — {exc}")
        if covered:
            print(f"Ya cubiertos por paquetes posteriores (no se cambió nada; se pueden borrar): "
                  f"{count(len(covered), 'paquete', 'paquetes')}.")
            for path, exc in covered:
                print(f"{path}: ya cubierto — {exc}")
        if failed:
            raise InputError(f"{failed} de {count(len(files), 'paquete', 'paquetes')} "
                             f"{'fue rechazado' if failed == 1 else 'fueron rechazados'}; no se cambió nada con "
                             f"{'él' if failed == 1 else 'ellos'}.")
        return 0

    return _run(args, body)


STATUS_LABELS = {"active": "vigente", "revoked": "revocada", "retired": "retirada", "pending": "pendiente"}
"""Spanish names of a key's status (the database keeps the English values)."""

INSPECT_LABELS = {
    "archivo": "archivo",
    "formato_archivo": "formato del archivo",
    "firmado_por_clave": "firmado con la clave (huella)",
    "para_clave": "cifrado para la clave (huella)",
    "remitente_conocido": "dueño de esa clave en el almacén de confianza",
    "formato_manifiesto": "formato del contenido",
    "remitente": "firmado por",
    "secuencia": "secuencia",
    "creado": "creado",
    "estado": "estado",
    "resumen": "resumen",
}
"""Spanish labels of what ``avance bundle inspect`` prints (:func:`service.inspect_bundle`'s keys)."""


def _inspect_value(key: str, value: Any) -> str:  # noqa: ANN401
    from desktop.wording import office_name, when_text

    if key == "remitente_conocido":
        return "desconocido (no está en el almacén de confianza)" if value is None else office_name(value)
    if key == "remitente":
        return office_name(value)
    if key == "creado":
        return f"{when_text(value)} (hora local; {value.isoformat()} UTC)" if value is not None else ""
    return str(value)


def evidence_state(e: Any) -> str:  # noqa: ANN401 - a board.EvidenceEntry
    """The state ``avance evidence list`` shows of an evidence file (Spanish, at most 31
    characters): at a regional office whether the central office received it; at the central
    office the bundle of its region that brought it ("" when none did)."""
    if not e.stored:
        return "falta el archivo"
    if e.at_central:
        return f"recibido en el paquete n.º {e.received_in}" if e.received_in is not None else ""
    return ("recibido por la oficina central" if e.acknowledged else "enviado, sin acuse de recibo" if e.sent
            else "por enviar")


EVIDENCE_NAME_WIDTH = 40
"""The widest file name ``avance evidence list`` shows (a longer one is shortened with "…")."""


def evidence_table(entries: list[Any], human_size: Any) -> list[str]:  # noqa: ANN401 - board.EvidenceEntry
    """The lines ``avance evidence list`` prints: a header, then one line per file, in aligned
    columns (id, region, size, state, file, activity) two spaces apart.

    Args:
        entries: the evidence files (:func:`desktop.sync.board.evidence`).
        human_size: formats a byte count for people (``desktop.wording.human_size``).

    Returns:
        The lines, without trailing spaces; the activity (last column) on one line, shortened
        with "…" at 80 characters, the file name at :data:`EVIDENCE_NAME_WIDTH`.
    """
    def one_line(text: str, limit: int) -> str:
        text = " ".join(unicodedata.normalize("NFC", text).split())
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

    header = ("ID", "Región", "Tamaño", "Estado", "Archivo", "Actividad")
    rows = [(e.id.hex[:12], e.region, human_size(e.size), evidence_state(e), one_line(e.name, EVIDENCE_NAME_WIDTH),
             e.one_line_commitment) for e in entries]
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header) - 1)]
    lines = []
    for row in (header, *rows):
        cells = [cell.rjust(w) if i == 2 else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return lines


def cmd_evidence(args: argparse.Namespace) -> int:
    """``avance evidence list [--region CODE]`` / ``avance evidence remove ID``."""
    from desktop.cli import InputError
    from desktop.domain.regions import UnknownRegionError
    from desktop.sync import board, service
    from desktop.wording import human_size

    def body(db: Any) -> int:
        if args.evidence_command == "remove":
            name = service.detach_evidence(db, args.evidence)
            print(f"Medio de verificación «{name}» quitado de su actividad. El próximo paquete lo quitará también en "
                  "la oficina central.")
            return 0
        try:
            found = board.evidence(db, region=args.region)
        except UnknownRegionError as exc:
            raise InputError(str(exc)) from exc
        if not found:
            print("No hay medios de verificación adjuntos.")
            return 0
        for line in evidence_table(found, human_size):
            print(line)
        return 0

    return _run(args, body)


HANDLERS = {"office": cmd_office, "keys": cmd_keys, "bundle": cmd_bundle, "evidence": cmd_evidence}
