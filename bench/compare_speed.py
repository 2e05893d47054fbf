#!/usr/bin/python3
"""Same-run speed of two dhad builds, for a refactor's before/after table.

usage: bench/compare_speed.py OLD_DHAD NEW_DHAD INPUT [--runs 7] [--jobs 1,2]

Runs every job of both binaries on INPUT, interleaved (old, new, old, new...)
so that a slow phase of a shared machine hits both alike; each job pinned to
one core (`taskset -c 0`) and at each -j of --jobs unpinned. Prints a Markdown
table of median MB/s with the range (slowest-fastest run) and new/old. Output
goes to /dev/null: what is timed is the work, not the file system. Pair it
with bench/compare_outputs.sh, which checks that the bytes are the same.
"""
import argparse
import os
import statistics
import subprocess
import time

JOBS = [
    ("normalize --profile lucene", ["normalize", "--profile", "lucene"]),
    ("normalize", ["normalize"]),
    ("tokenize", ["tokenize"]),
    ("tokenize --format jsonl", ["tokenize", "--format", "jsonl"]),
    ("sentences", ["sentences"]),
    ("stem light10", ["stem"]),
    ("stem isri", ["stem", "--algorithm", "isri"]),
    ("segment", ["segment"]),
    ("analyze", ["analyze"]),
]


def run_once(argv):
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("input")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--jobs", default="1,2")
    args = ap.parse_args()
    mb = os.path.getsize(args.input) / 1e6
    print(f"{mb:.1f} MB of {args.input}; median of {args.runs} runs (range); "
          f"`1 core` = pinned with taskset -c 0\n")
    print("| job | runs on | before MB/s | after MB/s | after/before |")
    print("|---|---|---|---|---|")
    settings = [("1 core", ["taskset", "-c", "0"], ["-j", "1"])]
    settings += [(f"-j {j}", [], ["-j", j]) for j in args.jobs.split(",")]
    for label, dargs in JOBS:
        for where, prefix, jargs in settings:
            times = {"old": [], "new": []}
            for _ in range(args.runs):
                for which in ("old", "new"):
                    binary = getattr(args, which)
                    times[which].append(
                        run_once([*prefix, binary, *dargs, *jargs, args.input, "-o", "/dev/null"]))
            cells = []
            for which in ("old", "new"):
                t = times[which]
                cells.append(f"{mb / statistics.median(t):,.0f} "
                             f"({mb / max(t):,.0f}-{mb / min(t):,.0f})")
            ratio = statistics.median(times["old"]) / statistics.median(times["new"])
            print(f"| {label} | {where} | {cells[0]} | {cells[1]} | {ratio:.2f}x |", flush=True)


if __name__ == "__main__":
    main()
