"""Exercise 2 of "Overfitting and regularization": max-norm.

Column j of W, shape (n_in, n_out), holds the incoming weights of unit j. Max-norm caps
the length of every column at c.

Check:  python -m snippets.check regularization/max-norm max_norm.py
"""

import numpy as np


def max_norm(W, c):
    """W, same shape and dtype, with every column longer than c scaled back to length c
    and the other columns unchanged; an all-zero column stays zero.

    Example: max_norm(np.array([[3.0, 0.3], [4.0, 0.4]]), 1.0) is array([[0.6, 0.3], [0.8, 0.4]])
    """
    raise NotImplementedError("max_norm: your code goes here")
