import multiprocessing
import time

import numpy as np
import pytest

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


def sweep(rates, seed=0, **settings):
    CALLS.append((rates, seed, settings))
    return [rate * 2 for rate in rates]


def test_an_experiment_is_a_plain_call_for_a_reader_and_cached_for_the_build(tmp_path, monkeypatch):
    monkeypatch.delenv(experiments.ENVIRONMENT, raising=False)
    run = experiments.experiment(sweep)
    assert run.__name__ == "sweep" and run.__doc__ == sweep.__doc__
    CALLS.clear()
    assert run((1, 2)) == run((1, 2)) == [2, 4]
    assert len(CALLS) == 2 and not list(tmp_path.iterdir())  # no cache folder: every call computes
    monkeypatch.setenv(experiments.ENVIRONMENT, str(tmp_path))
    CALLS.clear()
    assert run((1, 2)) == [2, 4]
    assert run((1, 2), seed=0) == run(rates=(1, 2)) == [2, 4]  # the default filled in: one experiment
    assert len(CALLS) == 1 and len(list(tmp_path.glob("*.pickle"))) == 1
    assert run((1, 2), epochs=3) == [2, 4]  # extra settings by name are part of the key
    assert CALLS[-1] == ((1, 2), 0, {"epochs": 3})


def varargs(*values):
    return sum(values)


def test_an_experiment_refuses_settings_it_cannot_name(tmp_path, monkeypatch):
    monkeypatch.setenv(experiments.ENVIRONMENT, str(tmp_path))
    with pytest.raises(TypeError, match=r"varargs: an experiment takes its \*values by name"):
        experiments.experiment(varargs)(1, 2)
