"""Solutions to the convolution exercises of the network-types chapter."""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


# --8<-- [start:conv2d_output_shape]
def conv2d_output_shape(h, w, q, stride, padding):
    """(h_out, w_out) of a q × q convolution: ⌊(h + 2p − q)/s⌋ + 1 positions along each axis.

    After padding the image is h + 2p high; a window fits at offsets 0, s, 2s, … up to
    h + 2p − q, which is ⌊(h + 2p − q)/s⌋ + 1 offsets.
    """
    return (h + 2 * padding - q) // stride + 1, (w + 2 * padding - q) // stride + 1
# --8<-- [end:conv2d_output_shape]


# --8<-- [start:avg_pool]
def avg_pool(X, size):
    """The mean of each size × size block, channel by channel: (m, h, w, C) -> (m, ⌊h/size⌋, ⌊w/size⌋, C)."""
    windows = sliding_window_view(X, (size, size), axis=(1, 2))[:, ::size, ::size]
    return windows.mean(axis=(-2, -1))
# --8<-- [end:avg_pool]


# --8<-- [start:conv_as_dense]
def conv_as_dense(F, h, w):
    """The dense weight matrix of a k_h × k_w single-channel convolution (stride 1, no padding).

    Output pixel (r, c) is column r·w_out + c; it receives weight F[u, v] from input pixel
    (r + u, c + v), row (r + u)·w + (c + v). Every other entry is 0: the same few weights,
    repeated along the diagonals of a mostly empty matrix.
    """
    k_h, k_w = F.shape
    h_out, w_out = h - k_h + 1, w - k_w + 1
    W = np.zeros((h * w, h_out * w_out), dtype=F.dtype)
    r, c = np.divmod(np.arange(h_out * w_out), w_out)  # the output pixel of every column
    for (u, v), weight in np.ndenumerate(F):  # a loop over the k_h · k_w kernel entries, not over pixels
        W[(r + u) * w + (c + v), r * w_out + c] = weight
    return W
# --8<-- [end:conv_as_dense]
