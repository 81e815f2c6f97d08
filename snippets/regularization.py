"""Regularization: keep a network that can memorise its training set from doing so.

Three tools, each a small change to training:

* a **penalty** on the weights added to the loss: L2, (λ/2) Σ_ℓ ‖W^[ℓ]‖², which pulls every
  weight towards 0 in proportion to its size (weight decay), or L1, λ Σ_ℓ Σ|W^[ℓ]_jk|,
  which pulls every weight towards 0 by the same amount and makes many exactly small;
* **dropout** (``snippets.dropout``): random hidden units silenced at every step;
* **early stopping**: keep the weights of the epoch with the lowest validation loss.

Biases are never penalised: there are few of them (one per unit), each only shifts its
unit, and forcing them towards 0 would not make the function any simpler.
"""

import functools
import math

import numpy as np

from snippets.dropout import backward_with_dropout, dropout_masks, forward_with_dropout
from snippets.gradcheck import numerical_parameter_gradients, relative_error
from snippets.losses import cross_entropy, cross_entropy_grad


# --8<-- [start:l2]
def l2_penalty(params, lam):
    """(λ/2) Σ_ℓ ‖W^[ℓ]‖²: λ/2 times the sum of every squared weight. Biases are left out."""
    return lam / 2 * sum(np.sum(W * W) for W, _ in params)


def l2_penalty_grad(W, lam):
    """∂/∂W of (λ/2)‖W‖² = λW: each weight is pulled towards 0 in proportion to its size."""
    return lam * W
# --8<-- [end:l2]


# --8<-- [start:l1]
def l1_penalty(params, lam):
    """λ Σ_ℓ Σ_jk |W^[ℓ]_jk|: λ times the sum of the absolute values of every weight."""
    return lam * sum(np.sum(np.abs(W)) for W, _ in params)


def l1_penalty_grad(W, lam):
    """∂/∂W of λ Σ|W_jk| = λ sign(W): the same pull λ towards 0 for every weight, big or small.

    |w| has no slope at w = 0; sign(0) = 0 picks the value in between the two sides.
    """
    return lam * np.sign(W)
# --8<-- [end:l1]


# --8<-- [start:penalized]
def penalized_loss(scores, Y, params, l2=0.0, l1=0.0):
    """The loss training minimises: cross-entropy of the scores plus both penalties."""
    return cross_entropy(scores, Y) + l2_penalty(params, l2) + l1_penalty(params, l1)


def add_penalty_grads(grads, params, l2=0.0, l1=0.0):
    """``backward``'s [(dW, db)] of the data loss -> those of ``penalized_loss``: dW gains λ₂W + λ₁ sign(W)."""
    if not (l2 or l1):
        return grads  # no penalty: skip two passes over every weight
    return [(dW + l2_penalty_grad(W, l2) + l1_penalty_grad(W, l1), db)
            for (dW, db), (W, _) in zip(grads, params, strict=True)]
# --8<-- [end:penalized]


# --8<-- [start:train_step]
def train_step_regularized(X, Y, params, activations, optimizer, l2=0.0, l1=0.0, keep_prob=1.0, rng=None):
    """``backprop.train_step`` with weight penalties and dropout; returns the penalised loss of the batch.

    A fresh dropout mask is drawn from ``rng`` for every batch (none when keep_prob = 1,
    and then this is exactly train_step plus the penalties).
    """
    masks = dropout_masks(len(X), params, keep_prob, rng) if keep_prob < 1 else []
    scores, cache = forward_with_dropout(X, params, activations, masks)
    grads = backward_with_dropout(cross_entropy_grad(scores, Y), cache, params, activations, masks)
    grads = add_penalty_grads(grads, params, l2, l1)
    loss = penalized_loss(scores, Y, params, l2, l1)  # before the update changes params
    optimizer.step([p for layer in params for p in layer], [g for layer in grads for g in layer])
    return loss
# --8<-- [end:train_step]


# --8<-- [start:gradient_check]
def gradient_check_regularized(X, Y, params, activations, l2=0.0, l1=0.0, masks=()):
    """Like ``backprop.gradient_check``, for ``penalized_loss`` with FIXED dropout ``masks``: [(error in dW, in db)].

    With the masks held fixed, the network is an ordinary function of its parameters, so
    central differences can check every gradient. Use float64 parameters.
    """
    masks = list(masks)
    scores, cache = forward_with_dropout(X, params, activations, masks)
    grads = add_penalty_grads(backward_with_dropout(cross_entropy_grad(scores, Y), cache, params, activations, masks),
                              params, l2, l1)
    numeric = numerical_parameter_gradients(
        lambda trial: penalized_loss(forward_with_dropout(X, trial, activations, masks)[0], Y, trial, l2, l1), params)
    return [(relative_error(dW, num_dW), relative_error(db, num_db))
            for (dW, db), (num_dW, num_db) in zip(grads, numeric, strict=True)]
# --8<-- [end:gradient_check]


# --8<-- [start:early_stopping]
class EarlyStopping:
    """Stop when the validation loss has not improved for ``patience`` epochs; keep the best weights.

    Call ``update`` after every epoch: it remembers a copy of the parameters whenever the
    validation loss reaches a new low, and returns True once ``patience`` epochs have
    passed without one. ``restore`` then puts the remembered weights back, in place.
    """

    def __init__(self, patience):
        self.patience = patience
        self.best_loss, self.best_epoch, self.best_params = math.inf, 0, None

    def update(self, epoch, val_loss, params=()):
        if val_loss < self.best_loss:
            self.best_loss, self.best_epoch = val_loss, epoch
            self.best_params = [(W.copy(), b.copy()) for W, b in params]
        return epoch - self.best_epoch >= self.patience

    def restore(self, params):
        for (W, b), (best_W, best_b) in zip(params, self.best_params, strict=True):
            W[...], b[...] = best_W, best_b
# --8<-- [end:early_stopping]


# --8<-- [start:fit]
def regularized_step(l2=0.0, l1=0.0, keep_prob=1.0, seed=0):
    """A ``step`` for ``training.fit``: ``train_step_regularized`` with these penalties and dropout.

    Dropout draws its masks from a generator of its own, seeded here, so that a run with
    dropout visits the batches in the same order as a run without.
    """
    rng = np.random.default_rng(seed)
    return functools.partial(train_step_regularized, l2=l2, l1=l1, keep_prob=keep_prob, rng=rng)
# --8<-- [end:fit]
