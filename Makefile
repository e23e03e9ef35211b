# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: demo test check bench clean

$(BIN)/drafter: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,pdf,bench]'
	touch $@

demo: $(BIN)/drafter
	$(BIN)/drafter render cases/ -o output/
	$(BIN)/drafter render motionsregister/ -o output/motionsregister/
	$(BIN)/drafter motioner motionsregister/

test: $(BIN)/drafter
	$(BIN)/python -m pytest

check: $(BIN)/drafter
	$(BIN)/drafter check
	$(BIN)/drafter check motionsregister/ --utan-täckning

# make bench BENCH_ARGS=--quick for a smoke run; results in bench/results/ (git-ignored)
bench: $(BIN)/drafter
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) output/*.docx output/*.pdf output/motionsregister
