"""Properties on any text (hypothesis): tokens are lossless, and both kinds of
offset of every span index the right text."""

import re

from hypothesis import given, settings, strategies as st

import dhad

from conftest import MARKS, SPACES, WORDS

# Any str without lone surrogates (they are not text), and text built from the
# pieces dhad is made for, which random code points seldom reach.
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)
word_text = st.lists(st.sampled_from(WORDS + MARKS + SPACES), max_size=60).map("".join)
texts = st.one_of(any_text, word_text)
WHITE = re.compile(r"\s*")


def check_span(text, data, span):
    assert text[span.begin:span.end] == span.text
    assert data[span.byte_begin:span.byte_end] == span.text.encode()


@settings(max_examples=300, deadline=None)
@given(texts)
def test_tokens_are_lossless(text):
    data = text.encode()
    at = 0
    for t in dhad.tokenize(text):
        check_span(text, data, t)
        assert t.begin >= at
        assert WHITE.fullmatch(text[at:t.begin]), repr(text[at:t.begin])  # only whitespace between
        at = t.end
    assert WHITE.fullmatch(text[at:])


@settings(max_examples=200, deadline=None)
@given(texts)
def test_spans_index_the_text(text):
    data = text.encode()
    for s in dhad.sentences(text):
        check_span(text, data, s)
    for a in dhad.analyze(text):
        check_span(text, data, a)
        assert "".join(s.text for s in a.segments) == a.text  # segments rebuild the word
        for s in a.segments:
            check_span(text, data, s)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_edits_rebuild_the_corrected_text(text):
    data = text.encode()
    r = dhad.correct(text)
    rebuilt, at = [], 0
    for e in r.edits:
        check_span(text, data, e)
        rebuilt += [text[at:e.begin], e.replacement]
        at = e.end
    assert "".join(rebuilt) + text[at:] == r.text


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from(["lucene", "camel"]))
def test_code_point_path_equals_utf8_path(text, profile):
    """Under these profiles a two-byte str is normalized on its code points
    (no UTF-8), and so is a four-byte one (an emoji makes one). Both give
    what the UTF-8 path gives, and a str equal to one Python builds itself."""
    p = dhad.Pipeline(profile, correct=False)
    got = p.normalize(text)
    assert got == p._p._normalize_utf8(text)
    emoji = text + "\U0001F600"
    assert p.normalize(emoji) == p._p._normalize_utf8(emoji) == got + "\U0001F600"
    assert p.normalize_batch([text, emoji]) == [got, got + "\U0001F600"]
    for result in (got, p.normalize(emoji)):
        assert result == "".join(list(result))  # the narrowest kind of str, as Python's own
