"""The page "Types of neural networks": its setup, and calls of the convolution, the pooling and the RNN."""

from snippets.convolution import LAPLACIAN, SOBEL_X, SOBEL_Y, conv2d, filter_bank, max_pool
from snippets.rnn import init_rnn, rnn_backward, rnn_forward

# --8<-- [start:setup]
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from snippets.activations import relu, tanh  # built in "Activation functions"
from snippets.forward import init_params  # built in "Forward propagation"
from snippets.gradcheck import numerical_gradient, relative_error  # built in "Backpropagation"
# --8<-- [end:setup]

# --8<-- [start:conv2d]
X = np.arange(16.0).reshape(1, 4, 4, 1)  # one 4 × 4 grey image
F = np.ones((2, 2, 1, 1))  # one 2 × 2 filter that adds up its window
b = np.zeros(1)
print(X[0, :, :, 0])
print("Z:", conv2d(X, F, b)[0, :, :, 0], sep="\n")
print("stride 2:", conv2d(X, F, b, stride=2)[0, :, :, 0], sep="\n")
print("shape with padding 1:", conv2d(X, F, b, padding=1).shape)
# --8<-- [end:conv2d]

# --8<-- [start:kernels]
stroke = np.zeros((1, 5, 8, 1), dtype=np.float32)
stroke[:, :, 3:5] = 1  # a vertical stroke of ink, columns 3 and 4
Z = conv2d(stroke, filter_bank(SOBEL_X, SOBEL_Y, LAPLACIAN), np.zeros(3))
print("one row of the image and of each feature map (all rows are alike):")
print(f"{'image:':11}", stroke[0, 0, :, 0])
for channel, name in enumerate(["Sobel x", "Sobel y", "Laplacian"]):
    print(f"{name + ':':11}", Z[0, 0, :, channel])
# --8<-- [end:kernels]

# --8<-- [start:max_pool]
print(max_pool(np.arange(16.0).reshape(1, 4, 4, 1))[0, :, :, 0])

X = np.random.default_rng(0).random((1, 28, 28, 1))  # any 28 × 28 grey image: the shapes do not depend on it
Z = conv2d(X, filter_bank(SOBEL_X, SOBEL_Y, LAPLACIAN), np.zeros(3))
print("feature maps:", Z.shape, " after ReLU and pooling:", max_pool(relu(Z), 2).shape)
# --8<-- [end:max_pool]

# --8<-- [start:rnn_forward]
rng = np.random.default_rng(0)
W_xh, W_hh, b = init_rnn(3, 4, rng)  # n = 3 input features, n_h = 4 hidden units
X = rng.normal(size=(2, 5, 3))  # m = 2 sequences of T = 5 steps
H = rnn_forward(X, W_xh, W_hh, b)
print("H:", H.shape)
print("h_1, …, h_5 of the first sequence:", H[0].round(3), sep="\n")
# --8<-- [end:rnn_forward]

# --8<-- [start:rnn_backward]
R = np.random.default_rng(1).normal(size=H.shape)


def loss(W_xh, W_hh, b):
    """L = Σ H ⊙ R, so that dH = R."""
    return np.sum(rnn_forward(X, W_xh, W_hh, b) * R)


dW_xh, dW_hh, db = rnn_backward(R, X, H, W_hh)
numeric = [numerical_gradient(lambda v: loss(v, W_hh, b), W_xh),
           numerical_gradient(lambda v: loss(W_xh, v, b), W_hh),
           numerical_gradient(lambda v: loss(W_xh, W_hh, v), b)]
for name, analytic, central in zip(["dW_xh", "dW_hh", "db"], [dW_xh, dW_hh, db], numeric):
    print(f"{name:5} relative error {relative_error(analytic, central):.1e}")
# --8<-- [end:rnn_backward]
