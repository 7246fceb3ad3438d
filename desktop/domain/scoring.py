"""Scoring of the work programmes: earned weight, regional performance, the 90 % bar, the
service verdict, and the warnings for rules a form breaks.

Every rule cites its note in seed 001, Actividad III.1 (III.2 and III.3 repeat them by "Ídem").
All arithmetic is :class:`decimal.Decimal`; nothing here imports Qt or SQL.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from desktop.domain.forms import FormKind, rule_note
from desktop.domain.records import Commitment, CommitmentKind, Programme
from desktop.domain.regions import Region
from desktop.domain.weights import format_percent

PASS_MARK = Decimal(90)
"""Regional performance needed to validate a programme, in percent (III.1 note (11))."""

FULL_WEIGHT = Decimal(100)
"""What a programme's weights must add up to, in percent (III.1 note (8))."""

MIN_ACTIVITIES = 2
"""Activities an objective needs when it is met through activities (III.1 note (5))."""


class Verdict(StrEnum):
    """"Desempeño anual servicio", III.1 column (12)."""

    CUMPLE = "CUMPLE"
    NO_CUMPLE = "NO CUMPLE"


@dataclass(frozen=True, slots=True)
class Finding:
    """A broken rule, to show plainly.

    Attributes:
        message: Spanish sentence for the user, ending with the note it comes from.
        note: the III.1 note number that states the rule.
        objective_id: the objective concerned, if any.
        commitment_id: the commitment concerned, if any.
    """

    message: str
    note: int
    objective_id: uuid.UUID | None = None
    commitment_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class ProgrammeScore:
    """The scoring of one programme.

    Attributes:
        form: III.1, III.2 or III.3.
        region: whose programme.
        year: reporting year.
        weight_total: sum of the readable weights, percent (should be 100, note (8)).
        weight_earned: sum of the earned weights, percent (note (10)).
        performance_pct: "Desempeño anual región (%)", column (11): equal to weight_earned.
        valid: performance ≥ 90 % (note (11)).
        findings: the broken rules, in table order.
    """

    form: FormKind
    region: Region
    year: int
    weight_total: Decimal
    weight_earned: Decimal
    performance_pct: Decimal
    valid: bool
    findings: tuple[Finding, ...]

    @property
    def warnings(self) -> tuple[str, ...]:
        """The findings' Spanish messages."""
        return tuple(f.message for f in self.findings)


def earned_weight(weight: Decimal | None, met: bool | None) -> Decimal:
    """"Ponderación ganada", III.1 column (10).

    Args:
        weight: the commitment's weight in percent, or None when empty or unreadable.
        met: column (9): True only when 100 % done (note (9)); False or None otherwise.

    Returns:
        ``weight`` when ``met`` is True and the weight is known, otherwise ``Decimal(0)``.

    Source: seed 001, III.1 notes (9) and (10).
    """
    if met is True and weight is not None:
        return weight
    return Decimal(0)


def regional_performance(commitments: Iterable[Commitment]) -> Decimal:
    """"Desempeño anual región (%)", III.1 column (11): the sum of earned weights.

    Source: seed 001, III.1 note (11).
    """
    return performance_from((c.weight, c.met) for c in commitments)


def performance_from(rows: Iterable[tuple[Decimal | None, bool | None]]) -> Decimal:
    """The same sum over bare (weight, met) pairs, for national consolidation at scale.

    Args:
        rows: (weight in percent or None, met) for every commitment of one programme.

    Source: seed 001, III.1 notes (10) and (11).
    """
    return sum((earned_weight(weight, met) for weight, met in rows), Decimal(0))


def is_valid(performance_pct: Decimal) -> bool:
    """A programme is valid when the region reaches 90 % (seed 001, III.1 note (11))."""
    return performance_pct >= PASS_MARK


def is_year_closed(year: int, today: dt.date) -> bool:
    """True once the reporting year has ended: compliance must then be set (note (9))."""
    return today > dt.date(year, 12, 31)


def _short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def score_programme(programme: Programme, today: dt.date | None = None) -> ProgrammeScore:
    """Score one programme and list the rules it breaks.

    Args:
        programme: the programme with its objectives and commitments.
        today: the date the scoring is made; after 31 December of the programme's year an
            unset "Cumple/no cumple" is reported. Defaults to today's date.

    Returns:
        A :class:`ProgrammeScore`. Findings: weights not adding to 100 % (note (8)); unreadable
        or doubtful weights (note (8)); an objective with neither an annual goal nor activities,
        or with activities but fewer than two (note (5)); an unset compliance once the year is
        over (note (9)); a performance under 90 % once the year is over (note (11)).

    Source: seed 001, III.1 notes (5), (8), (9), (10), (11).
    """
    today = today or dt.date.today()
    closed = is_year_closed(programme.year, today)
    # Each rule cited by the note of this form that repeats it: (8) on III.1 is (13) on III.2.
    n5, n8, n9, n11 = (rule_note(programme.form, n) for n in (5, 8, 9, 11))
    findings: list[Finding] = []
    unset: list[int] = []
    total = Decimal(0)
    earned = Decimal(0)
    for o_index, objective in enumerate(programme.objectives, start=1):
        label = f"Objetivo {o_index} («{_short(objective.text)}»)"
        activities = [c for c in objective.commitments if c.kind is CommitmentKind.ACTIVITY]
        count = sum(c.activity_count for c in activities)
        if not objective.commitments:
            findings.append(
                Finding(
                    f"{label}: no tiene meta anual ni actividades; agregue una meta anual o al menos dos "
                    f"actividades ({n5}).",
                    5,
                    objective.id,
                )
            )
        if activities and count < MIN_ACTIVITIES:
            findings.append(
                Finding(
                    f"{label}: tiene {count} actividad; se exigen al menos dos actividades por objetivo ({n5}).",
                    5,
                    objective.id,
                )
            )
        for r_index, commitment in enumerate(objective.commitments, start=1):
            where = f"{label}, fila {r_index}"
            parsed = commitment.parsed_weight
            for problem in parsed.problems:
                findings.append(Finding(f"{where}: {problem} ({n8}).", 8, objective.id, commitment.id))
            for note in parsed.notes:
                findings.append(Finding(f"{where}: {note}; revise la ponderación ({n8}).", 8, objective.id, commitment.id))
            weight = parsed.total
            if weight is not None:
                total += weight
            earned += earned_weight(weight, commitment.met)
            if closed and commitment.met is None:
                unset.append(o_index)
    if total != FULL_WEIGHT:
        findings.insert(
            0,
            Finding(
                f"Las ponderaciones suman {format_percent(total)}; deben sumar 100 % ({n8}).",
                8,
            ),
        )
    if unset:
        where = ", ".join(str(n) for n in dict.fromkeys(unset))
        rows = "1 fila" if len(unset) == 1 else f"{len(unset)} filas"
        findings.append(
            Finding(
                f"Falta indicar «Cumple/no cumple» en {rows} al cierre del año {programme.year} "
                f"(objetivos {where}) ({n9}).",
                9,
            )
        )
    valid = is_valid(earned)
    if closed and not valid:
        findings.append(
            Finding(
                f"El desempeño anual de la región es {format_percent(earned)}, bajo el 90 % exigido: el programa no se valida ({n11}).",
                11,
            )
        )
    return ProgrammeScore(
        form=programme.form,
        region=programme.region,
        year=programme.year,
        weight_total=total,
        weight_earned=earned,
        performance_pct=earned,
        valid=valid,
        findings=tuple(findings),
    )


def service_verdict(scores: Iterable[ProgrammeScore]) -> Verdict:
    """"Desempeño anual servicio", III.1 column (12), for one programme across regions.

    Args:
        scores: the score of this programme in every region that committed it.

    Returns:
        CUMPLE when every region reaches 90 % or more; NO CUMPLE when any is below.

    Raises:
        ValueError: no region committed the programme (there is no verdict to give).

    Source: seed 001, III.1 note (12).
    """
    scores = list(scores)
    if not scores:
        raise ValueError("Ninguna región comprometió el programa: no hay resultado del servicio.")
    return Verdict.CUMPLE if all(is_valid(s.performance_pct) for s in scores) else Verdict.NO_CUMPLE
