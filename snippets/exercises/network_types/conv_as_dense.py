"""Exercise 3 of "Types of neural networks": a convolution is a sparse dense layer.

One grey h × w image, one k_h × k_w filter F, stride 1, no padding: the feature map
(h_out × w_out) is a linear function of the pixels, so a dense layer can compute it.
Flattening puts pixel (r, c) at index r·w + c, and output pixel (r, c) at r·w_out + c.

Check:  python -m snippets.check network-types/conv-as-dense conv_as_dense.py
"""

import numpy as np

from snippets.convolution import conv2d  # to compare with


def conv_as_dense(F, h, w):
    """W of shape (h·w, h_out·w_out), dtype of F, such that X.reshape(m, -1) @ W equals
    the flattened feature maps of the images X (m, h, w) for the filter F.

    Example: conv_as_dense(np.array([[1.0, 2.0], [3.0, 4.0]]), 3, 3).shape == (9, 4)
    """
    raise NotImplementedError("conv_as_dense: your code goes here")
