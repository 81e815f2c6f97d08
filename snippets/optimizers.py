"""Optimizers: rules that turn gradients into parameter updates.

Each optimizer has one method, ``step(params, grads)``: ``params`` is a list of NumPy
arrays (for a network, [W1, b1, W2, b2, ...]) and ``grads`` the matching list of
∂L/∂θ arrays. ``step`` changes every array in place, so a model holding references to
its arrays sees the new values without copying anything. State such as a velocity is
allocated on the first call, one buffer per parameter with the parameter's dtype:
float32 parameters stay float32 (Python-float hyperparameters do not promote them).
"""

import numpy as np


# --8<-- [start:sgd]
class SGD:
    """Plain gradient descent: θ ← θ − η ∂L/∂θ, for every parameter array."""

    def __init__(self, learning_rate):
        self.learning_rate = learning_rate

    def step(self, params, grads):
        for param, grad in zip(params, grads):
            param -= self.learning_rate * grad  # in place: the caller's array moves
# --8<-- [end:sgd]


# --8<-- [start:momentum]
class Momentum:
    """Gradient descent with momentum: v ← βv − η ∂L/∂θ, then θ ← θ + v.

    The velocity v is a running sum of past steps, decaying by β each step, so steps
    that agree add up and steps that alternate in sign cancel.
    """

    def __init__(self, learning_rate, beta=0.9):
        self.learning_rate, self.beta = learning_rate, beta
        self.velocities = None

    def step(self, params, grads):
        if self.velocities is None:
            self.velocities = [np.zeros_like(param) for param in params]
        for param, grad, v in zip(params, grads, self.velocities):
            v *= self.beta
            v -= self.learning_rate * grad
            param += v
# --8<-- [end:momentum]


# --8<-- [start:adam]
class Adam:
    """Adam: a step per parameter entry, scaled by running moments of its gradient.

    v ← β₁v + (1 − β₁)g and s ← β₂s + (1 − β₂)g² average the gradient g and its square;
    dividing by 1 − βᵗ undoes their bias towards the zeros they start from. The step
    η v̂ / (√ŝ + ε) is about η in size wherever the gradient has a steady sign.
    """

    def __init__(self, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.learning_rate, self.beta1, self.beta2, self.eps = learning_rate, beta1, beta2, eps
        self.t = 0
        self.v = self.s = None

    def step(self, params, grads):
        if self.v is None:
            self.v = [np.zeros_like(param) for param in params]
            self.s = [np.zeros_like(param) for param in params]
        self.t += 1
        v_correction = 1 - self.beta1**self.t
        s_correction = 1 - self.beta2**self.t
        for param, grad, v, s in zip(params, grads, self.v, self.s):
            v *= self.beta1
            v += (1 - self.beta1) * grad
            s *= self.beta2
            s += (1 - self.beta2) * grad * grad
            param -= self.learning_rate * (v / v_correction) / (np.sqrt(s / s_correction) + self.eps)
# --8<-- [end:adam]
