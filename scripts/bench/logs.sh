#!/usr/bin/env bash
# Container log throughput: the rdd API's Container log subresource against `docker logs` of the same log
# (docs/benchmarks.md, "Container logs"). Starts a private dockerd (needs root and docker.io, like the test harness) and
# an rdd API server with the engine controller, writes a large log, measures, writes the section.
# Usage: scripts/bench/logs.sh [--mb N] [--runs N] [--results FILE]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=lib/java.sh
source "$repo/scripts/bench/lib/java.sh"
bench_java io.rancherdesktop.rdd.service.streams.bench.LogsThroughputBenchmark --out "$repo/docs/benchmarks.md" "$@"
