"""dhad.dask on a real distributed.LocalCluster of 2 worker processes:
correction of the shared corpus sample equals the single-process CLI's,
record for record, and still does when a worker process is killed mid-run."""

import json
import os
import signal
import time

import pytest

import dhad
import dhad.dask
from conftest import CORPUS, generated_text

dask = pytest.importorskip("dask")
db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")
cloudpickle = pytest.importorskip("cloudpickle")

FIELD = "content"


@pytest.fixture(scope="module")
def corpus(cli):
    """(texts, the CLI's corrections of them): the shared sample's records,
    or generated records without ../shared."""
    if os.path.exists(CORPUS):
        with open(CORPUS, encoding="utf-8") as f:
            lines = f.read().splitlines()
    else:
        if os.environ.get("DHAD_REQUIRE_SHARED") == "1":
            pytest.fail(f"{CORPUS} is missing (DHAD_REQUIRE_SHARED=1)")
        lines = [json.dumps({FIELD: generated_text(seed, words=200)}, ensure_ascii=False)
                 for seed in range(400)]
    texts = [json.loads(line)[FIELD] for line in lines]
    out = cli("correct", "--field", FIELD, input_text="\n".join(lines) + "\n")
    want = [json.loads(line)[FIELD] for line in out.splitlines()]
    assert len(want) == len(texts)
    assert sum(a != b for a, b in zip(texts, want)) > len(texts) // 10  # corrections happen
    return texts, want


@pytest.fixture(scope="module")
def client():
    # Workers unpickle this module's helpers by value: they cannot import it.
    import sys
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster:
        with distributed.Client(cluster) as c:
            yield c


def test_bag_correct_equals_cli(client, corpus):
    texts, want = corpus
    bag = db.from_sequence(texts, npartitions=16)
    got = dhad.dask.map_bag(bag, "correct").compute()
    assert got == want
    # Each worker built its pipeline once, and both did work.
    sizes = client.run(lambda: len(dhad.dask._pipelines))
    assert sorted(sizes.values()) == [1, 1]


def test_other_stages_on_a_bag(client, corpus):
    texts = corpus[0][:200]
    bag = db.from_sequence(texts, npartitions=4)
    p = dhad.Pipeline("search", stem="isri")
    assert dhad.dask.map_bag(bag, "stem", p).compute() == [p.stem(t) for t in texts]
    assert dhad.dask.map_bag(bag, "tokenize").compute() == [dhad.tokenize(t) for t in texts]


def test_dataframe_column(client, corpus):
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    texts, want = corpus
    df = dd.from_pandas(pd.DataFrame({"id": range(len(texts)), FIELD: texts}), npartitions=8)
    fixed = dhad.dask.map_column(df[FIELD], "correct").compute()
    assert fixed.tolist() == want
    assert fixed.index.tolist() == list(range(len(texts)))


def slow_partition(texts):
    time.sleep(0.15)  # so that the run is still going when a worker dies
    return list(texts)


def test_worker_killed_mid_run(client, corpus):
    texts, want = corpus
    keyed = list(enumerate(texts))
    bag = db.from_sequence(keyed, npartitions=40).map_partitions(slow_partition)
    ids = bag.map(lambda r: r[0])
    fixed = dhad.dask.map_bag(bag.map(lambda r: r[1]), "correct")
    future = client.compute([ids, fixed])
    pids = client.run(os.getpid)
    # Wait until the run is under way, then kill one worker process outright.
    deadline = time.time() + 30
    while not client.processing() or not any(client.processing().values()):
        assert time.time() < deadline
        time.sleep(0.01)
    time.sleep(0.5)
    assert not future[0].done() or not future[1].done(), "the run ended before the kill"
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)
    got_ids, got = client.gather(future)
    assert got_ids == list(range(len(texts)))  # every record, once, in order
    assert got == want
    # The nanny started a new worker process in place of the killed one.
    assert victim not in client.run(os.getpid).values()
