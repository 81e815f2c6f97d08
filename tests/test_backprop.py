import numpy as np
import pytest

from snippets import losses
from snippets.activations import softmax
from snippets.backprop import XOR_X, XOR_Y, backward, gradient_check, train_step, train_xor_network
from snippets.forward import forward, init_params
from snippets.gradcheck import numerical_gradient, relative_error
from snippets.optimizers import SGD

HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "swish", "gelu"]


def network(sizes, seed, dtype=np.float64):
    """Random float64 parameters with non-zero biases, so that every bias gradient is tested."""
    rng = np.random.default_rng(seed)
    params = init_params(sizes, rng, scheme="xavier", dtype=dtype)
    return [(W, (0.1 * rng.normal(size=b.shape)).astype(dtype)) for W, b in params], rng


@pytest.mark.parametrize("hidden", HIDDEN)
def test_backward_with_cross_entropy_on_logits_matches_central_differences(hidden):
    params, rng = network([4, 6, 5, 3], seed=len(hidden))
    X = rng.normal(size=(7, 4))
    Y = losses.one_hot(rng.integers(0, 3, size=7), 3, dtype=np.float64)
    errors = gradient_check(X, Y, params, [hidden, hidden, "identity"])
    assert max(max(pair) for pair in errors) < 1e-6, errors


@pytest.mark.parametrize("hidden", HIDDEN)
def test_backward_with_mse_and_sigmoid_output_matches_central_differences(hidden):
    params, rng = network([3, 5, 2], seed=10 + len(hidden))
    X = rng.normal(size=(6, 3))
    Y = rng.uniform(size=(6, 2))
    errors = gradient_check(X, Y, params, [hidden, "sigmoid"], losses.mse, losses.mse_grad)
    assert max(max(pair) for pair in errors) < 1e-6, errors


def test_backward_against_numerical_gradient_written_out():
    """The same check without gradient_check's helper: nudge W1 of a two-layer network directly."""
    params, rng = network([3, 4, 2], seed=5)
    X, Y = rng.normal(size=(5, 3)), losses.one_hot(rng.integers(0, 2, size=5), 2, dtype=np.float64)
    out, cache = forward(X, params, ["tanh", None])
    (dW1, _), _ = backward(losses.cross_entropy_grad(out, Y), cache, params, ["tanh", None])
    (W1, b1), layer2 = params
    loss_of_W1 = lambda W: losses.cross_entropy(forward(X, [(W, b1), layer2], ["tanh", None])[0], Y)  # noqa: E731
    numeric = numerical_gradient(loss_of_W1, W1)
    assert relative_error(dW1, numeric) < 1e-6


def test_gradient_check_catches_a_wrong_gradient():
    params, rng = network([3, 4, 2], seed=6)
    X, Y = rng.normal(size=(5, 3)), losses.one_hot(rng.integers(0, 2, size=5), 2, dtype=np.float64)
    forgot_the_mean = lambda Z, Y: softmax(Z) - Y  # noqa: E731  (missing the 1/m)
    errors = gradient_check(X, Y, params, ["relu", "identity"], losses.cross_entropy, forgot_the_mean)
    assert min(min(pair) for pair in errors) > 0.5


def test_gradient_shapes_equal_parameter_shapes_and_float32_stays_float32():
    params, rng = network([784, 64, 32, 10], seed=7, dtype=np.float32)
    X = rng.normal(size=(16, 784)).astype(np.float32)
    Y = losses.one_hot(rng.integers(0, 10, size=16), 10)
    activations = ["relu", "gelu", "identity"]
    out, cache = forward(X, params, activations)
    grads = backward(losses.cross_entropy_grad(out, Y), cache, params, activations)
    for (W, b), (dW, db) in zip(params, grads):
        assert dW.shape == W.shape and db.shape == b.shape
        assert dW.dtype == db.dtype == np.float32
    loss = train_step(X, Y, params, activations, SGD(0.1))
    assert loss.dtype == np.float32
    assert all(W.dtype == b.dtype == np.float32 for W, b in params)


def test_train_step_updates_in_place_and_lowers_the_loss():
    params, rng = network([5, 8, 3], seed=8)
    X, Y = rng.normal(size=(20, 5)), losses.one_hot(rng.integers(0, 3, size=20), 3, dtype=np.float64)
    activations = ["tanh", "identity"]
    loss_before = losses.cross_entropy(forward(X, params, activations)[0], Y)
    W1 = params[0][0]
    W1_before = W1.copy()
    first = train_step(X, Y, params, activations, SGD(0.5))
    assert first == loss_before  # the loss of the forward pass, measured before the update
    assert params[0][0] is W1 and not np.array_equal(W1, W1_before)  # changed in place
    later = [train_step(X, Y, params, activations, SGD(0.5)) for _ in range(50)]
    assert later[-1] < first / 2


def test_xor_example_is_deterministic_and_its_loss_decreases():
    predictions, history, unseen = train_xor_network(learning_rate=1.0, epochs=2000, seed=1)
    again = train_xor_network(learning_rate=1.0, epochs=2000, seed=1)
    np.testing.assert_array_equal(predictions, again[0])
    np.testing.assert_array_equal(history, again[1])
    assert unseen == again[2] and 0 < unseen < 1
    assert predictions.shape == XOR_Y.shape and history.shape == (2000,)
    assert history[-1] < history[0] / 10
    assert np.all(np.diff(history[-1000:]) < 0)  # steadily down once the network has found its way
    np.testing.assert_array_equal(predictions > 0.5, XOR_Y > 0.5)
    assert train_xor_network(learning_rate=1.0, epochs=2000, seed=2)[1][0] != history[0]  # the seed matters


def test_xor_data_is_the_course_notes_example():
    np.testing.assert_array_equal(XOR_X[:, 2], 1)
    np.testing.assert_array_equal(XOR_Y[:, 0], np.logical_xor(XOR_X[:, 0], XOR_X[:, 1]))
