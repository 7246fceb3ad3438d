# Avance: `make run` starts the app, `make test` runs the whole suite.
# Both create the virtual environment in .venv when it is missing and install the project
# (editable, with its pinned dependency ranges from pyproject.toml).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench package translations clean help

help:
	@echo "make run     crea .venv si falta, instala y abre Avance"
	@echo "make test    crea .venv si falta, instala y corre todas las pruebas"
	@echo "make bench   mide arranque, resumen nacional, impresión y memoria"
	@echo "make package construye el ejecutable con PyInstaller"
	@echo "make translations  extrae los textos (.ts) y compila las traducciones (.qm)"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/avance

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

package: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,package]'
	$(BIN)/python packaging/build.py

# The interface is written in Spanish (es-CL); other languages are .ts files for Qt Linguist.
translations: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pyside6-lupdate ui/*.py desktop/app.py -source-language es_CL -target-language en -ts resources/translations/avance_en.ts
	$(BIN)/pyside6-lrelease resources/translations/avance_en.ts -qm resources/translations/avance_en.qm

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
