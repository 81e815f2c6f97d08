"""Exercise 3 of "Forward propagation": counting the work.

Check:  python -m snippets.check forward-propagation/multiply-adds multiply_adds.py
"""


def multiply_adds(sizes, m):
    """The number of multiply-add operations in the matrix products of one forward pass
    of m examples through layers of the given sizes (biases and activations aside).

    Example: multiply_adds([3, 2], 1) == 6
    """
    raise NotImplementedError("multiply_adds: your code goes here")
