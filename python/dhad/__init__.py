"""dhad: Arabic text at the C++ library's speed — normalize, tokenize, split
sentences, segment clitics, stem and correct misspellings, with every span's
offsets both as ``str`` indices and as UTF-8 byte offsets.

>>> import dhad
>>> dhad.correct("ذهب الي المدرسه").text
'ذهب إلى المدرسة'
>>> dhad.stem("والمدرسة بالكتابين")
'مدرس كتاب'
>>> [t.text for t in dhad.tokenize("نحو ٣٥٠الف نسمة")]
['نحو', '٣٥٠', 'الف', 'نسمة']

The functions use a shared :class:`Pipeline` per set of options; build your
own for other options, for batch calls over many texts (on threads, without
the GIL), or to ship to Dask workers (it pickles): see :mod:`dhad.dask`.
Each function's output equals the ``dhad`` command's of the same name on the
same text.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from . import _dhad
from ._types import (
    Analysis,
    Correction,
    DhadError,
    Edit,
    ModelError,
    Segment,
    Sentence,
    Token,
)

__all__ = [
    "Analysis",
    "Correction",
    "DhadError",
    "Edit",
    "ModelError",
    "Pipeline",
    "STAGES",
    "Segment",
    "Sentence",
    "Token",
    "analyze",
    "correct",
    "normalize",
    "segment",
    "sentences",
    "stem",
    "tokenize",
]

__version__: str = _dhad.__version__

_dhad._set_types(Token, Sentence, Edit, Correction, Segment, Analysis, DhadError, ModelError)

#: The stages that batch calls and :mod:`dhad.dask` take by name; each gives
#: one ``str`` per text, the text format of the command of the same name.
STAGES = ("normalize", "tokenize_text", "stem", "segment", "correct")


#: Pipeline's methods on one text, each the extension's method of the same name.
_ONE_TEXT = ("normalize", "tokenize", "tokenize_text", "sentences", "segment", "stem", "correct", "analyze")


def _check_str(name: str, value: Any) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be str, not {type(value).__name__}")


class Pipeline:
    """Every stage of dhad behind one object, built once from its options.

    ==============  ==========  ==============================================
    option          default     what it sets
    ==============  ==========  ==============================================
    profile         "light"     normalization: light, lucene, camel, search
    stem            "light10"   stemming algorithm: light10 or isri
    min_stem        0           light10 cuts no suffix that would leave fewer
                                letters (3: منها, فيه stay apart from من, في)
    split_article   False       segment the article ال as a piece of its own
    segment_model   None        a segmentation model file (None: embedded)
    correct         True        build the corrector (correct() needs it)
    correct_model   None        a correction model file (None: embedded)
    min_confidence  0.55        a word changes at this share of probability
    classes         "all"       which error classes correct() fixes
    ==============  ==========  ==============================================

    A Pipeline is immutable and thread-safe; it pickles as its options, so a
    worker that unpickles one builds its own (a few ms, the embedded models are
    not copied).

    >>> p = dhad.Pipeline(profile="search", stem="isri")
    >>> p.normalize_batch(["أحمد", "١٢٫٥"], threads=2)
    ['احمد', '12.5']
    """

    def __init__(
        self,
        profile: str = "light",
        *,
        stem: str = "light10",
        min_stem: int = 0,
        split_article: bool = False,
        segment_model: Optional[str] = None,
        correct: bool = True,
        correct_model: Optional[str] = None,
        min_confidence: float = 0.55,
        classes: str = "all",
    ) -> None:
        _check_str("profile", profile)
        _check_str("stem", stem)
        _check_str("classes", classes)
        for name, value in (("segment_model", segment_model), ("correct_model", correct_model)):
            if value is not None:
                _check_str(name, value)
        for name, flag in (("split_article", split_article), ("correct", correct)):
            if not isinstance(flag, bool):
                raise TypeError(f"{name} must be bool, not {type(flag).__name__}")
        if isinstance(min_stem, bool) or not isinstance(min_stem, int):
            raise TypeError(f"min_stem must be int, not {type(min_stem).__name__}")
        if isinstance(min_confidence, bool) or not isinstance(min_confidence, (int, float)):
            raise TypeError(f"min_confidence must be a number, not {type(min_confidence).__name__}")
        self._options: Dict[str, Any] = dict(
            profile=profile,
            stem=stem,
            min_stem=min_stem,
            split_article=split_article,
            segment_model=segment_model,
            correct=correct,
            correct_model=correct_model,
            min_confidence=float(min_confidence),
            classes=classes,
        )
        self._p = _dhad.Pipeline(
            profile,
            stem,
            min_stem,
            split_article,
            segment_model or "",
            correct,
            correct_model or "",
            float(min_confidence),
            classes,
        )
        # The one-text methods below are the documented API; each Pipeline
        # binds the extension's own method over them, so that a call runs no
        # Python frame (normalize on ten-word strings: 1.35M calls/s, 1.16M
        # through a method that calls the extension).
        for name in _ONE_TEXT:
            setattr(self, name, getattr(self._p, name))

    @property
    def options(self) -> Dict[str, Any]:
        """The options this Pipeline was built with (a copy)."""
        return dict(self._options)

    def __reduce__(self) -> Any:
        return (_from_options, (self._options,))

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._options.items())
        return f"dhad.Pipeline({args})"

    # -- one text -----------------------------------------------------------
    def normalize(self, text: str) -> str:
        """The text normalized under the profile (line breaks never change)."""
        return self._p.normalize(text)

    def tokenize(self, text: str) -> List[Token]:
        """The tokens of ``text``; tokens plus the whitespace between them
        reproduce it exactly."""
        return self._p.tokenize(text)

    def tokenize_text(self, text: str) -> str:
        """The tokens of each line separated by one space (``dhad tokenize``)."""
        return self._p.tokenize_text(text)

    def sentences(self, text: str) -> List[Sentence]:
        """The sentences of ``text``, whitespace around them left out."""
        return self._p.sentences(text)

    def segment(self, text: str) -> str:
        """Clitic segmentation in UD Arabic's text format: ``و+ ب+ الكتاب``."""
        return self._p.segment(text)

    def stem(self, text: str) -> str:
        """Each token's stem, tokens separated by one space (``dhad stem``)."""
        return self._p.stem(text)

    def correct(self, text: str) -> Correction:
        """The text with its misspellings fixed, and the list of edits."""
        return self._p.correct(text)

    def analyze(self, text: str) -> List[Analysis]:
        """Every stage per token, as ``dhad analyze``: kind, text, offsets,
        norm, segments, light10 stem and ISRI root."""
        return self._p.analyze(text)

    # -- many texts, on threads, without the GIL -------------------------------
    def batch(self, stage: str, texts: Sequence[str], threads: int = 0) -> List[str]:
        """``[getattr(self, stage)(t) for t in texts]`` for a stage of
        :data:`STAGES` (``correct`` gives the corrected text only), computed
        on ``threads`` threads in C++ (0: one per core), results in order."""
        _check_str("stage", stage)
        if stage not in STAGES:
            raise ValueError(f"unknown stage {stage!r}; one of {', '.join(STAGES)}")
        if isinstance(threads, bool) or not isinstance(threads, int):
            raise TypeError(f"threads must be int, not {type(threads).__name__}")
        return self._p.run_batch(stage, _as_list(texts), threads)

    def normalize_batch(self, texts: Sequence[str], threads: int = 0) -> List[str]:
        """:meth:`normalize` of each text, on ``threads`` threads."""
        return self.batch("normalize", texts, threads)

    def stem_batch(self, texts: Sequence[str], threads: int = 0) -> List[str]:
        """:meth:`stem` of each text, on ``threads`` threads."""
        return self.batch("stem", texts, threads)

    def segment_batch(self, texts: Sequence[str], threads: int = 0) -> List[str]:
        """:meth:`segment` of each text, on ``threads`` threads."""
        return self.batch("segment", texts, threads)

    def correct_batch(self, texts: Sequence[str], threads: int = 0) -> List[str]:
        """The corrected text (``correct(t).text``) of each text, on threads."""
        return self.batch("correct", texts, threads)

    def tokenize_batch(self, texts: Sequence[str], threads: int = 0) -> List[List[Token]]:
        """:meth:`tokenize` of each text, the scanning on ``threads`` threads."""
        if isinstance(threads, bool) or not isinstance(threads, int):
            raise TypeError(f"threads must be int, not {type(threads).__name__}")
        return self._p.tokenize_batch(_as_list(texts), threads)


def _as_list(texts: Sequence[str]) -> List[str]:
    if isinstance(texts, (str, bytes)):
        raise TypeError("texts must be a sequence of str, not a single string")
    return texts if isinstance(texts, list) else list(texts)


def _from_options(options: Dict[str, Any]) -> Pipeline:
    return Pipeline(**options)


@functools.lru_cache(maxsize=16)
def _shared_pipeline(**options: Any) -> Pipeline:
    return Pipeline(**options)


#: (method, option value) -> that method of the shared Pipeline: a dict
#: lookup per call, where an lru_cache on keyword arguments cost as much
#: again as normalizing a ten-word string.
_shared_methods: Dict[Tuple[str, Any], Callable[[str], Any]] = {}


def _shared(method: str, option: Optional[str] = None, value: Any = None) -> Callable[[str], Any]:
    """The shared Pipeline's ``method``, the Pipeline built with ``option=value``."""
    try:
        return _shared_methods[method, value]
    except KeyError:
        pipeline = _shared_pipeline() if option is None else _shared_pipeline(**{option: value})
        call = _shared_methods[method, value] = getattr(pipeline, method)
        return call


def normalize(text: str, profile: str = "light") -> str:
    """``text`` normalized: ``light`` (default), ``lucene``, ``camel`` or ``search``.

    >>> dhad.normalize("ﻻ تراجع", profile="search")
    'لا تراجع'
    """
    _check_str("profile", profile)
    return _shared("normalize", "profile", profile)(text)


def tokenize(text: str) -> List[Token]:
    """The tokens of ``text`` with kinds, ``str`` and byte offsets.

    >>> t = dhad.tokenize("نحو ٣٥٠الف نسمة")[2]
    >>> (t.kind, t.text, t.begin, t.byte_begin)
    ('arabic', 'الف', 7, 13)
    """
    return _shared("tokenize")(text)


def sentences(text: str) -> List[Sentence]:
    """The sentences of ``text``.

    >>> [s.text for s in dhad.sentences("جاء الوزير. ثم غادر؟")]
    ['جاء الوزير.', 'ثم غادر؟']
    """
    return _shared("sentences")(text)


def segment(text: str, split_article: bool = False) -> str:
    """Clitic segmentation, UD Arabic text format.

    >>> dhad.segment("وبالكتاب لأوباما")
    'و+ ب+ الكتاب ل+ أوباما'
    """
    return _shared("segment", "split_article", split_article)(text)


def stem(text: str, algorithm: str = "light10") -> str:
    """Each token's stem: ``light10`` (Lucene's light stemmer) or ``isri`` (NLTK).
    (``Pipeline(min_stem=3).stem`` keeps light10 from cutting a stem below
    three letters.)

    >>> dhad.stem("والمدرسة بالكتابين")
    'مدرس كتاب'
    """
    _check_str("algorithm", algorithm)
    return _shared("stem", "stem", algorithm)(text)


def correct(text: str) -> Correction:
    """The text with its misspellings corrected, and the edits.

    >>> r = dhad.correct("ذهب الي المدرسه")
    >>> r.text, [(e.text, e.replacement, e.cls) for e in r.edits]
    ('ذهب إلى المدرسة', [('الي', 'إلى', 'hamza'), ('المدرسه', 'المدرسة', 'ta_marbuta')])
    """
    return _shared("correct")(text)


def analyze(text: str, profile: str = "light") -> List[Analysis]:
    """Every stage per token (``dhad analyze``).

    >>> a = dhad.analyze("والمدرسة")[0]
    >>> [s.text for s in a.segments], a.stem, a.root
    (['و', 'المدرسة'], 'مدرس', 'درس')
    """
    _check_str("profile", profile)
    return _shared("analyze", "profile", profile)(text)
