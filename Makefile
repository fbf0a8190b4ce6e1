# The README's commands. `make serve` and `make test` install what is missing first.
UV := python3 -m uv
PORT ?= 8050
HOST ?= 127.0.0.1
.PHONY: install build serve test lint bench exhibits

install:
	bash scripts/install.sh

build: install
	$(UV) run metering build

serve: install
	$(UV) run metering serve --host $(HOST) --port $(PORT)

test: install
	$(UV) run pytest

lint:
	$(UV) run ruff check . && $(UV) run ruff format --check .

bench:
	$(UV) run python benchmarks/serving.py
	$(UV) run python benchmarks/figure_draw.py
	$(UV) run python benchmarks/build_vs_read.py

exhibits:
	$(UV) run metering exhibits --out exhibits
