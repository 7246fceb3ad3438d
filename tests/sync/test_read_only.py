"""``avance bundle verify``, ``bundle inspect`` and ``import --dry-run`` change no data and no
file: the database (every table but the audit) and the blob store, staging included, are byte
for byte as before. Every rejection they meet is still logged in the audit table (the security
trail); a successful check is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.sync.manifest import FORMAT
from desktop.sync import errors, service
from tests.sync.helpers import PASS, audit_count, snapshot


@pytest.fixture
def bundles(world) -> tuple[Path, Path]:  # noqa: ANN001
    """A valid Tarapacá bundle (with evidence the central office lacks) and a truncated copy."""
    good = service.export_bundle(world.ta.db, PASS, directory=world.root / "out").path
    bad = world.root / "cortado.avance"
    bad.write_bytes(good.read_bytes()[:-5])
    # What an import killed earlier left: a read-only check must not sweep it either.
    dead = world.central.folder / "blobs-staging" / ("b" * 32)
    dead.mkdir(parents=True)
    (dead / "copia").write_bytes(b"copia a medio importar")
    return good, bad


def test_read_only_checks_change_nothing_and_log_only_rejections(world, bundles: tuple[Path, Path]) -> None:  # noqa: ANN001
    good, bad = bundles
    central = world.central
    before, audited = snapshot(central), audit_count(central)
    assert service.import_bundle(central.db, good, PASS, dry_run=True).outcome == "verificado"
    info = service.inspect_bundle(central.db, good, PASS)
    assert info["estado"] == "verificado" and info["formato_manifiesto"] == FORMAT == 3
    assert service.inspect_bundle(central.db, good, None)["remitente_conocido"] == "CL-TA"
    assert snapshot(central) == before and audit_count(central) == audited  # a success is not logged
    for check in (lambda: service.import_bundle(central.db, bad, PASS, dry_run=True),
                  lambda: service.inspect_bundle(central.db, bad, PASS)):
        with pytest.raises(errors.DecryptionError):
            check()
        audited += 1
        assert snapshot(central) == before and audit_count(central) == audited  # the rejection is
    service.inspect_bundle(central.db, bad, None)  # the header alone reads fine, and logs nothing
    assert snapshot(central) == before and audit_count(central) == audited


def test_the_read_only_commands_change_nothing(world, bundles: tuple[Path, Path], tmp_path: Path) -> None:  # noqa: ANN001
    good, bad = bundles
    central = world.central
    pw = tmp_path / "frase"
    pw.write_text(PASS + "\n", encoding="utf-8")
    db = ["--db", str(central.db.path)]
    before, audited = snapshot(central), audit_count(central)
    for argv in (["bundle", "verify", str(good)], ["bundle", "inspect", str(good)],
                 ["bundle", "import", "--dry-run", str(good)]):
        assert main([*db, *argv, "--passphrase-file", str(pw)]) == 0
    assert snapshot(central) == before and audit_count(central) == audited
    for argv in (["bundle", "verify", str(bad)], ["bundle", "inspect", str(bad)],
                 ["bundle", "import", "--dry-run", str(bad)]):
        assert main([*db, *argv, "--passphrase-file", str(pw)]) == 1
    assert snapshot(central) == before and audit_count(central) == audited + 3
    # A real import does sweep the dead import's copy, and applies.
    assert main([*db, "bundle", "import", str(good), "--passphrase-file", str(pw)]) == 0
    assert not (central.folder / "blobs-staging").exists()
