import numpy as np
import pytest

from snippets.activations import ACTIVATIONS
from snippets.gradcheck import numerical_gradient, relative_error
from snippets.gradient_flow import deep_mlp, layer_gradient_norms
from snippets.losses import cross_entropy, one_hot
from snippets.solutions.gradient_flow import residual_gradient_norms


def residual_loss(X, Y, params, activation):
    """Test-only reference: the cross-entropy of the residual network, written out."""
    f = ACTIVATIONS[activation][0]
    A = f(X @ params[0][0] + params[0][1])
    for W, b in params[1:-1]:
        A = A + f(A @ W + b)
    return cross_entropy(A @ params[-1][0] + params[-1][1], Y)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_residual_gradient_norms_match_central_differences(activation):
    rng = np.random.default_rng(4)
    params, _ = deep_mlp(6, 5, 4, 3, activation, rng)
    params = [(W.astype(np.float64), 0.1 * rng.normal(size=b.shape)) for W, b in params]
    X, Y = rng.normal(size=(7, 6)), one_hot(rng.integers(0, 3, size=7), 3, dtype=np.float64)

    def loss_with(layer, W):
        trial = list(params)
        trial[layer] = (W, params[layer][1])
        return residual_loss(X, Y, trial, activation)

    numeric = [np.linalg.norm(numerical_gradient(lambda W: loss_with(layer, W), params[layer][0]))
               for layer in range(len(params))]
    assert relative_error(residual_gradient_norms(X, Y, params, activation), numeric) < 1e-6


def test_skip_connections_keep_the_gradient_of_a_deep_sigmoid_network():
    rng = np.random.default_rng(5)
    X, Y = rng.normal(size=(64, 20)), one_hot(rng.integers(0, 10, size=64), 10, dtype=np.float64)
    params, activations = deep_mlp(20, 64, 10, 10, "sigmoid", rng)
    plain = layer_gradient_norms(X, Y, params, activations)
    residual = residual_gradient_norms(X, Y, params, "sigmoid")
    assert plain[1] / plain[-2] < 1e-4  # across the hidden layers the plain gradient vanishes
    assert residual[1] / residual[-2] > 0.1  # with skip connections it does not
    assert residual[0] > 1e4 * plain[0]
