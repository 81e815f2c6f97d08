"""Convolution and pooling, the two operations that make a network convolutional.

Images are stored like everything else in this book, one example per row of the first
axis: a batch is an array of shape (m, h, w, C), m images of h × w pixels with C
channels (1 for grey MNIST digits, 3 for colour photos, or one per filter of the layer
before). Both operations slide a small window over the image; NumPy's
``sliding_window_view`` gives every window at once as a view of the same memory, so
there is no Python loop over pixels.
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


# --8<-- [start:conv2d]
def conv2d(X, F, b, stride=1, padding=0):
    """A convolutional layer's pre-activations: C_out filters slid over a batch of images.

    X has shape (m, h, w, C_in), the filters F shape (k_h, k_w, C_in, C_out), the biases
    b shape (C_out,). Output pixel (r, c) of channel d is the weighted sum of the window
    whose top-left corner sits at (r·s, c·s), s = ``stride``:

        Z[i, r, c, d] = Σ_u Σ_v Σ_j X[i, r·s + u, c·s + v, j] · F[u, v, j, d] + b[d]

    ``padding`` zeros are added around each image first. The result has shape
    (m, h_out, w_out, C_out) with h_out = ⌊(h + 2p − k_h)/s⌋ + 1, and the same for w_out.
    """
    X = np.pad(X, ((0, 0), (padding, padding), (padding, padding), (0, 0)))
    # windows[i, r, c, j, u, v] = X[i, r·s + u, c·s + v, j]: a view, no pixel is copied.
    windows = sliding_window_view(X, F.shape[:2], axis=(1, 2))[:, ::stride, ::stride]
    return np.einsum("ircjuv,uvjd->ircd", windows, F) + b
# --8<-- [end:conv2d]


# --8<-- [start:max_pool]
def max_pool(X, size=2):
    """Keep the largest value of each size × size block, channel by channel.

    X (m, h, w, C) -> (m, ⌊h/size⌋, ⌊w/size⌋, C); the blocks do not overlap (the
    stride is ``size``), and a last row or column that does not fill a block is dropped.
    """
    windows = sliding_window_view(X, (size, size), axis=(1, 2))[:, ::size, ::size]
    return windows.max(axis=(-2, -1))
# --8<-- [end:max_pool]


# --8<-- [start:kernels]
# Three classic hand-made 3 × 3 filters. Each sums to 0, so on a flat patch it outputs 0.
SOBEL_X = np.array([[-1, 0, 1],
                    [-2, 0, 2],
                    [-1, 0, 1]], dtype=np.float32)  # brightness rising to the right: vertical edges
SOBEL_Y = SOBEL_X.T.copy()  # brightness rising downwards: horizontal edges
LAPLACIAN = np.array([[0, 1, 0],
                      [1, -4, 1],
                      [0, 1, 0]], dtype=np.float32)  # a pixel against its four neighbours: thin lines, corners


def filter_bank(*kernels):
    """Stack 2-D kernels of one grey channel into conv2d's filter shape (k_h, k_w, 1, number of kernels)."""
    return np.stack(kernels, axis=-1)[:, :, None, :]
# --8<-- [end:kernels]
