import math
import warnings

import numpy as np
import pytest

from snippets import losses
from snippets.activations import sigmoid, softmax
from snippets.gradcheck import numerical_gradient, relative_error


def test_mse_closed_form():
    assert losses.mse(np.array([1.0, 2.0, 3.0]), np.array([1.0, 0.0, 6.0])) == (0 + 4 + 9) / 3
    assert losses.mse(np.ones((4, 2)), np.ones((4, 2))) == 0.0


def test_mse_gradient_matches_central_differences():
    rng = np.random.default_rng(0)
    Y_hat, Y = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    numeric = numerical_gradient(lambda P: losses.mse(P, Y), Y_hat)
    assert relative_error(losses.mse_grad(Y_hat, Y), numeric) < 1e-6


EXTREME = np.array([-1e4, -1000.0, -50.0, 0.0, 50.0, 1000.0, 1e4])


def test_binary_cross_entropy_closed_forms():
    assert losses.binary_cross_entropy(np.array([0.5, 0.5]), np.array([1, 0])) == pytest.approx(math.log(2))
    assert losses.binary_cross_entropy(np.array([0.8]), np.array([1])) == pytest.approx(-math.log(0.8))
    assert losses.binary_cross_entropy(np.array([0.8]), np.array([0])) == pytest.approx(-math.log(0.2))


def test_binary_cross_entropy_clips_instead_of_returning_inf():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert losses.binary_cross_entropy(np.array([0.0]), np.array([1])) == pytest.approx(-math.log(1e-7))
        assert losses.binary_cross_entropy(np.array([1.0]), np.array([0]), eps=1e-3) == pytest.approx(-math.log(1e-3))
        assert losses.binary_cross_entropy(np.array([1.0, 0.0]), np.array([1, 0])) < 1e-6


def test_bce_with_logits_equals_bce_of_sigmoid():
    z = np.linspace(-8, 8, 33)
    for y in (0.0, 1.0, 0.3):
        np.testing.assert_allclose(losses.binary_cross_entropy_with_logits(z, y),
                                   losses.binary_cross_entropy(sigmoid(z), y), rtol=1e-12)
    assert losses.binary_cross_entropy_with_logits(np.array([0.0]), np.array([1.0])) == pytest.approx(math.log(2))


def test_bce_with_logits_is_exact_at_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert losses.binary_cross_entropy_with_logits(np.array([1000.0]), np.array([1.0])) == 0.0
        assert losses.binary_cross_entropy_with_logits(np.array([-1000.0]), np.array([0.0])) == 0.0
        assert losses.binary_cross_entropy_with_logits(np.array([1000.0]), np.array([0.0])) == 1000.0
        assert losses.binary_cross_entropy_with_logits(np.array([-1000.0]), np.array([1.0])) == 1000.0
        # y = 1 at z = 30: the loss e^(−30) has no cancellation left in it.
        assert losses.binary_cross_entropy_with_logits(np.array([30.0]), np.array([1.0])) == pytest.approx(
            math.log1p(math.exp(-30)), rel=1e-12)
        for y in (0.0, 1.0):
            assert np.isfinite(losses.binary_cross_entropy_with_logits(EXTREME, y))
            assert np.all(np.isfinite(losses.binary_cross_entropy_with_logits_grad(EXTREME, y)))


def test_bce_with_logits_gradient_matches_central_differences():
    rng = np.random.default_rng(1)
    z, y = rng.normal(scale=3, size=(6, 2)), rng.integers(0, 2, size=(6, 2)).astype(float)
    numeric = numerical_gradient(lambda v: losses.binary_cross_entropy_with_logits(v, y), z)
    assert relative_error(losses.binary_cross_entropy_with_logits_grad(z, y), numeric) < 1e-6


def test_log_softmax_closed_form_shift_invariance_and_extremes():
    Z = np.random.default_rng(2).normal(scale=4, size=(5, 7))
    np.testing.assert_allclose(losses.log_softmax(Z), np.log(softmax(Z)), rtol=1e-12)
    np.testing.assert_allclose(losses.log_softmax(Z + 1234.5), losses.log_softmax(Z), atol=1e-10)
    np.testing.assert_allclose(np.exp(losses.log_softmax(Z)).sum(axis=1), 1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(losses.log_softmax(np.array([[1000.0, 0.0]])), [[0.0, -1000.0]])
        assert np.all(np.isfinite(losses.log_softmax(np.array([EXTREME]))))


@pytest.mark.parametrize("K", [2, 10, 1000])
def test_cross_entropy_of_uniform_scores_is_log_K(K):
    logits = np.full((3, K), 7.0)  # equal scores: softmax is uniform
    Y = losses.one_hot(np.array([0, 1, K - 1]), K, dtype=np.float64)
    assert losses.cross_entropy(logits, Y) == pytest.approx(math.log(K))


def test_cross_entropy_closed_form_and_agreement_with_probability_version():
    logits = np.log(np.array([[0.7, 0.2, 0.1], [0.25, 0.25, 0.5]]))
    Y = losses.one_hot(np.array([0, 2]), 3, dtype=np.float64)
    expected = -(math.log(0.7) + math.log(0.5)) / 2
    assert losses.cross_entropy(logits, Y) == pytest.approx(expected)
    assert losses.categorical_cross_entropy(softmax(logits), Y) == pytest.approx(expected)


def test_cross_entropy_never_inf_or_nan_at_extreme_logits():
    logits = np.array([[1e4, -1e4, 0.0], [-1e4, -1e4, 1e4], [1000.0, 0.0, -1000.0]])
    Y = losses.one_hot(np.array([1, 2, 2]), 3, dtype=np.float64)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = losses.cross_entropy(logits, Y)
        grad = losses.cross_entropy_grad(logits, Y)
        clipped = losses.categorical_cross_entropy(softmax(logits), Y)
    assert loss == pytest.approx((2e4 + 0 + 2000) / 3)  # exact: −log softmax of the true class
    assert np.all(np.isfinite(grad))
    assert clipped == pytest.approx(-2 * math.log(1e-7) / 3)  # clipping stays finite, but is wrong


def test_cross_entropy_gradient_is_softmax_minus_targets_and_matches_central_differences():
    rng = np.random.default_rng(3)
    logits = rng.normal(scale=2, size=(4, 5))
    Y = losses.one_hot(rng.integers(0, 5, size=4), 5, dtype=np.float64)
    numeric = numerical_gradient(lambda Z: losses.cross_entropy(Z, Y), logits)
    assert relative_error(losses.cross_entropy_grad(logits, Y), numeric) < 1e-6
    np.testing.assert_allclose(losses.cross_entropy_grad(logits, Y).sum(axis=1), 0, atol=1e-15)  # rows sum to 0


def test_categorical_cross_entropy_gradient_matches_the_chain_rule():
    rng = np.random.default_rng(4)
    P = softmax(rng.normal(size=(3, 4)))
    Y = losses.one_hot(np.array([3, 0, 1]), 4, dtype=np.float64)
    numeric = numerical_gradient(lambda Q: losses.categorical_cross_entropy(Q, Y), P)
    assert relative_error(-Y / P / 3, numeric) < 1e-6  # ∂L/∂P = −Y/(mP)


def test_float32_stays_float32():
    rng = np.random.default_rng(5)
    logits = rng.normal(size=(8, 10)).astype(np.float32)
    Y = losses.one_hot(rng.integers(0, 10, size=8), 10)
    assert Y.dtype == np.float32
    assert losses.log_softmax(logits).dtype == np.float32
    assert losses.cross_entropy(logits, Y).dtype == np.float32
    assert losses.cross_entropy_grad(logits, Y).dtype == np.float32
    z = logits[:, 0]
    assert losses.binary_cross_entropy_with_logits(z, Y[:, 0]).dtype == np.float32
    assert losses.binary_cross_entropy_with_logits_grad(z, Y[:, 0]).dtype == np.float32
    assert losses.binary_cross_entropy(sigmoid(z), Y[:, 0]).dtype == np.float32


def test_one_hot():
    np.testing.assert_array_equal(losses.one_hot(np.array([2, 0, 1]), 4),
                                  [[0, 0, 1, 0], [1, 0, 0, 0], [0, 1, 0, 0]])
    assert losses.one_hot(np.array([1]), 3, dtype=np.float64).dtype == np.float64
