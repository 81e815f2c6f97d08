import numpy as np

from snippets.mnist import load_mnist
from snippets.neuron import count_parameters
from snippets.perceptron import GATE_INPUTS, LOGIC_GATES
from snippets.solutions import neuron as solutions


def test_hidden_width_for_budget_is_the_widest_that_fits():
    for n_in, n_out, budget in [(784, 10, 13_002), (784, 10, 101_770), (784, 10, 101_769), (3, 2, 100), (4, 1, 5)]:
        h = solutions.hidden_width_for_budget(n_in, n_out, budget)
        assert count_parameters([n_in, h, n_out]) <= budget < count_parameters([n_in, h + 1, n_out])
    assert solutions.hidden_width_for_budget(784, 10, 101_770) == 128
    assert solutions.hidden_width_for_budget(784, 10, 5) == 0


def test_logic_neurons_reproduce_their_truth_tables():
    np.testing.assert_allclose(solutions.not_neuron(np.array([[0.0], [1.0]])), [1, 0], atol=1e-4)
    np.testing.assert_allclose(solutions.and_neuron(GATE_INPUTS), LOGIC_GATES["AND"], atol=1e-4)


def test_pixel_index_matches_the_flattening_of_a_real_digit():
    image = load_mnist().train_images[0]
    grid = image.reshape(28, 28)
    for row, col in [(0, 0), (8, 9), (13, 14), (27, 27)]:
        index = solutions.pixel_index(row, col)
        assert image[index] == grid[row, col]
        assert solutions.pixel_position(index) == (row, col)
    assert solutions.pixel_index(27, 27) == 783
