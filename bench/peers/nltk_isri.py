#!/usr/bin/python3
"""Peer for the isri benchmark: NLTK's ISRIStemmer over whitespace tokens.

Reads text on stdin, writes each line's tokens stemmed, separated by spaces
(what `dhad stem --algorithm isri` does; dhad also splits punctuation off,
which only makes its job bigger). Run with Debian's /usr/bin/python3.
"""
import sys

from nltk.stem.isri import ISRIStemmer


def main():
    stem = ISRIStemmer().stem
    out = sys.stdout
    for line in sys.stdin:
        out.write(" ".join(stem(w) for w in line.split()))
        out.write("\n")


if __name__ == "__main__":
    main()
