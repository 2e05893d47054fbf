#!/usr/bin/python3
"""Whole-CLI benchmarks of dhad against its peers, in the same run.

usage: bench/run.py [--dhad PATH] [--peer-dir DIR] [--corpus FILE] [--mb 50]
                    [--runs 7] [--jobs 1,2] [--out FILE] [--only CMD,...]

Takes the first --mb MB (whole lines, valid UTF-8 only, so that Lucene++ sees
the same text) of the corpus, times each command as a whole process reading a
file and writing a fresh output file, --runs times, and prints a Markdown
table: the median MB/s with its range (slowest-fastest run), and the ratio of
medians to the peer doing the same job. Each job runs on one core (dhad and
the peer both pinned with `taskset -c 0`: dhad's worker and its reading and
writing thread share that core) and then unpinned at each -j of --jobs (dhad
-j 1 is a worker plus the I/O thread: two cores' worth, not "single thread"). Before timing, it
checks that the answers agree where the peers compute the same thing (the
lucene profile against Lucene++'s ArabicNormalizationFilter, the stemmers
against Lucene++'s ArabicStemFilter and NLTK's ISRIStemmer, token for token);
a check that cannot run (no lucene_peer, no NLTK, a peer that writes nothing
or too few lines) stops the run like a difference does.
Also runs the Google Benchmark kernels (bench_kernels) when they are built.
bench/README.md says how to reproduce the published table.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = "/usr/bin/python3"  # Debian's, which has NLTK
NLTK_ISRI = [PYTHON, os.path.join(ROOT, "bench/peers/nltk_isri.py")]
# The spell checker beside dhad correct: hunspell-ar listing the misspelled
# words (it only finds them; its first suggestion's accuracy is measured by
# tools/correct/hunspell_baseline.py). It is fed one word per line, its best
# case: on the corpus's long lines it is ~20x slower (0.06 MB/s).
HUNSPELL = ["hunspell", "-d", "ar", "-l"]


class AgreementError(Exception):
    """An agreement check that could not be made: a side failed, wrote nothing
    or wrote too few lines. Stops the run, as a difference does."""


def prepare_input(corpus, mb, path):
    """The first `mb` MB of whole, valid UTF-8 lines of the corpus."""
    limit = mb * 1000 * 1000
    total = dropped = 0
    with open(corpus, "rb") as f, open(path, "wb") as out:
        for line in f:
            if total + len(line) > limit:
                break
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                dropped += 1
                continue
            out.write(line)
            total += len(line)
    return total, dropped


def time_command(argv, stdin_path, runs, out_dir, pin=False):
    """Wall times of `runs` runs (pinned to CPU 0 with taskset when `pin`);
    output goes to a fresh file each time."""
    times = []
    out_path = os.path.join(out_dir, "dhad-bench-out")
    if pin:
        argv = ["taskset", "-c", "0", *argv]
    for _ in range(runs):
        if os.path.exists(out_path):
            os.unlink(out_path)
        with open(stdin_path, "rb") as fin, open(out_path, "wb") as fout:
            start = time.perf_counter()
            subprocess.run(argv, stdin=fin, stdout=fout, stderr=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - start)
    return times


def lines_of(argv, stdin_bytes, who):
    """The lines `argv` writes for `stdin_bytes`; AgreementError unless it runs
    and exits 0."""
    try:
        r = subprocess.run(argv, input=stdin_bytes, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        raise AgreementError(f"{who} could not run: {e}") from e
    if r.returncode != 0:
        last = r.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise AgreementError(f"{who} exited with {r.returncode}" + (f": {last[0]}" if last else ""))
    lines = r.stdout.split(b"\n")
    if lines[-1] == b"":
        lines.pop()  # the last line's end, not an empty line
    return lines


def peer_tokens(peer, input_path, sample_bytes):
    """Lucene's tokens of the whole lines of the first `sample_bytes` of the input."""
    with open(input_path, "rb") as f:
        sample = f.read(sample_bytes)
    sample = sample[: sample.rfind(b"\n") + 1]
    tokens = lines_of([peer, "tokens"], sample, "lucene_peer tokens")
    if not any(tokens):
        raise AgreementError(f"lucene_peer tokens wrote no token for {len(sample)} bytes of input")
    return tokens


def differences(inputs, theirs, ours, who):
    """How many of `ours` differ from `theirs`, one line per input each.
    AgreementError when either side wrote nothing or not one line per input: a
    peer that writes nothing must not pass for one that agrees."""
    for side, lines in ((who, theirs), ("dhad", ours)):
        if len(lines) != len(inputs):
            raise AgreementError(f"{side} wrote {len(lines)} lines for {len(inputs)} tokens")
    return sum(a != b for a, b in zip(theirs, ours))


def check_lucene_agreement(dhad, peer, input_path, sample_bytes=4_000_000):
    """dhad normalize --profile lucene vs Lucene++ on Lucene's own tokens."""
    tokens = peer_tokens(peer, input_path, sample_bytes)
    stdin = b"\n".join(tokens) + b"\n"
    theirs = lines_of([peer, "normalize"], stdin, "lucene_peer normalize")
    ours = lines_of([dhad, "normalize", "--profile", "lucene"], stdin, "dhad normalize")
    return len(tokens), differences(tokens, theirs, ours, "Lucene++")


def check_stem_agreement(driver, peer, input_path, sample_bytes=2_000_000):
    """dhad's stemmers vs Lucene++ ArabicStemFilter and NLTK ISRI, token for token.

    Through stem_driver (one token per line in, one stem out): the CLI would
    first split tokens the way dhad's tokenizer does ('وMD' -> 'و' 'MD'),
    which is a tokenizer difference, not a stemmer one."""
    tokens = sorted(set(peer_tokens(peer, input_path, sample_bytes)) - {b""})
    distinct = b"\n".join(tokens) + b"\n"
    results = []
    theirs = lines_of([peer, "stem"], distinct, "lucene_peer stem")
    ours = lines_of([driver, "light10"], distinct, "stem_driver light10")
    results.append(("light10", "Lucene++ ArabicStemFilter", len(tokens),
                    differences(tokens, theirs, ours, "Lucene++")))
    theirs = lines_of(NLTK_ISRI, distinct,
                      "NLTK ISRI (bench/peers/nltk_isri.py; Debian: python3-nltk)")
    ours = lines_of([driver, "isri"], distinct, "stem_driver isri")
    results.append(("isri", "NLTK ISRIStemmer", len(tokens),
                    differences(tokens, theirs, ours, "NLTK")))
    return results


def segment_f1(dhad, shared):
    """Words F1 of `dhad segment` on pud-dev, or None without the shared eval set."""
    r = subprocess.run([os.path.join(ROOT, "bench/eval_segment.sh"), dhad, shared],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if r.returncode != 0:
        return None
    for word in zip(r.stdout.split(), r.stdout.split()[1:]):
        if word[0] == "F1":
            return word[1]
    return None


def correct_scores(dhad, shared):
    """F0.5 and false changes of dhad correct on pud-dev's held-out half."""
    script = os.path.join(ROOT, "tools/correct/eval.py")
    if not os.path.isdir(os.path.join(shared, "eval", "pud-dev")):
        return None
    out = subprocess.run([PYTHON, script, "--dhad", dhad, "--shared", shared, "--half", "held",
                          "--json"], capture_output=True, text=True, check=True).stdout
    s = json.loads(out)
    return (f"F0.5 {s['classes']['ALL']['f0_5']:.3f}, {100 * s['false_change_rate']:.2f}% "
            f"false changes, pud-dev held-out half")


def kernels(bench_kernels, input_path):
    if not bench_kernels or not os.path.exists(bench_kernels):
        return []
    env = dict(os.environ, DHAD_BENCH_INPUT=input_path)
    r = subprocess.run([bench_kernels, "--benchmark_format=json", "--benchmark_min_time=0.5"],
                       env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True)
    rows = []
    for b in json.loads(r.stdout)["benchmarks"]:
        rows.append((b["name"], b.get("bytes_per_second", 0) / 1e6))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dhad", default=os.path.join(ROOT, "build/release/dhad"))
    ap.add_argument("--peer-dir", default=os.path.join(ROOT, "build/dev/tests/peers"))
    ap.add_argument("--kernels", default=os.path.join(ROOT, "build/dev/bench/bench_kernels"))
    ap.add_argument("--corpus", default=os.path.join(ROOT, "../shared/corpus/saudinewsnet.txt"))
    ap.add_argument("--mb", type=int, default=50)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--out", help="also write the Markdown report here")
    ap.add_argument("--only", help="time only the jobs whose dhad command is in this "
                    "comma-separated list (e.g. correct,analyze)")
    args = ap.parse_args()

    if not os.path.exists(args.corpus):
        sys.exit(f"bench: corpus {args.corpus} not found (it lives in ../shared)")
    peer = os.path.join(args.peer_dir, "lucene_peer")
    if not os.path.exists(peer):
        sys.exit(f"bench: {peer} not found: the answers cannot be checked against Lucene++ "
                 "(bench/run.sh builds it)")
    jobs = [int(j) for j in args.jobs.split(",")]

    # Input and output live on tmpfs when there is one: the disk's write-back
    # otherwise adds tens of milliseconds of noise per 50 MB written.
    scratch = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    with tempfile.TemporaryDirectory(dir=scratch) as tmp:
        input_path = os.path.join(tmp, "input.txt")
        size, dropped = prepare_input(args.corpus, args.mb, input_path)
        mb = size / 1e6
        report = []
        say = report.append
        say(f"# dhad benchmarks\n")
        say(f"- machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
            f"{platform.system()} {platform.release()}")
        say(f"- input: first {mb:.1f} MB (whole lines; {dropped} lines with invalid UTF-8 "
            f"left out) of {os.path.relpath(args.corpus, ROOT)}")
        say(f"- each figure: median of {args.runs} whole-process runs (range: slowest-fastest), "
            f"file in, fresh file out (in {tmp.rsplit('/', 1)[0]}); MB = 10^6 bytes of input")
        say("- `1 core`: dhad and the peer both pinned to CPU 0 (`taskset -c 0`); `-j N`: "
            "dhad unpinned with N workers plus its reading/writing thread, against the "
            "peer's one-core figure\n")

        # What each job's answers were checked against, for the table's last
        # column: agreement with the peer, or accuracy on the shared dev set.
        # Keyed by the dhad command's arguments.
        accuracy = {}
        try:
            n, differ = check_lucene_agreement(args.dhad, peer, input_path)
            accuracy[("normalize", "--profile", "lucene")] = f"{differ} differences from Lucene++ on {n:,} tokens"
            say(f"- answers agree: `normalize --profile lucene` vs Lucene++ "
                f"ArabicNormalizationFilter on {n} Lucene tokens: {differ} differences\n")
            if differ:
                print("\n".join(report))
                sys.exit("bench: dhad and Lucene++ disagree; not timing")
            driver = os.path.join(args.peer_dir, "stem_driver")
            for algo, who, n, differ in check_stem_agreement(driver, peer, input_path):
                say(f"- answers agree: `stem --algorithm {algo}` vs {who} on {n} distinct "
                    f"Lucene tokens: {differ} differences\n")
                accuracy[("stem", "--algorithm", algo)] = f"{differ} differences from {who.split()[0]} on {n:,} words"
                if differ:
                    print("\n".join(report))
                    sys.exit(f"bench: dhad and {who} disagree; not timing")
        except AgreementError as e:
            print("\n".join(report))
            sys.exit(f"bench: answers not checked: {e}; not timing")

        shared = os.path.dirname(os.path.dirname(os.path.abspath(args.corpus)))
        scores = correct_scores(args.dhad, shared)
        if scores:
            accuracy[("correct",)] = scores
            say(f"- correct accuracy: {scores} (`tools/correct/eval.py --half held`)\n")
        f1 = segment_f1(args.dhad, shared)
        if f1:
            accuracy[("segment",)] = f"words F1 {f1} on pud-dev"
            say(f"- segment accuracy: words F1 {f1} on pud-dev (`bench/eval_segment.sh`)\n")

        say("| job | tool | runs on | MB/s median (range) | vs peer | answers |")
        say("|---|---|---|---|---|---|")

        def row(job, tool, where, times, peer_times=None, answers=""):
            med = statistics.median(times)
            ratio = f"{statistics.median(peer_times) / med:.1f}x" if peer_times else ""
            spread = f" ({mb / max(times):,.0f}-{mb / min(times):,.0f})" if len(times) > 1 else ""
            say(f"| {job} | {tool} | {where} | {mb / med:,.0f}{spread} | {ratio} | {answers} |")
            print(report[-1], file=sys.stderr)

        jobs_spec = [
            ("normalize (lucene)", ["normalize", "--profile", "lucene"], "normalize",
             "Lucene++ LetterTokenizer + ArabicNormalizationFilter"),
            ("normalize (light)", ["normalize"], None, None),
            ("normalize (camel)", ["normalize", "--profile", "camel"], None, None),
            ("tokenize (text)", ["tokenize"], "tokens", "Lucene++ ArabicLetterTokenizer"),
            ("tokenize (jsonl)", ["tokenize", "--format", "jsonl"], None, None),
            ("sentences", ["sentences"], None, None),
            ("stem light10 (tokenize+normalize+stem)", ["stem", "--algorithm", "light10"],
             "analyze", "Lucene++ ArabicAnalyzer"),
            ("stem isri (tokenize+stem)", ["stem", "--algorithm", "isri"], "nltk",
             "NLTK ISRIStemmer"),
            ("segment (tokenize+segment)", ["segment"], None, None),
            ("analyze (jsonl, every stage)", ["analyze"], None, None),
            ("correct", ["correct"], "hunspell", "hunspell-ar -l (finds, does not fix)"),
        ]
        # NLTK runs ~4 MB/s: one run on the whole input (no slice to scale from,
        # so its start-up counts once, as dhad's does). It ran in the check above.
        only = set(args.only.split(",")) if args.only else None
        for job, dargs, peer_mode, peer_name in jobs_spec:
            if only is not None and dargs[0] not in only:
                continue
            peer_times = None
            if peer_mode == "nltk":
                peer_times = time_command(NLTK_ISRI, input_path, 1, tmp, pin=True)
                row(job, peer_name, "1 core", peer_times)
            elif peer_mode == "hunspell":
                words_path = os.path.join(tmp, "words.txt")
                with open(input_path, "rb") as f, open(words_path, "wb") as w:
                    for line in f:
                        w.write(line.replace(b" ", b"\n"))
                peer_times = time_command(HUNSPELL, words_path, 1, tmp, pin=True)
                os.remove(words_path)
                row(job, peer_name, "1 core", peer_times)
            elif peer_mode:
                peer_times = time_command([peer, peer_mode], input_path, args.runs, tmp, pin=True)
                row(job, peer_name, "1 core", peer_times)
            answers = accuracy.get(tuple(dargs), "")
            times = time_command([args.dhad, *dargs, "-j", "1", input_path], "/dev/null",
                                 args.runs, tmp, pin=True)
            row(job, "dhad", "1 core", times, peer_times, answers)
            for j in jobs:
                times = time_command([args.dhad, *dargs, "-j", str(j), input_path], "/dev/null",
                                     args.runs, tmp)
                row(job, "dhad", f"-j {j}", times, peer_times)

        krows = kernels(args.kernels, input_path)
        if krows:
            say("\nKernels (Google Benchmark, in memory, single thread, same input):\n")
            say("| kernel | MB/s |")
            say("|---|---|")
            for name, mbps in krows:
                say(f"| {name} | {mbps:,.0f} |")

    text = "\n".join(report) + "\n"
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
