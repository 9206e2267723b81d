#!/usr/bin/env bash
# Engine full-sync and event-latency benchmark (docs/benchmarks.md, "Engine full sync").
# Starts a private dockerd (needs root and Debian's docker.io, like the test harness) and an rdd API server, loads the engine with
# >= 500 images, 200 containers and 200 volumes, measures, writes the section, and removes the engine.
# Usage: scripts/bench/engine-sync.sh [--images N] [--containers N] [--volumes N] [--runs N] [--usedby-rounds N] [--events N] [--parallelism N] [--results FILE]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=lib/java.sh
source "$repo/scripts/bench/lib/java.sh"
bench_java io.rancherdesktop.rdd.controller.engine.bench.EngineSyncBenchmark --out "$repo/docs/benchmarks.md" "$@"
