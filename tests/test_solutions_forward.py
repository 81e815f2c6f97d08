import numpy as np

from snippets.activations import softmax
from snippets.forward import forward, init_params
from snippets.solutions.forward import forward_columns, multiply_adds, predict


def test_predict_picks_the_most_probable_class():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 6))
    params = init_params([6, 8, 4], rng, dtype=np.float64)
    labels = predict(X, params, ["relu", "identity"])
    probabilities = softmax(forward(X, params, ["relu", "identity"])[0])
    assert labels.shape == (50,)
    np.testing.assert_array_equal(labels, probabilities.argmax(axis=1))
    assert len(set(labels.tolist())) > 1  # a real test: not every row lands in the same class


def test_predict_on_hand_made_scores():
    W = np.array([[1.0, 0.0, -1.0]])
    labels = predict(np.array([[2.0], [-3.0]]), [(W, np.zeros(3))], ["identity"])
    np.testing.assert_array_equal(labels, [0, 2])


def test_column_convention_is_the_transpose():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(7, 5))
    params = init_params([5, 6, 4, 3], rng, dtype=np.float64)
    params = [(W, rng.normal(size=b.shape)) for W, b in params]  # non-zero biases: their broadcast is tested
    names = ["tanh", "swish", None]
    np.testing.assert_allclose(forward_columns(X.T, params, names), forward(X, params, names)[0].T, rtol=1e-12)


def test_multiply_adds():
    assert multiply_adds([784, 128], 10_000) == 10_000 * 784 * 128
    assert multiply_adds([784, 256, 10], 1) == 784 * 256 + 256 * 10
    assert multiply_adds([3, 4, 2], 4) == 4 * (12 + 8)
