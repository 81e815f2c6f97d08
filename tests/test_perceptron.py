import numpy as np
import pytest

from snippets.figures import perceptron as figures
from snippets.perceptron import (GATE_INPUTS, GATE_WEIGHTS, LOGIC_GATES, predict, step, train_perceptron, update,
                                 xor_network)


def test_step_fires_at_zero_and_saturates_at_the_extremes():
    np.testing.assert_array_equal(step(np.array([-1e300, -1e-12, 0.0, -0.0, 1e-12, 1e300])), [0, 0, 1, 1, 1, 1])
    np.testing.assert_array_equal(step(np.array([-np.inf, np.inf])), [0, 1])
    assert step(np.float32(0.5)).dtype == np.float32


def test_predict_is_a_step_of_the_weighted_sum():
    w, b = np.array([2.0, -1.0]), -0.5
    X = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.5], [0.25, 0.0]])  # sums −0.5, 1.5, 0, 0
    np.testing.assert_array_equal(predict(X, w, b), [0, 1, 1, 1])
    assert predict(X[1], w, b) == 1  # one example: a number


def test_update_is_the_perceptron_rule():
    x, w, b, eta = np.array([0.5, -2.0]), np.array([1.0, 1.0]), 0.25, 0.1
    # prediction: step(0.5 − 2 + 0.25) = step(−1.25) = 0, but y = 1: error +1
    new_w, new_b = update(x, 1.0, w, b, eta)
    np.testing.assert_allclose(new_w, w + eta * (1 - 0) * x)
    assert new_b == pytest.approx(b + eta * (1 - 0))
    # y = 0 and prediction 0: nothing changes
    same_w, same_b = update(x, 0.0, w, b, eta)
    np.testing.assert_array_equal(same_w, w)
    assert same_b == b
    # y = 0 but prediction 1: error −1, w moves away from x
    away_w, away_b = update(-x, 0.0, w, b, eta)
    np.testing.assert_allclose(away_w, w - eta * -x)
    assert away_b == pytest.approx(b - eta)


@pytest.mark.parametrize("gate", ["AND", "OR"])
@pytest.mark.parametrize("seed", [None, 0, 1, 2])
@pytest.mark.parametrize("learning_rate", [1.0, 0.1])
def test_learns_and_and_or_exactly(gate, seed, learning_rate):
    rng = None if seed is None else np.random.default_rng(seed)
    w, b, mistakes = train_perceptron(GATE_INPUTS, LOGIC_GATES[gate], learning_rate=learning_rate, epochs=50, rng=rng)
    np.testing.assert_array_equal(predict(GATE_INPUTS, w, b), LOGIC_GATES[gate])
    assert len(mistakes) == 50
    first_clean = mistakes.index(0)
    assert all(m == 0 for m in mistakes[first_clean:])  # once clean, nothing ever changes again


def test_zero_start_converges_where_the_chapter_says():
    assert figures._first_clean_epoch(train_perceptron(GATE_INPUTS, LOGIC_GATES["AND"])[2]) == 6
    assert figures._first_clean_epoch(train_perceptron(GATE_INPUTS, LOGIC_GATES["OR"])[2]) == 4
    assert figures._first_clean_epoch([1, 2]) is None


@pytest.mark.parametrize("seed", [None, 0, 1, 2, 3, 4, 5])
@pytest.mark.parametrize("learning_rate", [1.0, 0.1, 0.01])
def test_never_learns_xor(seed, learning_rate):
    rng = None if seed is None else np.random.default_rng(seed)
    w, b, mistakes = train_perceptron(GATE_INPUTS, LOGIC_GATES["XOR"], learning_rate=learning_rate, epochs=200, rng=rng)
    assert min(mistakes) > 0
    assert np.any(predict(GATE_INPUTS, w, b) != LOGIC_GATES["XOR"])


def test_no_line_separates_xor():
    """A brute-force check of the chapter's proof: no (w, b) on a fine grid classifies XOR."""
    grid = np.linspace(-3, 3, 25)
    for w1 in grid:
        for w2 in grid:
            for b in grid:
                assert np.any(predict(GATE_INPUTS, np.array([w1, w2]), b) != LOGIC_GATES["XOR"])


def test_training_is_deterministic():
    first = train_perceptron(GATE_INPUTS, LOGIC_GATES["XOR"], rng=np.random.default_rng(7))
    second = train_perceptron(GATE_INPUTS, LOGIC_GATES["XOR"], rng=np.random.default_rng(7))
    np.testing.assert_array_equal(first[0], second[0])
    assert first[1:] == second[1:]
    w, b, _ = train_perceptron(GATE_INPUTS, LOGIC_GATES["AND"])
    np.testing.assert_array_equal(w, train_perceptron(GATE_INPUTS, LOGIC_GATES["AND"])[0])


def test_hand_set_gates_and_the_xor_network():
    for gate, (w, b) in GATE_WEIGHTS.items():
        expected = {"AND": [0, 0, 0, 1], "OR": [0, 1, 1, 1], "NAND": [1, 1, 1, 0]}[gate]
        np.testing.assert_array_equal(predict(GATE_INPUTS, w, b), expected)
    hidden, y_hat = xor_network(GATE_INPUTS)
    np.testing.assert_array_equal(hidden, [[0, 1], [1, 1], [1, 1], [1, 0]])
    np.testing.assert_array_equal(y_hat, LOGIC_GATES["XOR"])


def test_trace_tables_follow_the_rule(tmp_path):
    figures.xor_cycle(tmp_path / "cycle.md")
    lines = (tmp_path / "cycle.md").read_text().splitlines()
    assert "w} = (−1, 0)" in lines[0] and "b = 0" in lines[0]
    assert lines[-1].endswith("| (−1, 0) | 0 |")  # the epoch ends where it started: a cycle
    figures.and_trace(tmp_path / "and.md")
    assert (tmp_path / "and.md").read_text().splitlines()[-1] == "| (1, 1) | 1 | −1 | 0 | 1 | (1, 1) | 0 |"


def test_number_formatting():
    assert figures._num(-0.0) == "0"
    assert figures._num(-3.0) == "−3"
    assert figures._num(0.25) == "0.250"
    assert figures._vector(np.array([2.0, -1.0])) == "(2, −1)"
