import numpy as np

from snippets import losses
from snippets.backprop import XOR_Y, backward, train_xor_network
from snippets.forward import forward, init_params
from snippets.gradcheck import numerical_gradient, relative_error
from snippets.solutions.backprop import backward_with_l2, gradient_norms, train_xor_with_cross_entropy


def test_cross_entropy_learns_xor_faster_than_mse():
    probabilities, history = train_xor_with_cross_entropy(learning_rate=1.0, epochs=2000, seed=1)
    mse_predictions, _, _ = train_xor_network(learning_rate=1.0, epochs=2000, seed=1)
    assert probabilities.shape == XOR_Y.shape and history.shape == (2000,)
    assert history[-1] < history[0] / 50
    error, mse_error = np.abs(probabilities - XOR_Y).max(), np.abs(mse_predictions - XOR_Y).max()
    assert error < 0.02 and error < mse_error / 3


def test_sigmoid_gradients_vanish_towards_the_input_and_relu_ones_do_not():
    sigmoid_norms = gradient_norms("sigmoid", depth=10)
    relu_norms = gradient_norms("relu", depth=10)
    assert len(sigmoid_norms) == 11
    assert sigmoid_norms[0] < 1e-4 * sigmoid_norms[-1]
    assert 0.1 < relu_norms[0] / relu_norms[-1] < 10


def test_backward_with_l2_matches_central_differences():
    rng = np.random.default_rng(2)
    params = init_params([4, 5, 3], rng, dtype=np.float64)
    X, Y = rng.normal(size=(6, 4)), losses.one_hot(rng.integers(0, 3, size=6), 3, dtype=np.float64)
    names, lam = ["tanh", "identity"], 0.3

    def penalised_loss(W1):
        trial = [(W1, params[0][1]), params[1]]
        return losses.cross_entropy(forward(X, trial, names)[0], Y) + lam / 2 * sum(np.sum(W**2) for W, _ in trial)

    scores, cache = forward(X, params, names)
    grads = backward_with_l2(losses.cross_entropy_grad(scores, Y), cache, params, names, lam)
    assert relative_error(grads[0][0], numerical_gradient(penalised_loss, params[0][0])) < 1e-6
    plain = backward(losses.cross_entropy_grad(scores, Y), cache, params, names)
    np.testing.assert_array_equal(grads[1][1], plain[1][1])  # biases are not penalised
    np.testing.assert_allclose(grads[1][0] - plain[1][0], lam * params[1][0])
