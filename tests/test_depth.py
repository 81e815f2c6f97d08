import numpy as np
import pytest

from conftest import markdown_table_rows
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


def test_the_chapters_claims_about_the_sawtooth(tmp_path):
    """Why deep networks reads the build's sawtooth table as follows; this fails if the table stops saying so."""
    from snippets.figures.deep_networks import sawtooth_table

    sawtooth_table(tmp_path / "sawtooth.md")
    rows = {int(row[0]): [int(cell.replace(",", "")) for cell in row[1:]]
            for row in markdown_table_rows(tmp_path / "sawtooth.md")}
    assert sorted(rows) == [1, 2, 3, 4, 6, 8, 10]
    for depth, (units, n_params, pieces, shallow_units, _) in rows.items():
        assert pieces == 2**depth  # "doubles the number of pieces" (2^(S−1) teeth of two pieces each)
        assert units == 2 * depth and n_params == 1 + 6 * depth  # "each extra layer costs two units and six parameters"
        assert shallow_units == pieces - 1  # "one more unit for every extra piece"
    # "With 10 layers the deep network has 20 units, and no shallow network with fewer than 2^10 − 1 = 1023 units"
    assert rows[10][0] == 20 and rows[10][3] == 1023


def test_the_chapters_claims_about_the_hidden_units():
    """Why deep networks reads the trained MNIST network's hidden units as follows (cached by the build)."""
    from snippets.figures.deep_networks import MLP_SIZES, PURITY_K, _test_activations, trained_mlp

    data, (A1, A2, scores), params = _test_activations()

    def selectivity(A, hidden=True):
        """Per unit (of a hidden layer: not silent on every test image, as in the table): the share of its top
        PURITY_K test images that show its most common digit, and the share that show its second."""
        if hidden:
            A = A[:, ~np.all(A <= 0, axis=0)]
        top = data.test_labels[np.argsort(A, axis=0, kind="stable")[::-1][:PURITY_K]]
        counts = -np.sort(-np.stack([np.bincount(column, minlength=10) for column in top.T]), axis=1)
        np.testing.assert_allclose(counts[:, 0] / PURITY_K, label_purity(A, data.test_labels, PURITY_K))
        return counts[:, 0] / PURITY_K, counts[:, 1] / PURITY_K

    first, first_runner_up = selectivity(A1)
    second, second_runner_up = selectivity(A2)
    output, _ = selectivity(scores, hidden=False)
    # "MNIST's small, centred digits can be separated well by whole-image templates"
    assert trained_mlp()[1][1] > 0.95
    # "still carrying much of the random noise it started from": the trained W^[1] is still mostly its start.
    start = init_params(MLP_SIZES, np.random.default_rng(0))[0][0]  # train_mnist_mlp's initialization, seed 0
    assert np.corrcoef(start.ravel(), params[0][0].ravel())[0, 1] > 0.5
    # "Many first-layer units already respond mostly to one or two digits"
    assert np.median(first + first_runner_up) >= 0.8
    # "The second layer is more digit-specific on average, as the table shows"
    assert np.median(second) > np.median(first) + 0.05 and second.mean() > first.mean() + 0.05
    assert np.mean(second >= 0.9) > np.mean(first >= 0.9)
    # "the output layer is digit-specific by construction"
    assert len(output) == 10 and np.all(output >= 0.9)
    # "Some second-layer units still respond to two unrelated digits": a quarter or more of the top 100 each
    assert np.sum(second_runner_up >= 0.25) >= 5
