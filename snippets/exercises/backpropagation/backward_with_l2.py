"""Exercise 3 of "Backpropagation": weight decay.

The penalised loss is L + (λ/2) Σ_ℓ ‖W^[ℓ]‖², the sum of the squares of all weights.

Check:  python -m snippets.check backpropagation/backward-with-l2 backward_with_l2.py
"""

from snippets.backprop import backward


def backward_with_l2(dOut, cache, params, activations, lam):
    """The gradients [(dW, db) for each layer] of the penalised loss, with λ = lam;
    the arguments are those of backward.
    """
    raise NotImplementedError("backward_with_l2: your code goes here")
