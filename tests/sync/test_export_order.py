"""An export writes the bundle to a temporary file and syncs it, then records it and commits,
and only then moves it into place: a failure at any step before the commit leaves neither a
record nor a file; a failed move after it keeps the complete bundle in the temporary file and
says where, and the next export follows it (failures injected at each step)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from desktop.sync import errors, service
from tests.sync.helpers import PASS, snapshot


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _fail(*args: Any, **kwargs: Any) -> Any:  # noqa: ANN401
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("step", ["write", "fsync", "commit"])
def test_a_failure_before_the_commit_leaves_no_record_and_no_file(world, monkeypatch, step: str) -> None:  # noqa: ANN001
    out = world.root / "out"
    before = snapshot(world.ta)
    if step == "write":
        monkeypatch.setattr(service, "write_bundle", _fail)
    elif step == "fsync":
        monkeypatch.setattr(service.os, "fsync", _fail)
    else:
        def refuse(session: Any) -> None:  # noqa: ANN401
            raise OSError(28, "No space left on device")

        event.listen(world.ta.db.sessions, "before_commit", refuse)
    try:
        with pytest.raises(OSError):
            service.export_bundle(world.ta.db, PASS, directory=out)
    finally:
        if step == "commit":
            event.remove(world.ta.db.sessions, "before_commit", refuse)
    assert snapshot(world.ta) == before
    assert _files(out) == []
    monkeypatch.undo()
    again = service.export_bundle(world.ta.db, PASS, directory=out)
    assert again.sequence == 1 and _files(out) == [again.path.name]


def test_a_failed_move_after_the_commit_keeps_the_complete_bundle_and_says_where(world, monkeypatch) -> None:  # noqa: ANN001
    out = world.root / "out"
    monkeypatch.setattr(service.os, "replace", lambda *a, **k: _fail())
    with pytest.raises(errors.ExportMoveError) as info:
        service.export_bundle(world.ta.db, PASS, directory=out)
    monkeypatch.undo()
    temp = info.value.temp
    assert _files(out) == [temp.name] and temp.name.endswith(".part")
    message = str(info.value)
    assert message.startswith("El paquete n.º 1 quedó escrito y registrado como enviado, pero no se pudo dejar en")
    assert f"Está completo en «{temp}»" in message and "CL-TA-a-central-000001.avance" in message
    # Recorded: the next export is number 2 and follows it.
    assert service.export_bundle(world.ta.db, PASS, directory=out).sequence == 2
    # The kept file is the whole bundle, as recorded: it imports.
    assert service.import_bundle(world.central.db, temp, PASS).outcome == "aceptado"


def test_the_cli_reports_a_failed_move_in_spanish(tmp_path, monkeypatch, capsys) -> None:  # noqa: ANN001
    from desktop.cli import main
    from tests.sync.helpers import cli_offices

    p, _c, r = cli_offices(tmp_path)
    capsys.readouterr()
    monkeypatch.setattr(service.os, "replace", lambda *a, **k: _fail())
    assert main(["--db", r, "bundle", "export", "-o", str(tmp_path / "x.avance"), *p]) == 1
    err = capsys.readouterr().err
    assert err.startswith("avance: El paquete n.º 1 quedó escrito y registrado como enviado") and "Traceback" not in err
