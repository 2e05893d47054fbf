# Type stubs of the C++ extension dhad._dhad (python/src/module.cc). Use the
# dhad package's functions and dhad.Pipeline; this module is their engine.
from typing import List, Sequence

from ._types import Analysis, Correction, Sentence, Token

__version__: str

def _set_types(
    token: type,
    sentence: type,
    edit: type,
    correction: type,
    segment: type,
    analysis: type,
    dhad_error: type,
    model_error: type,
) -> None: ...

class Pipeline:
    def __init__(
        self,
        profile: str,
        stem: str,
        min_stem: int,
        split_article: bool,
        segment_model: str,
        correct: bool,
        correct_model: str,
        min_confidence: float,
        classes: str,
    ) -> None: ...
    def normalize(self, text: str) -> str: ...
    def stem(self, text: str) -> str: ...
    def segment(self, text: str) -> str: ...
    def tokenize_text(self, text: str) -> str: ...
    def tokenize(self, text: str) -> List[Token]: ...
    def sentences(self, text: str) -> List[Sentence]: ...
    def correct(self, text: str) -> Correction: ...
    def analyze(self, text: str) -> List[Analysis]: ...
    def run_batch(self, op: str, texts: Sequence[str], threads: int) -> List[str]: ...
    def tokenize_batch(self, texts: Sequence[str], threads: int) -> List[List[Token]]: ...
