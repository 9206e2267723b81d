# Machine-readable benchmark results, one TSV file per suite (docs/benchmarks/<suite>.tsv), read by
# scripts/bench/lib/goals.py to build the goals table of docs/benchmarks.md.
# Columns: metric, value, unit, goal ("<= 1.5", ">= 4", "== 0", "< 1" or "" for a figure without a goal),
# compared with (the floor or peer the value is relative to, or ""), measured (UTC date).
# Source it, call bench_results_begin <file>, then bench_result … for each figure.

bench_results_begin() { # <file>: start (truncate) the suite's results file
  BENCH_RESULTS_FILE=$1
  mkdir -p "$(dirname "$BENCH_RESULTS_FILE")"
  printf 'metric\tvalue\tunit\tgoal\tcompared_with\tmeasured\n' >"$BENCH_RESULTS_FILE"
}

bench_result() { # <metric> <value> <unit> <goal> <compared with>
  [[ -n "${BENCH_RESULTS_FILE:-}" ]] || return 0
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$(date -u +%Y-%m-%d)" >>"$BENCH_RESULTS_FILE"
}
