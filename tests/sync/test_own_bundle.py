"""Importing a bundle this office exported itself (a region its own bundle, the central office
its own answer) says so, instead of asking to trust an unknown key (``OwnBundleError``, still a
typed, audited rejection that changes nothing)."""

from __future__ import annotations

import sqlite3

from desktop.cli import main
from desktop.sync import errors, service
from tests.sync.helpers import PASS, cli_offices
from tests.sync.test_adversarial import refused

OWN = "Este paquete lo exportó esta misma oficina; importe el de la otra oficina."


def test_a_region_importing_its_own_bundle_is_told_so(world) -> None:  # noqa: ANN001
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out").path
    error = refused(world, sent, errors.OwnBundleError, office=world.ta)
    assert str(error).startswith(OWN)
    assert "avance keys trust" not in str(error) and "no conoce" not in str(error)
    assert isinstance(error, errors.UnknownSenderKeyError)
    con = sqlite3.connect(world.ta.db.path)
    try:
        assert con.execute("select outcome, error_code from sync_audit").fetchall() == [("rechazado", "OwnBundleError")]
    finally:
        con.close()


def test_the_central_office_importing_its_own_answer_is_told_so(world) -> None:  # noqa: ANN001
    answer = service.export_bundle(world.central.db, PASS, to="CL-TA", directory=world.root / "out").path
    assert str(refused(world, answer, errors.OwnBundleError)).startswith(OWN)


def test_a_key_nobody_here_holds_is_still_unknown(world) -> None:  # noqa: ANN001
    from tests.sync.helpers import make_office

    stranger = make_office(world.root, "x", "CL-AN")
    service.trust(stranger.db, service.export_public(world.central.db, PASS), "central")
    sent = service.export_bundle(stranger.db, PASS, directory=world.root / "out").path
    assert type(refused(world, sent, errors.UnknownSenderKeyError)) is errors.UnknownSenderKeyError
    stranger.db.close()


def test_cli_import_of_its_own_bundle(tmp_path, capsys) -> None:  # noqa: ANN001
    p, _c, r = cli_offices(tmp_path)
    out = tmp_path / "ta.avance"
    assert main(["--db", r, "bundle", "export", "-o", str(out), *p]) == 0
    capsys.readouterr()
    assert main(["--db", r, "bundle", "import", str(out), *p]) == 1
    err = capsys.readouterr().err
    assert f"avance: {out}: rechazado: {OWN}" in err


def test_exported_here_reads_only_the_header_and_never_raises(world, tmp_path) -> None:  # noqa: ANN001
    """What the window asks before the passphrase: own bundle yes; another office's, a damaged
    or missing file no (the import then says why)."""
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out").path
    assert service.exported_here(world.ta.db, sent)
    assert not service.exported_here(world.central.db, sent)
    junk = tmp_path / "basura.avance"
    junk.write_bytes(b"no es un paquete")
    assert not service.exported_here(world.ta.db, junk)
    assert not service.exported_here(world.ta.db, tmp_path / "no-existe.avance")
    assert not service.exported_here(world.ta.db, tmp_path)  # a folder
