"""Every function of the package gives what the dhad CLI gives on the same
input: the shipped sample and generated text (mixed scripts, emoji, marks,
odd spaces)."""

import json

import pytest

import dhad


def records(output):
    return [json.loads(line) for line in output.splitlines()]


@pytest.mark.parametrize("profile", ["light", "lucene", "camel", "search"])
def test_normalize(cli, texts, profile):
    for text in texts:
        assert dhad.normalize(text, profile=profile) == cli("normalize", "--profile", profile,
                                                            input_text=text)


@pytest.mark.parametrize("algorithm", ["light10", "isri"])
def test_stem(cli, texts, algorithm):
    for text in texts:
        assert dhad.stem(text, algorithm=algorithm) == cli("stem", "--algorithm", algorithm,
                                                           input_text=text)


@pytest.mark.parametrize("min_stem", [1, 3, 5])
def test_stem_min_stem(cli, texts, min_stem):
    p = dhad.Pipeline(min_stem=min_stem, correct=False)
    for text in texts:
        assert p.stem(text) == cli("stem", "--min-stem", str(min_stem), input_text=text)


@pytest.mark.parametrize("split_article", [False, True])
def test_segment(cli, texts, split_article):
    args = ["--split-article"] if split_article else []
    for text in texts:
        assert dhad.segment(text, split_article=split_article) == cli("segment", *args,
                                                                      input_text=text)


def test_tokenize(cli, texts):
    p = dhad.Pipeline()
    for text in texts:
        want = [(r["kind"], r["text"], r["begin"], r["end"])
                for r in records(cli("tokenize", "--format", "jsonl", input_text=text))]
        got = [(t.kind, t.text, t.byte_begin, t.byte_end) for t in dhad.tokenize(text)]
        assert got == want
        assert p.tokenize_text(text) == cli("tokenize", input_text=text)


def test_sentences(cli, texts):
    for text in texts:
        want = [(r["text"], r["begin"], r["end"])
                for r in records(cli("sentences", "--format", "jsonl", input_text=text))]
        got = [(s.text, s.byte_begin, s.byte_end) for s in dhad.sentences(text)]
        assert got == want


def test_correct(cli, texts):
    changed = 0
    for text in texts:
        r = dhad.correct(text)
        assert r.text == cli("correct", input_text=text)
        want = [(e["begin"], e["end"], e["text"], e["replacement"], e["class"], e["confidence"])
                for e in records(cli("correct", "--format", "jsonl", input_text=text))]
        got = [(e.byte_begin, e.byte_end, e.text, e.replacement, e.cls,
                float(f"{e.confidence:.3f}")) for e in r.edits]
        assert got == want
        changed += len(got)
    assert changed > 0  # the sample is noisy: an empty list would prove nothing


def test_analyze(cli, texts):
    for text in texts:
        want = records(cli("analyze", "--format", "jsonl", input_text=text))
        got = dhad.analyze(text)
        assert len(got) == len(want)
        for a, w in zip(got, want):
            assert (a.kind, a.text, a.byte_begin, a.byte_end, a.norm, a.stem, a.root) == (
                w["kind"], w["text"], w["begin"], w["end"], w["norm"], w["stem"], w["root"])
            assert [(s.text, s.byte_begin, s.byte_end, s.role) for s in a.segments] == [
                (s["text"], s["begin"], s["end"], s["role"]) for s in w["segments"]]


@pytest.mark.parametrize("stage,command", [("normalize", ["normalize"]),
                                           ("stem", ["stem"]),
                                           ("segment", ["segment"]),
                                           ("tokenize_text", ["tokenize"]),
                                           ("correct", ["correct"])])
def test_batch_equals_cli(cli, texts, stage, command):
    # Lines as separate texts, on 3 threads: each equals the CLI on that line.
    # (CRLF becomes LF: a text's own trailing CR is no line end to the stages.)
    lines = [line for text in texts for line in text.replace("\r\n", "\n").split("\n")]
    got = dhad.Pipeline().batch(stage, lines, threads=3)
    want = cli(*command, input_text="\n".join(lines) + "\n").split("\n")[:-1]
    assert got == want
