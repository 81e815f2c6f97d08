"""Activation functions and their derivatives, vectorised over any array shape.

Each function ``f`` has a partner ``f_grad`` giving the derivative f'(z) elementwise,
the factor backpropagation multiplies by. Float32 input stays float32; integer input
is computed in float64. Every formula is written so that no intermediate overflows:
sigmoid(±1000) and softmax of huge logits return their exact limits, without warnings.
"""

import math

import numpy as np


# --8<-- [start:as_float]
def _as_float(z):
    """z as a float array: float input keeps its precision (float32 stays float32), integer input becomes float64."""
    z = np.asarray(z)
    return z if np.issubdtype(z.dtype, np.floating) else z.astype(np.float64)
# --8<-- [end:as_float]


# --8<-- [start:sigmoid]
def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)): squashes any real number into (0, 1).

    e^(−z) overflows for z ≪ 0, so there we use the equal form e^z / (1 + e^z).
    Both branches only exponentiate −|z| ≤ 0, which can underflow to 0 but never overflow.
    """
    z = _as_float(z)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(z):
    """σ'(z) = σ(z)(1 − σ(z)): at most 1/4 (at z = 0), and vanishing for large |z|."""
    s = sigmoid(z)
    return s * (1 - s)
# --8<-- [end:sigmoid]


# --8<-- [start:tanh]
def tanh(z):
    """tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)) = 2σ(2z) − 1: zero-centred, in (−1, 1)."""
    return np.tanh(_as_float(z))


def tanh_grad(z):
    """tanh'(z) = 1 − tanh²(z): 1 at z = 0, vanishing for large |z|."""
    return 1 - np.tanh(_as_float(z)) ** 2
# --8<-- [end:tanh]


# --8<-- [start:relu]
def relu(z):
    """ReLU(z) = max(0, z)."""
    z = _as_float(z)
    return np.maximum(z, 0)


def relu_grad(z):
    """ReLU'(z) = 1 if z > 0 else 0 (at z = 0 we pick 0, as most libraries do)."""
    z = _as_float(z)
    return (z > 0).astype(z.dtype)
# --8<-- [end:relu]


# --8<-- [start:leaky_relu]
def leaky_relu(z, alpha=0.01):
    """LeakyReLU(z) = z if z > 0 else αz: a small slope α keeps negative units learning."""
    z = _as_float(z)
    return np.where(z > 0, z, alpha * z)


def leaky_relu_grad(z, alpha=0.01):
    """LeakyReLU'(z) = 1 if z > 0 else α."""
    z = _as_float(z)
    return np.where(z > 0, 1, alpha).astype(z.dtype)
# --8<-- [end:leaky_relu]


# --8<-- [start:elu]
def elu(z, alpha=1.0):
    """ELU(z) = z if z > 0 else α(e^z − 1): smooth, saturating at −α for z → −∞."""
    z = _as_float(z)
    # min(z, 0) keeps exp from overflowing in the branch np.where throws away.
    return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0)))


def elu_grad(z, alpha=1.0):
    """ELU'(z) = 1 if z > 0 else αe^z."""
    z = _as_float(z)
    return np.where(z > 0, 1, alpha * np.exp(np.minimum(z, 0))).astype(z.dtype)
# --8<-- [end:elu]


# --8<-- [start:swish]
def swish(z):
    """Swish(z) = z·σ(z) (also called SiLU): smooth, non-monotonic just below zero."""
    z = _as_float(z)
    return z * sigmoid(z)


def swish_grad(z):
    """Swish'(z) = σ(z) + z·σ(z)(1 − σ(z))."""
    z = _as_float(z)
    s = sigmoid(z)
    return s + z * s * (1 - s)
# --8<-- [end:swish]


# --8<-- [start:gelu]
# NumPy has no erf; the standard library's is exact to double precision.
_erf = np.frompyfunc(math.erf, 1, 1)


def normal_cdf(z):
    """Φ(z) = ½(1 + erf(z/√2)): probability that a standard normal variable is ≤ z."""
    z = _as_float(z)
    return 0.5 * (1 + np.asarray(_erf(z / math.sqrt(2)), dtype=z.dtype))


def gelu(z):
    """GELU(z) = z·Φ(z): the input, weighted by how likely a standard normal is below it."""
    z = _as_float(z)
    return z * normal_cdf(z)


def gelu_grad(z):
    """GELU'(z) = Φ(z) + z·φ(z), with φ(z) = e^(−z²/2)/√(2π) the normal density."""
    z = _as_float(z)
    return normal_cdf(z) + z * np.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)


def gelu_tanh(z):
    """The tanh approximation: ½z(1 + tanh(√(2/π)(z + 0.044715z³))), no erf needed."""
    z = _as_float(z)
    return 0.5 * z * (1 + np.tanh(math.sqrt(2 / math.pi) * (z + 0.044715 * z**3)))


def gelu_tanh_grad(z):
    """Derivative of ``gelu_tanh``: ½(1 + t) + ½z(1 − t²)·√(2/π)(1 + 3·0.044715z²)."""
    z = _as_float(z)
    c = math.sqrt(2 / math.pi)
    t = np.tanh(c * (z + 0.044715 * z**3))
    return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * c * (1 + 3 * 0.044715 * z * z)
# --8<-- [end:gelu]


# --8<-- [start:softmax]
def softmax(z, temperature=1.0, axis=-1):
    """softmax(z)_k = e^(z_k/T) / Σ_j e^(z_j/T): turns scores into probabilities summing to 1.

    Subtracting the largest score first changes nothing mathematically (it cancels
    between numerator and denominator) but makes the largest exponent e^0 = 1, so
    nothing overflows. Temperature T < 1 sharpens the distribution, T > 1 flattens it.
    """
    s = _as_float(z) / temperature
    e = np.exp(s - s.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def softmax_jacobian(z):
    """∂softmax(z)_i / ∂z_j = s_i(δ_ij − s_j) for one score vector z (T = 1)."""
    s = softmax(z)
    return np.diag(s) - np.outer(s, s)
# --8<-- [end:softmax]


# --8<-- [start:registry]
# name -> (f, f'), for code that compares activations or lets a layer pick one by name.
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
    "relu": (relu, relu_grad),
    "leaky_relu": (leaky_relu, leaky_relu_grad),
    "elu": (elu, elu_grad),
    "swish": (swish, swish_grad),
    "gelu": (gelu, gelu_grad),
    "gelu_tanh": (gelu_tanh, gelu_tanh_grad),
}
# --8<-- [end:registry]


# --8<-- [start:stacked_derivative]
def stacked_derivative(name, z, layers):
    """How a stack of units passes a gradient down: ∂a_n/∂z for n = 1, ..., ``layers``, shape (layers,).

    Unit k computes a_k = f(a_{k−1}) from a_0 = z (one unit per layer, weight 1, bias 0).
    By the chain rule ∂a_n/∂z = f′(a_0)·f′(a_1)···f′(a_{n−1}): one factor f′ per layer,
    the factor that backpropagation multiplies the gradient by in each layer it passes.
    """
    f, f_grad = ACTIVATIONS[name]
    a, product, products = np.float64(z), 1.0, []
    for _ in range(layers):
        product, a = product * float(f_grad(a)), f(a)
        products.append(product)
    return np.array(products)
# --8<-- [end:stacked_derivative]


# --8<-- [start:collapse]
def collapse_linear_layers(weights, biases):
    """The single layer (W, b) equal to a stack of linear layers Z = XW₁ + b₁, then ·W₂ + b₂, ...

    (XW₁ + b₁)W₂ + b₂ = X(W₁W₂) + (b₁W₂ + b₂): without an activation in between,
    any depth of linear layers computes one linear map.
    """
    W, b = weights[0], biases[0]
    for W_next, b_next in zip(weights[1:], biases[1:]):
        W, b = W @ W_next, b @ W_next + b_next
    return W, b
# --8<-- [end:collapse]
