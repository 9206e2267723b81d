#!/usr/bin/env bash
# Store write-throughput benchmark (docs/benchmarks.md, "Store"): bare sqlite-jdbc with one fsync per write (the floor)
# against the ObjectStore with 1, 8 and 32 concurrent writers (group commit). Uses temp files under integration-tests/target.
# Usage: scripts/bench/store.sh [--writes N] [--runs N] [--results FILE]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=lib/java.sh
source "$repo/scripts/bench/lib/java.sh"
bench_java io.rancherdesktop.rdd.store.StoreBenchmark --out "$repo/docs/benchmarks.md" "$@"
