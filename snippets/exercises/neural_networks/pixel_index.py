"""Exercise 3 of "What is a neural network": which input sees which pixel?

An image of width × width pixels is flattened into one row of inputs, as load_mnist
does with its 28 × 28 digits (image.reshape(-1)).

Check:  python -m snippets.check neural-networks/pixel-index pixel_index.py
"""


def pixel_index(row, col, width=28):
    """The number of the input neuron that receives pixel (row, col).

    Example: pixel_index(0, 3) == 3
    """
    raise NotImplementedError("pixel_index: your code goes here")


def pixel_position(index, width=28):
    """The pair (row, col) of the pixel that input neuron `index` receives: the inverse of pixel_index.

    Example: pixel_position(3) == (0, 3)
    """
    raise NotImplementedError("pixel_position: your code goes here")
