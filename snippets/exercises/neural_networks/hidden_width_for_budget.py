"""Exercise 1 of "What is a neural network": parameters on a budget.

Check:  python -m snippets.check neural-networks/hidden-width-for-budget hidden_width_for_budget.py
"""

from snippets.neuron import count_parameters  # to check your count


def hidden_width_for_budget(n_in, n_out, budget):
    """The largest number h of hidden neurons such that the network n_in → h → n_out has
    at most `budget` parameters (weights and biases), or 0 if not even one fits.

    Example: hidden_width_for_budget(784, 10, 100_000) == 125
    """
    raise NotImplementedError("hidden_width_for_budget: your code goes here")
