"""Weights as the forms write them (seed 001, III.1 note (8)): text kept, values as Decimal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.weights import format_decimal, format_percent, parse_weight


def test_two_activities_in_one_cell() -> None:
    parsed = parse_weight("0.5%  0.5%")
    assert parsed.text == "0.5%  0.5%"
    assert parsed.values == (Decimal("0.5"), Decimal("0.5"))
    assert parsed.total == Decimal("1.0")
    assert parsed.problems == ()
    assert not parsed.is_empty


def test_leading_zero_is_read_with_a_note() -> None:
    parsed = parse_weight("01%")
    assert parsed.text == "01%"
    assert parsed.values == (Decimal(1),)
    assert parsed.total == Decimal(1)
    assert parsed.problems == ()
    assert len(parsed.notes) == 1
    assert "01%" in parsed.notes[0]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("0.05 %", (Decimal("0.05"),)),
        ("1%", (Decimal(1),)),
        ("0,5%", (Decimal("0.5"),)),
        ("0.05% 0.05%  0.05 %", (Decimal("0.05"),) * 3),
        ("0.05%  0.05%", (Decimal("0.05"),) * 2),
        ("100%", (Decimal(100),)),
    ],
)
def test_values_read(text: str, values: tuple[Decimal, ...]) -> None:
    parsed = parse_weight(text)
    assert parsed.text == text
    assert parsed.values == values
    assert all(isinstance(v, Decimal) for v in parsed.values)
    assert parsed.problems == ()
    assert parsed.notes == ()
    assert parsed.total == sum(values, Decimal(0))
    assert isinstance(parsed.total, Decimal)


def test_three_values_total_exactly() -> None:
    assert parse_weight("0.05% 0.05%  0.05 %").total == Decimal("0.15")


@pytest.mark.parametrize("text", ["", None, "   "])
def test_empty_cell(text: str | None) -> None:
    parsed = parse_weight(text)
    assert parsed.values == ()
    assert parsed.problems == ()
    assert parsed.total is None
    assert parsed.is_empty
    assert parsed.text == (text or "")


def test_unreadable_text_is_a_problem() -> None:
    parsed = parse_weight("abc")
    assert parsed.text == "abc"
    assert parsed.problems == ("no se pudo leer la ponderación «abc»",)  # the text said once
    assert parsed.total is None


def test_trailing_garbage_is_a_problem() -> None:
    parsed = parse_weight("0.5% x")
    assert parsed.problems == ("no se pudo leer «x» en la ponderación «0.5% x»",)
    assert parsed.total is None


def test_number_without_percent_sign_is_read() -> None:
    parsed = parse_weight("10")
    assert parsed.values == (Decimal(10),)
    assert parsed.problems == ()
    assert parsed.total == Decimal(10)


def test_above_hundred_gets_a_note() -> None:
    parsed = parse_weight("150%")
    assert parsed.values == (Decimal(150),)
    assert parsed.notes


_weights = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(_weights, min_size=1, max_size=6),
    gaps=st.lists(st.integers(min_value=1, max_value=5), min_size=6, max_size=6),
    lead=st.integers(min_value=0, max_value=3),
    tail=st.integers(min_value=0, max_value=3),
)
def test_written_values_come_back_exactly(values, gaps, lead, tail) -> None:
    text = " " * lead
    for i, v in enumerate(values):
        if i:
            text += " " * gaps[i]
        text += f"{v}%"
    text += " " * tail
    parsed = parse_weight(text)
    assert parsed.text == text
    assert parsed.values == tuple(values)
    assert all(isinstance(v, Decimal) for v in parsed.values)
    assert parsed.problems == ()
    assert parsed.total == sum(values, Decimal(0))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    parsed = parse_weight(text)
    assert parsed.text == text
    assert all(isinstance(v, Decimal) for v in parsed.values)
    total = parsed.total
    assert total is None or isinstance(total, Decimal)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("6.05"), None, "6,05"),
        (Decimal("0.50"), None, "0,5"),
        (Decimal("7.350"), None, "7,35"),
        (Decimal("100"), None, "100"),
        (Decimal("10.0"), None, "10"),
        (Decimal("0.05"), None, "0,05"),
        (Decimal("1E+2"), None, "100"),
        (Decimal("6.05"), 2, "6,05"),
        (Decimal("6"), 2, "6,00"),
        (None, None, ""),
    ],
)
def test_format_decimal_uses_a_decimal_comma(value, places, expected) -> None:
    assert format_decimal(value, places) == expected


def test_format_percent() -> None:
    assert format_percent(Decimal("6.05")) == "6,05 %"
    assert format_percent(Decimal("90")) == "90 %"
    assert format_percent(None) == ""
    assert "." not in format_percent(Decimal("0.15"))


def test_every_unreadable_part_is_named_in_one_problem() -> None:
    parsed = parse_weight("algo 1% más")
    assert parsed.problems == ("no se pudo leer «algo» ni «más» en la ponderación «algo 1% más»",)
    assert parsed.values == (Decimal(1),) and parsed.total is None


def test_format_percent_column_lines_up_two_decimals_and_never_rounds() -> None:
    from desktop.domain.weights import format_percent_column

    assert format_percent_column(Decimal("91.7")) == "91,70 %"
    assert format_percent_column(Decimal("93.36")) == "93,36 %"
    assert format_percent_column(Decimal("100")) == "100,00 %"
    assert format_percent_column(Decimal("89.995")) == "89,995 %"  # not "90,00 %" beside a "No"
    assert format_percent_column(None) == ""
