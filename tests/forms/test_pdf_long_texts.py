"""Texts of any length print (desktop.forms.pdf): an objective's cells (2)–(4) span its activity
rows, and a spanned cell cannot be split between pages, so an objective, indicator or activity
taller than a page once stopped the whole printout with reportlab's LayoutError. Such a group
is laid out unspanned (its texts in its first row, which splits like any other), and any layout
failure left becomes a Spanish message naming the form, region, year and row."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from desktop.domain.forms import FormKind
from desktop.domain.scoring import score_programme
from desktop.forms import pdf
from desktop.forms.pdf import PAPER_SIZES, LayoutFailure, PrintContext, programme_story, progress_story, write_pdf
from desktop.services.example import read_example

TODAY = dt.date(2025, 3, 14)


@pytest.fixture(scope="module")
def example():
    return read_example()


def squash(text: str) -> str:
    return "".join(text.split())


def ctx_for(paper: str) -> PrintContext:
    return PrintContext("Servicio Nacional de la Mujer (SERNAM)", TODAY, page_size=PAPER_SIZES[paper],
                        verdict_text="NO CUMPLE")


def programme_of(example, kind: FormKind):
    return next(p for p in example.programmes if p.form is kind)


def render(stories, ctx) -> list[str]:
    buffer = io.BytesIO()
    write_pdf(stories, buffer, ctx, "prueba")
    return [squash(page.extract_text() or "") for page in PdfReader(io.BytesIO(buffer.getvalue())).pages]


def long_text(n: int) -> str:
    return " ".join(["texto largo de prueba"] * n)


@pytest.mark.parametrize("kind", [FormKind.III_1, FormKind.III_3])
@pytest.mark.parametrize("field, n", [("indicator", 70), ("indicator", 400), ("text", 100), ("text", 400),
                                      ("indicator_result", 300)])
def test_a_long_objective_text_prints_whole(example, kind, field, n):
    """The reviewer's cases: ~1,300 characters in an indicator, ~1,935 in an objective."""
    base = programme_of(example, kind)
    marker = "Comienzo" + field.replace("_", "")
    text = f"{marker} {long_text(n)} Final{field.replace('_', '')}"
    first = dataclasses.replace(base.objectives[0], **{field: text})
    programme = dataclasses.replace(base, objectives=(first, *base.objectives[1:]))
    ctx = ctx_for("carta")
    pages = render([programme_story(programme, score_programme(programme, TODAY), ctx)], ctx)
    whole = "".join(pages)
    assert squash(marker) in whole and f"Final{field.replace('_', '')}" in whole
    # Every other objective still prints.
    for objective in base.objectives[1:]:
        assert squash(objective.text)[:30] in whole


def test_the_page_after_a_split_objective_says_continuation(example):
    base = programme_of(example, FormKind.III_1)
    first = dataclasses.replace(base.objectives[0], indicator=long_text(300))
    programme = dataclasses.replace(base, objectives=(first, *base.objectives[1:]))
    ctx = ctx_for("carta")
    pages = render([programme_story(programme, score_programme(programme, TODAY), ctx)], ctx)
    assert len(pages) >= 3
    assert "(continuación)" in pages[1] and squash(first.text)[:20] in pages[1]
    assert squash(first.text)[:20] in pages[0]  # the objective starts on the first page (no blank page)


_WORDS = st.sampled_from(["palabra", "indicador", "Región", "<b>&amp;", "ñandú", "a", "—", "100%"])


@st.composite
def texts(draw) -> str:
    """Texts up to ~20,000 characters: words, line breaks, and long unbroken words."""
    kind = draw(st.sampled_from(["short", "words", "unbroken", "lines", "mixed"]))
    n = draw(st.integers(min_value=0, max_value=20_000))
    if kind == "short":
        return draw(st.text(max_size=40))
    if kind == "unbroken":
        return "X" * n
    word = draw(_WORDS)
    if kind == "words":
        return (f"{word} " * (n // (len(word) + 1) + 1))[:n]
    if kind == "lines":
        return "\n".join([word] * (n // (len(word) + 1) + 1))[:n]
    return (f"{word} " + "Y" * 700 + "\n") * (n // 800 + 1)


def _programme_with(base, draw_texts):
    objectives = []
    for objective in base.objectives[:3]:
        commitments = tuple(
            dataclasses.replace(c, description=draw_texts(), responsible_unit=draw_texts(),
                                verification_means=draw_texts())
            for c in objective.commitments[:2]
        )
        objectives.append(dataclasses.replace(objective, text=draw_texts(), indicator=draw_texts(),
                                              indicator_result=draw_texts(), commitments=commitments))
    return dataclasses.replace(base, objectives=tuple(objectives))


@pytest.mark.parametrize("paper", ["carta", "oficio"])
@pytest.mark.parametrize("kind", [FormKind.III_1, FormKind.III_2, FormKind.III_3, FormKind.III_4])
@settings(max_examples=6, deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate),
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_texts_of_any_length_never_stop_the_printout(example, kind, paper, data):
    ctx = ctx_for(paper)
    draw_texts = lambda: data.draw(texts())  # noqa: E731
    if kind is FormKind.III_4:
        report = example.progress[0]
        entries = tuple(
            dataclasses.replace(e, objective_text=draw_texts(), progress=draw_texts(),
                                authority_measures=draw_texts(), recommendations=draw_texts(),
                                responsible=draw_texts())
            for e in report.entries[:4]
        )
        story = progress_story(dataclasses.replace(report, entries=entries), ctx)
    else:
        programme = _programme_with(programme_of(example, kind), draw_texts)
        story = programme_story(programme, score_programme(programme, TODAY), ctx)
    buffer = io.BytesIO()
    write_pdf([story], buffer, ctx, "prueba")  # must not raise
    assert buffer.getvalue().startswith(b"%PDF")


def test_any_layout_failure_is_a_spanish_message_naming_form_region_and_row(example, monkeypatch):
    """Whatever reportlab cannot place (here: a table that refuses every split) is reported in
    Spanish with the form, region, year and the row, never as reportlab's LayoutError."""
    base = programme_of(example, FormKind.III_1)
    first = dataclasses.replace(base.objectives[0], indicator=long_text(400))
    programme = dataclasses.replace(base, objectives=(first, *base.objectives[1:]))
    monkeypatch.setattr(pdf._FormTable, "split", lambda self, w, h: [])
    ctx = ctx_for("carta")
    with pytest.raises(LayoutFailure) as caught:
        write_pdf([programme_story(programme, score_programme(programme, TODAY), ctx)], io.BytesIO(), ctx, "x")
    message = str(caught.value)
    assert "III.1" in message and "Tarapacá 2009" in message and "objetivo 1" in message, message
    assert "página" in message and "Acorte" in message
