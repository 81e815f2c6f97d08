import numpy as np
import pytest

from snippets.depth import (count_linear_pieces, hidden_activations, label_purity, sawtooth_network,
                            top_examples, train_mnist_mlp)
from snippets.forward import forward, init_params


def tent(x):
    return np.where(x < 0.5, 2 * x, 2 - 2 * x)


@pytest.mark.parametrize("depth", [1, 2, 3, 5])
def test_sawtooth_network_is_the_tent_map_repeated(depth):
    x = np.linspace(0, 1, 2**9 + 1)
    expected = x
    for _ in range(depth):
        expected = tent(expected)
    params, activations = sawtooth_network(depth)
    y = forward(x[:, None], params, activations)[0]
    assert y.shape == (len(x), 1)
    np.testing.assert_allclose(y[:, 0], expected, atol=1e-12)
    assert [W.shape for W, _ in params] == [(1, 2)] + [(2, 2)] * (depth - 1) + [(2, 1)]
    assert count_linear_pieces(y[:, 0]) == 2**depth


def test_count_linear_pieces_of_known_curves():
    x = np.linspace(-1, 1, 201)
    assert count_linear_pieces(3 * x + 1) == 1
    assert count_linear_pieces(np.abs(x)) == 2
    assert count_linear_pieces(np.maximum(x, 0) + np.maximum(x - 0.5, 0)) == 3


def test_hidden_activations_are_the_forward_pass_layer_by_layer():
    rng = np.random.default_rng(0)
    params = init_params([5, 4, 3, 2], rng)
    activations = ["relu", "relu", "identity"]
    X = rng.normal(size=(6, 5)).astype(np.float32)
    layers = hidden_activations(X, params, activations)
    assert [A.shape for A in layers] == [(6, 4), (6, 3), (6, 2)]
    np.testing.assert_array_equal(layers[0], np.maximum(X @ params[0][0] + params[0][1], 0))
    np.testing.assert_array_equal(layers[-1], forward(X, params, activations)[0])


def test_top_examples_and_label_purity_on_a_hand_example():
    A = np.array([[0.1, 5.0],
                  [0.9, 4.0],
                  [0.5, 3.0],
                  [0.7, 0.0]])
    labels = np.array([3, 1, 1, 2])
    np.testing.assert_array_equal(top_examples(A, 0, 3), [1, 3, 2])
    np.testing.assert_array_equal(top_examples(A, 1, 2), [0, 1])
    # Unit 0's top 2 are examples 1 and 3 (labels 1, 2); unit 1's top 2 are 0 and 1 (labels 3, 1).
    np.testing.assert_array_equal(label_purity(A, labels, 2), [0.5, 0.5])
    # Top 3: unit 0 -> labels 1, 2, 1; unit 1 -> labels 3, 1, 1.
    np.testing.assert_allclose(label_purity(A, labels, 3), [2 / 3, 2 / 3])


def test_train_mnist_mlp_learns():
    params, (loss, accuracy) = train_mnist_mlp(sizes=[784, 16, 10], epochs=1, batch_size=256,
                                               learning_rate=0.05, seed=0)
    assert [W.shape for W, _ in params] == [(784, 16), (16, 10)]
    assert params[0][0].dtype == np.float32
    assert accuracy > 0.85 and loss < 0.6
