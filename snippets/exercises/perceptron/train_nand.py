"""Exercise 1 of "The perceptron": train a perceptron on NAND.

NAND ("not and") is 1 unless both inputs are 1.

Check:  python -m snippets.check perceptron/train-nand train_nand.py
"""

import numpy as np

from snippets.perceptron import GATE_INPUTS, train_perceptron


def train_nand(epochs=20):
    """Train a perceptron with train_perceptron on NAND's truth table (in the order of
    GATE_INPUTS), starting from w = 0, b = 0; return the learned (w, b), w of shape (2,).
    """
    raise NotImplementedError("train_nand: your code goes here")
