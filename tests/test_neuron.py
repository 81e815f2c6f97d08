import math

import numpy as np
import pytest

from snippets import activations as act
from snippets.figures import neural_networks as figures
from snippets.figures.style import figure
from snippets.neuron import count_parameters, neuron, weighted_sum


def test_neuron_matches_hand_computation():
    x, w, b = np.array([0.9, 0.2, 0.5]), np.array([1.5, -2.0, 0.5]), -0.4
    z = 0.9 * 1.5 + 0.2 * -2.0 + 0.5 * 0.5 - 0.4  # = 0.8
    assert weighted_sum(x, w, b) == pytest.approx(0.8)
    assert neuron(x, w, b) == pytest.approx(1 / (1 + math.exp(-z)))
    assert neuron(x, w, b, activation=act.relu) == pytest.approx(0.8)
    assert neuron(np.array([2.0, 3.0]), np.array([1.0, -1.0]), 0.0, activation=act.relu) == 0.0


def test_bias_is_the_output_for_zero_input():
    w = np.array([3.0, -7.0, 0.25])
    assert weighted_sum(np.zeros(3), w, -1.5) == -1.5
    assert neuron(np.zeros(3), w, math.log(3.0)) == pytest.approx(0.75)  # σ(ln 3) = 3/4


def test_batch_agrees_with_one_example_at_a_time():
    rng = np.random.default_rng(0)
    X, w, b = rng.normal(size=(7, 5)), rng.normal(size=5), 0.3
    batch = neuron(X, w, b)
    assert batch.shape == (7,)
    np.testing.assert_allclose(batch, [neuron(x, w, b) for x in X], rtol=1e-15)


def test_columns_of_a_weight_matrix_are_neurons_of_one_layer():
    rng = np.random.default_rng(1)
    X, W, b = rng.normal(size=(6, 4)), rng.normal(size=(4, 3)), rng.normal(size=3)
    layer = neuron(X, W, b)  # Z = XW + b, one column per neuron
    assert layer.shape == (6, 3)
    for k in range(3):
        np.testing.assert_allclose(layer[:, k], neuron(X, W[:, k], b[k]), rtol=1e-15)


def test_float32_stays_float32_and_extreme_inputs_are_finite():
    X = np.random.default_rng(2).normal(size=(4, 3)).astype(np.float32)
    w = np.ones(3, dtype=np.float32)
    assert neuron(X, w, 0.5).dtype == np.float32
    huge = np.array([[1e4, 1e4], [-1e4, -1e4]])
    np.testing.assert_array_equal(neuron(huge, np.array([1.0, 1.0]), 0.0), [1.0, 0.0])


def test_count_parameters_closed_form():
    assert count_parameters([784, 16, 16, 10]) == 784 * 16 + 16 + 16 * 16 + 16 + 16 * 10 + 10 == 13_002
    assert count_parameters([784, 128, 10]) == 101_770
    assert count_parameters([3, 1]) == 4  # one neuron: three weights and a bias
    assert count_parameters([5]) == 0  # inputs alone have no parameters
    sizes = [4, 6, 2]
    shapes = [(m, n) for m, n in zip(sizes[:-1], sizes[1:])]
    assert count_parameters(sizes) == sum(m * n + n for m, n in shapes)


def test_draw_network_shortens_wide_layers_and_keeps_their_true_size():
    fig, ax = figure()
    layers = figures.draw_network(ax, [784, 16, 10], max_shown=8)
    assert [len(layer) for layer in layers] == [8, 8, 8]
    assert [i for i, _, _ in layers[0]] == [0, 1, 2, 3, 780, 781, 782, 783]
    texts = [t.get_text() for t in ax.texts]
    assert "input layer\n784 neurons" in texts and "output layer\n10 neurons" in texts
    assert texts.count("⋮") == 3  # one per shortened layer; 10 > 8 too
    ys = [y for _, _, y in layers[0]]
    assert ys == sorted(ys, reverse=True) and len(set(ys)) == 8  # top to bottom, no two on one spot
    assert len(ax.lines) == 8 * 8 + 8 * 8  # every drawn neuron joined to every drawn neuron of the next layer


def test_draw_network_draws_small_layers_whole_and_labels_neurons():
    fig, ax = figure()
    layers = figures.draw_network(ax, [2, 3, 1], names=["in", "mid", "out"],
                                  input_labels=lambda i: f"x{i}", output_labels=lambda i: f"y{i}")
    assert [len(layer) for layer in layers] == [2, 3, 1]
    texts = [t.get_text() for t in ax.texts]
    assert {"x0", "x1", "y0", "mid\n3 neurons"} <= set(texts)
    assert "⋮" not in texts


def test_neuron_example_table_uses_the_neuron(tmp_path):
    path = tmp_path / "example.md"
    figures.neuron_example(path)
    text = path.read_text()
    a = neuron(figures.EXAMPLE_X, figures.EXAMPLE_W, figures.EXAMPLE_B)
    assert f"**{a:.4f}**" in text
    assert f"{act.sigmoid(figures.EXAMPLE_B):.4f}" in text  # the all-zero example gives σ(b)
