"""Checks that `dhad stem`'s text output says what its jsonl records say.

    stem_text_vs_records.py INPUT RECORDS TEXT

INPUT is the text stemmed (whole lines, each ending in \\n), RECORDS the output
of `dhad stem --format jsonl INPUT` (one record per token, from the stemmer
word by word) and TEXT that of `dhad stem INPUT` (the fast text path: each
line's stems joined by single spaces, its \\r kept). Exit 0 when TEXT is what
the records make of each line, 1 otherwise, naming the first differing line.
"""
import json
import sys


def main():
    data_path, records_path, text_path = sys.argv[1:4]
    data = open(data_path, "rb").read()
    records = [json.loads(line) for line in open(records_path, encoding="utf-8")]
    want, i, pos = [], 0, 0
    for line in data.split(b"\n")[:-1]:
        end = pos + len(line)
        stems = []
        while i < len(records) and records[i]["begin"] < end:
            stems.append(records[i]["stem"])
            i += 1
        want.append(" ".join(stems) + ("\r" if line.endswith(b"\r") else "") + "\n")
        pos = end + 1
    if i != len(records):
        sys.exit("%d records past the last line" % (len(records) - i))
    # Split on \n alone: str.splitlines would also split on \r, U+2028 and more.
    parts = open(text_path, "rb").read().decode("utf-8").split("\n")
    got = [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    for n, (w, g) in enumerate(zip(want, got)):
        if w != g:
            sys.exit("line %d: text path %r, records %r" % (n + 1, g[:200], w[:200]))
    if len(got) != len(want):
        sys.exit("text path wrote %d lines, the records make %d" % (len(got), len(want)))
    print("%d lines, %d tokens: the text path says what the records say" % (len(want), len(records)))


if __name__ == "__main__":
    main()
