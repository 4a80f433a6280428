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
  libbenchmark-dev libjemalloc-dev zlib1g-dev libpng-dev python3 python3-aiosmtpd chromium wrk \
  sqlite3 curl

.PHONY: all deps apt-deps npm-deps build run test bench clean

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

test: build
	@mkdir -p test-output
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

bench: build
	bash bench/run.sh

clean:
	rm -rf $(BUILD_DIR) build-* test-output
