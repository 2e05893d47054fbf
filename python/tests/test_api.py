"""The package's own contracts: argument checking, engine errors as
exceptions, pickling, batch calls, the GIL, and the docstrings' examples."""

import doctest
import pickle
import threading
import time

import pytest

import dhad
import dhad._types
import dhad.dask


def test_docstring_examples_hold():
    for module in (dhad, dhad._types, dhad.dask):
        failed, tried = doctest.testmod(module, extraglobs={"dhad": dhad}, report=True)
        assert failed == 0
        assert tried > 0 or module is dhad._types


@pytest.mark.parametrize("call", [
    lambda: dhad.normalize(b"bytes"),
    lambda: dhad.tokenize(None),
    lambda: dhad.stem(3),
    lambda: dhad.normalize("x", profile=1),
    lambda: dhad.Pipeline(split_article="yes"),
    lambda: dhad.Pipeline(min_confidence="high"),
    lambda: dhad.Pipeline(min_stem="3"),
    lambda: dhad.Pipeline().normalize_batch("one string"),
    lambda: dhad.Pipeline().normalize_batch(["ok", b"bytes"]),
    lambda: dhad.Pipeline().normalize_batch(["ok"], threads=1.5),
])
def test_wrong_types_raise_type_error(call):
    with pytest.raises(TypeError):
        call()


def test_bad_values_raise_value_error_with_the_engines_message():
    with pytest.raises(ValueError, match="nonsense"):
        dhad.normalize("x", profile="nonsense")
    with pytest.raises(ValueError, match="porter"):
        dhad.stem("x", algorithm="porter")
    with pytest.raises(ValueError, match="typo"):
        dhad.Pipeline(classes="hamza,typo")
    with pytest.raises(ValueError):
        dhad.Pipeline(min_confidence=1.5)
    with pytest.raises(ValueError, match="light10 option"):
        dhad.Pipeline(stem="isri", min_stem=3)
    with pytest.raises(ValueError):
        dhad.Pipeline(min_stem=-1)
    with pytest.raises(ValueError):
        dhad.Pipeline().batch("shout", ["x"])
    with pytest.raises(ValueError):
        dhad.Pipeline().normalize_batch(["x"], threads=-1)
    with pytest.raises(ValueError, match="correct=False"):
        dhad.Pipeline(correct=False).correct("x")
    with pytest.raises(UnicodeEncodeError):  # a lone surrogate is not text
        dhad.normalize("a\ud800b")


def test_model_errors(tmp_path):
    with pytest.raises(OSError, match="no-such.model"):
        dhad.Pipeline(correct_model=str(tmp_path / "no-such.model"))
    bad = tmp_path / "bad.model"
    bad.write_bytes(b"not a model at all, not even close" * 10)
    with pytest.raises(dhad.ModelError):
        dhad.Pipeline(segment_model=str(bad))
    with pytest.raises(dhad.ModelError):
        dhad.Pipeline(correct_model=str(bad))


def test_pipeline_pickles_as_its_options():
    p = dhad.Pipeline("search", min_stem=3, split_article=True, min_confidence=0.8,
                      classes="hamza,ta_marbuta")
    q = pickle.loads(pickle.dumps(p))
    assert isinstance(q, dhad.Pipeline) and q is not p
    assert q.options == p.options
    text = "والمدرسة بالكتابين ذهب الي المدرسه ﻻ ١٢٫٥"
    for stage in ("normalize", "stem", "segment", "tokenize", "correct", "analyze"):
        assert getattr(q, stage)(text) == getattr(p, stage)(text)
    # The options matter: another pipeline gives other output on this text.
    assert dhad.Pipeline().stem(text) != p.stem(text)


def test_one_text_methods_take_text_by_keyword_and_keep_their_docs():
    # Each Pipeline binds the extension's methods over the documented ones.
    p = dhad.Pipeline("search")
    text = "ذهب أحمد الي المدرسه"
    for name in dhad._ONE_TEXT:
        assert getattr(p, name)(text=text) == getattr(dhad.Pipeline, name)(p, text)
        assert getattr(dhad.Pipeline, name).__doc__
    assert dhad.normalize(text, profile="search") == p.normalize(text)
    assert dhad.normalize(text) != p.normalize(text)  # light keeps the hamza
    with pytest.raises(ValueError):
        dhad.normalize(text, profile="no-such-profile")
    with pytest.raises(ValueError):  # a refused option is not remembered
        dhad.normalize(text, profile="no-such-profile")


def test_batch_equals_one_by_one(texts):
    p = dhad.Pipeline()
    lines = [line for text in texts for line in text.split("\n")] * 3
    for stage in ("normalize", "stem", "segment", "tokenize_text"):
        assert p.batch(stage, lines, threads=4) == [getattr(p, stage)(t) for t in lines]
    assert p.correct_batch(lines, threads=2) == [p.correct(t).text for t in lines]
    assert p.tokenize_batch(lines, threads=3) == [p.tokenize(t) for t in lines]
    assert p.normalize_batch(iter(lines[:5])) == [p.normalize(t) for t in lines[:5]]
    assert p.stem_batch([]) == []


def test_unchanged_text_comes_back_as_the_same_str():
    p = dhad.Pipeline()
    clean, messy = "نص عادي بلا تغيير", "نص  عادي\u200f"
    assert p.normalize(clean) is clean
    assert p.normalize_batch([clean, messy]) == [clean, "نص عادي"]
    assert p.normalize_batch([clean])[0] is clean


def test_batch_over_several_chunks(sample_text):
    # ~10 MB: the batch calls take their texts in chunks of a few MB; ASCII
    # texts (viewed in place) between the others (encoded into a buffer).
    texts = [f"{sample_text} {i}" if i % 3 else f"plain ASCII, line {i}." for i in range(5000)]
    p = dhad.Pipeline()
    assert p.stem_batch(texts, threads=2) == [p.stem(t) for t in texts]
    assert p.tokenize_batch(texts[:3000]) == [p.tokenize(t) for t in texts[:3000]]
    with pytest.raises(UnicodeEncodeError):
        p.normalize_batch(texts[:2000] + ["a\ud800b"])


def ticks_during(work, size):
    """How often a Python thread woke while work(n) ran, for the first n from
    `size` on, doubling, whose call takes long enough to tell (0.1 s): a
    faster machine, or faster code, then gets a bigger n, not a useless
    measurement. With the GIL held throughout, the thread would not run."""
    n = size
    while True:
        ticks = 0
        done = threading.Event()

        def count():
            nonlocal ticks
            while not done.is_set():
                ticks += 1
                time.sleep(0.001)

        t = threading.Thread(target=count)
        t.start()
        time.sleep(0.01)
        before = ticks
        start = time.perf_counter()
        work(n)
        elapsed = time.perf_counter() - start
        during = ticks - before
        done.set()
        t.join()
        if elapsed > 0.1:
            return during
        assert n < size * 1024, "the call stays too short to tell"
        n *= 2


def test_batch_and_long_calls_release_the_gil(sample_text):
    p = dhad.Pipeline()
    p.correct(sample_text)  # warm up
    assert ticks_during(lambda n: p.correct_batch([sample_text] * n, threads=1), 3000) >= 10
    # One long text: segment's time is in C++ (correct's would partly be in
    # building its edits, Python code that lets other threads in anyway).
    assert ticks_during(lambda n: p.segment("\n".join([sample_text] * n)), 6000) >= 10


def test_offsets_of_mixed_text():
    text = "😀 héllo والكتاب ١٢٫٥٪\n中文"
    for t in dhad.tokenize(text):
        assert text[t.begin:t.end] == t.text
        assert text.encode()[t.byte_begin:t.byte_end] == t.text.encode()
    r = dhad.correct("😀 ذهب الي المدرسه")
    assert [e.text for e in r.edits] == ["الي", "المدرسه"]
    for e in r.edits:
        assert "😀 ذهب الي المدرسه"[e.begin:e.end] == e.text


def test_dask_rejects_unknown_stage():
    with pytest.raises(ValueError):
        dhad.dask.map_bag(None, "shout")


def test_code_point_path_gives_the_narrowest_str():
    # Two-byte input whose result needs no code point past U+00FF must come
    # back as a one-byte str, or it would not compare equal to Python's own.
    p = dhad.Pipeline("camel")
    assert p.normalize("caf\u00e9\u064e") == "caf\u00e9"
    assert p.normalize("\u064e\u064f") == ""
    assert p.normalize("abc\u0623") == "abc\u0627"
    assert p.normalize("\u0627\u0628") is not None
    unchanged = "\u0627\u0628 \u062a"
    assert p.normalize(unchanged) is unchanged
    assert p.normalize_batch(["x\u064e", unchanged, "\U0001F600\u0623"]) == ["x", unchanged,
                                                                           "\U0001F600\u0627"]
    # Four-byte input keeps its characters past U+FFFF: it stays four-byte.
    emoji = "\U0001F600\u0623\u064e"
    assert p.normalize(emoji) == "\U0001F600\u0627"
    unchanged = "\U0001F600 \u0627"
    assert p.normalize(unchanged) is unchanged
