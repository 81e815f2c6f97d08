"""The page "Overfitting and regularization": its setup, and small calls of the penalties, dropout and training."""

from snippets.dropout import backward_with_dropout, dropout_mask, dropout_masks, forward_with_dropout, inverted_dropout
from snippets.overfitting import ACTIVATIONS, SIZES, learning_curve, regularized_run
from snippets.regularization import (EarlyStopping, add_penalty_grads, gradient_check_regularized, l1_penalty,
                                     l1_penalty_grad, l2_penalty, l2_penalty_grad, penalized_loss, regularized_step,
                                     train_step_regularized)
from snippets.solutions.regularization import weight_decay_step
from snippets.training import evaluate, fit, predict_proba

# --8<-- [start:setup]
import functools
import itertools
import math
import os
import time
from dataclasses import dataclass, field

import numpy as np
from tqdm import tqdm

from snippets.activations import softmax  # built in "Activation functions"
from snippets.forward import activation, dense, forward, init_params  # built in "Forward propagation"
from snippets.losses import cross_entropy, cross_entropy_grad, one_hot  # built in "Loss functions"
from snippets.gradient_descent import minibatches  # built in "Gradient descent"
from snippets.optimizers import SGD  # built in "Gradient descent"
from snippets.backprop import train_step  # built in "Backpropagation"
from snippets.gradcheck import numerical_parameter_gradients, relative_error  # built in "Backpropagation"
from snippets.mnist import load_mnist  # the book's MNIST loader
from snippets.hyperparameters import mnist_subset  # built in "Hyper-parameters"
# --8<-- [end:setup]

# --8<-- [start:l2]
W1, W2 = np.array([[0.5, -1.0], [2.0, 0.0]]), np.array([[1.0], [-0.5]])
params = [(W1, np.array([3.0, -3.0])), (W2, np.array([1.0]))]  # large biases, which the penalty ignores
print(f"L2 penalty, λ = 0.1: {l2_penalty(params, 0.1):.4f}")  # 0.05 × (0.25 + 1 + 4 + 0 + 1 + 0.25)
print("its gradient for W1, λW1:", l2_penalty_grad(W1, 0.1).tolist())
# --8<-- [end:l2]

# --8<-- [start:l1]
print(f"L1 penalty, λ = 0.1: {l1_penalty(params, 0.1):.4f}")  # 0.1 × (0.5 + 1 + 2 + 0 + 1 + 0.5)
print("its gradient for W1, λ sign(W1):", l1_penalty_grad(W1, 0.1).tolist())  # no pull on the weight at 0
# --8<-- [end:l1]

# --8<-- [start:mask]
rng = np.random.default_rng(0)
A = np.full((2, 6), 3.0, dtype=np.float32)  # two examples, six units, every activation 3
print("A ⊙ D while training, p = 0.5:\n", inverted_dropout(A, 0.5, rng))
print("evaluation returns A itself:", inverted_dropout(A, 0.5, rng, training=False) is A)
print(f"mean of D over 10,000 entries: {dropout_mask((100, 100), 0.5, rng).mean():.3f}")
# --8<-- [end:mask]

# --8<-- [start:forward]
rng = np.random.default_rng(1)
params, activations = init_params([3, 4, 4, 2], rng), ["relu", "relu", "identity"]
x = np.array([[0.5, -1.0, 2.0]], dtype=np.float32)  # one example
masks = dropout_masks(len(x), params, keep_prob=0.5, rng=rng)
scores, cache = forward_with_dropout(x, params, activations, masks)
print("mask of each hidden layer:", [mask[0].tolist() for mask in masks])
print("hidden layer 1's output, as layer 2 received it:", cache[1][0][0].round(3))
print("scores with dropout:", scores[0].round(3), " without:", forward(x, params, activations)[0][0].round(3))
# --8<-- [end:forward]

# --8<-- [start:backward]
dScores = cross_entropy_grad(scores, one_hot(np.array([1]), 2))  # as if the example's label were 1
grads = backward_with_dropout(dScores, cache, params, activations, masks)
print("mask of hidden layer 1:          ", masks[0][0])
print("size of each unit's column of dW1:", np.abs(grads[0][0]).sum(axis=0).round(3))
# --8<-- [end:backward]

# --8<-- [start:penalized]
rng = np.random.default_rng(0)
params, activations = init_params([4, 8, 3], rng), ["relu", "identity"]
X, Y = rng.normal(size=(5, 4)).astype(np.float32), one_hot(rng.integers(0, 3, size=5), 3)
scores = forward(X, params, activations)[0]
print(f"cross-entropy {cross_entropy(scores, Y):.4f}, with the L2 penalty (λ = 0.01) "
      f"{penalized_loss(scores, Y, params, l2=0.01):.4f}")
zero = [(np.zeros_like(W), np.zeros_like(b)) for W, b in params]  # as if the data had no gradient
(dW1, db1), _ = add_penalty_grads(zero, params, l2=0.01)
print("then dW1 = λW1:", np.allclose(dW1, 0.01 * params[0][0]), " db1 stays 0:", not db1.any())
# --8<-- [end:penalized]

# --8<-- [start:train_step]
optimizer, masks_rng = SGD(0.5), np.random.default_rng(0)
losses = [train_step_regularized(X, Y, params, activations, optimizer, l2=0.01, keep_prob=0.8, rng=masks_rng)
          for _ in range(50)]
print("penalized loss of the batch at steps 1, 10, 50:", [round(float(losses[i]), 4) for i in (0, 9, 49)])
# --8<-- [end:train_step]

# --8<-- [start:gradient_check]
rng = np.random.default_rng(0)  # the network and batch of the table below
sizes, activations = [6, 5, 4, 3], ["relu", "relu", "identity"]
# Non-zero biases: with zero biases an example whose hidden units were all dropped has Z = 0
# exactly in the next layer, on ReLU's kink, where a central difference measures a slope of 1/2.
params = [(W, rng.normal(scale=0.1, size=b.shape)) for W, b in init_params(sizes, rng, dtype=np.float64)]
X, Y = rng.normal(size=(8, 6)), one_hot(rng.integers(0, 3, size=8), 3, dtype=np.float64)
masks = [dropout_mask((8, n), 0.5, rng, np.float64) for n in sizes[1:-1]]
errors = gradient_check_regularized(X, Y, params, activations, l2=0.1, l1=0.05, masks=masks)
print("all three together, largest relative error in a dW:", f"{max(e for e, _ in errors):.1e},",
      f"in a db: {max(e for _, e in errors):.1e}")
# --8<-- [end:gradient_check]

# --8<-- [start:early_stopping]
stopper = EarlyStopping(patience=2)
for epoch, val_loss in enumerate([0.90, 0.60, 0.50, 0.55, 0.52, 0.58, 0.40], start=1):
    if stopper.update(epoch, val_loss):
        break
print(f"stopped after epoch {epoch}; kept epoch {stopper.best_epoch}, validation loss {stopper.best_loss}")
# --8<-- [end:early_stopping]

# --8<-- [start:fit]
X, y, validation = mnist_subset(300)
X_val, y_val = validation[0][:1_000], validation[1][:1_000]  # a fifth of the validation set is enough here
params = init_params(SIZES, np.random.default_rng(0))
history = fit(params, ACTIVATIONS, X, y, SGD(0.1), epochs=3, batch_size=32, seed=0, validation=(X_val, y_val))
print("training accuracy per epoch:  ", " ".join(f"{a:.1%}" for a in history.train_accuracy))
print("validation accuracy per epoch:", " ".join(f"{a:.1%}" for a in history.val_accuracy))
loss, accuracy = evaluate(params, ACTIVATIONS, X_val, y_val)
print(f"evaluate: loss {loss:.3f}, accuracy {accuracy:.1%}")
probabilities = predict_proba(params, ACTIVATIONS, X_val[:1])[0]  # one probability per digit 0-9
print(f"predict_proba for a validation image of a {y_val[0]}:", probabilities.round(2))
# --8<-- [end:fit]

# --8<-- [start:regularized_step]
params, stopper = init_params(SIZES, np.random.default_rng(0)), EarlyStopping(patience=2)
history = fit(params, ACTIVATIONS, X, y, SGD(0.1), epochs=10, batch_size=32, seed=0, validation=(X_val, y_val),
              step=regularized_step(l2=3e-3, keep_prob=0.5, seed=1), early_stopping=stopper)
print("validation loss per epoch:", " ".join(f"{loss:.3f}" for loss in history.val_loss))
print(f"ran {len(history.val_loss)} epochs and kept the weights of epoch {stopper.best_epoch}:",
      f"validation loss {evaluate(params, ACTIVATIONS, X_val, y_val)[0]:.3f}")
# --8<-- [end:regularized_step]

# --8<-- [start:regularized_run]
result = regularized_run(n_train=300, epochs=3, batch_size=32, learning_rate=0.1, seed=0,
                         l2=3e-3, keep_prob=0.5, patience=10)  # the last row's remedies
history, kept = result["history"], result["kept_epoch"]
train, val = history.train_accuracy[kept - 1], history.val_accuracy[kept - 1]
print(f"{len(history.val_loss)} epochs run, weights kept from epoch {kept}")
print(f"training accuracy {train:.1%}, validation accuracy {val:.1%}, gap {(train - val) * 100:.1f} points, "
      f"validation loss {history.val_loss[kept - 1]:.3f}")
# --8<-- [end:regularized_run]

# --8<-- [start:learning_curve]
for run in learning_curve(sizes=[100, 1_000], updates=60, batch_size=32, learning_rate=0.1, seed=0):
    print(f"N = {run['n_train']:5,}: training accuracy {run['train_accuracy']:.1%}, "
          f"test accuracy {run['test_accuracy']:.1%}")
# --8<-- [end:learning_curve]

# --8<-- [start:reproduce-overfitting]
import numpy as np
from snippets.overfitting import regularized_run  # built in "Overfitting and regularization"

history = regularized_run(n_train=1_000, epochs=50, batch_size=32, learning_rate=0.1, seed=0)["history"]
train, val, val_loss = history.train_accuracy, history.val_accuracy, history.val_loss
always = max(epoch for epoch, accuracy in enumerate(train, start=1) if accuracy < 1) + 1  # at 100% from then on
best = int(np.argmin(val_loss)) + 1
print(f"training accuracy 100% from epoch {always} on; after epoch 50, validation accuracy {val[-1]:.1%}, "
      f"a gap of {(train[-1] - val[-1]) * 100:.1f} points")
print(f"validation loss lowest at epoch {best}, {val_loss[best - 1]:.3f}; after epoch 50, {val_loss[-1]:.3f}")
# --8<-- [end:reproduce-overfitting]

# --8<-- [start:reproduce-sparsity]
import numpy as np
from snippets.overfitting import regularized_run  # built in "Overfitting and regularization"

for label, penalty in [("no regularization", {}), ("L2, λ = 0.003", {"l2": 3e-3}), ("L1, λ = 0.0001", {"l1": 1e-4})]:
    params = regularized_run(n_train=1_000, epochs=50, batch_size=32, learning_rate=0.1, seed=0, **penalty)["params"]
    w = np.concatenate([W.ravel() for W, _ in params])  # all the weights, no biases
    print(f"{label}: {np.mean(np.abs(w) < 0.001):.1%} with |w| < 0.001, mean |w| {np.mean(np.abs(w)):.4f}, "
          f"√Σw² {np.sqrt(np.sum(w.astype(np.float64) ** 2)):.1f}, largest |w| {np.abs(w).max():.3f}")
# --8<-- [end:reproduce-sparsity]

# --8<-- [start:reproduce-dropout-scaling]
import numpy as np
from snippets.dropout import dropout_mask, inverted_dropout  # built in "Overfitting and regularization"

rng = np.random.default_rng(0)
A = np.abs(rng.normal(size=(1_000, 1_000))).astype(np.float32)  # stand-in for a layer of ReLU outputs
print(f"{A.size:,} activations")
for p in [0.5, 0.8, 0.9]:
    D = dropout_mask(A.shape, p, rng)
    evaluated = inverted_dropout(A, p, rng, training=False)
    print(f"p = {p}: a kept entry is 1/p = {1 / p:.4g}, share dropped {np.mean(D == 0):.4f}, "
          f"mean of D {D.mean():.4f}, mean of A ⊙ D / mean of A {(A * D).mean() / A.mean():.4f}, "
          f"evaluation returns A: {evaluated is A}")
# --8<-- [end:reproduce-dropout-scaling]

# --8<-- [start:reproduce-gradient-checks]
import numpy as np
from snippets.forward import init_params  # built in "Forward propagation"
from snippets.losses import one_hot  # built in "Loss functions"
from snippets.dropout import dropout_mask  # built in "Overfitting and regularization"
from snippets.regularization import gradient_check_regularized  # built in "Overfitting and regularization"

rng = np.random.default_rng(0)
sizes, activations = [6, 5, 4, 3], ["relu", "relu", "identity"]
params = [(W, rng.normal(scale=0.1, size=b.shape)) for W, b in init_params(sizes, rng, dtype=np.float64)]
X, Y = rng.normal(size=(8, 6)), one_hot(rng.integers(0, 3, size=8), 3, dtype=np.float64)
masks = [dropout_mask((8, n), 0.5, rng, np.float64) for n in sizes[1:-1]]
for name, options in [("L2 penalty, λ = 0.1", dict(l2=0.1)), ("L1 penalty, λ = 0.05", dict(l1=0.05)),
                      ("dropout, p = 0.5, masks held fixed", dict(masks=masks)),
                      ("all three together", dict(l2=0.1, l1=0.05, masks=masks))]:
    errors = gradient_check_regularized(X, Y, params, activations, **options)
    print(f"{name}: largest relative error in a dW {max(e for e, _ in errors):.1e}, "
          f"in a db {max(e for _, e in errors):.1e}")
# --8<-- [end:reproduce-gradient-checks]

# --8<-- [start:reproduce-results]
from snippets.overfitting import regularized_run  # built in "Overfitting and regularization"

runs = {"no regularization": {}, "L2, λ = 0.003": {"l2": 3e-3}, "L1, λ = 0.0001": {"l1": 1e-4},
        "dropout, p = 0.5": {"keep_prob": 0.5}, "early stopping, patience 5": {"patience": 5},
        "L2 + dropout + early stopping, patience 5": {"l2": 3e-3, "keep_prob": 0.5, "patience": 5},
        "L2 + dropout + early stopping, patience 10": {"l2": 3e-3, "keep_prob": 0.5, "patience": 10}}
for label, remedies in runs.items():
    result = regularized_run(n_train=1_000, epochs=50, batch_size=32, learning_rate=0.1, seed=0, **remedies)
    history, kept = result["history"], result["kept_epoch"]
    train, val = history.train_accuracy[kept - 1], history.val_accuracy[kept - 1]
    print(f"{label}: {len(history.val_loss)} epochs run, weights kept from epoch {kept}, training accuracy "
          f"{train:.1%}, validation accuracy {val:.1%}, gap {(train - val) * 100:.1f} points, "
          f"validation loss {history.val_loss[kept - 1]:.3f}")
# --8<-- [end:reproduce-results]

# --8<-- [start:reproduce-learning-curve]
from snippets.overfitting import learning_curve  # built in "Overfitting and regularization"

for run in learning_curve(sizes=[500, 1_000, 2_000, 5_000, 10_000, 20_000, 55_000], updates=2_000,
                          batch_size=32, learning_rate=0.1, seed=0):
    print(f"N = {run['n_train']:6,}: training accuracy {run['train_accuracy']:.1%}, "
          f"test accuracy {run['test_accuracy']:.1%}")
# --8<-- [end:reproduce-learning-curve]

# --8<-- [start:weight_decay_halving]
rng = np.random.default_rng(0)
W, dW = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
(penalized, _), = add_penalty_grads([(dW, np.zeros(2))], [(W, np.zeros(2))], l2=0.003)
W_sgd = W.copy()
SGD(0.1).step([W_sgd], [penalized])
print("equals SGD(0.1).step with add_penalty_grads:", np.allclose(weight_decay_step(W, dW, 0.1, 0.003), W_sgd))
t = math.log(2) / -math.log(1 - 0.1 * 0.003)  # solves (1 - ηλ)^t = 1/2
weights = [1.0]
for _ in range(math.ceil(t)):
    weights.append(weight_decay_step(weights[-1], 0.0, 0.1, 0.003))  # no data gradient
print(f"t = ln 2 / -ln(1 - ηλ) = {t:,.1f}: halved after {math.ceil(t):,} steps")
print(f"a weight of 1 after {len(weights) - 2:,} steps: {weights[-2]:.5f}, "
      f"after {len(weights) - 1:,}: {weights[-1]:.5f}")
# --8<-- [end:weight_decay_halving]
