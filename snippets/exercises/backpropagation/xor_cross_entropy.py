"""Exercise 1 of "Backpropagation": cross-entropy learns XOR faster.

Train the chapter's XOR network (3 inputs, 4 sigmoid hidden units, one output) with an
"identity" output layer and binary_cross_entropy_with_logits instead of the mean
squared error, reusing train_step.

Check:  python -m snippets.check backpropagation/xor-cross-entropy xor_cross_entropy.py
"""

import numpy as np

from snippets.activations import sigmoid
from snippets.backprop import XOR_X, XOR_Y, train_step
from snippets.forward import forward, init_params
from snippets.losses import binary_cross_entropy_with_logits, binary_cross_entropy_with_logits_grad
from snippets.optimizers import SGD


def train_xor_with_cross_entropy(learning_rate=1.0, epochs=2000, seed=1):
    """Return the predicted probabilities σ(z) for the four inputs XOR_X, shape (4, 1),
    and the loss before each epoch, shape (epochs,). Start from the same weights as
    train_xor_network (see the chapter) and take one train_step per epoch.
    """
    raise NotImplementedError("train_xor_with_cross_entropy: your code goes here")
