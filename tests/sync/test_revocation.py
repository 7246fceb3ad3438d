"""Revocation follows rotations (issue 3, part 1): a key announced through a rotation remembers
which key announced it and in which bundle; revoking the announcer from sequence N revokes the
keys it announced at N or later (and theirs), and leaves those announced earlier alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.sync import errors, service
from tests.sync.helpers import PASS


def _keys(world) -> dict[str, service.TrustedInfo]:  # noqa: ANN001
    return {t.sign_key_id: t for t in service.trusted_keys(world.central.db)}


def _introduced(world, key_id: str) -> tuple[str | None, int | None]:  # noqa: ANN001
    from sqlalchemy import select

    from db.models import TrustedKey

    with world.central.db.reading() as session:
        row = session.scalar(select(TrustedKey).where(TrustedKey.sign_key_id == key_id))
        return row.introduced_by, row.introduced_at


def _rotate_and_send(world, out: Path) -> tuple[str, int]:  # noqa: ANN001
    """Tarapacá rotates its keys and sends the announcement; the central office answers, which
    finishes the rotation there. Returns the new signing key id and the announcing sequence."""
    new = service.rotate_keys(world.ta.db, PASS)
    sent = service.export_bundle(world.ta.db, PASS, directory=out)
    assert service.import_bundle(world.central.db, sent.path, PASS).outcome == "aceptado"
    answer = service.export_bundle(world.central.db, PASS, to="CL-TA", directory=out)
    assert service.import_bundle(world.ta.db, answer.path, PASS).outcome == "aceptado"
    assert service.office(world.ta.db).sign_key_id == new.sign_key_id
    return new.sign_key_id, sent.sequence


@pytest.fixture
def chain(world):  # noqa: ANN001, ANN201
    """K1 (enrolled from its file) announced K2 in bundle 2, and K2 announced K3 in bundle 4."""
    out = world.root / "out"
    k1 = service.office(world.ta.db).sign_key_id
    assert service.import_bundle(world.central.db, service.export_bundle(world.ta.db, PASS, directory=out).path,
                                 PASS).outcome == "aceptado"
    k2, at2 = _rotate_and_send(world, out)
    assert service.import_bundle(world.central.db, service.export_bundle(world.ta.db, PASS, directory=out).path,
                                 PASS).outcome == "aceptado"  # 3, signed by K2
    k3, at3 = _rotate_and_send(world, out)
    assert (at2, at3) == (2, 4)
    return k1, k2, k3


def test_a_rotated_key_records_who_announced_it_and_when(world, chain) -> None:  # noqa: ANN001
    k1, k2, k3 = chain
    assert _introduced(world, k1) == (None, None)  # trusted from its public-key file
    assert _introduced(world, k2) == (k1, 2)
    assert _introduced(world, k3) == (k2, 4)


def test_revoking_a_key_revokes_the_keys_it_announced_from_that_sequence_on(world, chain) -> None:  # noqa: ANN001
    k1, k2, k3 = chain
    revoked = service.revoke(world.central.db, k1[:16], 2)
    assert (revoked.sign_key_id, revoked.status, revoked.revoked_from_sequence) == (k1, "revoked", 2)
    keys = _keys(world)
    assert {k: (keys[k].status, keys[k].revoked_from_sequence) for k in (k1, k2, k3)} == {
        k1: ("revoked", 2), k2: ("revoked", 2), k3: ("revoked", 2)}
    # Tarapacá's next bundle, signed by K3, is refused.
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out").path
    with pytest.raises(errors.RevokedKeyError):
        service.import_bundle(world.central.db, sent, PASS)


def test_a_key_announced_before_the_revoked_sequence_stays(world, chain) -> None:  # noqa: ANN001
    k1, k2, k3 = chain
    service.revoke(world.central.db, k1[:16], 3)  # K1 compromised from 3 on: K2 came in 2, before
    keys = _keys(world)
    assert (keys[k1].status, keys[k1].revoked_from_sequence) == ("revoked", 3)
    assert keys[k2].status == "active" and keys[k2].revoked_from_sequence is None  # K3 has not signed yet
    assert keys[k3].status == "active"
    # K2 compromised from 4 on: K3, which it announced in 4, is revoked with it.
    service.revoke(world.central.db, k2[:16], 4)
    keys = _keys(world)
    assert (keys[k2].status, keys[k3].status, keys[k3].revoked_from_sequence) == ("revoked", "revoked", 4)


def test_a_later_revocation_does_not_loosen_an_earlier_one_of_an_announced_key(world, chain) -> None:  # noqa: ANN001
    k1, k2, k3 = chain
    service.revoke(world.central.db, k3[:16], 1)
    service.revoke(world.central.db, k2[:16], 4)  # cascades to K3, already revoked from 1: kept from 1
    assert _keys(world)[k3].revoked_from_sequence == 1
