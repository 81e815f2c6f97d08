"""Exercise 2 of "Types of neural networks": average pooling.

Like max_pool, but each non-overlapping size × size block of each channel is replaced
by its mean. No Python loop (for, while or a comprehension): NumPy visits the pixels.

Check:  python -m snippets.check network-types/avg-pool avg_pool.py
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from snippets.convolution import max_pool  # to start from


def avg_pool(X, size):
    """X (m, h, w, C) -> (m, h // size, w // size, C), same dtype: the mean of each block;
    a last row or column that does not fill a block is dropped.

    Example: avg_pool(np.arange(16.0).reshape(1, 4, 4, 1), 2)[0, :, :, 0] is array([[2.5, 4.5], [10.5, 12.5]])
    """
    raise NotImplementedError("avg_pool: your code goes here")
