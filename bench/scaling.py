#!/usr/bin/env python3
"""Multi-core scaling of the dhad CLI: MB/s of each command at -j 1, 2, 4, ...

usage: bench/scaling.py --dhad PATH --input FILE [--jobs 1,2,4,8,16] [--runs 3]
                        [--mb N] [--out FILE]

Times each command as a whole process reading --input (first --mb MB, whole
lines) and writing a fresh file in a scratch folder (tmpfs when /dev/shm is
there), best of --runs, and prints a Markdown table: MB/s per -j and the
speed-up over -j 1. Before timing, it checks that every -j gives the same
output bytes as -j 1 (by SHA-256). Needs only the Python standard library, so
that it runs on a bare machine with just a dhad binary beside it.
"""
import argparse
import hashlib
import os
import platform
import subprocess
import sys
import tempfile
import time

COMMANDS = [
    ("normalize --profile lucene", ["normalize", "--profile", "lucene"]),
    ("normalize (light)", ["normalize"]),
    ("tokenize (text)", ["tokenize"]),
    ("tokenize --format jsonl", ["tokenize", "--format", "jsonl"]),
    ("sentences", ["sentences"]),
    ("segment", ["segment"]),
    ("stem --algorithm light10", ["stem", "--algorithm", "light10"]),
    ("stem --algorithm isri", ["stem", "--algorithm", "isri"]),
    ("analyze (jsonl)", ["analyze"]),
]


def take_lines(src, mb, dst):
    limit = mb * 1000 * 1000
    total = 0
    with open(src, "rb") as f, open(dst, "wb") as out:
        for line in f:
            if total + len(line) > limit:
                break
            out.write(line)
            total += len(line)
    return total


def run(argv, out_path):
    start = time.perf_counter()
    with open(out_path, "wb") as out:
        subprocess.run(argv, stdout=out, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dhad", required=True)
    ap.add_argument("--input", required=True)
    ap.add_argument("--jobs", default="1,2,4,8,16")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--mb", type=int, default=0, help="first N MB only (0: all)")
    ap.add_argument("--out", help="also write the table here")
    args = ap.parse_args()
    jobs = [int(j) for j in args.jobs.split(",")]
    scratch = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    with tempfile.TemporaryDirectory(dir=scratch) as tmp:
        input_path = args.input
        if args.mb:
            input_path = os.path.join(tmp, "input.txt")
            take_lines(args.input, args.mb, input_path)
        size = os.path.getsize(input_path)
        out_path = os.path.join(tmp, "out")
        lines = [
            f"- machine: {platform.machine()}, {os.cpu_count()} cores, "
            f"{platform.system()} {platform.release()}",
            f"- input: {size / 1e6:.1f} MB ({os.path.basename(args.input)}); best of "
            f"{args.runs} whole-process runs, output to a fresh file in {scratch or 'the temp dir'}",
            "",
            "| command | " + " | ".join(f"-j {j} MB/s" for j in jobs) + " | best speed-up |",
            "|---|" + "---|" * (len(jobs) + 1),
        ]
        print("\n".join(lines), flush=True)
        failed = False
        for name, dargs in COMMANDS:
            reference = None
            rates = []
            for j in jobs:
                argv = [args.dhad, *dargs, "-j", str(j), input_path]
                best = min(run(argv, out_path) for _ in range(args.runs))
                d = digest(out_path)
                if reference is None:
                    reference = d
                elif d != reference:
                    print(f"FAIL: {name}: -j {j} output differs from -j {jobs[0]}", file=sys.stderr)
                    failed = True
                rates.append(size / 1e6 / best)
            row = (f"| {name} | " + " | ".join(f"{r:,.0f}" for r in rates) +
                   f" | {max(rates) / rates[0]:.1f}x |")
            lines.append(row)
            print(row, flush=True)
            os.unlink(out_path)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
