import numpy as np
import pytest

from snippets.backprop import backward
from snippets.forward import forward
from snippets.gradient_flow import deep_mlp, layer_gradient_norms, mean_derivatives, training_run
from snippets.losses import cross_entropy_grad, one_hot


def batch(seed, m=64, n=20):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(m, n)), one_hot(rng.integers(0, 10, size=m), 10, dtype=np.float64)


def test_deep_mlp_layers_and_initialization():
    params, activations = deep_mlp(20, 8, 4, 3, "tanh", np.random.default_rng(0))
    assert [W.shape for W, _ in params] == [(20, 8), (8, 8), (8, 8), (8, 3)]
    assert activations == ["tanh", "tanh", "tanh", "identity"]
    he, _ = deep_mlp(400, 400, 2, 3, "relu", np.random.default_rng(0))
    xavier, _ = deep_mlp(400, 400, 2, 3, "sigmoid", np.random.default_rng(0))
    assert he[0][0].std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)
    assert xavier[0][0].std() == pytest.approx(np.sqrt(2 / 800), rel=0.02)
    forced, _ = deep_mlp(400, 400, 2, 3, "relu", np.random.default_rng(0), scheme="xavier")
    assert forced[0][0].std() == pytest.approx(np.sqrt(2 / 800), rel=0.02)


def test_gradient_norms_are_the_norms_of_backward():
    X, Y = batch(1)
    params, activations = deep_mlp(20, 8, 3, 10, "relu", np.random.default_rng(1))
    logits, cache = forward(X, params, activations)
    grads = backward(cross_entropy_grad(logits, Y), cache, params, activations)
    norms = layer_gradient_norms(X, Y, params, activations)
    assert norms.shape == (3,)
    np.testing.assert_allclose(norms, [np.sqrt(np.sum(dW**2)) for dW, _ in grads], rtol=1e-6)


def test_sigmoid_gradients_vanish_with_depth_and_relu_gradients_do_not():
    X, Y = batch(2)
    ratios = {}
    for activation in ("sigmoid", "relu"):
        params, activations = deep_mlp(20, 64, 10, 10, activation, np.random.default_rng(2))
        norms = layer_gradient_norms(X, Y, params, activations)
        ratios[activation] = norms[1] / norms[-1]
    assert ratios["sigmoid"] < 1e-3
    assert ratios["relu"] > 0.1


def test_mean_derivatives_of_the_hidden_layers():
    X, _ = batch(3)
    derivatives = {}
    for activation in ("sigmoid", "tanh", "relu"):
        params, activations = deep_mlp(20, 32, 5, 10, activation, np.random.default_rng(3))
        derivatives[activation] = mean_derivatives(X, params, activations)
        assert derivatives[activation].shape == (4,)
    assert np.all(derivatives["sigmoid"] <= 0.25) and np.all(derivatives["sigmoid"] > 0.2)
    assert np.all(np.abs(derivatives["relu"] - 0.5) < 0.15)
    assert np.all(derivatives["tanh"] > derivatives["sigmoid"])


def test_training_run_is_seeded_and_learns():
    losses, accuracy = training_run("relu", depth=3, width=32, steps=60, batch_size=64, learning_rate=0.1, seed=0)
    again, _ = training_run("relu", depth=3, width=32, steps=60, batch_size=64, learning_rate=0.1, seed=0)
    assert losses.shape == (60,)
    np.testing.assert_array_equal(losses, again)
    assert losses[-10:].mean() < 0.7 * losses[:10].mean()
    assert 0.5 < accuracy <= 1
