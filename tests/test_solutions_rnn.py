import itertools

import numpy as np

from snippets.solutions.rnn import seen_a_one


def test_seen_a_one_on_every_sequence_of_length_6():
    X = np.array(list(itertools.product([0.0, 1.0], repeat=6)))[:, :, None]  # all 64 sequences
    np.testing.assert_array_equal(seen_a_one(X), X[:, :, 0].max(axis=1) == 1)


def test_seen_a_one_remembers_over_a_long_sequence():
    X = np.zeros((3, 200, 1))
    X[1, 0] = 1  # a 1 at the very start must still be remembered 199 steps later
    X[2, -1] = 1
    np.testing.assert_array_equal(seen_a_one(X), [False, True, True])
