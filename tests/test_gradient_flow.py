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


def test_the_chapters_claims_about_vanishing_gradients():
    """Why deep networks reads the build's gradient norms (10 layers, MNIST, 5 seeds) as follows."""
    from snippets.figures.deep_networks import gradient_norms

    results = gradient_norms()
    geometric = {name: np.exp(np.log(norms).mean(axis=0)) for name, (norms, _) in results.items()}
    mean_derivative = {name: derivatives.mean() for name, (_, derivatives) in results.items()}
    sigmoid = geometric["sigmoid"]
    falls = sigmoid[1:] / sigmoid[:-1]  # how much larger each layer's norm is than the one below it
    # "falls by about the same factor from one hidden layer to the next, a straight line on the logarithmic
    # axis", "every sigmoid layer shrinks the gradient about fourfold"; next to the input (784 rows) and the
    # output the factor is smaller ("makes the sigmoid network's first step ... smaller"), but the norm still falls.
    assert np.all(falls > 1.5)
    assert np.all((3.5 < falls[1:-1]) & (falls[1:-1] < 5))
    # "by several orders of magnitude" (alt text); "shrunk nine times, about 4^9 ≈ 260,000-fold"
    assert 4.0**-9 / 10 < sigmoid[0] / sigmoid[-1] < min(1e-4, 10 * 4.0**-9)
    # "the sigmoid's derivative averages just under its maximum of 1/4"
    assert 0.2 < mean_derivative["sigmoid"] < 0.25
    # "tanh'(z) ≈ 1 for the small pre-activations"; "exactly 1 on the half of the units that are active"
    assert mean_derivative["tanh"] > 0.85
    assert abs(mean_derivative["relu"] - 0.5) < 0.05
    for name in ("tanh", "relu"):
        norms = geometric[name]
        # "The tanh and ReLU networks' norms stay at about the same level at every layer"
        assert norms[1:].max() < 2 * norms[1:].min()
        # "the first layer's norm is a little larger than the others"
        assert 1.2 * norms[1:].max() < norms[0] < 5 * norms[1:].max()
        assert norms[0] / norms[-1] > 1e4 * sigmoid[0] / sigmoid[-1]


def test_the_chapters_claims_about_training_deep_networks():
    """Why deep networks reads the build's 600-step training runs (cached by the build) as follows."""
    from snippets.figures.deep_networks import training_runs

    runs = training_runs()
    window = 25  # the figure's moving average: smooth[i] is the mean loss of steps i + 1 … i + 25
    smooth = {label: np.convolve(losses, np.ones(window) / window, mode="valid") for label, (losses, _) in runs.items()}
    final = {label: losses[-50:].mean() for label, (losses, _) in runs.items()}
    accuracy = {label: accuracy for label, (_, accuracy) in runs.items()}
    deep_sigmoid, shallow = "sigmoid, 10 layers", "sigmoid, 2 layers"
    # "The 10-layer sigmoid network's loss stays flat at ln 10"; "learns nothing in that time"
    assert np.all(np.abs(smooth[deep_sigmoid] - np.log(10)) < 0.05)
    assert accuracy[deep_sigmoid] < 0.2
    # "The shallow sigmoid network learns"; "its loss falls steadily": every 200 steps lower than the 200 before
    assert final[shallow] < 1.0 and accuracy[shallow] > 0.8
    thirds = runs[shallow][0].reshape(3, -1).mean(axis=1)
    assert np.all(np.diff(thirds) < -0.1)
    for deep in ("tanh, 10 layers", "ReLU, 10 layers"):
        # "The 10-layer tanh and ReLU networks' losses fall quickly": below half of ln 10 by step 200
        assert smooth[deep][200 - window] < np.log(10) / 2
        # "more slowly than those of the deep tanh and ReLU networks": the shallow curve stays above both
        # after the first 100 steps, and ends well above them
        assert np.all(smooth[shallow][100:] > smooth[deep][100:])
        assert final[deep] < 0.75 * final[shallow]
