"""The ``avance observation`` and ``avance review`` subcommands: the central office's
observations on objectives and activities, and each programme's review state
(:mod:`desktop.sync.notes`). They travel to the region in the next answer
(``avance bundle export --to CODE``).

Objectives and activities are named by their numbers on the form, from 1 (objectives across
the whole form, III.3 too; activities within their objective), as ``observation list`` prints
them. Writing is for the central office only; bad input exits 1 with one Spanish line and
changes nothing.
"""

from __future__ import annotations

import argparse
from typing import Any

from desktop.wording import office_name, when_text

STATE_HELP = "pendiente, aprobado u observado"


def _integer(text: str) -> int:
    from desktop.cli import _integer as integer

    return integer(text)


def _where(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--region", required=required, help="código ISO (CL-TA), número CUT (01) o nombre")
    parser.add_argument("--year", type=_year, required=required, help="año de reporte")
    parser.add_argument("--form", required=required, metavar="FORMULARIO", help="III.1, III.2 o III.3")


def _year(text: str) -> int:
    from desktop.cli import _year as year

    return year(text)


def add_parsers(sub: Any) -> None:
    """Add ``observation`` and ``review`` to the ``avance`` subparsers ``sub``."""
    obs = sub.add_parser("observation", help="observaciones de la oficina central sobre objetivos y actividades")
    o_sub = obs.add_subparsers(dest="observation_command", metavar="ACCIÓN", required=True)
    add = o_sub.add_parser("add", help="oficina central: agrega una observación a un objetivo o a una actividad")
    _where(add, required=True)
    add.add_argument("--objective", type=_integer, required=True, metavar="N",
                     help="número del objetivo en el formulario, desde 1 (en el III.3, contando todas sus secciones)")
    add.add_argument("--activity", type=_integer, metavar="M",
                     help="número de la actividad dentro del objetivo, desde 1 (sin esta opción: el objetivo)")
    add.add_argument("text", nargs="+", metavar="TEXTO", help="la observación")
    listing = o_sub.add_parser("list", help="lista las observaciones, con el objetivo o la actividad a que se refieren")
    _where(listing, required=False)
    edit = o_sub.add_parser("edit", help="oficina central: cambia el texto de una observación")
    edit.add_argument("observation", metavar="NÚMERO", help="número de la observación (al menos 8 caracteres)")
    edit.add_argument("text", nargs="+", metavar="TEXTO", help="el texto nuevo")
    remove = o_sub.add_parser("remove", help="oficina central: elimina una observación")
    remove.add_argument("observation", metavar="NÚMERO", help="número de la observación (al menos 8 caracteres)")

    rev = sub.add_parser("review", help="estado de revisión de los programas por la oficina central")
    r_sub = rev.add_subparsers(dest="review_command", metavar="ACCIÓN", required=True)
    put = r_sub.add_parser("set", help="oficina central: fija el estado de revisión de un programa, con una nota")
    _where(put, required=True)
    put.add_argument("--status", required=True, metavar="ESTADO", help=STATE_HELP)
    put.add_argument("--note", default="", metavar="TEXTO", help="nota para la oficina regional (por omisión, ninguna)")
    r_list = r_sub.add_parser("list", help="lista los estados de revisión")
    r_list.add_argument("--region", help="código ISO (CL-TA), número CUT (01) o nombre")
    r_list.add_argument("--year", type=_year, help="año de reporte")


def _form(text: str | None):  # noqa: ANN202
    from desktop.cli import InputError
    from desktop.domain.forms import FormKind

    if text is None:
        return None
    try:
        form = FormKind.parse(text)
    except ValueError as exc:
        raise InputError(f"Formulario desconocido: «{text}». Use III.1, III.2 o III.3.") from exc
    if form is FormKind.III_4:
        raise InputError("El III.4 no se revisa ni lleva observaciones: use III.1, III.2 o III.3.")
    return form


def _run(args: argparse.Namespace, body: Any) -> int:  # noqa: ANN401
    from desktop.cli import InputError, _open
    from desktop.errors import EditError, NotFoundError
    from desktop.sync.errors import SyncError

    db = _open(args)
    try:
        return body(db)
    except (SyncError, EditError, NotFoundError) as exc:
        raise InputError(str(exc)) from exc
    finally:
        db.close()


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def observation_line(view: Any) -> str:  # noqa: ANN401
    """One line of ``observation list``: number, programme, what it is about, the text, when."""
    about = view.about + (f" («{_short(view.about_text)}»)" if view.about_text.strip() else "")
    where = view.programme or f"{_region_name(view.region)}"
    return f"{view.short_id}  {where} · {about}: {' '.join(view.text.split())}  ({when_text(view.changed)})"


def _region_name(code: str) -> str:
    from desktop.domain.regions import find_region

    return find_region(code).name


def cmd_observation(args: argparse.Namespace) -> int:
    """``avance observation add|list|edit|remove``."""
    from desktop.cli import InputError, _region
    from desktop.sync import notes

    region = _region(args.region) if getattr(args, "region", None) else None
    form = _form(getattr(args, "form", None))
    if args.observation_command == "add":
        if args.objective < 1 or (args.activity is not None and args.activity < 1):
            raise InputError("Los objetivos y las actividades se numeran desde 1, como en el formulario.")

    def body(db: Any) -> int:  # noqa: ANN401
        if args.observation_command == "add":
            kind, target = notes.target(db, region, args.year, form, args.objective, args.activity)
            ident = notes.add_observation(db, kind, target, " ".join(args.text))
            view = next(v for v in notes.observations(db, region=region) if v.id == ident)
            print(f"Observación {view.short_id} agregada: {view.programme} · {view.about}. Llegará a la "
                  f"{office_name(region.iso_code)} con la próxima respuesta (avance bundle export --to "
                  f"{region.iso_code}).")
            return 0
        if args.observation_command == "list":
            found = notes.observations(db, region=region, year=args.year, form=form)
            if not found:
                print("No hay observaciones.")
            for view in found:
                print(observation_line(view))
            return 0
        if args.observation_command == "edit":
            view = notes.edit_observation(db, args.observation, " ".join(args.text))
            print(f"Observación {view.short_id} corregida: {view.programme or _region_name(view.region)} · "
                  f"{view.about}.")
            return 0
        view = notes.remove_observation(db, args.observation)
        office = office_name(view.region)
        print(f"Observación {view.short_id} eliminada ({view.programme or _region_name(view.region)} · {view.about}). "
              f"La {office} deja de verla con la próxima respuesta.")
        return 0

    return _run(args, body)


def cmd_review(args: argparse.Namespace) -> int:
    """``avance review set|list``."""
    from desktop.cli import InputError, _region
    from desktop.sync import notes

    region = _region(args.region) if args.region else None
    if args.review_command == "set":
        form = _form(args.form)
        status = args.status.strip().lower()
        if status not in notes.REVIEW_STATES:
            raise InputError(f"Estado de revisión desconocido: «{args.status}». Use {STATE_HELP}. No se cambió nada.")

    def body(db: Any) -> int:  # noqa: ANN401
        if args.review_command == "set":
            view = notes.set_review(db, notes.programme_id(db, region, args.year, form), status, args.note)
            label = view.label if view.label.endswith((".", "!", "?")) else view.label + "."
            print(f"Revisión de {view.programme}: {label} Llegará a la {office_name(region.iso_code)} con la "
                  f"próxima respuesta (avance bundle export --to {region.iso_code}).")
            return 0
        found = notes.reviews(db, region=region, year=args.year)
        if not found:
            print("No hay revisiones.")
        for view in found:
            print(f"{view.programme}: {view.label}  ({when_text(view.changed)})")
        return 0

    return _run(args, body)


HANDLERS = {"observation": cmd_observation, "review": cmd_review}
