import multiprocessing
import time

import numpy as np

from snippets.sitebuild import experiments

CALLS = []


def expensive(size, seed):
    CALLS.append((size, seed))
    return {"values": np.random.default_rng(seed).normal(size=size)}


def test_a_result_is_computed_once_per_arguments(tmp_path, monkeypatch):
    monkeypatch.setattr(experiments, "CACHE", tmp_path)
    CALLS.clear()
    first = experiments.cached(expensive, size=3, seed=0)
    again = experiments.cached(expensive, seed=0, size=3)  # same arguments, any order
    np.testing.assert_array_equal(first["values"], again["values"])
    assert CALLS == [(3, 0)]
    experiments.cached(expensive, size=3, seed=1)
    assert CALLS == [(3, 0), (3, 1)]
    assert not list(tmp_path.glob("*.partial"))


def test_a_change_in_the_code_invalidates_the_result(tmp_path, monkeypatch):
    monkeypatch.setattr(experiments, "CACHE", tmp_path)
    CALLS.clear()
    experiments.cached(expensive, size=2, seed=0)
    monkeypatch.setattr(experiments, "code_digest", lambda *args: "another version of the code")
    experiments.cached(expensive, size=2, seed=0)
    assert CALLS == [(2, 0), (2, 0)]


def slow_experiment(log, seconds):
    with open(log, "a") as file:
        file.write("ran\n")
    time.sleep(seconds)
    return seconds * 2


def call(log):
    return experiments.cached(slow_experiment, log=str(log), seconds=0.5)


def test_parallel_workers_compute_a_shared_experiment_once(tmp_path, monkeypatch):
    monkeypatch.setattr(experiments, "CACHE", tmp_path / "cache")
    log = tmp_path / "log.txt"
    with multiprocessing.get_context("fork").Pool(2) as pool:  # forked workers see the patched CACHE
        results = pool.map(call, [log, log])
    assert results == [1.0, 1.0]
    assert log.read_text() == "ran\n"  # the second worker waited and read the first one's result
    assert call(log) == 1.0 and log.read_text() == "ran\n"
