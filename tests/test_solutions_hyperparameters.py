import numpy as np
import pytest

from snippets.gradient_descent import minibatches
from snippets.solutions.hyperparameters import iterations_per_epoch, step_decay, xavier_uniform


@pytest.mark.parametrize("n, m", [(55_000, 128), (60_000, 100), (10, 3), (5, 5), (3, 10), (1, 1)])
def test_iterations_per_epoch_counts_the_batches_minibatches_yields(n, m):
    batches = list(minibatches(n, m, np.random.default_rng(0)))
    assert iterations_per_epoch(n, m) == len(batches)
    complete = sum(len(batch) == m for batch in batches)
    assert iterations_per_epoch(n, m, drop_last=True) == complete


def test_iterations_per_epoch_closed_form():
    assert iterations_per_epoch(55_000, 128) == 430
    assert iterations_per_epoch(55_000, 128, drop_last=True) == 429


def test_xavier_uniform_has_xavier_variance_and_bounds():
    n_in, n_out = 400, 200
    W = xavier_uniform(n_in, n_out, np.random.default_rng(1))
    assert W.shape == (n_in, n_out) and W.dtype == np.float32
    r = np.sqrt(6 / (n_in + n_out))
    assert np.abs(W).max() <= r and np.abs(W).max() > 0.99 * r
    assert W.var() == pytest.approx(2 / (n_in + n_out), rel=0.02)
    assert abs(W.mean()) < 0.002


def test_step_decay():
    assert [step_decay(0.1, epoch, drop=0.5, every=2) for epoch in range(6)] == \
           pytest.approx([0.1, 0.1, 0.05, 0.05, 0.025, 0.025])
    assert step_decay(0.3, 9) == 0.3 and step_decay(0.3, 10) == pytest.approx(0.15)
