"""Attaching evidence never fails because of the file's name (issue 3, part 2: the name is only
a label): a safe label is made at attach time, and the bundle it travels in imports, while the
import side stays as strict as it is (``test_adversarial`` refuses path-like names)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.sync import board, service
from desktop.sync.errors import EvidenceNameError
from desktop.sync.manifest import FALLBACK_LABEL, check_evidence_name, safe_label
from tests.sync.helpers import PASS

NAMES = [
    ("reunio\u0301n.pdf", "reunión.pdf"),  # macOS: decomposed (NFD)
    ("Acta 10:30.pdf", "Acta 10-30.pdf"),
    ("acta...pdf", "acta.pdf"),
    ("informe v2..final.docx", "informe v2.final.docx"),
    (" .oculto.txt. ", "oculto.txt"),
    ("a\u202egnp.exe", "agnp.exe"),  # a bidi override, dropped
    ("fecha 2026\uff0f11.pdf", "fecha 2026-11.pdf"),  # a full-width slash
    ("nota\u2026final.odt", "nota.final.odt"),  # an ellipsis reads as dots
    ("linea\nnueva.txt", "linea nueva.txt"),
    ("...", FALLBACK_LABEL),
    ("a\\b.pdf", "a-b.pdf"),
    ("ya está bien.pdf", "ya está bien.pdf"),
]


@pytest.mark.parametrize(("name", "label"), NAMES)
def test_every_file_name_can_be_attached_with_a_safe_label(world, name: str, label: str) -> None:  # noqa: ANN001
    if name != label:
        with pytest.raises(EvidenceNameError):
            check_evidence_name(name)  # the import side refuses the raw name...
    source = world.root / "adjuntos" / name
    source.parent.mkdir(exist_ok=True)
    source.write_bytes(f"contenido de {name!r}".encode())
    evidence_id = service.attach_evidence(world.ta.db, world.commitment, source)  # ... attaching never does
    labels = {e.id: e.name for e in board.evidence(world.ta.db)}
    assert labels[evidence_id] == label
    assert check_evidence_name(label) == label


def test_a_bundle_with_relabelled_evidence_imports(world) -> None:  # noqa: ANN001
    for name, _ in NAMES:
        source = world.root / "adjuntos" / name
        source.parent.mkdir(exist_ok=True)
        source.write_bytes(f"contenido de {name!r}".encode())
        service.attach_evidence(world.ta.db, world.commitment, source)
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out")
    assert service.import_bundle(world.central.db, sent.path, PASS).outcome == "aceptado"
    names = {e.name for e in board.evidence(world.central.db)}
    assert {label for _, label in NAMES} <= names


def test_a_long_name_keeps_its_extension() -> None:
    label = safe_label("x" * 300 + ":.pdf")
    assert len(label) <= 255 and label.endswith(".pdf")


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300))
def test_safe_label_is_always_accepted_and_keeps_accepted_names(name: str) -> None:
    label = safe_label(name)
    assert check_evidence_name(label) == label
    assert safe_label(label) == label
