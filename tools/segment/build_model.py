#!/usr/bin/env python3
"""Builds the clitic segmenter's model, data/segment/segment.model.

usage: /usr/bin/python3 tools/segment/build_model.py [--corpus FILE] [--dic FILE]
           [--aff FILE] [--out FILE] [--segment WORD...]

Inputs (see data/NOTICE for their licences):
  * Debian's hunspell-ar (Ayaspell) ar.dic + ar.aff, expanded selectively by
    hunspell_ar.py into the forms words take without clitics;
  * word counts of ../shared/corpus/saudinewsnet.txt (SaudiNewsNet);
  * data/segment/params.tsv (scoring weights) and function_words.tsv.

The model holds four tables and the weights:
  COUNTS     folded word -> round(16 * ln(count + alpha)), words seen twice or more
  LEXICON    word -> hunspell-ar bits (base form, takes ال, verb, imperfect,
             closed class, noun), for the base forms the corpus attests
  OVERRIDES  word -> segmentation, from function_words.tsv
  DECISIONS  word -> segmentation, for every corpus word seen twice or more:
             a cache of what the scorer decides, so that frequent words cost
             one lookup (src/segment/segment.cc recomputes a missing word the
             same way, in the same integer arithmetic)
The scorer below and Segmenter::segment_reference in src/segment/segment.cc
are the same algorithm; keep them in step (segment_test and
tests/peers/segment_driver.cc --check compare the cache with the C++ scorer).

The file is a dhad model container (include/dhad/model.h; written by
tools/model/container.py) of kind SEGM, version 1, whose sections are listed
in src/segment/segment_model.h: weights, the four tables above (hash tables
of src/model/model.h with 1-byte values) and about.
"""
import argparse
import collections
import math
import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "model"))  # tools/model
import container  # noqa: E402
import hunspell_ar  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COMMAND = "/usr/bin/python3 tools/segment/build_model.py"

KIND = "SEGM"  # kModelKind and kModelVersion in src/segment/segment_model.h
VERSION = 1
SCALE = 16  # score units per nat
MIN_COUNT = 2  # corpus words seen fewer times are left to the fallback
MAX_LETTERS = 48  # longer words are never split

# The tables and the seeds of their hashes (stored in each table).
SEED = {"counts": 0x636f756e74730000, "lexicon": 0x6c657869636f6e00,
        "decisions": 0x6465636973696f6e, "overrides": 0x6f76657272696465}

# Must match enum Param in src/segment/segment_model.h (same order).
PARAM_NAMES = ["alpha", "lexicon", "closed", "host", "short", "verb_prep", "unknown_wa",
               "unknown_al", "proclitic_wa", "proclitic_fa", "proclitic_bi", "proclitic_ka",
               "proclitic_li", "proclitic_sa", "enclitic_3rd", "enclitic_2nd",
               "enclitic_2nd_rare", "enclitic_1st", "enclitic_na"]

# The grammar (must match src/segment/segment.cc): conjunction, then a
# preposition or the future particle, then the stem, then one pronoun.
PROC1 = ["", "و", "ف"]
PROC2 = ["", "ب", "ك", "ل", "س"]
PROC_COST = {"و": "proclitic_wa", "ف": "proclitic_fa", "ب": "proclitic_bi",
             "ك": "proclitic_ka", "ل": "proclitic_li", "س": "proclitic_sa"}
ENC = ["ه", "ها", "هم", "هما", "هن", "ك", "كما", "كم", "كن", "ي", "ني", "نا"]
ENC_COST = {"ه": "enclitic_3rd", "ها": "enclitic_3rd", "هم": "enclitic_3rd",
            "هما": "enclitic_3rd", "هن": "enclitic_3rd", "ك": "enclitic_2nd",
            "كم": "enclitic_2nd", "كما": "enclitic_2nd_rare", "كن": "enclitic_2nd_rare",
            "ي": "enclitic_1st", "ني": "enclitic_1st", "نا": "enclitic_na"}

# Lexicon bits (hunspell_ar.expand).
B_BASE, B_ART, B_VERB, B_IMPERF, B_CLOSED, B_NOUN = 1, 2, 4, 8, 16, 32

LETTERS = "\u0621-\u063a\u0641-\u064a\u0671"
MARKS = "\u064b-\u0652\u0670\u0640"
WORD_RE = re.compile("[%s][%s%s]*" % (LETTERS, LETTERS, MARKS))
MARK_RE = re.compile("[%s]" % MARKS)
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"})



def fold(s):
    """Hamza-seated and wasla alef to bare alef, alef maksura to yeh: the
    spellings that vary most in real text. Same length in UTF-8."""
    return s.translate(_FOLD)


def read_params(path):
    vals = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line.startswith("name\t"):
                continue
            name, value = line.split("\t")[:2]
            vals[name] = float(value)
    missing = [n for n in PARAM_NAMES if n not in vals]
    if missing:
        sys.exit("params.tsv lacks %s" % ", ".join(missing))
    return vals


def decision_byte(n_proc, n_enc, article):
    return n_proc | (n_enc << 2) | (16 if article else 0)


def read_function_words(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            word, seg = line.split("\t")
            pieces = seg.split("+")
            if "".join(pieces) != word:
                sys.exit("function_words.tsv: %s: pieces do not spell the word" % word)
            n_enc = len(pieces[-1]) if len(pieces) > 1 and pieces[-1] in ENC else 0
            procs = pieces[:-1] if not n_enc else pieces[:-2]
            if any(len(p) != 1 for p in procs) or len(procs) > 3:
                sys.exit("function_words.tsv: %s: a proclitic is one letter" % word)
            out[word] = decision_byte(len(procs), n_enc, False)
    return out


class Scorer:
    """The segmentation decision, in the integer arithmetic of segment.cc."""

    def __init__(self, counts, lexicon, overrides, params):
        self.counts = counts  # folded -> quantized log count
        self.lexicon = lexicon  # raw -> bits
        self.overrides = overrides
        self.p = params  # name -> int (score units)
        self.l0 = params["alpha"]

    def L(self, v):
        return self.counts.get(fold(v), self.l0)

    def hun(self, v):
        b = self.lexicon.get(v, 0)
        if b:
            return b
        if len(v) > 2 and v.startswith("ال") and self.lexicon.get(v[2:], 0) & B_ART:
            return B_BASE | B_NOUN
        return 0

    def evidence(self, v):
        return self.L(v) + (self.p["lexicon"] if self.hun(v) else 0)

    def score_split(self, p1, p2, s, e, tanween, wh):
        p = self.p
        if e and tanween:
            return None
        if s == "ال":
            return None
        if e and s.startswith("ال") and not (len(s) == 3 and s[2] in "يى"):
            return None  # the article and a pronoun never share a word
        vs = [s]
        if e:
            last = s[-1]
            if last == "ت":
                vs.append(s[:-1] + "ة")
            elif last == "ا":
                vs.append(s[:-1] + "ى")
            elif last == "و":
                vs.append(s + "ا")
            elif last in "ؤئ":
                vs.append(s[:-1] + "ء")
        if p2 == "ل" and s.startswith("ل"):
            vs.append("ا" + s)  # ل + الـ is written لل
        cnt = max(self.L(v) for v in vs)
        h = 0
        for v in vs:
            h |= self.hun(v)
        if p2 == "س" and not h & B_IMPERF:
            return None
        sc = cnt + (p["lexicon"] if h else 0)
        if h & B_CLOSED and not wh & B_CLOSED:
            sc += p["closed"]
        if len(s) == 1:
            sc += p["host"]
        if p1:
            sc -= p[PROC_COST[p1]]
        if p2:
            sc -= p[PROC_COST[p2]]
            if p2 in "بك" and h and not h & (B_NOUN | B_CLOSED):
                sc -= p["verb_prep"]
            if p2 == "ل" and h and not h & (B_NOUN | B_CLOSED | B_IMPERF):
                sc -= p["verb_prep"]
        if e:
            sc -= p[ENC_COST[e]]
        if len(s) == 2 and not h & B_CLOSED:
            sc -= p["short"]
        return sc

    def score_whole(self, k):
        p = self.p
        h = self.hun(k)
        sc = self.L(k) + (p["lexicon"] if h else 0)
        if fold(k) not in self.counts and not h:
            if k.startswith(("وال", "بال", "فال", "كال", "لل")):
                sc -= p["unknown_al"]
            elif k.startswith("و") and len(k) >= 4:
                sc -= p["unknown_wa"]
        return sc

    def analyze(self, k, tanween=False):
        """(p1, p2, stem, enclitic) for the letters k (marks removed)."""
        best = ("", "", k, "")
        if len(k) > MAX_LETTERS:
            return best
        best_sc = self.score_whole(k)
        wh = self.hun(k)
        for p1 in PROC1:
            if not k.startswith(p1):
                continue
            for p2 in PROC2:
                if len(k) < len(p1) + len(p2) or k[len(p1):len(p1) + len(p2)] != p2:
                    continue
                r = k[len(p1) + len(p2):]
                for e in [""] + ENC:
                    if not (p1 or p2 or e):
                        continue
                    if e and not r.endswith(e):
                        continue
                    s = r[:len(r) - len(e)]
                    if len(s) < 2 and not (len(s) == 1 and e and not p2 and s in "لب"):
                        continue
                    sc = self.score_split(p1, p2, s, e, tanween, wh)
                    if sc is not None and sc > best_sc:
                        best, best_sc = (p1, p2, s, e), sc
        return best

    def article(self, p2, s):
        if len(s) >= 4 and s.startswith("ال"):
            return not self.hun(s) & B_CLOSED
        if p2 == "ل" and len(s) >= 3 and s.startswith("ل"):
            return self.evidence("ا" + s) > self.evidence(s)
        return False

    def decide(self, k, tanween=False):
        if k in self.overrides:
            return self.overrides[k]
        p1, p2, s, e = self.analyze(k, tanween)
        return decision_byte(len(p1) + len(p2), len(e), self.article(p2, s))


def count_corpus(path):
    counts = collections.Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            for m in WORD_RE.findall(line):
                counts[MARK_RE.sub("", m)] += 1
    return counts


def build_table(items, seed):
    """items: {str key: int value 0..255} -> bytes of a table section."""
    try:
        return container.table(items, seed)
    except ValueError as e:
        sys.exit(str(e))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "saudinewsnet.txt"))
    ap.add_argument("--dic", default="/usr/share/hunspell/ar.dic")
    ap.add_argument("--aff", default="/usr/share/hunspell/ar.aff")
    ap.add_argument("--params", default=os.path.join(ROOT, "data", "segment", "params.tsv"))
    ap.add_argument("--function-words", default=os.path.join(ROOT, "data", "segment", "function_words.tsv"))
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "segment", "segment.model"))
    ap.add_argument("--segment", nargs="*", help="print the analysis of these words and exit")
    a = ap.parse_args()
    for p in (a.corpus, a.dic, a.aff):
        if not os.path.exists(p):
            sys.exit("missing %s (apt-get install hunspell-ar; ../shared/corpus)" % p)

    fparams = read_params(a.params)
    params = {n: int(round(SCALE * fparams[n])) for n in PARAM_NAMES}
    params["alpha"] = int(round(SCALE * math.log(fparams["alpha"])))

    print("expanding hunspell-ar ...", file=sys.stderr)
    forms = hunspell_ar.expand(a.dic, a.aff)
    print("counting %s ..." % a.corpus, file=sys.stderr)
    raw = count_corpus(a.corpus)
    folded = collections.Counter()
    for w, n in raw.items():
        folded[fold(w)] += n
    counts = {}
    for w, n in folded.items():
        if n >= MIN_COUNT:
            counts[w] = min(255, max(1, int(round(SCALE * math.log(n + fparams["alpha"])))))
    # Base forms the corpus attests, bare or with the article: the rest only
    # bloat the model (the fallback for unseen words keys on corpus evidence).
    lexicon = {w: b for w, b in forms.items()
               if fold(w) in folded or fold("ال" + w) in folded}
    overrides = read_function_words(a.function_words)
    scorer = Scorer(counts, lexicon, overrides, params)
    if a.segment is not None:
        for w in a.segment:
            k = MARK_RE.sub("", w)
            print(w, scorer.analyze(k), scorer.decide(k))
        return

    print("deciding %d words ..." % len(raw), file=sys.stderr)
    decisions = {}
    for w, n in raw.items():
        if n >= MIN_COUNT and len(w) <= MAX_LETTERS:
            decisions[w] = scorer.decide(w)
    decisions.update(overrides)

    blob = struct.pack("<I", len(PARAM_NAMES)) + struct.pack(
        "<%di" % len(PARAM_NAMES), *[params[n] for n in PARAM_NAMES])
    about = ("dhad clitic segmentation model (%s version %d)\n"
             "built by %s\n"
             "from hunspell-ar (Ayaspell, GPL-2+/LGPL-2.1+/MPL-1.1) %s\n"
             "and word counts of SaudiNewsNet (CC BY-NC-SA 4.0) %s: %d tokens, %d types\n"
             "counts %d, lexicon %d, decisions %d, overrides %d\n" % (
                 KIND, VERSION, COMMAND, os.path.basename(a.dic), os.path.basename(a.corpus),
                 sum(raw.values()), len(raw), len(counts), len(lexicon), len(decisions),
                 len(overrides))).encode("utf-8")
    sections = [("weights", blob, 8)]
    sections += [(name, build_table(items, SEED[name]), 8) for name, items in (
        ("counts", counts), ("lexicon", lexicon), ("decisions", decisions),
        ("overrides", overrides))]
    sections.append(("about", about, 1))
    size = container.write(a.out, KIND, VERSION, sections)
    sys.stderr.write(about.decode("utf-8"))
    print("wrote %s (%d bytes)" % (a.out, size), file=sys.stderr)


if __name__ == "__main__":
    main()
