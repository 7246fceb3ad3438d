"""Every benchmark's --help is in Spanish, like the avance command line (desktop.cli_spanish)."""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize("module", ["benchmarks.__main__", "benchmarks.forms", "benchmarks.xlsx", "benchmarks.sync"])
def test_benchmark_help_is_spanish(module, capsys):
    main = importlib.import_module(module).main
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("uso: python -m benchmarks") and "\nopciones:\n" in out
    assert "muestra esta ayuda y termina" in out
    for english in ("usage", "options:", "show this help", "runs (median", "by default", "also write"):
        assert english not in out, english
