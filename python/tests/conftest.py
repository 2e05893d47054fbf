"""Shared fixtures: the dhad CLI the package is compared with, the shared
corpus, and generated text.

DHAD_CLI names the CLI (python/run_tests.sh passes the one built beside the
extension in build/py); tests that need ../shared skip without it, and fail
instead when DHAD_REQUIRE_SHARED=1 (as tests/skip_lib.sh does for the shell
tests).
"""

import os
import random
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("DHAD_SHARED_DIR", os.path.join(os.path.dirname(ROOT), "shared"))
SAMPLE = os.path.join(ROOT, "samples", "news-noisy.txt")
CORPUS = os.path.join(SHARED, "corpus", "saudinewsnet-sample.jsonl")


def skip_or_fail(message):
    if os.environ.get("DHAD_REQUIRE_SHARED") == "1":
        pytest.fail(f"{message} (DHAD_REQUIRE_SHARED=1)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("DHAD_CLI", os.path.join(ROOT, "build", "py", "dhad", "dhad"))
    if not os.access(path, os.X_OK):
        pytest.fail(f"no dhad CLI at {path}: build it (python/run_tests.sh) or set DHAD_CLI")

    def run(*args, input_text):
        r = subprocess.run([path, *args], input=input_text.encode("utf-8"),
                           capture_output=True, check=False)
        assert r.returncode == 0, f"dhad {' '.join(args)}: {r.stderr.decode(errors='replace')}"
        return r.stdout.decode("utf-8")

    run.path = path
    return run


# Pieces of the text dhad meets: noisy Arabic, marks, tatweel, presentation
# forms, digits of three kinds, Latin, URLs, emoji sequences, other scripts,
# odd spaces and bidi controls.
WORDS = ["والكتاب", "المدرسه", "الي", "علي", "فى", "اكبر", "ان", "اوكرانيا", "غضبحاولت",
         "٢٧٠الف", "المخايرات", "مستشفى", "لأوباما", "وبالكتاب", "فسيكتبونها", "كتب", "الله",
         "hello", "World", "don't", "3.5", "12,000", "١٢٫٥٪", "۴۵", "10:30", "#وسم", "@user",
         "x@y.com", "http://a.sa/b?c=1", "www.example.com", "،", ".", "؟", "!", "...", "؛",
         "(قال)", "«نعم»", "و", "ﻻ", "ﷺ", "😀", "👍🏽", "👨\u200d👩\u200d👧", "🇸🇦", "1️⃣", "€",
         "∑", "中文", "русский", "עברית", "कि", "ـــ", "مـــدرسة", "كَتَبَ", "e\u0301"]
MARKS = ["\u064e", "\u0650", "\u0651", "\u0652", "\u0640", "\u200f", "\u200d", "\u200c",
         "\u00ad", "\ufeff"]
SPACES = [" ", " ", " ", "  ", "\t", "\u00a0", "\u2003", "\n", "\n\n", "\r\n", "\u3000"]


def generated_text(seed, words=300, sample_words=()):
    rng = random.Random(seed)
    pool = WORDS + list(sample_words)
    parts = []
    for _ in range(words):
        w = rng.choice(pool)
        if rng.random() < 0.08:
            i = rng.randrange(len(w) + 1)
            w = w[:i] + rng.choice(MARKS) + w[i:]
        parts.append(w)
        parts.append(rng.choice(SPACES))
    return "".join(parts)


@pytest.fixture(scope="session")
def sample_text():
    with open(SAMPLE, encoding="utf-8") as f:
        return f.read()


@pytest.fixture(scope="session")
def texts(sample_text):
    """The shipped sample and generated texts: what equivalence tests run on."""
    sample_words = sample_text.split()
    return [sample_text] + [generated_text(seed, sample_words=sample_words) for seed in range(6)]
