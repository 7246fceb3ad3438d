"""Scoring rules of seed 001, Actividad III.1 notes (5), (8), (9), (10), (11), (12).

Programmes are built by hand here; expected values are computed in the test from the weights
the test itself chose, never taken from the code under test.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.forms import FormKind
from desktop.domain.records import Commitment, CommitmentKind, Objective, Programme
from desktop.domain.regions import REGIONS, find_region
from desktop.domain.scoring import (
    ProgrammeScore,
    Verdict,
    earned_weight,
    is_valid,
    regional_performance,
    score_programme,
    service_verdict,
)

YEAR = 2009
AFTER = dt.date(YEAR + 1, 1, 1)
DURING = dt.date(YEAR, 6, 30)
TARAPACA = find_region("CL-TA")


def commitment(weight_text: str, met: bool | None = None, *, kind: CommitmentKind = CommitmentKind.ACTIVITY,
               description: str = "Actividad") -> Commitment:
    return Commitment(uuid.uuid4(), 0, kind, description, "Unidad", "Medio", weight_text, met)


def objective(*commitments: Commitment, text: str = "Objetivo") -> Objective:
    return Objective(uuid.uuid4(), 0, text, "Indicador", "", None, tuple(commitments))


def programme(*objectives: Objective, year: int = YEAR) -> Programme:
    return Programme(uuid.uuid4(), FormKind.III_1, TARAPACA, year, objectives=tuple(objectives))


def notes_of(score: ProgrammeScore) -> list[int]:
    return [f.note for f in score.findings]


def pair(weight: str, met: bool | None = True) -> Objective:
    """An objective with two activities of ``weight`` each (so note (5) holds)."""
    return objective(commitment(weight, met), commitment(weight, met))


def score(p: Programme, today: dt.date = AFTER) -> ProgrammeScore:
    return score_programme(p, today)


# -- earned weight, performance, validity -----------------------------------------------------


@pytest.mark.parametrize(
    ("weight", "met", "expected"),
    [
        (Decimal("6.05"), True, Decimal("6.05")),
        (Decimal("6.05"), False, Decimal(0)),
        (Decimal("6.05"), None, Decimal(0)),
        (None, True, Decimal(0)),
        (None, None, Decimal(0)),
    ],
)
def test_earned_weight(weight, met, expected) -> None:
    result = earned_weight(weight, met)
    assert result == expected
    assert isinstance(result, Decimal)


def test_earned_weight_needs_met_true_not_truthy() -> None:
    assert earned_weight(Decimal(5), 1) == Decimal(0)  # type: ignore[arg-type]


def test_regional_performance_is_the_sum_of_earned_weights() -> None:
    rows = [commitment("10%", True), commitment("20%", False), commitment("30%", None), commitment("0.05 %", True),
            commitment("0.5%  0.5%", True), commitment("abc", True)]
    result = regional_performance(rows)
    assert result == Decimal("10") + Decimal("0.05") + Decimal("1.0")
    assert isinstance(result, Decimal)


def test_regional_performance_of_nothing_is_zero() -> None:
    assert regional_performance([]) == Decimal(0)


def test_the_90_percent_bar() -> None:
    assert is_valid(Decimal("90")) is True
    assert is_valid(Decimal("90.00")) is True
    assert is_valid(Decimal("89.99")) is False
    assert is_valid(Decimal("100")) is True
    assert is_valid(Decimal("0")) is False


def _score_with(pct: Decimal) -> ProgrammeScore:
    return ProgrammeScore(FormKind.III_1, TARAPACA, YEAR, Decimal(100), pct, pct, is_valid(pct), ())


def test_service_verdict() -> None:
    assert service_verdict([_score_with(Decimal(90)), _score_with(Decimal(100))]) is Verdict.CUMPLE
    assert service_verdict([_score_with(Decimal(95)), _score_with(Decimal("89.99"))]) is Verdict.NO_CUMPLE
    assert service_verdict(iter([_score_with(Decimal(90))])) is Verdict.CUMPLE
    assert Verdict.NO_CUMPLE.value == "NO CUMPLE"


def test_service_verdict_without_regions_raises() -> None:
    with pytest.raises(ValueError):
        service_verdict([])


# -- score_programme ---------------------------------------------------------------------------


def test_weights_adding_to_100_all_met_is_valid_without_findings() -> None:
    p = programme(pair("25%"), pair("12.5%"), pair("0,5%"), pair("12%"))  # 50 + 25 + 1 + 24 = 100
    s = score(p)
    assert s.weight_total == Decimal(100)
    assert s.weight_earned == Decimal(100)
    assert s.performance_pct == Decimal(100)
    assert s.valid is True
    assert s.findings == ()
    assert s.warnings == ()
    for value in (s.weight_total, s.weight_earned, s.performance_pct):
        assert isinstance(value, Decimal)


def test_weights_not_adding_to_100_is_a_note_8_finding() -> None:
    p = programme(pair("25%"), pair("20%"))  # 90 %
    s = score(p)
    assert s.weight_total == Decimal(90)
    assert s.valid is True  # 90 earned
    weight_findings = [f for f in s.findings if f.note == 8]
    assert len(weight_findings) == 1
    assert "nota 8" in weight_findings[0].message
    assert "90" in weight_findings[0].message


def test_score_keeps_form_region_year() -> None:
    s = score(programme(pair("50%")))
    assert (s.form, s.region, s.year) == (FormKind.III_1, TARAPACA, YEAR)


def test_objective_with_one_activity_is_a_note_5_finding() -> None:
    lonely = objective(commitment("50%", True))
    p = programme(lonely, pair("25%"))
    s = score(p)
    fives = [f for f in s.findings if f.note == 5]
    assert len(fives) == 1
    assert fives[0].objective_id == lonely.id
    assert "nota 5" in fives[0].message


def test_objective_without_goal_or_activities_is_a_note_5_finding() -> None:
    """An objective just added in the window, with nothing under it yet (III.1 note (5):
    an annual goal or activities)."""
    empty = objective()
    s = score(programme(empty, objective(commitment("100%", True, kind=CommitmentKind.GOAL))))
    fives = [f for f in s.findings if f.note == 5]
    assert [f.objective_id for f in fives] == [empty.id]
    assert "no tiene meta anual ni actividades" in fives[0].message


def test_objective_with_one_goal_is_fine() -> None:
    goal = objective(commitment("50%", True, kind=CommitmentKind.GOAL, description="100%"))
    s = score(programme(goal, pair("25%")))
    assert 5 not in notes_of(s)
    assert s.findings == ()


def test_two_weights_in_one_row_count_as_two_activities() -> None:
    two_in_one = objective(commitment("50%  50%", True))
    s = score(programme(two_in_one))
    assert 5 not in notes_of(s)
    assert s.weight_total == Decimal(100)
    assert s.findings == ()


def test_two_lines_in_one_row_count_as_two_activities() -> None:
    two_lines = objective(commitment("100%", True, description="Primera actividad\nSegunda actividad"))
    assert 5 not in notes_of(score(programme(two_lines)))


def test_unset_met_after_year_end_is_a_note_9_finding() -> None:
    p = programme(objective(commitment("50%", True), commitment("50%", None)))
    s = score(p, dt.date(YEAR + 1, 1, 1))
    nines = [f for f in s.findings if f.note == 9]
    assert len(nines) == 1
    assert "nota 9" in nines[0].message
    assert str(YEAR) in nines[0].message


def test_unset_met_before_year_end_is_no_finding() -> None:
    p = programme(objective(commitment("50%", True), commitment("50%", None)))
    s = score(p, DURING)
    assert 9 not in notes_of(s)
    assert 11 not in notes_of(s)  # below 90 %, but the year is not over


def test_unset_met_on_the_last_day_of_the_year_is_no_finding() -> None:
    p = programme(objective(commitment("50%", True), commitment("50%", None)))
    assert 9 not in notes_of(score(p, dt.date(YEAR, 12, 31)))


def test_below_90_after_year_end_is_a_note_11_finding() -> None:
    p = programme(objective(commitment("50%", True), commitment("50%", False)))
    s = score(p)
    assert s.valid is False
    assert s.performance_pct == Decimal(50)
    assert 11 in notes_of(s)


def test_unreadable_weight_is_a_note_8_finding_and_not_counted() -> None:
    p = programme(objective(commitment("abc", True), commitment("100%", True)))
    s = score(p)
    assert s.weight_total == Decimal(100)
    assert s.weight_earned == Decimal(100)
    problems = [f for f in s.findings if f.note == 8 and f.commitment_id is not None]
    assert len(problems) == 1
    assert "abc" in problems[0].message


def test_leading_zero_weight_is_flagged_for_review() -> None:
    p = programme(objective(commitment("01%", True), commitment("99%", True)))
    s = score(p)
    assert s.weight_total == Decimal(100)
    assert any(f.note == 8 and f.commitment_id is not None for f in s.findings)


def test_empty_programme() -> None:
    s = score(programme())
    assert s.weight_total == Decimal(0)
    assert s.performance_pct == Decimal(0)
    assert s.valid is False
    assert 8 in notes_of(s)


# -- properties --------------------------------------------------------------------------------

_weight = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
_met = st.sampled_from([True, False, None])
_row = st.tuples(_weight, _met)
_objectives = st.lists(st.lists(_row, min_size=1, max_size=4), min_size=0, max_size=5)


def _build(rows_by_objective: list[list[tuple[Decimal, bool | None]]]) -> Programme:
    return programme(*(objective(*(commitment(f"{w}%", m) for w, m in rows)) for rows in rows_by_objective))


@settings(max_examples=150, deadline=None)
@given(_objectives, st.sampled_from([DURING, AFTER]))
def test_performance_is_the_sum_of_met_weights(rows_by_objective, today) -> None:
    p = _build(rows_by_objective)
    s = score_programme(p, today)
    rows = [r for rows in rows_by_objective for r in rows]
    expected_earned = sum((w for w, m in rows if m is True), Decimal(0))
    expected_total = sum((w for w, _ in rows), Decimal(0))
    for value in (s.weight_total, s.weight_earned, s.performance_pct):
        assert isinstance(value, Decimal)
    assert s.performance_pct == expected_earned
    assert s.weight_earned == expected_earned
    assert s.weight_total == expected_total
    assert Decimal(0) <= s.performance_pct <= s.weight_total
    assert s.valid == (s.performance_pct >= Decimal(90))
    assert (8 in [f.note for f in s.findings if f.commitment_id is None]) == (expected_total != Decimal(100))


@settings(max_examples=150, deadline=None)
@given(_objectives.filter(lambda objs: any(m is not True for rows in objs for _, m in rows)), st.data())
def test_marking_one_more_row_met_never_decreases_performance(rows_by_objective, data) -> None:
    candidates = [(i, j) for i, rows in enumerate(rows_by_objective) for j, (_, m) in enumerate(rows) if m is not True]
    i, j = data.draw(st.sampled_from(candidates))
    before = score_programme(_build(rows_by_objective), AFTER)
    changed = [list(rows) for rows in rows_by_objective]
    weight, _ = changed[i][j]
    changed[i][j] = (weight, True)
    after = score_programme(_build(changed), AFTER)
    assert after.performance_pct >= before.performance_pct
    assert after.performance_pct - before.performance_pct == weight
    assert after.weight_total == before.weight_total


@settings(max_examples=150, deadline=None)
@given(st.lists(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
                min_size=1, max_size=16))
def test_service_cumple_iff_every_region_reaches_90(performances) -> None:
    scores = [
        ProgrammeScore(FormKind.III_1, REGIONS[k], YEAR, Decimal(100), pct, pct, is_valid(pct), ())
        for k, pct in enumerate(performances)
    ]
    expected = Verdict.CUMPLE if min(performances) >= Decimal(90) else Verdict.NO_CUMPLE
    assert service_verdict(scores) is expected


@pytest.mark.parametrize(
    ("form", "cited"),
    [
        # III.1 states the rules in its notes (5), (8), (9), (11).
        (FormKind.III_1, {5: "nota 5", 8: "nota 8", 9: "nota 9", 11: "nota 11"}),
        # III.2 repeats them as (10), (13), (14), (16) "Ídem nota …, actividad III.1"; its (8)
        # is the indicator, its (9) the indicator's result.
        (FormKind.III_2, {5: "nota 10", 8: "nota 13", 9: "nota 14", 11: "nota 16"}),
        # III.3 repeats (8), (9) and, as (14), note (11); its own (5) and (11) say something else.
        (FormKind.III_3, {5: "nota 5, actividad III.1", 8: "nota 8", 9: "nota 9", 11: "nota 14"}),
    ],
)
def test_findings_cite_the_note_of_the_form_they_are_read_on(form: FormKind, cited: dict[int, str]) -> None:
    """A warning shown or printed with III.2 or III.3 (under that form's notes) points to that
    form's note for the rule (seed 001, Notas Actividad III. 2 and III. 3), not to III.1's number."""
    lonely = objective(commitment("bastante", None))
    p = Programme(uuid.uuid4(), form, TARAPACA, YEAR, objectives=(lonely,))
    s = score(p)
    assert sorted(set(notes_of(s))) == [5, 8, 9, 11]  # the rule's III.1 note, for the code
    for finding in s.findings:
        assert finding.message.endswith(f"({cited[finding.note]}).")
