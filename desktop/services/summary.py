"""Scoring summaries of a region, or of the nation, for the command line and the window.

Every figure comes from :mod:`desktop.domain.scoring`; this module only gathers the programmes
and shapes the answer (the JSON shape is the contract in ``ARCHITECTURE.md``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from db import queries
from db.engine import Database
from desktop.domain.forms import PROGRAMME_FORMS, FormKind, spec
from desktop.domain.regions import Region
from desktop.domain.scoring import (
    ProgrammeScore,
    Verdict,
    is_valid,
    performance_from,
    score_programme,
    service_verdict,
)


@dataclass(frozen=True, slots=True)
class RegionSummary:
    """The scores of one region's programmes for one year (III.1, III.2, III.3 order)."""

    region: Region
    year: int
    scores: tuple[ProgrammeScore, ...]


@dataclass(frozen=True, slots=True)
class NationalSummary:
    """Every region with data for a year, and the service verdict.

    Attributes:
        year: reporting year.
        regions: one summary per region with data, by CUT number.
        verdicts: per programme form, "Desempeño anual servicio" (III.1 note (12)) over the
            regions that committed it.
        service: CUMPLE only when every programme's verdict is CUMPLE.
    """

    year: int
    regions: tuple[RegionSummary, ...]
    verdicts: dict[FormKind, Verdict]
    service: Verdict

    @property
    def regions_with_data(self) -> int:
        """How many regions of the 16 have data (a programme) for the year here."""
        return len(self.regions)

    @property
    def complete(self) -> bool:
        """Whether every region of Chile has data for the year: otherwise the verdicts are
        provisional (III.1 note (12): the service result counts every region)."""
        return self.regions_with_data >= REGION_COUNT

    def verdict_text(self, verdict: Verdict) -> str:
        """``verdict`` as the command line and the board print it: "CUMPLE", or "CUMPLE
        (provisional: 1 de 16 regiones con datos)" when not every region has data
        (:func:`provisional_verdict`)."""
        return provisional_verdict(verdict, self.regions_with_data)


REGION_COUNT = 16
"""Regions of Chile (seed 002): a database holding all of them holds the national result."""


def provisional_qualifier(regions_with_data: int) -> str:
    """"" when every region of Chile has data, else "provisional: 1 de 16 regiones con datos".

    The service result is national (seed 001, III.1 note (12)): with regions missing, a
    CUMPLE may still turn into NO CUMPLE when they arrive.
    """
    if regions_with_data >= REGION_COUNT:
        return ""
    return f"provisional: {regions_with_data} de {REGION_COUNT} regiones con datos"


def provisional_verdict(verdict: Verdict, regions_with_data: int) -> str:
    """``verdict``'s text with its :func:`provisional_qualifier` in parentheses, if any."""
    qualifier = provisional_qualifier(regions_with_data)
    return f"{verdict.value} ({qualifier})" if qualifier else verdict.value


def region_summary(db: Database, region: Region, year: int, today: dt.date | None = None) -> RegionSummary:
    """Score every programme of ``region`` and ``year``.

    Raises:
        db.queries.NotFoundError: no data for that region and year (Spanish message).
    """
    with db.reading() as session:
        progs = queries.programmes(session, region, year)
    return RegionSummary(region, year, tuple(score_programme(p, today) for p in progs))


def national_summary(db: Database, year: int, today: dt.date | None = None) -> NationalSummary:
    """Score every region's programmes for ``year`` and give the service verdicts.

    Raises:
        db.queries.NotFoundError: no region has data for ``year``.
    """
    with db.reading() as session:
        progs = queries.programmes_of_year(session, year)
    if not progs:
        raise queries.NotFoundError(f"Ninguna región tiene datos del año {year}.")
    return summarize(year, [score_programme(p, today) for p in progs])


def summarize(year: int, scores: Iterable[ProgrammeScore]) -> NationalSummary:
    """Gather already computed programme scores into the national summary (regions by CUT
    number, programmes in form order) with the service verdicts.

    Source: seed 001, III.1 notes (11) and (12).
    """
    by_region: dict[Region, list[ProgrammeScore]] = {}
    for score in scores:
        by_region.setdefault(score.region, []).append(score)
    summaries = tuple(
        RegionSummary(region, year, tuple(sorted(found, key=lambda s: PROGRAMME_FORMS.index(s.form))))
        for region, found in sorted(by_region.items(), key=lambda kv: kv[0].cut)
    )
    verdicts: dict[FormKind, Verdict] = {}
    for form in PROGRAMME_FORMS:
        committed = [s for r in summaries for s in r.scores if s.form is form]
        if committed:
            verdicts[form] = service_verdict(committed)
    overall = Verdict.CUMPLE if all(v is Verdict.CUMPLE for v in verdicts.values()) else Verdict.NO_CUMPLE
    return NationalSummary(year, summaries, verdicts, overall)


def service_verdict_of(db: Database, form: FormKind, year: int) -> tuple[Verdict, int] | None:
    """"Desempeño anual servicio" of ``form`` in ``year`` over the regions in this database,
    and how many regions committed it; None when none did.

    Uses only each commitment's stored weight and compliance (one narrow query), so printing a
    form does not score the whole nation. Source: seed 001, III.1 notes (11) and (12).
    """
    with db.reading() as session:
        by_region = queries.weights_and_compliance(session, year, form)
    if not by_region:
        return None
    all_pass = all(is_valid(performance_from(rows)) for rows in by_region.values())
    return (Verdict.CUMPLE if all_pass else Verdict.NO_CUMPLE), len(by_region)


def verdict_is_national(db: Database, year: int) -> bool:
    """Whether the service result computed from this database is the national one (III.1 note
    (12): every region that committed the programme counts): the database holds every region's
    ``year`` (so every region that committed it), or this installation is the central office,
    which receives them all."""
    from desktop.sync import board

    if len(_regions_of_year(db, year)) >= REGION_COUNT:
        return True
    view = board.office(db)
    return view is not None and view.central


def verdict_text(db: Database, form: FormKind, year: int, today: dt.date | None = None) -> str:
    """What a regional form's "Desempeño anual servicio" cell says (III.1 (12), III.2 (17),
    III.3 (15)), in the PDF and in the Excel workbook alike.

    The service result is national (seed 001, III.1 note (12): "ubicar este resultado al final
    de la presentación de los programas de trabajo de las regiones"; the seed's regional form
    leaves the cell blank). It is printed only when this database really gives it
    (:func:`verdict_is_national`): "NO CUMPLE (resultado nacional: 16 regiones comprometieron el
    programa)"; at a central office still missing regions, with how many it holds. Otherwise
    the cell says "Resultado nacional (nota 12): lo informa el nivel central." "" when no
    region committed ``form`` in ``year``.
    """
    found = service_verdict_of(db, form, year)
    if found is None:
        return ""
    verdict, n = found
    if not verdict_is_national(db, year):
        number = spec(form).result_numbers[1]
        return f"Resultado nacional (nota {number}): lo informa el nivel central."
    if len(_regions_of_year(db, year)) >= REGION_COUNT:
        one = "región comprometió" if n == 1 else "regiones comprometieron"
        return f"{verdict.value} (resultado nacional: {n} {one} el programa)"
    return f"{verdict.value} (calculado sobre {n} de {REGION_COUNT} regiones en esta base de datos)"


def _regions_of_year(db: Database, year: int) -> set[Region]:
    """The regions with data for ``year`` in this database."""
    with db.reading() as session:
        return {a.region for a in queries.available(session) if a.year == year}


def _score_json(score: ProgrammeScore) -> dict[str, Any]:
    return {
        "form": score.form.value,
        "weight_total": str(score.weight_total),
        "weight_earned": str(score.weight_earned),
        "performance_pct": str(score.performance_pct),
        "valid": score.valid,
        "warnings": list(score.warnings),
    }


def region_json(summary: RegionSummary) -> dict[str, Any]:
    """The ``summary --json`` object: region, year, programmes (decimals as strings)."""
    return {
        "region": summary.region.iso_code,
        "year": summary.year,
        "programmes": [_score_json(s) for s in summary.scores],
    }


def national_json(summary: NationalSummary) -> dict[str, Any]:
    """The ``summary --national --json`` object: every region plus the service verdicts, and
    ``regions_with_data`` (of the 16) and ``complete`` (all 16 have data: otherwise the
    verdicts are provisional). The verdict keys keep their values ("CUMPLE" / "NO CUMPLE")."""
    return {
        "year": summary.year,
        "regions": [region_json(r) for r in summary.regions],
        "programmes": [
            {
                "form": form.value,
                "service": verdict.value,
                "regions": sum(1 for r in summary.regions if any(s.form is form for s in r.scores)),
                "regions_below": [
                    r.region.iso_code for r in summary.regions for s in r.scores if s.form is form and not s.valid
                ],
            }
            for form, verdict in summary.verdicts.items()
        ],
        "service": summary.service.value,
        "regions_with_data": summary.regions_with_data,
        "complete": summary.complete,
    }
