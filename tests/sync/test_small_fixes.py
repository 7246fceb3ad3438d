"""Small things a reviewer found by running real exchanges (issue 3): what a revoked office must
do, partial export files left by a killed export, the manifest read once before its signature
is checked and capped to what a national-size bundle needs, messages that say what to do and
name offices as people read them, one passphrase rule, replays listed apart in a batch."""

from __future__ import annotations

import io
import os
import time
import tracemalloc
from pathlib import Path

import pytest

from db.engine import open_database
from desktop.cli import main
from desktop.domain.regions import find_region
from desktop.services.generate import generate_national
from desktop.sync import errors, service
from desktop.sync.bundle import BundleReader, Limits, write_bundle
from desktop.sync.canonical import strict_loads
from desktop.sync.errors import PassphraseError
from tests.sync.helpers import PASS, enrol, make_office
from tests.sync.test_adversarial import _Forger, _own, refused


def _export(office, out: Path):  # noqa: ANN001, ANN202
    return service.export_bundle(office.db, PASS, directory=out)


# -- revocation ------------------------------------------------------------------------------------


def test_a_revoked_office_is_told_what_works_and_it_does(world, capsys) -> None:  # noqa: ANN001
    out = world.root / "out"
    assert service.import_bundle(world.central.db, _export(world.ta, out).path, PASS).outcome == "aceptado"
    fingerprint = service.office(world.ta.db).fingerprint
    assert main(["--db", str(world.central.db.path), "keys", "revoke", fingerprint, "--from-sequence", "2"]) == 0
    printed = capsys.readouterr().out
    assert "avance keys rotate --finish" in printed and "avance keys trust ARCHIVO --region CL-TA" in printed
    error = refused(world, _export(world.ta, out).path, errors.RevokedKeyError)
    message = str(error)
    assert "vigente" not in message and "desde el paquete n.º 2" in message
    for step in ("avance keys rotate", "avance keys rotate --finish", "avance keys export-public",
                 "avance keys trust ARCHIVO --region CL-TA"):
        assert step in message
    # What it says works: new keys, finished at once, their file trusted at the central office.
    service.rotate_keys(world.ta.db, PASS)
    service.finish_rotation(world.ta.db)
    keys = world.root / "ta-nuevas.avance-claves"
    keys.write_bytes(service.export_public(world.ta.db, PASS))
    service.trust(world.central.db, keys.read_bytes(), "CL-TA")
    assert service.import_bundle(world.central.db, _export(world.ta, out).path, PASS).outcome == "aceptado"


def test_revoking_a_key_its_installation_already_replaced_says_the_new_one_still_works(world, capsys) -> None:  # noqa: ANN001
    """The old key of a finished rotation revoked from a sequence after the rotation (the old
    computer was lost, say): the installation's new key, announced before, stays trusted, so the
    message must not ask that office to change its keys again."""
    out = world.root / "out"
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    old = service.office(world.ta.db).fingerprint
    service.rotate_keys(world.ta.db, PASS)
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)  # n.º 2 announces the new key
    service.finish_rotation(world.ta.db)
    new = service.office(world.ta.db).fingerprint
    assert main(["--db", str(world.central.db.path), "keys", "revoke", old, "--from-sequence", "3"]) == 0
    printed = capsys.readouterr().out
    assert "avance keys rotate" not in printed, printed
    assert f"sigue vigente su clave {new}" in printed and "no tiene que hacer nada" in printed
    assert service.import_bundle(world.central.db, _export(world.ta, out).path, PASS).outcome == "aceptado"


def test_a_key_file_given_as_a_bundle_and_a_bundle_given_as_a_key_file_say_which_is_which(world) -> None:  # noqa: ANN001
    """Both files come from the same office on the same USB stick: the one taken for the other is
    named for what it is, with the command that takes it, not "pida que lo exporten de nuevo"."""
    keys = world.root / "claves-CL-TA.avance-claves"
    keys.write_bytes(service.export_public(world.ta.db, PASS))
    error = refused(world, keys, errors.HeaderError)
    assert "archivo de claves públicas" in str(error) and "avance keys trust" in str(error)
    assert "exporte" not in str(error)
    bundle = _export(world.ta, world.root / "out").path
    with pytest.raises(errors.KeyFileError) as caught:
        service.trust(world.central.db, bundle.read_bytes(), "CL-TA")
    assert "es un paquete" in str(caught.value) and "avance bundle import" in str(caught.value)
    garbage = world.root / "otro.avance"
    garbage.write_bytes(b"{}" * 10)
    assert str(refused(world, garbage, errors.HeaderError)) == str(errors.HeaderError())


def test_trusting_again_the_file_of_a_revoked_key_says_it_stays_revoked(world) -> None:  # noqa: ANN001
    """«ya está en el almacén de confianza» read as if the key worked again; it is revoked, and
    the message says so and what that office must do."""
    keys = service.export_public(world.ta.db, PASS)
    with pytest.raises(errors.TrustError) as caught:
        service.trust(world.central.db, keys, "CL-TA")
    assert "ya está en el almacén de confianza" in str(caught.value) and "revocada" not in str(caught.value)
    service.revoke(world.central.db, service.office(world.ta.db).fingerprint, 2)
    with pytest.raises(errors.TrustError) as caught:
        service.trust(world.central.db, keys, "CL-TA")
    message = str(caught.value)
    assert "está revocada desde la secuencia 2" in message and "avance keys rotate" in message, message


# -- partial files of a killed export --------------------------------------------------------------


def test_an_export_removes_the_partial_files_killed_exports_left(world) -> None:  # noqa: ANN001
    usb = world.root / "usb"
    usb.mkdir()
    stale = usb / f".CL-TA-a-central-000001.avance.{'ab' * 16}.part"
    stale.write_bytes(b"x" * 1000)
    past = time.time() - 3600
    os.utime(stale, (past, past))
    kept = {
        "young": usb / f".CL-TA-a-central-000001.avance.{'cd' * 16}.part",  # a live export's, maybe
        "other name": usb / ".CL-TA-a-central-000001.avance.part",
        "not ours": usb / "notas.part",
        "other suffix": usb / f".CL-TA-a-central-000001.avance.{'ef' * 16}.partial",
    }
    for path in kept.values():
        path.write_bytes(b"y")
    for name in ("other name", "not ours", "other suffix"):
        os.utime(kept[name], (past, past))
    future = time.time() + 3600  # written after this process started
    os.utime(kept["young"], (future, future))
    below = usb / "carpeta"
    below.mkdir()
    deeper = below / stale.name
    deeper.write_bytes(b"z")
    os.utime(deeper, (past, past))
    sent = _export(world.ta, usb)
    assert sent.path.exists() and not stale.exists()
    assert all(path.exists() for path in kept.values()) and deeper.exists()


# -- the manifest before its signature -------------------------------------------------------------


def test_the_manifest_is_held_once_before_its_signature_is_checked(world) -> None:  # noqa: ANN001
    """An unsigned (forged-signature) manifest of 8 MiB costs about its size in memory, not
    three times it, before it is refused."""
    size = 8 * 1024 * 1024
    sign, _ = _own(world.ta)
    _, enc = _own(world.central)
    raw = io.BytesIO()
    write_bundle(raw, manifest={"relleno": "a" * size}, sign_key=_Forger(sign, bytes(64)),
                 recipient=enc.public_key(), evidence=[])
    reader = BundleReader(io.BytesIO(raw.getvalue()))
    reader.read_header()
    reader.open(enc)
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        with pytest.raises(errors.SignatureError):
            reader.read_manifest(sign.public_key())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert size < peak < 1.5 * size


def test_the_manifest_cap_leaves_room_for_a_national_size_region(world) -> None:  # noqa: ANN001
    """The cap is over 50 times the manifest of a generated national-size region (40 objectives ×
    3 activities per programme), and every manifest a writer makes is read from a view."""
    rm = make_office(world.root, "rm", "CL-RM")
    try:
        enrol(world.central, rm)
        generate_national(rm.db, 2009, regions=(find_region("CL-RM"),), objectives=40, activities=3)
        sent = _export(rm, world.root)
        with sent.path.open("rb") as fh:
            reader = BundleReader(fh)
            reader.read_header()
            reader.open(_own(world.central)[1])
            reader.read_manifest(_own(rm)[0].public_key())
        assert sent.records > 600 and 50 * len(reader.manifest_raw) < Limits().manifest <= 16 * 1024 * 1024
        assert service.import_bundle(world.central.db, sent.path, PASS).outcome == "aceptado"
    finally:
        rm.db.close()


def test_a_float_is_refused_saying_what_to_do() -> None:
    with pytest.raises(errors.ManifestError) as info:
        strict_loads(b'{"peso":0.5}')
    assert "como texto" in str(info.value) and "exporte de nuevo" in str(info.value)


# -- offices by name -------------------------------------------------------------------------------


def test_import_reports_name_the_offices(world) -> None:  # noqa: ANN001
    out = world.root / "out"
    result = service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    assert result.summary.startswith("Paquete n.º 1 de la oficina regional de Tarapacá (CL-TA) importado")
    answer = service.export_bundle(world.central.db, PASS, to="CL-TA", directory=out)
    assert service.import_bundle(world.ta.db, answer.path, PASS).summary.startswith(
        "Paquete n.º 1 de la oficina central importado")
    other = world.root / "otra"
    error = refused(world, _mutate_region(world, _export(world.ta, out).path, other), errors.OwnershipError)
    assert "oficina regional de Tarapacá (CL-TA)" in str(error) and "CL-AN" in str(error)


def test_an_answer_s_import_report_says_its_receipt(world) -> None:  # noqa: ANN001
    """The receipt is what a regional office waits for: the report of an answer says how far the
    central office applied this office's bundles and how many files it holds, not only "0 nuevos,
    0 modificados" (an answer without observations looked like nothing had come)."""
    out = world.root / "out"
    first = service.export_bundle(world.central.db, PASS, to="CL-TA", directory=out)  # before any bundle came
    assert service.import_bundle(world.ta.db, first.path, PASS).summary.endswith(
        " Acuse de recibo: la oficina central aún no aplicó paquetes de esta oficina.")
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    answer = service.export_bundle(world.central.db, PASS, to="CL-TA", directory=out)
    summary = service.import_bundle(world.ta.db, answer.path, PASS).summary
    assert summary.endswith(" Acuse de recibo: la oficina central aplicó los paquetes de esta oficina hasta el "
                            "n.º 2 y tiene 1 medio de verificación de ella."), summary
    assert "medios de verificación recibidos" not in summary  # an answer never carries files


def _mutate_region(world, path: Path, target: Path) -> Path:  # noqa: ANN001
    from tests.sync.test_adversarial import mutated

    return mutated(world, path, lambda m: m.update(region="CL-AN"), name=target.name + ".avance")


# -- one passphrase rule ---------------------------------------------------------------------------


def test_one_passphrase_rule_for_the_command_line_the_service_and_the_window(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from desktop.sync import passphrase
    from ui import office_dialog

    assert office_dialog.MIN_PASSPHRASE is passphrase.MIN_PASSPHRASE == 8
    short = tmp_path / "corta"
    short.write_text("12345\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    assert main(["--db", db, "office", "init", "--central", "--passphrase-file", str(short)]) == 1
    assert "al menos 8 caracteres" in capsys.readouterr().err
    opened = open_database(tmp_path / "d.db")
    try:
        with pytest.raises(PassphraseError, match="al menos 8"):
            service.init_office(opened, region="CL-TA", passphrase="1234567")
        with pytest.raises(errors.InstallationError):  # nothing was set up
            service.office(opened)
    finally:
        opened.close()
    good = tmp_path / "larga"
    good.write_text("12345678\n", encoding="utf-8")
    assert main(["--db", db, "office", "init", "--central", "--passphrase-file", str(good)]) == 0


# -- replays in a batch ----------------------------------------------------------------------------


def test_a_batch_lists_bundles_imported_before_apart_from_rejections(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from tests.sync.helpers import cli_offices

    p, c, r = cli_offices(tmp_path)
    old, last, new, bad = (tmp_path / f"{n}.avance" for n in ("1", "2", "3", "malo"))
    for path in (old, last):
        assert main(["--db", r, "bundle", "export", "-o", str(path), *p]) == 0
        assert main(["--db", c, "bundle", "import", str(path), *p]) == 0
    assert main(["--db", r, "bundle", "export", "-o", str(new), *p]) == 0
    capsys.readouterr()
    # The USB stick holds the old bundles and the new one: the old ones are no refusal to worry about.
    assert main(["--db", c, "bundle", "import", str(old), str(last), str(new), *p]) == 0
    captured = capsys.readouterr()
    assert "rechazado" not in captured.err and "aceptado" in captured.out
    assert "Ya importados antes (no se cambió nada; se pueden borrar): 1 paquete." in captured.out
    assert f"{old}: ya importado antes — El paquete n.º 1 de la oficina regional de Tarapacá" in captured.out
    bad.write_bytes(new.read_bytes()[:-5])
    assert main(["--db", c, "bundle", "import", str(old), str(bad), *p]) == 1  # a real refusal: exit 1
    captured = capsys.readouterr()
    assert "1 de 2 paquetes fue rechazado" in captured.err and "ya importado antes" in captured.out
