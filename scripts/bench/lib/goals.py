#!/usr/bin/env python3
"""Builds the goals table of docs/benchmarks.md from the suites' results (docs/benchmarks/<suite>.tsv).

Usage: goals.py <results dir> <benchmarks.md> [--check]
Prints every figure that has a goal with its verdict; with --check exits 1 when a goal is missed.
"""
import csv
import glob
import os
import re
import sys

START, END = "<!-- bench:goals:start -->", "<!-- bench:goals:end -->"


def met(value, goal):
    m = re.fullmatch(r"\s*(<=|>=|<|>|==)\s*(-?[0-9.]+)\s*", goal)
    if not m:
        raise ValueError(f"unreadable goal {goal!r}")
    op, bound = m.group(1), float(m.group(2))
    v = float(value)
    return {"<=": v <= bound, ">=": v >= bound, "<": v < bound, ">": v > bound, "==": v == bound}[op]


def main(argv):
    results_dir, doc = argv[1], argv[2]
    check = "--check" in argv[3:]
    rows = []
    for path in sorted(glob.glob(os.path.join(results_dir, "*.tsv"))):
        suite = os.path.splitext(os.path.basename(path))[0]
        with open(path, newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                if r["goal"].strip():
                    rows.append((suite, r, met(r["value"], r["goal"])))
    missed = [r for r in rows if not r[2]]
    lines = [
        START,
        "## Goals",
        "",
        "Every figure with a goal, from the suites' last runs (`docs/benchmarks/<suite>.tsv`, written by",
        "`scripts/bench/run`; the sections below have the context). Ratios compare with a floor (the bare minimum the",
        "work needs) or a peer measured in the same run, so they hold across machines better than absolute times.",
        "",
        "| suite | figure | value | goal | compared with | met | measured |",
        "|---|---|---|---|---|---|---|",
    ]
    for suite, r, ok in rows:
        unit = (" " + r["unit"]) if r["unit"] and r["unit"] != "x" else ("×" if r["unit"] == "x" else "")
        lines.append(f"| {suite} | `{r['metric']}` | {r['value']}{unit} | {r['goal']} | {r['compared_with']} | "
                     f"{'yes' if ok else '**no**'} | {r['measured']} |")
    lines += ["", f"{len(rows) - len(missed)} of {len(rows)} goals met.", END]
    block = "\n".join(lines)
    text = open(doc).read() if os.path.exists(doc) else "# Benchmarks\n"
    if START in text:
        text = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        head, sep, rest = text.partition("\n## ")
        text = head.rstrip("\n") + "\n\n" + block + "\n\n" + (sep.lstrip("\n") + rest if sep else "")
    with open(doc, "w") as f:
        f.write(text)
    for suite, r, ok in rows:
        print(f"{'ok  ' if ok else 'MISS'} {suite}: {r['metric']} = {r['value']} {r['unit']} (goal {r['goal']})")
    print(f"{len(rows) - len(missed)} of {len(rows)} goals met")
    return 1 if check and missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
