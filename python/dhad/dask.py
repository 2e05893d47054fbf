"""Any dhad stage over a ``dask.bag`` of strings or a ``dask.dataframe`` column.

Each partition is worked on by one batch call (C++ threads, GIL released) of a
Pipeline that each worker process builds once, from the options of the
Pipeline given here (the Pipeline itself is not shipped with every task: its
options are, and the worker keeps one Pipeline per set of options).

>>> import dask.bag as db, dhad, dhad.dask
>>> texts = db.from_sequence(["ذهب الي المدرسه", "فى اكبر مدينة"], npartitions=2)
>>> dhad.dask.map_bag(texts, "correct").compute()
['ذهب إلى المدرسة', 'في أكبر مدينة']

With ``distributed``, the same graph runs on a cluster::

    from distributed import Client, LocalCluster
    with LocalCluster(n_workers=4, threads_per_worker=1) as cluster, Client(cluster):
        fixed = dhad.dask.map_bag(db.read_text("corpus-*.txt"), "correct").compute()

Stages: those of :data:`dhad.STAGES` give one ``str`` per text; ``tokenize``,
``sentences``, ``analyze`` give the lists :class:`dhad.Pipeline` gives.
"""

from __future__ import annotations

import threading
from typing import Any, Dict, List, Optional, Tuple

import dhad

_TEXT_STAGES = dhad.STAGES
_RECORD_STAGES = ("tokenize", "sentences", "analyze")

_lock = threading.Lock()
_pipelines: Dict[Tuple[Tuple[str, Any], ...], dhad.Pipeline] = {}


def worker_pipeline(options: Dict[str, Any]) -> dhad.Pipeline:
    """The process's Pipeline for ``options``, built on first use."""
    key = tuple(sorted(options.items()))
    with _lock:
        p = _pipelines.get(key)
        if p is None:
            p = _pipelines[key] = dhad.Pipeline(**options)
        return p


def _check_stage(stage: str) -> None:
    if stage not in _TEXT_STAGES + _RECORD_STAGES:
        raise ValueError(
            f"unknown stage {stage!r}; one of {', '.join(_TEXT_STAGES + _RECORD_STAGES)}"
        )


def apply(stage: str, texts: List[str], options: Dict[str, Any], threads: int = 1) -> List[Any]:
    """``stage`` over ``texts`` with the worker's Pipeline: what each
    partition runs."""
    p = worker_pipeline(options)
    if stage in _TEXT_STAGES:
        return p.batch(stage, texts, threads)
    if stage == "tokenize":
        return p.tokenize_batch(texts, threads)
    return [getattr(p, stage)(t) for t in texts]


def _options(pipeline: Optional[dhad.Pipeline]) -> Dict[str, Any]:
    if pipeline is None:
        return dhad.Pipeline().options
    if not isinstance(pipeline, dhad.Pipeline):
        raise TypeError(f"pipeline must be a dhad.Pipeline, not {type(pipeline).__name__}")
    return pipeline.options


def map_bag(bag: Any, stage: str, pipeline: Optional[dhad.Pipeline] = None, threads: int = 1) -> Any:
    """A bag of ``stage``'s results, element for element, partitions kept.

    ``threads``: C++ threads per partition (leave 1 when each worker process
    has one core; Dask's workers already run partitions in parallel).
    """
    _check_stage(stage)
    options = _options(pipeline)
    return bag.map_partitions(_bag_partition, stage, options, threads)


def _bag_partition(texts: Any, stage: str, options: Dict[str, Any], threads: int) -> List[Any]:
    return apply(stage, list(texts), options, threads)


def map_column(
    column: Any, stage: str, pipeline: Optional[dhad.Pipeline] = None, threads: int = 1
) -> Any:
    """A ``dask.dataframe`` Series of ``stage``'s results for a Series of str
    (``df["text"]``), index and partitions kept."""
    _check_stage(stage)
    options = _options(pipeline)
    name = getattr(column, "name", None)
    return column.map_partitions(
        _series_partition, stage, options, threads, meta=(name, "object")
    )


def _series_partition(series: Any, stage: str, options: Dict[str, Any], threads: int) -> Any:
    import pandas

    out = apply(stage, series.tolist(), options, threads)
    return pandas.Series(out, index=series.index, name=series.name, dtype="object")
