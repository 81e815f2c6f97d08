"""Exercise 4 of "Activation functions": what depth buys without non-linearity.

A stack of linear layers collapses into one layer (collapse_linear_layers). Count what
the stack costs and what the single layer costs.

Check:  python -m snippets.check activation-functions/parameter-counts parameter_counts.py
"""

from snippets.activations import collapse_linear_layers  # to compare with the shapes it returns


def parameter_counts(sizes):
    """(parameters of the stack of linear layers with these sizes, parameters of the
    single layer it collapses to), counting weights and biases.

    Example: parameter_counts([2, 3, 1]) == (13, 3)
    """
    raise NotImplementedError("parameter_counts: your code goes here")
