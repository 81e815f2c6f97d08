import numpy as np
import pytest

from snippets.forward import init_params
from snippets.initialization import (LayerStatistics, constant_params, layer_statistics, make_params, normal_params,
                                     unit_spread)

SIZES = [784, 256, 128, 10]


def test_constant_and_normal_params_have_init_params_shapes_and_dtype():
    reference = init_params(SIZES, np.random.default_rng(0))
    for params in (constant_params(SIZES, 0.5), normal_params(SIZES, 0.1, np.random.default_rng(0))):
        assert [(W.shape, b.shape, W.dtype, b.dtype) for W, b in params] == \
               [(W.shape, b.shape, W.dtype, b.dtype) for W, b in reference]
        assert all(np.all(b == 0) for _, b in params)
    assert all(np.all(W == 0.5) for W, _ in constant_params(SIZES, 0.5))
    assert constant_params([3, 2], dtype=np.float64)[0][0].dtype == np.float64


def test_normal_params_ignore_the_layer_size():
    params = normal_params(SIZES, 0.1, np.random.default_rng(1))
    for W, _ in params:
        assert W.std() == pytest.approx(0.1, rel=0.05)  # the same spread in every layer, unlike He or Xavier


def test_make_params_by_name():
    assert all(np.all(W == 0) for W, _ in make_params("zeros", SIZES, 0))
    assert all(np.all(W == np.float32(0.004)) for W, _ in make_params("constant 0.004", SIZES, 0))
    assert make_params("std 1", SIZES, 0)[1][0].std() == pytest.approx(1.0, rel=0.02)
    he = make_params("he", SIZES, 3)
    np.testing.assert_array_equal(he[0][0], init_params(SIZES, np.random.default_rng(3))[0][0])
    xavier = make_params("xavier", SIZES, 3)
    assert xavier[0][0].std() == pytest.approx(np.sqrt(2 / (784 + 256)), rel=0.02)


def test_unit_spread_is_zero_exactly_when_all_units_are_equal():
    assert unit_spread(constant_params([5, 4], 0.3)[0][0]) == 0.0
    W = np.tile(np.arange(5.0)[:, None], (1, 4))  # every column the same, rows differ
    assert unit_spread(W) == 0.0
    W[2, 1] += 0.25
    assert unit_spread(W) == 0.25


def test_layer_statistics_closed_form():
    """One example through identity-like layers whose values we can work out by hand."""
    X = np.array([[1.0, 2.0]])
    params = [(np.array([[1.0, -1.0], [1.0, -1.0]]), np.zeros(2)), (np.ones((2, 1)), np.zeros(1))]
    [stats] = layer_statistics(X, params, ["relu", "identity"])
    assert isinstance(stats, LayerStatistics)
    # Z = [3, −3], A = ReLU(Z) = [3, 0]: unit 2 has zero derivative on every (the only) example.
    assert stats.mean == 1.5 and stats.std == 1.5
    assert stats.saturated == 0.5 and stats.dead == 0.5


def test_saturated_tanh_units_are_counted():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(500, 50))
    sizes = [50, 100, 100, 10]
    small = layer_statistics(X, init_params(sizes, rng, scheme="xavier", dtype=np.float64), ["tanh", "tanh", "identity"])
    large = layer_statistics(X, normal_params(sizes, 3.0, rng, dtype=np.float64), ["tanh", "tanh", "identity"])
    assert len(small) == len(large) == 2
    assert all(s.saturated < 0.01 for s in small)
    assert all(s.saturated > 0.5 for s in large) and all(s.std > 0.9 for s in large)
