#!/usr/bin/python3
"""Makes a noisy copy of well-spelled news sentences, with its corrections,
in pud-dev's format: a larger set to tune and test the corrector on than
pud-dev's 500 sentences, drawn from text the model was not learned from.

usage: make_noise.py CORPUS OUT_DIR [--skip N] [--sentences N] [--seed S]
                     [--stats STATS_JSON]

CORPUS holds one article per line (../shared/corpus/saudinewsnet.txt). The
sentences come from the articles after the first --skip (28000 by default:
learn the model from those with `tools/correct/build_model.sh ... 28000`, so
that the set is text it has not seen). OUT_DIR gets clean.txt, noisy.txt and
noisy_gold.tsv, which tools/correct/eval.py --set OUT_DIR scores with the
shared scorer.

The news has its own misspellings (ان for أن, الى for إلى, اسطنبول for
إسطنبول; فى for في, الإتفاقية for الاتفاقية): a sentence is left out if one
of its words is another word of the corpus with a usual slip made (a hamza,
final ى or ة typed bare) and not twice as frequent as it, or the reverse of
a word twice as frequent; so is one with Latin letters or fewer than 6 words.
(This also leaves out the name علي, a hundredth as frequent as على.)

The noise is made as pud-dev's was, as far as its published figures and its
noisy_gold.tsv show: each word gets at most one error, each class with the
probability per eligible word of pud-dev's stats.json (--stats):
  hamza          every أ إ آ of the word typed ا
  alef_maqsura   a final ى typed ي
  ta_marbuta     a final ة typed ه (a final ه typed ة, a tenth as often)
  space_deletion the space before the next word left out
  substitution   one letter but the first replaced by a key beside it on
                 the Arabic keyboard (one time in ten, a letter of the same
                 shape with other dots)
  deletion       one letter but the first left out
Every row of noisy_gold.tsv is checked against the class the shared scorer
infers for it (arabic_eval_common.infer_class, beside stats.json's folder);
a mismatch is an error (exit 1).
"""
import argparse
import collections
import json
import os
import random
import re
import sys

ROWS = ["ضصثقفغعهخحجد", "شسيبلاتنمكط", "ئءؤرلاىةوزظ"]
DOT_SHAPES = ["بتثني", "جحخ", "دذ", "رز", "سش", "صض", "طظ", "عغ", "فق"]
ARABIC = re.compile(r"^[\u0621-\u063A\u0641-\u064A]+$")
HAMZA_SEATS = "أإآ"


def keyboard_neighbours():
    """Letter -> the letters beside it in its row (لا is one key: its ل)."""
    rows = [list(r.replace("لا", "ل")) for r in ROWS]
    out = collections.defaultdict(list)
    for row in rows:
        for i, c in enumerate(row):
            for j in (i - 1, i + 1):
                if 0 <= j < len(row) and row[j] != c:
                    out[c].append(row[j])
    return out


def dot_neighbours():
    out = collections.defaultdict(list)
    for group in DOT_SHAPES:
        for c in group:
            out[c] += [d for d in group if d != c]
    return out


def skeleton(word):
    w = re.sub("[أإآ]", "ا", word)
    if w.endswith("ى"):
        w = w[:-1] + "ي"
    if w.endswith("ة"):
        w = w[:-1] + "ه"
    return w


def sentences(article):
    for s in re.split(r"(?<=[.!؟?])\s+", article.strip()):
        yield s


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--skip", type=int, default=28000)
    ap.add_argument("--sentences", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--stats", default=os.path.join(here, "..", "..", "..", "shared", "eval",
                                                    "pud-dev", "stats.json"))
    args = ap.parse_args()
    with open(args.stats, encoding="utf-8") as f:
        p = json.load(f)["p_per_eligible_word"]
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(args.stats))))
    # The shared scorer's: what it takes for a word's letters and its class.
    from arabic_eval_common import infer_class, split_punct

    # Word counts over the whole corpus, to find far rarer spellings.
    counts = collections.Counter()
    with open(args.corpus, encoding="utf-8") as f:
        articles = f.read().split("\n")
    for a in articles:
        counts.update(w for w in re.findall(r"[\u0621-\u063A\u0641-\u064A]+", a))
    groups = collections.defaultdict(list)
    for w in counts:
        groups[skeleton(w)].append(w)

    def marked(a, b):
        """Whether b is a with some of its usual slips undone (a hamza on a
        bare alef, a final ى for ي, a final ة for ه) and nothing else."""
        if a == b or len(a) != len(b):
            return False
        for k, (x, y) in enumerate(zip(a, b)):
            if x != y and not (x == "ا" and y in HAMZA_SEATS or
                               k == len(a) - 1 and (x, y) in (("ي", "ى"), ("ه", "ة"))):
                return False
        return True

    def well_spelled(word):
        c = counts[word]
        return not any(marked(word, m) and counts[m] * 2 >= c or
                       marked(m, word) and counts[m] >= 2 * c
                       for m in groups[skeleton(word)])

    pool, seen = [], set()
    for a in articles[args.skip:]:
        for s in sentences(a):
            if s in seen:  # the corpus repeats some articles
                continue
            seen.add(s)
            toks = s.split()
            if not 6 <= len(toks) <= 40 or re.search(r"[A-Za-z]", s):
                continue
            cores = [split_punct(t)[1] for t in toks]
            if any(c and not ARABIC.match(c) and not c.isdigit() for c in cores):
                continue
            if all(not c or c.isdigit() or well_spelled(c) for c in cores):
                pool.append(toks)
    rng = random.Random(args.seed)
    rng.shuffle(pool)
    well = len(pool)
    pool = pool[:args.sentences]

    keys, dots = keyboard_neighbours(), dot_neighbours()

    def substitute(core):
        i = rng.randrange(1, len(core))
        near = dots[core[i]] if rng.random() < 0.1 and dots[core[i]] else keys[core[i]]
        if not near:
            return None
        return core[:i] + rng.choice(near) + core[i + 1:]

    mismatches = 0
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "clean.txt"), "w", encoding="utf-8") as clean, \
            open(os.path.join(args.out, "noisy.txt"), "w", encoding="utf-8") as noisy, \
            open(os.path.join(args.out, "noisy_gold.tsv"), "w", encoding="utf-8") as gold:
        gold.write("sent_idx\tsent_id\tnoisy_pos\tclean_pos\tclass\twrong\tright\n")
        for n, toks in enumerate(pool):
            out, rows = [], []
            i = 0
            while i < len(toks):
                lead, core, trail = split_punct(toks[i])
                wrong, cls = None, None
                if core and ARABIC.match(core) and len(core) >= 2:
                    choices = []
                    if any(c in HAMZA_SEATS for c in core):
                        choices.append(("hamza", p["hamza"]))
                    if core.endswith("ى"):
                        choices.append(("alef_maqsura", p["alef_maqsura"]))
                    if core.endswith("ة"):
                        choices.append(("ta_marbuta", p["ta_marbuta"]))
                    elif core.endswith("ه"):
                        choices.append(("ta_marbuta", p["ta_marbuta"] / 10))
                    nxt = split_punct(toks[i + 1]) if i + 1 < len(toks) else None
                    if not trail and nxt and not nxt[0] and nxt[1] and ARABIC.match(nxt[1]):
                        choices.append(("space_deletion", p["space_deletion"]))
                    if len(core) >= 3:
                        choices.append(("substitution", p["substitution"]))
                        choices.append(("deletion", p["deletion"]))
                    r = rng.random()
                    for c, q in choices:
                        if r < q:
                            cls = c
                            break
                        r -= q
                if cls == "hamza":
                    wrong = re.sub("[أإآ]", "ا", core)
                elif cls == "alef_maqsura":
                    wrong = core[:-1] + "ي"
                elif cls == "ta_marbuta":
                    wrong = core[:-1] + ("ه" if core.endswith("ة") else "ة")
                elif cls == "substitution":
                    wrong = substitute(core)
                elif cls == "deletion":
                    k = rng.randrange(1, len(core))
                    wrong = core[:k] + core[k + 1:]
                if cls == "space_deletion":
                    joined = toks[i] + toks[i + 1]
                    rows.append((len(out), i, cls, joined, toks[i] + " " + toks[i + 1]))
                    out.append(joined)
                    i += 2
                    continue
                if wrong and wrong != core:
                    rows.append((len(out), i, cls, lead + wrong + trail, toks[i]))
                    out.append(lead + wrong + trail)
                else:
                    out.append(toks[i])
                i += 1
            clean.write(" ".join(toks) + "\n")
            noisy.write(" ".join(out) + "\n")
            for npos, cpos, cls, w, r in rows:
                if infer_class(w, r) != cls:
                    mismatches += 1
                gold.write("%d\ts%05d\t%d\t%d\t%s\t%s\t%s\n" % (n, n, npos, cpos, cls, w, r))
    print("%d sentences of %d well-spelled ones" % (len(pool), well), file=sys.stderr)
    if mismatches:
        print("make_noise.py: %d errors of another class than the scorer infers" % mismatches,
              file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
