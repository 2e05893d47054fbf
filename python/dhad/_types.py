"""The result types of the dhad package: plain NamedTuples.

Every span carries two kinds of offset into the text it came from:
``begin``/``end`` are Python ``str`` indices (``text[t.begin:t.end] == t.text``)
and ``byte_begin``/``byte_end`` are offsets into the text's UTF-8 bytes, as the
``dhad`` command line and the C++ library give them.
"""

from __future__ import annotations

from typing import List, NamedTuple


class Token(NamedTuple):
    """One token of :func:`dhad.tokenize`.

    >>> import dhad
    >>> dhad.tokenize("نحو ٣٥٠الف")[1]
    Token(kind='number', text='٣٥٠', begin=4, end=7, byte_begin=7, byte_end=13)
    """

    kind: str  #: arabic latin number punct url email hashtag mention emoji symbol other
    text: str
    begin: int
    end: int
    byte_begin: int
    byte_end: int


class Sentence(NamedTuple):
    """One sentence of :func:`dhad.sentences` (surrounding whitespace left out)."""

    text: str
    begin: int
    end: int
    byte_begin: int
    byte_end: int


class Edit(NamedTuple):
    """One correction: ``text`` (the span as typed) becomes ``replacement``."""

    text: str
    replacement: str
    cls: str  #: hamza alef_maqsura ta_marbuta space_deletion substitution deletion insertion transposition
    confidence: float
    begin: int
    end: int
    byte_begin: int
    byte_end: int


class Correction(NamedTuple):
    """What :func:`dhad.correct` returns: the corrected text and its edits."""

    text: str
    edits: List[Edit]


class Segment(NamedTuple):
    """One piece (clitic or stem) of a word, offsets into the whole text."""

    text: str
    role: str  #: proclitic article stem enclitic
    begin: int
    end: int
    byte_begin: int
    byte_end: int


class Analysis(NamedTuple):
    """One token of :func:`dhad.analyze`: the fields of ``dhad analyze``."""

    kind: str
    text: str
    begin: int
    end: int
    byte_begin: int
    byte_end: int
    norm: str  #: the token normalized under the pipeline's profile
    segments: List[Segment]
    stem: str  #: the light10 stem (as ``dhad analyze``)
    root: str  #: the ISRI root


class DhadError(RuntimeError):
    """An error of the engine that is not a bad argument or a file error."""


class ModelError(DhadError):
    """A model file is truncated, corrupt or of another version."""
