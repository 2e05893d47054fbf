#!/usr/bin/python3
"""What `dhad correct` changes in a text, by class, for a person to read.

usage: review.py [--dhad PATH] [--per-class N] [--seed S] [--context BYTES]
                 [--against ARGS] FILE [-- DHAD_CORRECT_ARGS...]

pud-dev scores the corrector on a few hundred sentences with errors put in by a
program. Real text shows what it cannot: the words a writer meant that the
corrector changes anyway (names, loanwords, dialect, rare inflections). This
lists, per class, how many changes `dhad correct --format jsonl` makes in FILE
and N of them drawn at random (seeded), each with the bytes around it, so that
a reader can count how many are right.

--against ARGS compares two settings instead: the changes made with the
arguments after -- but not with ARGS (or made differently), and the other way
round, N drawn from each. For example, what a weight changes:

    tools/correct/review.py --against '--weights rare_count=3' text.txt

Samples are drawn, never picked; on text the default model was built from
(the SaudiNewsNet corpus) every word is known to it at least once, so say so
when quoting a count. For text the model has not seen, learn one from the
corpus's first articles and review the rest (tools/correct/build_model.sh,
ARTICLES).
"""
import argparse
import collections
import json
import os
import random
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def edits(dhad, path, extra):
    """The edits `dhad correct` makes in path, keyed by (begin, end)."""
    cmd = [dhad, "correct", "--format", "jsonl"] + extra + [path]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    found = {}
    for line in out.splitlines():
        e = json.loads(line)
        found[(e["begin"], e["end"])] = e
    return found


def show(title, rows, data, args, rng):
    by_class = collections.defaultdict(list)
    for e in rows:
        by_class[e["class"]].append(e)
    print(f"== {title}: {len(rows)} changes")
    for cls in sorted(by_class, key=lambda c: -len(by_class[c])):
        chosen = by_class[cls]
        print(f"-- {cls}: {len(chosen)}")
        for e in rng.sample(chosen, min(args.per_class, len(chosen))):
            before = data[max(0, e["begin"] - args.context):e["begin"]]
            after = data[e["end"]:e["end"] + args.context]
            # The cut ends may split a character: drop its pieces.
            around = (before.decode("utf-8", "ignore") + "[" + e["text"] + "]" +
                      after.decode("utf-8", "ignore")).replace("\n", " ")
            print(f"  {e['text']} -> {e['replacement']}  {e['confidence']:.2f}  {around}")


def main():
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--dhad", default=os.path.join(ROOT, "build", "rel", "dhad"))
    ap.add_argument("--per-class", type=int, default=20, help="changes drawn per class")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--context", type=int, default=40, help="bytes shown on each side")
    ap.add_argument("--against", help="the other setting's arguments, quoted as one")
    args = ap.parse_args(argv)
    with open(args.file, "rb") as f:
        data = f.read()
    rng = random.Random(args.seed)
    mine = edits(args.dhad, args.file, extra)
    if args.against is None:
        show("dhad correct " + " ".join(extra), list(mine.values()), data, args, rng)
        return
    other = edits(args.dhad, args.file, shlex.split(args.against))

    def differ(a, b):
        return [e for k, e in a.items() if k not in b or b[k]["replacement"] != e["replacement"]]

    show("only with " + (" ".join(extra) or "the defaults"), differ(mine, other), data, args, rng)
    show("only with " + args.against, differ(other, mine), data, args, rng)


if __name__ == "__main__":
    main()
