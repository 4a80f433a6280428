# Voxloop — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
BUILD_DIR ?= build
BUILD_TYPE ?= Release
DATA_DIR ?= ./data
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)

# Everything Voxloop needs from Debian 12, for building, running and testing.
APT_PACKAGES := build-essential cmake ninja-build pkg-config git ca-certificates \
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-system1.81-dev \
  libsqlite3-dev libpq-dev postgresql-15 libsodium-dev libicu-dev libcld2-dev \
  libfasttext-dev fasttext libcurl4-openssl-dev libgmime-3.0-dev libkainjow-mustache-dev \
  libqrencode-dev liboath-dev libuchardet-dev libxlsxwriter-dev libminizip-dev \
  libpugixml-dev libcli11-dev libspdlog-dev libfmt-dev libgtest-dev libgmock-dev \
  libbenchmark-dev libjemalloc-dev libzbar-dev zlib1g-dev libpng-dev python3 python3-aiosmtpd chromium wrk \
  sqlite3 curl jq clang libclang-rt-14-dev zbar-tools

FUZZ_SECONDS ?= 20

.PHONY: all deps apt-deps npm-deps build run test test-main sanitize fuzz bench clean

all: build

deps: apt-deps npm-deps

# Installs only what is missing, so a second run costs a second.
apt-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if ! command -v node >/dev/null || ! command -v npm >/dev/null; then missing="$$missing nodejs npm"; fi; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

npm-deps:
	@for dir in web tests/browser tests/e2e; do \
	  if [ -f $$dir/package-lock.json ] && [ ! -f $$dir/node_modules/.package-lock.json -o $$dir/package-lock.json -nt $$dir/node_modules/.package-lock.json ]; then \
	    echo "npm ci in $$dir"; (cd $$dir && npm ci --no-audit --no-fund --loglevel=error) || exit 1; \
	  fi; \
	done

build: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/voxloop serve --listen $(LISTEN) --data-dir $(DATA_DIR)

# Every test: the release build (unit, both databases, end-to-end, browser), the same under
# AddressSanitizer and UndefinedBehaviorSanitizer, then a short fuzzing run.
test: test-main sanitize fuzz

test-main: build
	@mkdir -p test-output
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

sanitize: deps
	@cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DVOXLOOP_SANITIZE=ON \
	  -DVOXLOOP_BENCH=OFF >/dev/null
	@cmake --build build-asan -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir build-asan --output-on-failure -j $(JOBS) -L 'unit|store|e2e'

fuzz: deps
	@cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVOXLOOP_FUZZ=ON \
	  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang >/dev/null
	@cmake --build build-fuzz -j $(JOBS)
	@for fuzzer in build-fuzz/tests/fuzz/*_fuzzer; do \
	  name=$$(basename $$fuzzer _fuzzer); corpus=build-fuzz/corpus/$$name; mkdir -p $$corpus; \
	  seeds=tests/fuzz/corpus/$$name; [ -d $$seeds ] || seeds=; \
	  echo "fuzzing $$name for $(FUZZ_SECONDS)s"; \
	  $$fuzzer -max_total_time=$(FUZZ_SECONDS) -print_final_stats=0 $$corpus $$seeds 2>build-fuzz/$$name.log \
	    || { tail -40 build-fuzz/$$name.log; exit 1; }; \
	done

bench: build
	bash bench/run.sh

clean:
	rm -rf $(BUILD_DIR) build-* test-output
