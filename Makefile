# The README's commands: `make run` (install, build, demo data, serve) and `make test` (everything).
BUILD ?= build
ASAN_BUILD ?= build-asan
DATA ?= data
LISTEN ?= 127.0.0.1:8080
BIN = $(BUILD)/pendamping

.PHONY: all build run test deps deps-test unit http e2e asan fuzz bench clean format

all: build

build:
	@test -f $(BUILD)/build.ninja || meson setup $(BUILD) >/dev/null
	@ninja -C $(BUILD)

deps:
	@sh scripts/deps.sh

deps-test:
	@sh scripts/deps.sh test

run: deps build
	@test -d $(DATA) || $(BIN) demo --data $(DATA)
	@echo "demo log-ins (password pendamping-demo): admin, supervisor, worker, worker2, volunteer, viewer"
	$(BIN) serve --data $(DATA) --listen $(LISTEN)

unit: build
	sh tools/lint.sh
	python3 tools/po-extract.py --check po/id.po
	meson test -C $(BUILD) --suite unit --print-errorlogs

http: build
	PENDAMPING_BIN=$(CURDIR)/$(BIN) node --test --test-concurrency=1 tests/http/

e2e: build
	PENDAMPING_BIN=$(CURDIR)/$(BIN) node --test --test-concurrency=1 tests/e2e/

asan:
	@test -f $(ASAN_BUILD)/build.ninja || meson setup $(ASAN_BUILD) -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug >/dev/null
	@ninja -C $(ASAN_BUILD)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  meson test -C $(ASAN_BUILD) --suite unit --print-errorlogs
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  PENDAMPING_BIN=$(CURDIR)/$(ASAN_BUILD)/pendamping PENDAMPING_SANITIZED=1 \
	  node --test --test-concurrency=1 tests/http/

test: deps-test build
	$(MAKE) --no-print-directory unit
	$(MAKE) --no-print-directory http
	$(MAKE) --no-print-directory e2e
	$(MAKE) --no-print-directory asan

FUZZ_SECONDS ?= 60
fuzz:
	@test -f build-fuzz/build.ninja || CC=clang meson setup build-fuzz -Dfuzz=true -Dbuildtype=debug >/dev/null
	@ninja -C build-fuzz
	@for t in form client_json nik route csv name_index encoding; do \
	  echo "fuzz $$t for $(FUZZ_SECONDS) s"; mkdir -p build-fuzz/corpus-$$t; \
	  build-fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 build-fuzz/corpus-$$t tests/fuzz/corpus/$$t || exit 1; \
	done

bench: build
	@sh scripts/deps.sh bench
	@for b in bench/*.py; do case $$b in bench/gen_clients.py) continue;; esac; \
	  echo "== $$b"; python3 $$b $(CURDIR)/$(BIN) || exit 1; done

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz

format:
	clang-format -i $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c')
