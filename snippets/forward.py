"""Forward propagation: a network is a chain of dense layers, Z = A_prev W + b, A = f(Z).

Examples are rows, so a whole batch goes through a layer as one matrix product. Shapes,
for a batch of m examples and a layer with n_in inputs and n_out units:

    A_prev (m, n_in) @ W (n_in, n_out) + b (n_out,)  ->  Z, A (m, n_out)

Float32 in gives float32 out: nothing here converts or copies the data.
"""

import numpy as np

from snippets.activations import ACTIVATIONS


# --8<-- [start:init_params]
def init_params(sizes, rng, scheme="he", dtype=np.float32):
    """Random weights and zero biases for layer sizes [n_0, n_1, ..., n_L]: a list of (W, b).

    W of layer ℓ has shape (n_{ℓ-1}, n_ℓ), b has shape (n_ℓ,). Weights are drawn from a
    normal distribution whose spread depends on the layer's fan-in n_in and fan-out n_out,
    so that the activations keep roughly the same scale from layer to layer:

    * "he" (He et al. 2015), std √(2/n_in): for ReLU-like units, which zero half their
      inputs; the factor 2 makes up for that half.
    * "xavier" (Glorot & Bengio 2010), std √(2/(n_in + n_out)): for tanh and sigmoid,
      a compromise that keeps both the forward activations and the backward gradients steady.

    Biases start at zero: the random weights already make the units differ from each other.
    """
    if scheme not in ("he", "xavier"):
        raise ValueError(f"unknown initialization scheme {scheme!r}: use 'he' or 'xavier'")
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        std = np.sqrt(2 / n_in if scheme == "he" else 2 / (n_in + n_out))
        W = rng.normal(0.0, std, size=(n_in, n_out)).astype(dtype)
        params.append((W, np.zeros(n_out, dtype=dtype)))
    return params
# --8<-- [end:init_params]


# --8<-- [start:activation]
IDENTITY = (None, "identity")  # names of "no activation": the layer returns its raw scores Z


def activation(name):
    """The pair (f, f') for an activation name in ACTIVATIONS, or None for "identity"."""
    return None if name in IDENTITY else ACTIVATIONS[name]
# --8<-- [end:activation]


# --8<-- [start:dense]
def dense(A_prev, W, b, activation_name):
    """One layer: Z = A_prev W + b and A = f(Z), for a batch A_prev of shape (m, n_in).

    W has shape (n_in, n_out); the bias row b, shape (n_out,), is broadcast: added to
    every one of the m rows. Returns (Z, A), both of shape (m, n_out); for "identity"
    A is Z itself, not a copy.
    """
    Z = A_prev @ W + b
    f = activation(activation_name)
    return Z, Z if f is None else f[0](Z)
# --8<-- [end:dense]


# --8<-- [start:forward]
def forward(X, params, activations):
    """Run the batch X, shape (m, n_0), through every layer: A^[0] = X, A^[ℓ] = f_ℓ(A^[ℓ-1] W^[ℓ] + b^[ℓ]).

    ``activations`` names one activation per layer; the last is usually "identity"
    (raw scores, the logits a softmax cross-entropy expects) or "sigmoid".
    Returns the output A^[L], shape (m, n_L), and the cache [(A^[ℓ-1], Z^[ℓ]) for each
    layer ℓ]: exactly what backpropagation needs to go back through the network.
    """
    A, cache = X, []
    for (W, b), name in zip(params, activations, strict=True):
        Z, A_next = dense(A, W, b, name)
        cache.append((A, Z))
        A = A_next
    return A, cache
# --8<-- [end:forward]
