#!/usr/bin/python3
"""Speed of the Python package (issue 13), measured, not asserted.

1. Batch calls against the CLI, per thread: `Pipeline.batch(stage, lines,
   threads=1)` with this process pinned to one core, against `dhad STAGE`
   pinned to the same core (`taskset -c 0`: its worker and its I/O thread
   share it), on the first --mb MB (whole lines) of the corpus, for
   normalize, stem and correct. The Python time includes turning the str
   lines into UTF-8 (fresh str objects each run, so CPython's cached UTF-8
   does not help) and the results back into str. The outputs are compared
   first: any difference stops the run.
2. Per-call overhead on short strings: --short strings of ten corpus words,
   one call each (`[p.normalize(s) for s in strings]`) and one batch call,
   calls/s.
3. normalize against CAMeL Tools' four normalizers run in-process. CAMeL
   Tools is not installable here (no PyPI), so the peer is a re-implementation
   of dediac_ar, normalize_alef_ar, normalize_alef_maksura_ar and
   normalize_teh_marbuta_ar in pure Python regexes and str.replace, as CAMeL
   Tools 1.x writes them; before timing, it must reproduce CAMeL's own outputs
   in ../shared/eval/camel byte for byte, and dhad's camel profile must equal
   it on the corpus lines.
4. With --dask N,M...: correction of the corpus lines on a distributed
   LocalCluster of N worker processes (one thread each), MB/s of the compute
   (cluster start and the first, warming, run excluded).

usage (the package installed with pip, e.g. into /tmp/dhad-py):
    /usr/bin/python3 -m pip install --no-build-isolation --target /tmp/dhad-py .
    PYTHONPATH=/tmp/dhad-py bench/python_bench.py --cli build/py/dhad/dhad [--mb 20]
        [--runs 3] [--short 1000000] [--dask 1,2]
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import dhad
import dhad.dask

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")

# ---- CAMeL Tools' normalizers, as camel_tools/utils/{dediac,normalize}.py
# write them (1.x): one compiled character class per rule, re.sub or
# str.replace, applied one after another.
AR_DIAC_CHARSET = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670")
_DIAC_RE_AR = re.compile("[" + re.escape("".join(sorted(AR_DIAC_CHARSET))) + "]")
_ALEF_NORMALIZE_AR_RE = re.compile("[\u0625\u0623\u0671\u0622]")


def dediac_ar(s):
    return _DIAC_RE_AR.sub("", s)


def normalize_alef_ar(s):
    return _ALEF_NORMALIZE_AR_RE.sub("\u0627", s)


def normalize_alef_maksura_ar(s):
    return s.replace("\u0649", "\u064a")


def normalize_teh_marbuta_ar(s):
    return s.replace("\u0629", "\u0647")


def camel_all(s):
    return normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(dediac_ar(s))))


CAMEL_MODES = {"dediac": dediac_ar, "alef": normalize_alef_ar,
               "alef_maksura": normalize_alef_maksura_ar,
               "teh_marbuta": normalize_teh_marbuta_ar, "all": camel_all}


def check_camel_reimplementation():
    """The re-implementation reproduces CAMeL Tools' outputs, every mode."""
    ref = os.path.join(SHARED, "eval", "camel")
    if not os.path.isdir(ref):
        sys.exit(f"python_bench: {ref} is missing: cannot check the CAMeL re-implementation")
    lines_checked = 0
    for base in ("codepoints", "slice"):
        with open(os.path.join(ref, base + ".txt"), encoding="utf-8") as f:
            src = f.read().split("\n")
        for mode, fn in CAMEL_MODES.items():
            with open(os.path.join(ref, f"{base}.{mode}.txt"), encoding="utf-8") as f:
                want = f.read().split("\n")
            got = [fn(line) for line in src]
            if got != want:
                bad = next(i for i, (a, b) in enumerate(zip(got, want)) if a != b)
                sys.exit(f"python_bench: the CAMeL re-implementation differs from CAMeL's "
                         f"{base}.{mode}.txt at line {bad + 1}")
            lines_checked += len(src)
    return lines_checked


def corpus_lines(mb):
    path = os.path.join(SHARED, "corpus", "saudinewsnet.txt")
    with open(path, "rb") as f:
        data = f.read(mb << 20)
    data = data[: data.rfind(b"\n") + 1]  # whole lines
    return data


def median_range(xs):
    return statistics.median(xs), min(xs), max(xs)


def fmt(rate, lo, hi):
    return f"{rate:,.0f} ({lo:,.0f}-{hi:,.0f})" if rate >= 10 else f"{rate:.1f} ({lo:.1f}-{hi:.1f})"


def pin(cpus):
    os.sched_setaffinity(0, cpus)


ALL_CPUS = set(range(os.cpu_count()))


def cli_job(cli, args, path):
    """A job: run the CLI pinned to CPU 0, output to /dev/null; seconds."""
    def run():
        t = time.perf_counter()
        subprocess.run(["taskset", "-c", "0", cli, *args, "--progress", "never", path],
                       stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - t
    return run


def py_job(fn, data, cpus=frozenset({0})):
    """A job: fn(lines) on fresh str lines (decoding not timed), on `cpus`;
    its result is kept until timed, as a caller would keep it."""
    def run():
        lines = data.decode("utf-8").split("\n")[:-1]
        pin(set(cpus))
        t = time.perf_counter()
        out = fn(lines)
        elapsed = time.perf_counter() - t
        pin(ALL_CPUS)
        del out
        return elapsed
    return run


def interleaved(jobs, runs, size):
    """Median and range of MB/s of each job, the jobs taking turns run after
    run, so that a change in the machine's load falls on all of them."""
    seconds = [[] for _ in jobs]
    for _ in range(runs):
        for i, job in enumerate(jobs):
            seconds[i].append(job())
    return [median_range([size / s / 1e6 for s in xs]) for xs in seconds]


def batch_vs_cli(args, data, path):
    print("\n## Batch API against the CLI, one core (both pinned to CPU 0)\n")
    lines = data.count(b"\n")
    print(f"first {len(data) / 1e6:.1f} MB of saudinewsnet.txt, {lines:,} lines; "
          f"MB/s median of {args.runs} (range)\n")
    print("| stage | dhad CLI, 1 core | Python batch, threads=1, 1 core | batch / CLI |")
    print("|---|---|---|---|")
    size = len(data)
    p = dhad.Pipeline()
    for stage, cli_args in (("normalize", ["normalize"]), ("stem", ["stem"]),
                            ("correct", ["correct"])):
        want = subprocess.run([args.cli, *cli_args, "--progress", "never", path],
                              capture_output=True, check=True).stdout.decode("utf-8")
        got = p.batch(stage, data.decode("utf-8").split("\n")[:-1], threads=1)
        if "\n".join(got) + "\n" != want:
            sys.exit(f"python_bench: {stage}: the batch call's output differs from the CLI's")
        cli, py = interleaved([cli_job(args.cli, cli_args, path),
                               py_job(lambda lines, s=stage: p.batch(s, lines, threads=1), data)],
                              args.runs, size)
        print(f"| {stage} | {fmt(*cli)} | {fmt(*py)} | {py[0] / cli[0]:.0%} |")


def short_strings(args, data):
    words = data.decode("utf-8").split()
    n = args.short
    starts = (i * 10 % (len(words) - 10) for i in range(n))
    strings = [" ".join(words[j:j + 10]) for j in starts]
    nbytes = sum(len(s.encode()) for s in strings)
    print(f"\n## Short strings: {n:,} strings of ten words ({nbytes / n:.0f} bytes each), "
          f"one core; median of {args.runs} (range)\n")
    print("| stage | one call per string, calls/s | one batch call, strings/s |")
    print("|---|---|---|")
    p = dhad.Pipeline()
    pin({0})
    for stage in ("normalize", "stem", "correct"):
        call = getattr(p, stage)
        one, batch = [], []
        for _ in range(args.runs):
            # Both keep their results, as a caller would (a loop that drops
            # each one reuses the same memory and measures less).
            t = time.perf_counter()
            out = [call(s) for s in strings]
            one.append(n / (time.perf_counter() - t))
            del out
            t = time.perf_counter()
            out = p.batch(stage, strings, threads=1)
            batch.append(n / (time.perf_counter() - t))
            del out
        print(f"| {stage} | {fmt(*median_range(one))} | {fmt(*median_range(batch))} |")
    pin(ALL_CPUS)


def camel(args, data):
    checked = check_camel_reimplementation()
    lines = data.decode("utf-8").split("\n")[:-1]
    p = dhad.Pipeline("camel")
    if [camel_all(line) for line in lines] != p.normalize_batch(lines):
        sys.exit("python_bench: dhad's camel profile differs from the CAMeL re-implementation")
    print("\n## normalize against CAMeL Tools' normalizers in-process (one core)\n")
    print("CAMeL Tools is not installable here: its four normalizers are re-implemented in "
          "pure Python regexes as CAMeL writes them (bench/python_bench.py), checked to "
          f"reproduce CAMeL 1.6.0's outputs in ../shared/eval/camel ({checked:,} lines, 5 "
          "modes) and to equal `dhad.normalize(profile=\"camel\")` on every corpus line.\n")
    print("| how | MB/s median (range) | vs CAMeL |")
    print("|---|---|---|")
    size = len(data)
    # Each line with an emoji, as web text has them: one makes a str
    # four-byte (5 bytes more a line, 0.2%: the same size is used for MB/s).
    emoji_data = data.replace(b"\n", " \U0001F600\n".encode())
    names = ["CAMeL re-implementation, one call per line",
             "str to UTF-8 and back alone (what bounds an extension working on UTF-8), one call per line",
             "dhad.Pipeline('camel').normalize, one call per line",
             "CAMeL re-implementation, one call per line with an emoji (a four-byte str)",
             "dhad.Pipeline('camel').normalize, one call per line with an emoji",
             "dhad normalize_batch, threads=1",
             "CAMeL re-implementation of the whole text, one call",
             "dhad.normalize of the whole text, one call",
             f"dhad normalize_batch, threads={os.cpu_count()}, unpinned"]
    results = interleaved([
        py_job(lambda ls: [camel_all(s) for s in ls], data),
        py_job(lambda ls: [s.encode().decode() for s in ls], data),
        py_job(lambda ls: [p.normalize(s) for s in ls], data),
        py_job(lambda ls: [camel_all(s) for s in ls], emoji_data),
        py_job(lambda ls: [p.normalize(s) for s in ls], emoji_data),
        py_job(lambda ls: p.normalize_batch(ls, threads=1), data),
        py_job(lambda ls: camel_all("\n".join(ls)), data),
        py_job(lambda ls: p.normalize("\n".join(ls)), data),
        py_job(lambda ls: p.normalize_batch(ls, threads=0), data, ALL_CPUS),
    ], args.runs, size)
    base = results[0]
    rows = list(zip(names, results))
    for name, r in rows:
        print(f"| {name} | {fmt(*r)} | {r[0] / base[0]:.1f}x |")
    # Both whole-text rows write one fresh str the size of the text, which
    # this VM pays for in page faults; compare them with each other.
    whole = {name: r[0] for name, r in rows if "whole text" in name}
    camel_whole, dhad_whole = whole.values()
    print(f"\nThe whole text in one call: dhad {dhad_whole / camel_whole:.1f}x the re-implementation.")


def dask_runs(args, data, path):
    import dask.bag as db
    import distributed

    lines = data.decode("utf-8").split("\n")[:-1]
    want = subprocess.run([args.cli, "correct", "--progress", "never", path],
                          capture_output=True, check=True).stdout.decode("utf-8")
    print(f"\n## Dask: correct on a LocalCluster ({os.cpu_count()} cores here)\n")
    print("| worker processes | MB/s median (range) |")
    print("|---|---|")
    for n in args.dask:
        with distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                      dashboard_address=None, silence_logs=40) as cluster, \
                distributed.Client(cluster) as client:
            bag = client.persist(db.from_sequence(lines, npartitions=max(8, 4 * n)))
            distributed.wait(bag)
            rates = []
            for run in range(args.runs + 1):
                t = time.perf_counter()
                got = dhad.dask.map_bag(bag, "correct").compute()
                if run > 0:  # the first run builds each worker's pipeline
                    rates.append(len(data) / (time.perf_counter() - t) / 1e6)
            if "\n".join(got) + "\n" != want:
                sys.exit("python_bench: the Dask output differs from the CLI's")
        print(f"| {n} | {fmt(*median_range(rates))} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "py", "dhad", "dhad"))
    ap.add_argument("--mb", type=int, default=20)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--short", type=int, default=1_000_000)
    ap.add_argument("--dask", type=lambda s: [int(x) for x in s.split(",")], default=[])
    ap.add_argument("--only", default="batch,short,camel,dask")
    args = ap.parse_args()
    only = args.only.split(",")
    data = corpus_lines(args.mb)
    print(f"dhad {dhad.__version__}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}")
    with tempfile.NamedTemporaryFile(suffix=".txt") as f:
        f.write(data)
        f.flush()
        if "batch" in only:
            batch_vs_cli(args, data, f.name)
        if "short" in only:
            short_strings(args, data)
        if "camel" in only:
            camel(args, data)
        if "dask" in only and args.dask:
            dask_runs(args, data, f.name)


if __name__ == "__main__":
    main()
