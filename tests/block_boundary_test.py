#!/usr/bin/env python3
"""Block-boundary property test: where the input is cut into blocks must not
change a single output byte.

Every command and format runs with tiny blocks (DHAD_BLOCK_SIZE, a test hook
read by the CLI) at -j 1 and -j 3, and its output is compared with the output
of one huge block, on generated inputs: long lines, whitespace runs of every
kind longer than a block, runs of marks and tatweel, emoji and ZWJ sequences,
invalid bytes, CRLF, blank lines.

Tokens longer than a block must be cut inside (a documented "piece"): on the
inputs that hold such tokens the text of normalize, tokenize and sentences
must still be identical, and the records of tokenize and segment must tile the
same spans (adjacent pieces merged; their other fields are of the piece).

usage: block_boundary_test.py PATH/TO/dhad [--rounds N]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

HUGE = str(1 << 24)  # one block: the inputs are far smaller
SMALL = ["64", "300", "4096"]

WORDS = ["والكتاب", "المدرسة", "كتب", "إلى", "على", "في", "الله", "hello", "3.5", "٢٧٠الف",
         "#وسم", "@user", "x@y.com", "http://a.sa/b", "فى", "مستشفى", "3%", "لأوباما", "،", ".",
         "؟", "!", "(قال)", "«نعم»", "و", "😀", "👍🏽", "👨\u200d👩\u200d👧", "ﻻ", "ﷺ"]
MARKS = ["\u064e", "\u0650", "\u0651", "\u0652", "\u0640", "\u200f", "\u200d", "\u00ad"]
SPACES = [" ", "  ", "\t", "\u00a0", "\u2003", " \t ", "\u3000"]


def gen_text(rng, long_tokens):
    parts = []
    for _ in range(rng.randint(20, 400)):
        r = rng.random()
        if r < 0.55:
            w = rng.choice(WORDS)
            if rng.random() < 0.2:  # marks inside a word
                w = w[:1] + "".join(rng.choice(MARKS) for _ in range(rng.randint(1, 4))) + w[1:]
            parts.append(w)
        elif r < 0.62:  # a run of marks or tatweel between spaces, often longer than a block
            parts.append("".join(rng.choice(MARKS) for _ in range(rng.randint(1, 200 if long_tokens else 20))))
        elif r < 0.68:  # a long whitespace run
            parts.append("".join(rng.choice(SPACES) for _ in range(rng.randint(1, 300))))
        elif r < 0.72:
            parts.append(rng.choice(["\n", "\r\n", "\n\n", "\n \n"]))
        elif r < 0.74:
            parts.append(b"\xff\xc3".decode("latin-1"))  # placeholder, made invalid below
        elif r < 0.77 and long_tokens:
            unit = rng.choice(["ب", "a", "😀", "a.", "ب😀", "\u0640", "1"])
            parts.append(unit * rng.randint(30, 400))
        else:
            parts.append(rng.choice(SPACES[:3]))
        parts.append(rng.choice([" ", " ", " ", "", "\t"]))
    text = "".join(parts)
    data = text.encode("utf-8")
    return data.replace("\u00ff\u00c3".encode("utf-8"), b"\xff\xc3")


def run(dhad, args, path, block, jobs):
    env = dict(os.environ, DHAD_BLOCK_SIZE=block)
    p = subprocess.run([dhad] + args + ["-j", str(jobs), path], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise AssertionError(f"dhad {' '.join(args)} exited {p.returncode}: {p.stderr[:300]!r}")
    return p.stdout


def merged_records(out):
    """JSONL records with adjacent pieces merged into one span: (kind, text, begin, end) for
    merged groups, the whole record otherwise."""
    merged = []
    for line in out.decode("utf-8").splitlines():
        r = json.loads(line)
        if r.get("piece") and merged and merged[-1].get("piece") and merged[-1]["end"] == r["begin"]:
            m = merged[-1]
            m["text"] += r["text"]
            m["end"] = r["end"]
            continue
        merged.append(r)
    return merged


def spans(records):
    return [(r.get("kind"), r["text"], r["begin"], r["end"]) for r in records]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dhad")
    ap.add_argument("--rounds", type=int, default=6)
    args = ap.parse_args()
    rng = random.Random(1009)
    exact = [["normalize"], ["normalize", "--profile", "lucene"], ["normalize", "--profile", "search"],
             ["tokenize"], ["tokenize", "--format", "jsonl"], ["tokenize", "--format", "tsv"],
             ["sentences"], ["sentences", "--format", "jsonl"], ["segment"],
             ["segment", "--format", "jsonl"], ["stem"], ["stem", "--algorithm", "isri"],
             ["stem", "--format", "tsv"], ["analyze"], ["correct"], ["correct", "--format", "jsonl"]]
    pieces_text = [["normalize"], ["normalize", "--profile", "search"], ["tokenize"], ["sentences"]]
    pieces_spans = [["tokenize", "--format", "jsonl"], ["segment", "--format", "jsonl"]]
    failures = 0
    checks = 0
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            long_tokens = round_ % 2 == 1
            path = os.path.join(tmp, f"in{round_}.txt")
            with open(path, "wb") as f:
                f.write(gen_text(rng, long_tokens))
            if long_tokens:
                cases = [(c, "text") for c in pieces_text] + [(c, "spans") for c in pieces_spans]
            else:
                cases = [(c, "exact") for c in exact]
            for cmd, how in cases:
                want = run(args.dhad, cmd, path, HUGE, 1)
                for block in SMALL:
                    for jobs in (1, 3):
                        got = run(args.dhad, cmd, path, block, jobs)
                        checks += 1
                        if how == "spans":
                            same = spans(merged_records(got)) == spans(merged_records(want))
                        else:
                            same = got == want
                        if not same:
                            failures += 1
                            at = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b),
                                      min(len(got), len(want)))
                            print(f"FAIL: dhad {' '.join(cmd)} with blocks of {block} at -j {jobs} "
                                  f"differs from one block (input {round_}, output byte {at}: "
                                  f"{got[max(0, at - 20):at + 20]!r} vs {want[max(0, at - 20):at + 20]!r})")
    print(f"block_boundary_test: {checks - failures} of {checks} checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
