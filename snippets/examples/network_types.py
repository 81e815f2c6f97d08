"""The page "Types of neural networks": its setup, and calls of the convolution, the pooling and the RNN."""

from snippets.convolution import (LAPLACIAN, SOBEL_X, SOBEL_Y, conv2d, conv2d_backward, filter_bank, max_pool,
                                  max_pool_backward)
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

# --8<-- [start:conv2d_backward]
rng = np.random.default_rng(0)
X = rng.normal(size=(2, 7, 7, 3))  # 2 images of 7 × 7 pixels, 3 channels
F, b = rng.normal(size=(3, 3, 3, 4)), rng.normal(size=4)  # 4 filters of 3 × 3 × 3
G = rng.normal(size=conv2d(X, F, b, stride=2, padding=1).shape)  # L = Σ Z ⊙ G, so dZ = G
dX, dF, db = conv2d_backward(G, X, F, stride=2, padding=1)
checks = {"dX": (dX, X, lambda x: np.sum(conv2d(x, F, b, stride=2, padding=1) * G)),
          "dF": (dF, F, lambda f: np.sum(conv2d(X, f, b, stride=2, padding=1) * G)),
          "db": (db, b, lambda c: np.sum(conv2d(X, F, c, stride=2, padding=1) * G))}
for name, (mine, at, loss) in checks.items():
    print(f"{name} {str(mine.shape):14} relative error {relative_error(mine, numerical_gradient(loss, at)):.1e}")
# --8<-- [end:conv2d_backward]

# --8<-- [start:max_pool_backward]
X = np.array([[1.0, 5.0, 2.0, 0.0], [3.0, 4.0, 9.0, 1.0],
              [7.0, 8.0, 6.0, 2.0], [0.0, 2.0, 3.0, 4.0]]).reshape(1, 4, 4, 1)
print("pooled:", max_pool(X)[0, :, :, 0], sep="\n")
print("dX for dP = 1 everywhere:", max_pool_backward(np.ones((1, 2, 2, 1)), X)[0, :, :, 0], sep="\n")
# --8<-- [end:max_pool_backward]

# --8<-- [start:rnn_forward]
rng = np.random.default_rng(0)
W_xh, W_hh, b = init_rnn(3, 4, rng)  # n = 3 input features, n_h = 4 hidden units
X = rng.normal(size=(2, 5, 3))  # m = 2 sequences of T = 5 steps
H = rnn_forward(X, W_xh, W_hh, b)
print("H:", H.shape)
print("h_1, …, h_5 of the first sequence:", H[0].round(3), sep="\n")
# --8<-- [end:rnn_forward]

# --8<-- [start:reproduce-rnn-gradient-check]
import numpy as np

from snippets.gradcheck import numerical_gradient, relative_error  # built in "Backpropagation"
from snippets.rnn import init_rnn, rnn_backward, rnn_forward  # built in "Types of neural networks"

rng = np.random.default_rng(0)
W_xh, W_hh, b = init_rnn(3, 4, rng)  # the cell and the sequences of the run above
X = rng.normal(size=(2, 5, 3))
H = rnn_forward(X, W_xh, W_hh, b)
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
# --8<-- [end:reproduce-rnn-gradient-check]

# --8<-- [start:reproduce-convolution-figure]
import numpy as np

from snippets.activations import relu  # built in "Activation functions"
from snippets.convolution import LAPLACIAN, SOBEL_X, SOBEL_Y, conv2d, filter_bank, max_pool  # built in "Types of neural networks"
from snippets.mnist import load_mnist  # the book's MNIST loader

data = load_mnist()
X = data.test_images[4].reshape(1, 28, 28, 1)  # the fifth test image
F = filter_bank(SOBEL_X, SOBEL_Y, LAPLACIAN)
Z = conv2d(X, F, np.zeros(3, dtype=np.float32))
pooled = max_pool(relu(Z), 2)
print(f"a handwritten {data.test_labels[4]}: {X.shape[1]} × {X.shape[2]} pixels, feature maps {Z.shape[1]} × "
      f"{Z.shape[2]}, after ReLU and 2 × 2 max pooling {pooled.shape[1]} × {pooled.shape[2]}")
# --8<-- [end:reproduce-convolution-figure]

# --8<-- [start:reproduce-conv-shapes]
import numpy as np

from snippets.activations import relu  # built in "Activation functions"
from snippets.convolution import LAPLACIAN, SOBEL_X, SOBEL_Y, conv2d, filter_bank, max_pool  # built in "Types of neural networks"
from snippets.mnist import load_mnist  # the book's MNIST loader

X = load_mnist().test_images[4].reshape(1, 28, 28, 1)  # the handwritten 4 of the figure
F, b = filter_bank(SOBEL_X, SOBEL_Y, LAPLACIAN), np.zeros(3, dtype=np.float32)
Z = conv2d(X, F, b)
for name, array in [("X", X), ("F", F), ("b", b), ("Z = conv2d(X, F, b)", Z),
                    ("conv2d(X, F, b, padding=1)", conv2d(X, F, b, padding=1)),
                    ("conv2d(X, F, b, stride=2)", conv2d(X, F, b, stride=2)), ("max_pool(relu(Z), 2)", max_pool(relu(Z), 2))]:
    print(f"{name}: {array.shape}")
# --8<-- [end:reproduce-conv-shapes]

# --8<-- [start:reproduce-conv-parameters]
import numpy as np

from snippets.convolution import LAPLACIAN, SOBEL_X, SOBEL_Y, conv2d, filter_bank  # built in "Types of neural networks"
from snippets.neuron import count_parameters  # built in "What is a neural network"

X = np.zeros((1, 28, 28, 1))  # the numbers of parameters do not depend on the pixels
F, b = filter_bank(SOBEL_X, SOBEL_Y, LAPLACIAN), np.zeros(3)
n_in, n_out = X[0].size, conv2d(X, F, b)[0].size
conv, dense = F.size + b.size, count_parameters([n_in, n_out])
print(f"inputs {n_in:,}, outputs {n_out:,}")
print(f"convolutional: {F.size} + {b.size} = {conv:,} parameters")
print(f"dense: {n_in:,} × {n_out:,} + {n_out:,} = {dense:,} parameters, {dense / conv:,.0f} times as many")
# --8<-- [end:reproduce-conv-parameters]

# --8<-- [start:reproduce-rnn-run]
import numpy as np

from snippets.rnn import init_rnn, rnn_forward  # built in "Types of neural networks"

rng = np.random.default_rng(0)
W_xh, W_hh, b = init_rnn(3, 4, rng)  # n = 3 input features, n_h = 4 hidden units
X = rng.normal(size=(2, 5, 3))  # m = 2 sequences of T = 5 steps
H = rnn_forward(X, W_xh, W_hh, b)
print("shapes: X", X.shape, " x_t", X[:, 0].shape, " W_xh", W_xh.shape, " W_hh", W_hh.shape, " b", b.shape,
      " h_t", H[:, 0].shape, " H", H.shape)
for t in range(5):
    print(f"t = {t + 1}: x_t ({', '.join(f'{v:.2f}' for v in X[0, t])}), h_t ({', '.join(f'{v:.3f}' for v in H[0, t])})")
# --8<-- [end:reproduce-rnn-run]

# --8<-- [start:reproduce-rnn-states]
import numpy as np

from snippets.rnn import init_rnn, rnn_forward  # built in "Types of neural networks"

rng = np.random.default_rng(0)
W_xh, W_hh, b = init_rnn(3, 4, rng)  # the cell and the sequences of the run above
H = rnn_forward(rng.normal(size=(2, 5, 3)), W_xh, W_hh, b)
rng = np.random.default_rng(2)
sequences = rng.normal(size=(1000, 20, 3))  # 1,000 random sequences of 20 steps
nudge = rng.normal(size=(1000, 3))
changed = sequences.copy()
changed[:, 0] += nudge / np.linalg.norm(nudge, axis=1, keepdims=True)  # x_1 moved by a step of length 1
gap = np.linalg.norm(rnn_forward(sequences, W_xh, W_hh, b) - rnn_forward(changed, W_xh, W_hh, b), axis=2)
distance = np.exp(np.log(gap).mean(axis=0))  # geometric mean over the 1,000 pairs, steps 1 to 20
print(f"first sequence: hidden units between {H[0].min():.2f} and {H[0].max():.2f}")
print(f"distance at step 1 {distance[0]:.2f}, at step 20 {distance[-1]:.5f}, "
      f"a factor of {(distance[-1] / distance[0]) ** (1 / 19):.2f} per step on average")
# --8<-- [end:reproduce-rnn-states]
