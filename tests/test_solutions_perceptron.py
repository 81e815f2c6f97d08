import numpy as np
import pytest

from snippets.perceptron import GATE_INPUTS, LOGIC_GATES, predict, train_perceptron
from snippets.solutions import perceptron as solutions


def test_train_nand_learns_nand():
    w, b = solutions.train_nand()
    np.testing.assert_array_equal(predict(GATE_INPUTS, w, b), [1, 1, 1, 0])


@pytest.mark.parametrize("gate", sorted(LOGIC_GATES))
def test_repeated_epochs_equal_train_perceptron(gate):
    y = LOGIC_GATES[gate]
    w, b = np.zeros(2), 0.0
    history = []
    for _ in range(20):
        w, b, mistakes = solutions.perceptron_epoch(GATE_INPUTS, y, w, b, learning_rate=0.5)
        history.append(mistakes)
    expected_w, expected_b, expected_history = train_perceptron(GATE_INPUTS, y, learning_rate=0.5, epochs=20)
    np.testing.assert_array_equal(w, expected_w)
    assert b == expected_b
    assert history == expected_history


def test_xnor_network_is_the_negation_of_xor():
    np.testing.assert_array_equal(solutions.xnor_network(GATE_INPUTS), 1 - LOGIC_GATES["XOR"])
