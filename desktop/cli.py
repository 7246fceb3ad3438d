"""The ``avance`` command line (contract in ``ARCHITECTURE.md``; acceptance checks call it).

Thin: parses, calls services, prints. Exit status 0 on success, 1 on bad input with one line
in Spanish on stderr (nothing changed), 2 on wrong usage (``argparse``'s own messages in
Spanish too, :mod:`desktop.cli_spanish`). Output cut short by its reader (``avance ... |
head``) ends quietly with status 141 (128 + SIGPIPE, as the shell reports a program the pipe
stopped).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from platformdirs import user_data_path

from desktop.domain.forms import FormKind
from desktop.domain.regions import UnknownRegionError, find_region
from desktop.domain.weights import format_percent
from desktop.wording import os_error_reason

APP_NAME = "Avance"


def default_db_path() -> Path:
    """The per-user database: ``$AVANCE_DB`` if set, else ``<user data dir>/Avance/avance.db``."""
    env = os.environ.get("AVANCE_DB")
    if env:
        return Path(env)
    return user_data_path(APP_NAME, appauthor=False) / "avance.db"


class UsageError(Exception):
    """Wrong usage (exit 2)."""


class InputError(Exception):
    """Bad input (exit 1); the message is one line in Spanish."""


class Interrupted(Exception):
    """The user pressed Ctrl+C at a prompt: the command stops quietly, exit :data:`INTERRUPTED_STATUS`."""


INTERRUPTED_STATUS = 130
"""Exit status after Ctrl+C at a prompt (128 + SIGINT, as the shell reports it)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # noqa: D401 - argparse hook
        self.print_usage(sys.stderr)
        raise UsageError(f"avance: uso incorrecto: {message}")


def _integer(text: str) -> int:
    """An integer option's value (Spanish error, instead of argparse's "invalid int value")."""
    try:
        return int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"«{text}» no es un número entero") from exc


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"año inválido: «{text}»") from exc
    if not 2000 <= year <= 2100:
        raise argparse.ArgumentTypeError(f"año fuera de rango: {year}")
    return year


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with Spanish help."""
    parser = _Parser(prog="avance", description="Avance: programas de trabajo regionales (PMG), fuera de línea.")
    parser.add_argument("--db", type=Path, default=None, help="archivo de la base de datos (por omisión, la del usuario)")
    sub = parser.add_subparsers(dest="command", metavar="COMANDO")

    sub.add_parser("gui", help="abre la aplicación (lo mismo que «avance» solo)")

    example = sub.add_parser("example", help="datos de ejemplo")
    ex_sub = example.add_subparsers(dest="example_command", metavar="ACCIÓN", required=True)
    ex_sub.add_parser("load", help="carga el ejemplo Tarapacá 2009 (semilla 001)")
    ex_remove = ex_sub.add_parser("remove", help="quita el ejemplo Tarapacá 2009 (nunca si se envió o llegó en un "
                                                 "paquete de sincronización)")
    ex_remove.add_argument("--edited", action="store_true", help="quítelo aunque se haya modificado aquí")
    gen = ex_sub.add_parser("generate", help="genera un conjunto nacional sintético (pruebas de escala)")
    gen.add_argument("--year", type=_year, required=True)
    gen.add_argument("--objectives", type=_integer, default=40, help="objetivos por programa (40)")
    gen.add_argument("--activities", type=_integer, default=3, help="actividades por objetivo (3)")

    summary = sub.add_parser("summary", help="puntaje de cada programa de una región, o nacional")
    where = summary.add_mutually_exclusive_group(required=True)
    where.add_argument("--region", help="código ISO (CL-TA), número CUT (01) o nombre")
    where.add_argument("--national", action="store_true", help="todas las regiones y el resultado del servicio")
    summary.add_argument("--year", type=_year, required=True)
    summary.add_argument("--json", action="store_true", help="salida JSON (decimales como texto)")

    printing = sub.add_parser("print", help="imprime un formulario oficial a PDF")
    printing.add_argument("form", metavar="FORMULARIO", help="III.1, III.2, III.3, III.4 o national (consolidación nacional)")
    printing.add_argument("--region", help="código ISO (CL-TA), número CUT (01) o nombre; no se usa con national")
    printing.add_argument("--year", type=_year, required=True)
    printing.add_argument("--quarter", type=_integer, choices=(1, 2, 3, 4), help="III.4: trimestre (por omisión el último con datos)")
    printing.add_argument("-o", "--output", type=Path, required=True, help="archivo PDF de salida")
    printing.add_argument(
        "--papel", choices=("carta", "oficio"), default="carta", help="tamaño del papel, apaisado (por omisión carta)"
    )
    printing.add_argument("--advertencias", action="store_true",
                          help="agrega tras las notas las advertencias de Avance (no son parte del formulario oficial)")
    xlsx = sub.add_parser("xlsx", help="exporta o importa los formularios en libros de Excel")
    xlsx_sub = xlsx.add_subparsers(dest="xlsx_command", metavar="ACCIÓN", required=True)
    xlsx_export = xlsx_sub.add_parser("export", help="exporta una región, o todas (--national), a un libro .xlsx")
    xlsx_where = xlsx_export.add_mutually_exclusive_group(required=True)
    xlsx_where.add_argument("--region", help="código ISO (CL-TA), número CUT (01) o nombre")
    xlsx_where.add_argument("--national", action="store_true", help="todas las regiones y la hoja «Nacional»")
    xlsx_export.add_argument("--year", type=_year, required=True)
    xlsx_export.add_argument("-o", "--output", type=Path, required=True, help="libro .xlsx de salida")
    xlsx_import = xlsx_sub.add_parser("import", help="importa un libro .xlsx (todo o nada)")
    xlsx_import.add_argument("file", type=Path, metavar="ARCHIVO", help="libro .xlsx")
    xlsx_import.add_argument("--dry-run", action="store_true",
                             help="revisa el libro sin escribir nada (con --replace, dice qué se eliminaría)")
    xlsx_import.add_argument("--quarter", "--trimestre", dest="quarter", type=_integer, choices=(1, 2, 3, 4),
                             help="trimestre (1 a 4) de la hoja III.4 que no lo indica, como la de la semilla")
    xlsx_import.add_argument("--replace", action="store_true",
                             help="reemplaza la región y año si ya existen: los registros que el libro conserva se "
                                  "actualizan en su lugar, con sus medios de verificación; solo se eliminan los que "
                                  "ya no tiene")
    from desktop.sync.cli import add_parsers as _add_sync_parsers

    _add_sync_parsers(sub)  # office, keys, bundle (issue 3)
    from desktop.sync.notes_cli import add_parsers as _add_notes_parsers

    _add_notes_parsers(sub)  # observation, review: the central office's notes (issue 3)
    _spanish_metavars(parser)
    return parser


SPANISH_METAVARS = {"year": "AÑO", "region": "REGIÓN", "to": "REGIÓN", "output": "ARCHIVO", "form": "FORMULARIO",
                    "from_sequence": "N", "objectives": "N", "activities": "N"}
"""The placeholder ``--help`` shows for an option's value, by its destination (argparse would
show the destination in English capitals: «--year YEAR», «-o OUTPUT»)."""


def _spanish_metavars(parser: argparse.ArgumentParser) -> None:
    """Give every option of ``parser`` and its subcommands without an explicit placeholder the
    Spanish one of :data:`SPANISH_METAVARS`."""
    for action in parser._actions:  # noqa: SLF001
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for child in action.choices.values():
                _spanish_metavars(child)
        elif action.dest in SPANISH_METAVARS and action.metavar is None:
            action.metavar = SPANISH_METAVARS[action.dest]


def _open(args: argparse.Namespace):  # noqa: ANN202
    from db.engine import DatabaseError, open_database

    path = args.db or default_db_path()
    try:
        return open_database(path)
    except DatabaseError as exc:
        raise InputError(str(exc)) from exc
    except OSError as exc:
        reason, advice = os_error_reason(exc)
        raise InputError(f"No se puede abrir la base de datos «{path}»: {reason}. {advice}") from exc


def _region(code: str):  # noqa: ANN202
    try:
        return find_region(code)
    except UnknownRegionError as exc:
        raise InputError(str(exc)) from exc


def _cmd_example(args: argparse.Namespace) -> int:
    from desktop.errors import EditError
    from desktop.services.example import ExampleFormatError, load_example, remove_example
    from desktop.services.generate import generate_national

    db = _open(args)
    try:
        if args.example_command == "remove":
            try:
                removed = remove_example(db, edited=args.edited)
            except (EditError, ExampleFormatError) as exc:
                raise InputError(str(exc)) from exc
            print(f"Ejemplo quitado: {removed.region_name} {removed.year} — {removed.records} registros.")
            return 0
        if args.example_command == "load":
            try:
                result = load_example(db)
            except ExampleFormatError as exc:
                raise InputError(str(exc)) from exc
            if result.loaded:
                print(
                    f"Ejemplo cargado: {result.region_name} {result.year} — {result.objectives} objetivos, "
                    f"{result.commitments} filas de actividades, {result.progress_entries} filas de III.4."
                )
            else:
                print(f"El ejemplo {result.region_name} {result.year} ya estaba cargado; no se cambió nada.")
            return 0
        try:
            size = generate_national(db, args.year, objectives=args.objectives, activities=args.activities)
        except ValueError as exc:
            raise InputError(str(exc)) from exc
        print(f"Generado: {size.regions} regiones, {size.programmes} programas, {size.objectives} objetivos, "
              f"{size.commitments} actividades.")
        return 0
    finally:
        db.close()


def _print_region_text(summary) -> None:  # noqa: ANN001
    print(f"{summary.region.name} ({summary.region.iso_code}) — {summary.year}")
    for s in summary.scores:
        state = "VÁLIDO" if s.valid else "NO VÁLIDO (bajo el 90 %)"
        print(
            f"  {s.form.value}: ponderaciones {format_percent(s.weight_total)}, ganada {format_percent(s.weight_earned)}, "
            f"desempeño {format_percent(s.performance_pct)} — {state}"
        )
        for w in s.warnings:
            print(f"    - {w}")


def _cmd_summary(args: argparse.Namespace) -> int:
    from db.queries import NotFoundError
    from desktop.services.summary import national_json, national_summary, region_json, region_summary

    region = None if args.national else _region(args.region)
    db = _open(args)
    try:
        try:
            if region is None:
                national = national_summary(db, args.year)
            else:
                regional = region_summary(db, region, args.year)
        except NotFoundError as exc:
            raise InputError(str(exc)) from exc
    finally:
        db.close()
    if region is None:
        if args.json:
            print(json.dumps(national_json(national), ensure_ascii=False, indent=2))
        else:
            for r in national.regions:
                _print_region_text(r)
            for form, verdict in national.verdicts.items():
                print(f"Desempeño anual servicio {form.value}: {national.verdict_text(verdict)}")
            print(f"Servicio: {national.verdict_text(national.service)}")
    elif args.json:
        print(json.dumps(region_json(regional), ensure_ascii=False, indent=2))
    else:
        _print_region_text(regional)
    return 0


def _check_output(path: Path, what: str) -> None:
    """An output file must be a file in a folder that exists (none is created: a mistyped
    folder would hide the file)."""
    if path.exists() and path.is_dir():
        raise InputError(f"«{path}» es una carpeta; indique {what}.")
    parent = path.parent
    if not parent.exists():
        raise InputError(f"La carpeta «{parent}» no existe: créela primero o indique otra ruta para «{path.name}».")


def _cmd_print(args: argparse.Namespace) -> int:
    from db.queries import NotFoundError
    from desktop.services.printing import PrintError, print_form, print_national

    national = args.form.strip().lower() in ("national", "nacional")
    try:
        form = None if national else FormKind.parse(args.form)
    except ValueError as exc:
        raise InputError(f"Formulario desconocido: «{args.form}». Use III.1, III.2, III.3, III.4 o national.") from exc
    if not national and not args.region:
        raise InputError(f"El formulario {form.value} necesita --region (código ISO, número CUT o nombre).")
    region = None if national else _region(args.region)
    _check_output(args.output, "un archivo PDF")
    db = _open(args)
    try:
        try:
            if national:
                out = print_national(db, args.year, args.output, paper=args.papel)
            else:
                out = print_form(db, form, region, args.year, args.output, quarter=args.quarter, paper=args.papel,
                                 warnings=args.advertencias)
        except (NotFoundError, PrintError) as exc:
            raise InputError(str(exc)) from exc
        except OSError as exc:
            reason, advice = os_error_reason(exc)
            raise InputError(f"No se pudo escribir «{args.output}»: {reason}. {advice}") from exc
    finally:
        db.close()
    if national:
        print(f"Consolidación nacional {args.year} impresa en {out}")
    else:
        print(f"Formulario {form.value} de {region.name} {args.year} impreso en {out}")
    return 0


def _cmd_xlsx(args: argparse.Namespace) -> int:
    from db.queries import NotFoundError
    from desktop.services.excel import ExcelImportError, export_national, export_region, import_workbook

    if args.xlsx_command == "export":
        region = None if args.national else _region(args.region)
        _check_output(args.output, "un archivo .xlsx")
        db = _open(args)
        try:
            try:
                if region is None:
                    out = export_national(db, args.year, args.output)
                else:
                    out = export_region(db, region, args.year, args.output)
            except NotFoundError as exc:
                raise InputError(str(exc)) from exc
            except OSError as exc:
                reason, advice = os_error_reason(exc)
                raise InputError(f"No se pudo escribir «{args.output}»: {reason}. {advice}") from exc
        finally:
            db.close()
        where = "nacional" if region is None else f"de {region.name}"
        print(f"Libro {where} {args.year} exportado en {out}")
        return 0
    db = _open(args)
    try:
        try:
            report = import_workbook(db, args.file, dry_run=args.dry_run, replace=args.replace,
                                     replace_hint="use --replace para reemplazarlo, o cancele",
                                     quarter=args.quarter,
                                     quarter_hint="agregue --quarter N (el trimestre, 1 a 4) al comando")
        except ExcelImportError as exc:
            # Every problem on its own line (sheet, cell, Spanish explanation); nothing written.
            for problem in exc.problems:
                print(f"avance: {problem}", file=sys.stderr)
            count = len(exc.problems)
            print(f"avance: no se importó nada ({count} problema{'' if count == 1 else 's'}).", file=sys.stderr)
            return 1
    finally:
        db.close()
    print(report.summary())
    for notice in report.notices:  # read otherwise than the workbook shows: said, not an error
        print(f"Aviso: {notice}")
    return 0


def _cmd_gui(args: argparse.Namespace) -> int:
    from desktop.app import run

    return run(args.db or default_db_path())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (also used by ``python -m desktop``)."""
    from desktop.cli_spanish import spanish_argparse

    try:
        with spanish_argparse():
            parser = build_parser()
            args = parser.parse_args(argv)
        command = args.command or "gui"
        handler = {"gui": _cmd_gui, "example": _cmd_example, "summary": _cmd_summary, "print": _cmd_print,
                   "xlsx": _cmd_xlsx}.get(command)
        if handler is None:
            from desktop.sync.cli import HANDLERS as _SYNC_HANDLERS
            from desktop.sync.notes_cli import HANDLERS as _NOTES_HANDLERS

            handler = {**_SYNC_HANDLERS, **_NOTES_HANDLERS}[command]
        status = handler(args)
        sys.stdout.flush()  # a closed pipe shows here, not as a traceback at exit
        return status
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except InputError as exc:
        print(f"avance: {exc}", file=sys.stderr)
        return 1
    except Interrupted:
        print(file=sys.stderr)  # the prompt's line ends; nothing else is said
        return INTERRUPTED_STATUS
    except BrokenPipeError:
        return _pipe_closed()


BROKEN_PIPE_STATUS = 141
"""Exit status when the reader of the output went away (128 + SIGPIPE, as the shell reports it)."""


def _pipe_closed() -> int:
    """The output's reader closed the pipe (``| head``): stop quietly. Standard output is pointed
    at the null device so the interpreter's last flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # pragma: no cover - stdout is not a real file (a test's capture)
        pass
    return BROKEN_PIPE_STATUS


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
