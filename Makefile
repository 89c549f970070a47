# Two commands do everything on a fresh Debian 12 machine (as root):
#   make run    install missing packages, build in release mode, digest the demo corpus
#   make test   install missing packages, build, run every test (unit, golden, e2e, fuzz replay)
# Other targets: make build, make asan (ASan+UBSan build and tests), make bench, make clean.

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
RELEASE_DIR := build/release
ASAN_DIR := build/asan
# Whole-data-set measurements already run in the release build; under ASan they only cost time.
ASAN_SKIP := EntitiesEval|ClusteringEval|HtmlBenchmark|ParaphraseEval|ExtractionEval|RougeReproduction|SummaryEval|StreamMemory

.PHONY: run test build deps asan bench clean

deps:
	@./scripts/install-deps.sh

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

run: build
	./$(RELEASE_DIR)/apps/precis/precis digest examples/harbour-fire examples/lisburg-tram

test: build
	cd $(RELEASE_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 900

asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	cd $(ASAN_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 1800 -E "$(ASAN_SKIP)"

bench: build
	./bench/run.sh

clean:
	rm -rf build
