#!/usr/bin/python3
"""Scores `dhad correct` on pud-dev's noisy copy with the shared scorer.

usage: eval.py [--dhad PATH] [--shared DIR] [--set DIR] [--model FILE]
               [--half tune|held|all] [--weights W] [--min-confidence X] [--json]
               [--show N]

The 500 sentences are split in two halves by line number: even lines are the
half the default weights were tuned on (tools/correct/tune.py), odd lines the
held-out half. Writes the scorer's table (or its JSON) for the half asked for;
--show N lists N false changes and N missed errors of that half. --set DIR
scores another set in pud-dev's format instead (tools/correct/make_noise.py).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(args, half, workdir, table=True):
    pud = args.set or os.path.join(args.shared, "eval", "pud-dev")
    names = ("noisy.txt", "clean.txt")
    lines = {}
    for n in names:
        with open(os.path.join(pud, n), encoding="utf-8") as f:
            lines[n] = f.read().rstrip("\n").split("\n")
    keep = [i for i in range(len(lines["noisy.txt"]))
            if half == "all" or (i % 2 == 0) == (half == "tune")]
    paths = {}
    for n in names:
        paths[n] = os.path.join(workdir, half + "." + n)
        with open(paths[n], "w", encoding="utf-8") as f:
            f.write("".join(lines[n][i] + "\n" for i in keep))
    errors = os.path.join(workdir, half + ".errors.tsv")
    with open(os.path.join(pud, "noisy_gold.tsv"), encoding="utf-8") as f, \
            open(errors, "w", encoding="utf-8") as out:
        rows = f.read().rstrip("\n").split("\n")
        out.write(rows[0] + "\n")
        index = {old: new for new, old in enumerate(keep)}
        for r in rows[1:]:
            cells = r.split("\t")
            if int(cells[0]) in index:
                cells[0] = str(index[int(cells[0])])
                out.write("\t".join(cells) + "\n")
    cmd = [args.dhad, "correct", "--progress", "never", paths["noisy.txt"]]
    if args.model:
        cmd += ["--model", args.model]
    if args.weights:
        cmd += ["--weights", args.weights]
    if args.min_confidence is not None:
        cmd += ["--min-confidence", str(args.min_confidence)]
    system = os.path.join(workdir, half + ".system.txt")
    with open(system, "w", encoding="utf-8") as out:
        subprocess.run(cmd, stdout=out, check=True)
    scorer = os.path.join(args.shared, "eval", "score_correct.py")
    base = [sys.executable, scorer, paths["noisy.txt"], paths["clean.txt"], system,
            "--errors", errors]
    table = subprocess.run(base, capture_output=True, text=True, check=True).stdout if table else ""
    summary = json.loads(subprocess.run(base + ["--json"], capture_output=True, text=True,
                                        check=True).stdout)
    return table, summary, paths, system


def show(paths, system, n):
    """Word-aligned differences (same token count lines only)."""
    noisy = open(paths["noisy.txt"], encoding="utf-8").read().split("\n")
    clean = open(paths["clean.txt"], encoding="utf-8").read().split("\n")
    sys_ = open(system, encoding="utf-8").read().split("\n")
    false, missed = [], []
    for a, b, c in zip(noisy, clean, sys_):
        a, b, c = a.split(), b.split(), c.split()
        if len(a) != len(b) or len(a) != len(c):
            continue
        for i, (x, y, z) in enumerate(zip(a, b, c)):
            ctx = " ".join(a[max(0, i - 2):i + 3])
            if x == y and z != x:
                false.append("%s -> %s   [%s]" % (x, z, ctx))
            elif x != y and z != y:
                missed.append("%s -> %s (want %s)   [%s]" % (x, z, y, ctx))
    print("false changes:")
    for line in false[:n]:
        print("  " + line)
    print("missed or wrong:")
    for line in missed[:n]:
        print("  " + line)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dhad", default=os.path.join(ROOT, "build", "rel", "dhad"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--set", help="a set in pud-dev's format (default: pud-dev)")
    ap.add_argument("--model")
    ap.add_argument("--half", choices=("tune", "held", "all"), default="all")
    ap.add_argument("--weights")
    ap.add_argument("--min-confidence", type=float)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        table, summary, paths, system = run(args, args.half, d)
        if args.json:
            print(json.dumps(summary, indent=1))
        else:
            print("%s, %s half:" % (os.path.basename(os.path.normpath(args.set)) if args.set
                                    else "pud-dev", args.half))
            print(table, end="")
        if args.show:
            show(paths, system, args.show)


if __name__ == "__main__":
    main()
