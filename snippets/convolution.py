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


# --8<-- [start:conv2d_backward]
def conv2d_backward(dZ, X, F, stride=1, padding=0):
    """The gradients (dX, dF, db) of a loss L, given dZ = ∂L/∂Z for Z = conv2d(X, F, b, stride, padding).

    With X̃ the padded input, every output Z[i, r, c, d] is a weighted sum of one window, so:

    * db[d] = Σ_{i,r,c} dZ[i, r, c, d]: the bias is added to every output pixel of its channel;
    * dF[u, v, j, d] = Σ_{i,r,c} X̃[i, r·s + u, c·s + v, j] · dZ[i, r, c, d]: each weight is
      summed over every window it touched, weighted by that window's gradient;
    * dX̃[i, y, x, j] = Σ dZ[i, r, c, d] · F[u, v, j, d] over the windows (r, c) and offsets (u, v)
      with r·s + u = y and c·s + v = x: each pixel gets back the gradient of every window that
      read it. That sum is itself a convolution: dZ spread out by the stride (s − 1 zeros
      between its pixels), padded by k − 1 zeros, slid under the filters turned by 180° with
      their input and output channels swapped. Cutting the padding off dX̃ gives dX.
    """
    k_h, k_w = F.shape[:2]
    X_padded = np.pad(X, ((0, 0), (padding, padding), (padding, padding), (0, 0)))
    windows = sliding_window_view(X_padded, (k_h, k_w), axis=(1, 2))[:, ::stride, ::stride]
    dF = np.einsum("ircjuv,ircd->uvjd", windows, dZ)
    db = dZ.sum(axis=(0, 1, 2))
    m, h_out, w_out, c_out = dZ.shape
    spread = np.zeros((m, (h_out - 1) * stride + 1, (w_out - 1) * stride + 1, c_out), dtype=dZ.dtype)
    spread[:, ::stride, ::stride] = dZ
    flipped = F[::-1, ::-1].transpose(0, 1, 3, 2)  # (k_h, k_w, C_out, C_in)
    dX_padded = conv2d(spread, flipped, np.zeros(F.shape[2], dtype=dZ.dtype), padding=max(k_h, k_w) - 1)
    if k_h != k_w:  # conv2d pads both axes alike: trim the axis that needed less
        excess = abs(k_h - k_w)
        dX_padded = dX_padded[:, excess:-excess] if k_h < k_w else dX_padded[:, :, excess:-excess]
    # Rows and columns that no window reached (when the stride skips past the end) get no gradient.
    dX_padded = np.pad(dX_padded, ((0, 0), (0, X_padded.shape[1] - dX_padded.shape[1]),
                                   (0, X_padded.shape[2] - dX_padded.shape[2]), (0, 0)))
    dX = dX_padded[:, padding:padding + X.shape[1], padding:padding + X.shape[2]]
    return dX, dF, db
# --8<-- [end:conv2d_backward]


# --8<-- [start:max_pool_backward]
def max_pool_backward(dP, X, size=2):
    """The gradient dX of a loss, given dP = ∂L/∂P for P = max_pool(X, size).

    Each block passed on only its largest value, so only that pixel gets the block's
    gradient; the others, and rows or columns that were dropped, get 0. (Where a block
    has two equal largest values, the first, in reading order, gets it: a subgradient.)
    """
    windows = sliding_window_view(X, (size, size), axis=(1, 2))[:, ::size, ::size]
    m, h_out, w_out, channels = windows.shape[:4]
    flat = windows.reshape(m, h_out, w_out, channels, size * size)
    winner = flat.argmax(axis=-1)[..., None] == np.arange(size * size)  # one True per block
    routed = (winner * dP[..., None]).reshape(m, h_out, w_out, channels, size, size)
    dX = np.zeros_like(X, dtype=dP.dtype)
    # routed[i, r, c, j, u, v] belongs to pixel (r·size + u, c·size + v).
    dX[:, :h_out * size, :w_out * size] = routed.transpose(0, 1, 4, 2, 5, 3).reshape(m, h_out * size, w_out * size, channels)
    return dX
# --8<-- [end:max_pool_backward]


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
