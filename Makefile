# The README's commands. `make serve` and `make test` install what is missing first.
.PHONY: install build serve test lint bench exhibits

install:
	bash scripts/install.sh

build: install
	uv run metering build

serve: install
	uv run metering serve

test: install
	uv run pytest

lint:
	uv run ruff check . && uv run ruff format --check .

bench:
	uv run python benchmarks/build_vs_read.py

exhibits:
	uv run metering exhibits --out exhibits
