#!/usr/bin/python3
"""The floor dhad correct is measured against: hunspell-ar's first suggestion.

usage: hunspell_baseline.py [--shared DIR] [--half tune|held|all]

Replaces every word hunspell-ar (`hunspell -d ar -a`) flags with its first
suggestion (a flagged word without suggestions stays) on pud-dev's noisy copy,
and scores the result with the shared scorer, like tools/correct/eval.py
scores dhad. Needs the Debian packages hunspell and hunspell-ar.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import eval as ev  # noqa: E402


def hunspell_correct(lines):
    """Each line with hunspell's first suggestion for each flagged word."""
    # '^' makes hunspell take the line as text, never as a command.
    text = "".join("^" + line + "\n" for line in lines)
    out = subprocess.run(["hunspell", "-d", "ar", "-a"], input=text, capture_output=True,
                         text=True, check=True).stdout.split("\n")[1:]  # [0]: version banner
    fixed, at = [], 0
    for line in lines:
        replace = {}
        while at < len(out) and out[at] != "":
            m = re.match(r"& (\S+) \d+ (\d+): ([^,]+)", out[at])
            if m:
                replace[(m.group(1), int(m.group(2)) - 1)] = m.group(3).strip()
            at += 1
        at += 1  # the blank line after each input line
        # Offsets count characters from the line start ('^' is not counted).
        result, last = [], 0
        for (word, off), sugg in sorted(replace.items(), key=lambda x: x[0][1]):
            if line[off:off + len(word)] != word:
                continue
            result.append(line[last:off] + sugg)
            last = off + len(word)
        fixed.append("".join(result) + line[last:])
    return fixed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(ev.ROOT, "..", "shared"))
    ap.add_argument("--half", choices=("tune", "held", "all"), default="all")
    args = ap.parse_args()
    pud = os.path.join(args.shared, "eval", "pud-dev")
    with tempfile.TemporaryDirectory() as d:
        # eval.run writes the half's files; its dhad run is replaced below.
        a = argparse.Namespace(dhad="/bin/cat", shared=args.shared, model=None, weights=None,
                               min_confidence=None)
        paths = {}
        lines = open(os.path.join(pud, "noisy.txt"), encoding="utf-8").read().split("\n")[:500]
        keep = [i for i in range(500)
                if args.half == "all" or (i % 2 == 0) == (args.half == "tune")]
        noisy = [lines[i] for i in keep]
        fixed = hunspell_correct(noisy)
        a.dhad = os.path.join(d, "fake_dhad.sh")
        system = os.path.join(d, "hunspell.txt")
        with open(system, "w", encoding="utf-8") as f:
            f.write("".join(x + "\n" for x in fixed))
        with open(a.dhad, "w") as f:
            f.write("#!/bin/sh\nexec cat %s\n" % system)
        os.chmod(a.dhad, 0o755)
        table, _, paths, _ = ev.run(a, args.half, d)
        print("hunspell-ar first suggestion, pud-dev %s half:" % args.half)
        print(table, end="")


if __name__ == "__main__":
    main()
