import numpy as np

from snippets.forward import init_params
from snippets.optimizers import SGD
from snippets.regularization import add_penalty_grads
from snippets.solutions.regularization import max_norm, mc_dropout_predict, weight_decay_step
from snippets.training import predict_proba


def test_weight_decay_step_equals_sgd_on_the_penalized_gradient():
    rng = np.random.default_rng(0)
    W, dW = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    expected = W.copy()
    [(penalized, _)] = add_penalty_grads([(dW, np.zeros(3))], [(W, np.zeros(3))], l2=0.2)
    SGD(0.1).step([expected], [penalized])
    np.testing.assert_allclose(weight_decay_step(W, dW, 0.1, 0.2), expected)
    np.testing.assert_allclose(weight_decay_step(W, np.zeros_like(W), 0.1, 0.2), 0.98 * W)


def test_max_norm_caps_long_columns_and_leaves_short_ones():
    W = np.array([[3.0, 0.3, 0.0], [4.0, 0.4, 0.0]])  # column norms 5, 0.5, 0
    capped = max_norm(W, 1.0)
    np.testing.assert_allclose(np.linalg.norm(capped, axis=0), [1.0, 0.5, 0.0])
    np.testing.assert_allclose(capped[:, 0], [0.6, 0.8])  # same direction, shorter
    np.testing.assert_array_equal(capped[:, 1:], W[:, 1:])


def test_mc_dropout_averages_dropout_predictions():
    rng = np.random.default_rng(1)
    params = init_params([6, 32, 4], rng, dtype=np.float64)
    X = rng.normal(size=(5, 6))
    mean, std = mc_dropout_predict(X, params, ["relu", "identity"], 1.0, rng, samples=3)
    np.testing.assert_allclose(mean, predict_proba(params, ["relu", "identity"], X))  # nothing dropped
    np.testing.assert_allclose(std, 0, atol=1e-15)
    mean, std = mc_dropout_predict(X, params, ["relu", "identity"], 0.5, rng, samples=200)
    assert mean.shape == std.shape == (5, 4)
    np.testing.assert_allclose(mean.sum(axis=1), 1.0)
    assert std.max() > 0.01  # the passes disagree
    again, _ = mc_dropout_predict(X, params, ["relu", "identity"], 0.5, np.random.default_rng(7), samples=200)
    assert np.abs(mean - again).max() < 0.05  # and their average is stable
