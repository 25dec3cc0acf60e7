# The two commands in the README: `make run` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.PHONY: run test lint bench package package-test clean venv

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-* && touch $@

venv: $(STAMP)

run:
	@sh scripts/system-deps.sh run
	@$(MAKE) --no-print-directory venv
	@sh scripts/run-app.sh $(BIN)/trainer $(ARGS)

test:
	@sh scripts/system-deps.sh test
	@$(MAKE) --no-print-directory venv
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: venv
	$(BIN)/ruff check .

bench:
	@sh scripts/system-deps.sh test
	@$(MAKE) --no-print-directory venv
	$(BIN)/trainer bench $(ARGS)

# The bundle (PyInstaller) and the .deb in dist/; see packaging/README.md.
package:
	@sh scripts/system-deps.sh test
	@$(MAKE) --no-print-directory venv
	sh packaging/build-linux.sh

# Build the .deb, install it on this machine (root) and run the installed app's self-test.
package-test: package
	TRAINER_TEST_DEB=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_deb.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
