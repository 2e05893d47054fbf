#!/usr/bin/python3
"""Tunes the corrector's channel costs (CorrectWeights) for F0.5 on the tune
half of pud-dev (even lines; tools/correct/eval.py), by coordinate descent,
keeping false changes at most --max-false (0.002). Prints the best weights as
a --weights list; the defaults in include/dhad/correct.h are set from it by
hand. Report the held-out half (eval.py --half held) next to any figure.

usage: tune.py [--dhad PATH] [--shared DIR] [--set DIR] [--vary A,B,...] [--model FILE]
               [--rounds N]

--set DIR tunes on the even lines of another set in pud-dev's format
(tools/correct/make_noise.py) instead. --vary A,B,... tunes only those
weights, the others staying at their defaults.
"""
import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import eval as ev  # noqa: E402

START = {  # name: (start, step); the start is include/dhad/correct.h's default
    "hamza_add": (-0.875, 0.5), "hamza_change": (-7.0, 1.0), "alef_maqsura": (-2.5, 0.5),
    "ta_marbuta": (-1.75, 0.5), "split": (-2.0, 1.0), "edit": (-11.0, 1.0),
    "edit_near": (-8.0, 1.0), "unknown_word": (-13.0, 1.0), "unknown_variant": (-2.0, 1.0), "unknown_long": (-2.0, 1.0), "known_bonus": (1.5, 0.5),
    "lexicon_bonus": (0.5, 0.5), "inflected_bonus": (1.75, 1.0), "final_inside": (-20.0, 4.0), "respelled_word": (-2.0, 1.0), "spelled_nearby": (-2.0, 1.0), "dictionary_word": (-2.0, 1.0), "unspelled_split": (3.0, 1.0), "clitic_variant": (0.0, 1.0), "min_confidence": (0.55, 0.1),
}


def objective(summary, max_false):
    f = summary["classes"]["ALL"]["f0_5"]
    fc = summary["false_change_rate"]
    return f - (10 * (fc - max_false) if fc > max_false else 0), f, fc


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dhad", default=os.path.join(ev.ROOT, "build", "rel", "dhad"))
    ap.add_argument("--shared", default=os.path.join(ev.ROOT, "..", "shared"))
    ap.add_argument("--set")
    ap.add_argument("--vary", help="the weights to tune (default: all)")
    ap.add_argument("--model")
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--max-false", type=float, default=0.002)
    args = ap.parse_args()
    vary = args.vary.split(",") if args.vary else list(START)
    unknown = [k for k in vary if k not in START]
    if unknown:
        ap.error("no weight named %s" % ", ".join(unknown))
    cur = {k: v[0] for k, v in START.items()}
    step = {k: v[1] for k, v in START.items()}

    def score(params, d):
        a = argparse.Namespace(**vars(args))
        a.weights = ",".join("%s=%g" % (k, v) for k, v in params.items() if k != "min_confidence")
        a.min_confidence = params["min_confidence"]
        _, summary, _, _ = ev.run(a, "tune", d, table=False)
        return objective(summary, args.max_false)

    with tempfile.TemporaryDirectory() as d:
        best = score(cur, d)
        print("start", best, flush=True)
        for r in range(args.rounds):
            for k in vary:
                for sign in (1, -1):
                    trial = dict(cur)
                    trial[k] = round(cur[k] + sign * step[k], 3)
                    if k == "min_confidence" and not 0 < trial[k] < 1:
                        continue
                    s = score(trial, d)
                    if s[0] > best[0] + 1e-9:
                        cur, best = trial, s
                        print("round %d %s=%g -> F0.5 %.4f fc %.4f" % (r, k, trial[k], s[1], s[2]),
                              flush=True)
                        break
            for k in step:
                step[k] /= 2 if r % 2 else 1
        print("best F0.5 %.4f false %.4f" % (best[1], best[2]))
        print(",".join("%s=%g" % (k, v) for k, v in cur.items() if k != "min_confidence"),
              "--min-confidence", cur["min_confidence"])


if __name__ == "__main__":
    main()
