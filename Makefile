# Tongban — the commands. `make run` and `make test` work on a fresh Debian 12.
PRESET      ?= dev
BUILD_DIR   := build/$(PRESET)
TONGBAN     := $(BUILD_DIR)/bin/tongban
CLANG_FORMAT ?= $(shell command -v clang-format-14 || command -v clang-format)
JOBS        ?= $(shell nproc)
CXX_SOURCES  = $(shell git ls-files --cached --others --exclude-standard -- '*.cpp' '*.hpp' | grep -v '^web/')

.PHONY: all run test build bench deps format format-check check-layout web native clean

all: build

deps:
	@scripts/install-deps

native: deps
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)

web: deps
	@cd web && npm run --silent build

build: native web

# Serves http://localhost:8080 on the embedded SQLite under ./var with demo data.
run: build
	$(TONGBAN) serve --demo --data-dir var --listen 127.0.0.1:8080

# Everything: formatting, layout rules, unit, storage on SQLite and PostgreSQL,
# API, durability (kill -9) and browser tests. Ends with ctest's summary line.
test: deps format-check check-layout build
	@scripts/run-tests $(BUILD_DIR)

bench: deps
	@$(MAKE) --no-print-directory PRESET=release native web
	@bench/run build/release

format:
	@$(CLANG_FORMAT) -i $(CXX_SOURCES)

format-check:
	@$(CLANG_FORMAT) --dry-run -Werror $(CXX_SOURCES) || \
	  (echo "make: formatting differs; run 'make format'" >&2; exit 1)

check-layout:
	@scripts/check-layout

clean:
	rm -rf build web/dist
