"""The fingerprint printed in every footer ("Huella: xxxx-xxxx-xxxx"): same data, same
fingerprint; any changed field, another one (desktop.domain.fingerprint)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
import uuid
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.fingerprint import canonical_json, fingerprint
from desktop.domain.forms import FormKind
from desktop.domain.records import (
    Commitment,
    CommitmentKind,
    ComplementarityInstance,
    Objective,
    ProgressEntry,
    ProgressReport,
    Programme,
)
from desktop.domain.regions import REGIONS
from desktop.domain.scoring import Verdict, score_programme
from desktop.services.example import read_example
from desktop.services.summary import NationalSummary, RegionSummary

PATTERN = re.compile(r"^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$")
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def example():
    return read_example()


def _copy(record):
    """A deep copy built field by field (a new object, equal data)."""
    if dataclasses.is_dataclass(record):
        return type(record)(**{f.name: _copy(getattr(record, f.name)) for f in dataclasses.fields(record)})
    if isinstance(record, tuple):
        return tuple(_copy(item) for item in record)
    if isinstance(record, dict):
        return {key: _copy(value) for key, value in record.items()}
    if isinstance(record, str):
        return "".join(list(record))  # a distinct str object
    return record


def test_shape_and_definition(example):
    programme = example.programmes[0]
    value = fingerprint(programme)
    assert PATTERN.match(value), value
    digest = hashlib.sha256(canonical_json(programme).encode("utf-8")).hexdigest()
    assert value.replace("-", "") == digest[:12]


def test_canonical_json_is_sorted_and_compact(example):
    text = canonical_json(example.programmes[0])
    data = json.loads(text)
    assert json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) == text
    assert data["__type__"] == "Programme"
    assert data["form"] == "III.1"
    assert data["region"]["iso_code"] == "CL-TA"
    commitment = data["objectives"][0]["commitments"][0]
    assert commitment["weight_text"] == "0.5%  0.5%"
    assert commitment["kind"] == "activity"
    assert uuid.UUID(commitment["id"])


def test_decimal_uuid_enum_and_date_are_strings():
    text = canonical_json({"d": Decimal("0.50"), "u": uuid.UUID(int=1), "e": Verdict.NO_CUMPLE, "t": dt.date(2009, 12, 31)})
    assert text == '{"d":"0.50","e":"NO CUMPLE","t":"2009-12-31","u":"00000000-0000-0000-0000-000000000001"}'


def test_same_data_same_fingerprint(example):
    for record in (*example.programmes, *example.progress):
        assert fingerprint(record) == fingerprint(_copy(record))


def test_the_four_forms_differ(example):
    values = {fingerprint(p) for p in example.programmes} | {fingerprint(r) for r in example.progress}
    assert len(values) == len(example.programmes) + len(example.progress)


def test_every_changed_field_changes_it(example):
    programme = next(p for p in example.programmes if p.form is FormKind.III_1)
    base = fingerprint(programme)
    objective = programme.objectives[0]
    commitment = objective.commitments[0]
    changed_commitments = [
        dataclasses.replace(commitment, weight_text="0.5%  0.6%"),
        dataclasses.replace(commitment, weight_text="0.5% 0.5%"),  # one space less
        dataclasses.replace(commitment, met=not commitment.met if commitment.met is not None else True),
        dataclasses.replace(commitment, description=commitment.description + "."),
        dataclasses.replace(commitment, responsible_unit=""),
        dataclasses.replace(commitment, verification_means=commitment.verification_means.upper()),
        dataclasses.replace(commitment, position=commitment.position + 1),
        dataclasses.replace(commitment, id=uuid.uuid4()),
        dataclasses.replace(commitment, kind=CommitmentKind.GOAL),
    ]
    seen = {base}
    for changed in changed_commitments:
        o = dataclasses.replace(objective, commitments=(changed, *objective.commitments[1:]))
        value = fingerprint(dataclasses.replace(programme, objectives=(o, *programme.objectives[1:])))
        assert value not in seen
        seen.add(value)
    for changed_programme in (
        dataclasses.replace(programme, year=2010),
        dataclasses.replace(programme, region=REGIONS[1]),
        dataclasses.replace(programme, responsible_office="Seremía"),
        dataclasses.replace(programme, form=FormKind.III_3),
        dataclasses.replace(programme, objectives=programme.objectives[::-1]),
        dataclasses.replace(programme, objectives=(dataclasses.replace(objective, indicator="x"), *programme.objectives[1:])),
        dataclasses.replace(programme, instance=ComplementarityInstance()),
    ):
        value = fingerprint(changed_programme)
        assert value not in seen
        seen.add(value)


def test_progress_report_fields(example):
    report = example.progress[0]
    base = fingerprint(report)
    entry = report.entries[0]
    assert fingerprint(dataclasses.replace(report, quarter=3)) != base
    assert fingerprint(dataclasses.replace(report, entries=(dataclasses.replace(entry, progress=entry.progress + " "), *report.entries[1:]))) != base


def test_national_summary(example):
    scores = tuple(score_programme(p, TODAY) for p in example.programmes)
    region = RegionSummary(example.programmes[0].region, 2009, scores)
    summary = NationalSummary(2009, (region,), {FormKind.III_1: Verdict.NO_CUMPLE}, Verdict.NO_CUMPLE)
    base = fingerprint(summary)
    assert PATTERN.match(base)
    assert fingerprint(_copy(summary)) == base
    assert fingerprint(dataclasses.replace(summary, service=Verdict.CUMPLE)) != base
    assert fingerprint(dataclasses.replace(summary, verdicts={FormKind.III_1: Verdict.CUMPLE})) != base
    bumped = dataclasses.replace(scores[0], performance_pct=scores[0].performance_pct + Decimal("0.01"))
    assert fingerprint(dataclasses.replace(summary, regions=(RegionSummary(region.region, 2009, (bumped, *scores[1:])),))) != base


def test_floats_and_unknown_types_are_refused():
    with pytest.raises(TypeError):
        fingerprint({"weight": 0.5})
    with pytest.raises(TypeError):
        fingerprint(object())


def test_type_name_separates_equal_fields():
    @dataclasses.dataclass
    class A:
        x: str

    @dataclasses.dataclass
    class B:
        x: str

    assert fingerprint(A("1")) != fingerprint(B("1"))
    assert fingerprint(A("1")) == fingerprint(A("1"))


# -- property: any change to any field of a generated programme changes the fingerprint --------

_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
_weight = st.one_of(st.just(""), st.decimals(min_value=0, max_value=100, places=2).map(lambda d: f"{d}%"))
_commitment = st.builds(
    Commitment,
    id=st.uuids(),
    position=st.integers(0, 50),
    kind=st.sampled_from(CommitmentKind),
    description=_text,
    responsible_unit=_text,
    verification_means=_text,
    weight_text=_weight,
    met=st.sampled_from([True, False, None]),
)
_objective = st.builds(
    Objective,
    id=st.uuids(),
    position=st.integers(0, 50),
    text=_text,
    indicator=_text,
    indicator_result=_text,
    section=st.sampled_from([None, "11", "12", "13"]),
    commitments=st.lists(_commitment, min_size=1, max_size=3).map(tuple),
)
_programme = st.builds(
    Programme,
    id=st.uuids(),
    form=st.sampled_from([FormKind.III_1, FormKind.III_2, FormKind.III_3]),
    region=st.sampled_from(REGIONS),
    year=st.integers(2000, 2100),
    responsible_office=_text,
    instance=st.none(),
    objectives=st.lists(_objective, min_size=1, max_size=3).map(tuple),
)
_COMMITMENT_CHANGES = {
    "description": lambda c: c.description + "x",
    "responsible_unit": lambda c: c.responsible_unit + " ",
    "verification_means": lambda c: "<" + c.verification_means,
    "weight_text": lambda c: c.weight_text + "1",
    "met": lambda c: {True: False, False: None, None: True}[c.met],
    "position": lambda c: c.position + 1,
    "kind": lambda c: CommitmentKind.GOAL if c.kind is CommitmentKind.ACTIVITY else CommitmentKind.ACTIVITY,
    "id": lambda c: uuid.UUID(int=c.id.int ^ 1),
}


@settings(max_examples=60, deadline=None)
@given(programme=_programme, data=st.data())
def test_property_same_data_same_fingerprint_any_change_another(programme, data):
    assert fingerprint(programme) == fingerprint(_copy(programme))
    o_index = data.draw(st.integers(0, len(programme.objectives) - 1))
    objective = programme.objectives[o_index]
    c_index = data.draw(st.integers(0, len(objective.commitments) - 1))
    field = data.draw(st.sampled_from(sorted(_COMMITMENT_CHANGES)))
    commitment = objective.commitments[c_index]
    changed = dataclasses.replace(commitment, **{field: _COMMITMENT_CHANGES[field](commitment)})
    commitments = objective.commitments[:c_index] + (changed,) + objective.commitments[c_index + 1 :]
    objectives = list(programme.objectives)
    objectives[o_index] = dataclasses.replace(objective, commitments=commitments)
    altered = dataclasses.replace(programme, objectives=tuple(objectives))
    assert fingerprint(altered) != fingerprint(programme), field


@settings(max_examples=40, deadline=None)
@given(report=st.builds(
    ProgressReport,
    region=st.sampled_from(REGIONS),
    year=st.integers(2000, 2100),
    quarter=st.integers(1, 4),
    responsible_office=_text,
    entries=st.lists(
        st.builds(ProgressEntry, id=st.uuids(), objective_id=st.uuids(), form=st.sampled_from(FormKind),
                  objective_text=_text, progress=_text, authority_measures=_text, recommendations=_text,
                  responsible=_text),
        max_size=3,
    ).map(tuple),
), suffix=st.text(min_size=1, max_size=3))
def test_property_progress_report(report, suffix):
    assert fingerprint(report) == fingerprint(_copy(report))
    assert fingerprint(dataclasses.replace(report, responsible_office=report.responsible_office + suffix)) != fingerprint(report)
