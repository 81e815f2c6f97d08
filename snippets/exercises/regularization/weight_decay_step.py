"""Exercise 1 of "Overfitting and regularization": decay, then step.

One SGD step on the L2-penalised loss, written in the "weight decay" form: shrink the
weights by the factor (1 − ηλ), then take the usual step along the data gradient.

Check:  python -m snippets.check regularization/weight-decay-step weight_decay_step.py
"""

from snippets.optimizers import SGD  # to compare with: SGD(learning_rate).step
from snippets.regularization import add_penalty_grads


def weight_decay_step(W, dW, learning_rate, lam):
    """The new weights, same shape and dtype as W, after one step with the data gradient
    dW, learning rate η = learning_rate and penalty λ = lam.

    Example: weight_decay_step(np.array([1.0]), np.array([0.0]), 0.1, 0.5) is array([0.95])
    """
    raise NotImplementedError("weight_decay_step: your code goes here")
