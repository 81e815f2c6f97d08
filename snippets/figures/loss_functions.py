"""Figures and printed results of the loss-functions chapter."""

import math
import warnings

import numpy as np

from snippets import losses
from snippets.activations import softmax, softmax_jacobian
from snippets.figures.style import BLUE, ORANGE, VERMILION, figure, markdown_table, save
from snippets.gradcheck import numerical_gradient, relative_error


def _each(loss, predictions, target):
    """The loss of one example, for each prediction in turn (the library losses average a batch)."""
    return np.array([loss(np.array([p]), np.array([target])) for p in predictions])


def loss_curves(path):
    """Each loss of one example against the prediction: MSE, BCE for both targets, cross-entropy."""
    fig, (mse_ax, bce_ax, ce_ax) = figure(1, 3, figsize=(11, 3.6))
    y_hat = np.linspace(-2, 2, 401)
    mse_ax.plot(y_hat, _each(losses.mse, y_hat, 0.0), color=BLUE, lw=2)
    mse_ax.set(title="MSE, target $y = 0$", xlabel="prediction $\\hat{y}$", ylabel="loss $\\mathcal{L}_i = (\\hat{y}_i - y_i)^2$")

    p = np.linspace(0.001, 0.999, 999)
    bce_ax.plot(p, _each(losses.binary_cross_entropy, p, 1.0), color=BLUE, lw=2, label="$y = 1$: $-\\log \\hat{y}$")
    bce_ax.plot(p, _each(losses.binary_cross_entropy, p, 0.0), color=ORANGE, lw=2,
                label="$y = 0$: $-\\log(1 - \\hat{y})$")
    bce_ax.plot([0.5], [math.log(2)], "o", color="black", ms=4)
    bce_ax.annotate("$\\log 2$ at $\\hat{y} = 0.5$", (0.5, math.log(2)), (0.5, 2.2), ha="center",
                    arrowprops=dict(arrowstyle="->", lw=0.8))
    bce_ax.set(title="binary cross-entropy", xlabel="predicted probability $\\hat{y}$ of class 1", ylim=(0, 5))
    bce_ax.legend(frameon=False, loc="upper center")

    K = 10  # the true class gets probability p, the other nine share 1 − p
    P = np.column_stack([p, np.repeat((1 - p)[:, None] / (K - 1), K - 1, axis=1)])
    Y = losses.one_hot(np.zeros(len(p), dtype=int), K, dtype=np.float64)
    ce = np.array([losses.categorical_cross_entropy(P[i:i + 1], Y[i:i + 1]) for i in range(len(p))])
    ce_ax.plot(p, ce, color=VERMILION, lw=2)
    ce_ax.plot([1 / K], [math.log(K)], "o", color="black", ms=4)
    ce_ax.annotate(f"uniform guess: $\\log {K}$", (1 / K, math.log(K)), (0.4, 3.6),
                   arrowprops=dict(arrowstyle="->", lw=0.8))
    ce_ax.set(title=f"cross-entropy, $K = {K}$ classes", xlabel="predicted probability of the true class",
              ylabel="loss $\\mathcal{L}_i = -\\log \\hat{y}_{\\mathrm{true}}$", ylim=(0, 5))
    save(fig, path)


# --8<-- [start:naive]
def naive_log_softmax(z):
    """log(e^z / Σ_j e^z_j), exactly as the formula reads."""
    e = np.exp(z)
    return np.log(e / e.sum(axis=-1, keepdims=True))
# --8<-- [end:naive]


def _fmt(v):
    return f"{v + 0.0:g}".replace("-", "−").replace("inf", "∞")  # + 0.0 turns −0 into 0


def stability_output(path):
    """Table: four ways to compute the loss of the scores [1000, 0], for either true class."""
    z = np.array([[1000.0, 0.0]])
    targets = [losses.one_hot(np.array([k]), 2, dtype=np.float64) for k in (0, 1)]
    with warnings.catch_warnings(), np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore")  # this demo is *meant* to overflow; nowhere else is that allowed
        naive = naive_log_softmax(z)[0]
        log_of_softmax = np.log(softmax(z))[0]
    ways = [
        ("`naive_log_softmax(z)`", naive, [-naive[k] for k in (0, 1)]),
        ("`np.log(softmax(z))`", log_of_softmax, [-log_of_softmax[k] for k in (0, 1)]),
        ("`categorical_cross_entropy(softmax(z), Y)`, clipped at 10⁻⁷",
         np.log(np.clip(softmax(z)[0], 1e-7, 1)), [losses.categorical_cross_entropy(softmax(z), Y) for Y in targets]),
        ("`cross_entropy(z, Y)` via `log_softmax`", losses.log_softmax(z)[0],
         [losses.cross_entropy(z, Y) for Y in targets]),
    ]
    rows = [[how, ", ".join(_fmt(v) for v in logp), _fmt(first), _fmt(second)] for how, logp, (first, second) in ways]
    path.write_text(markdown_table(["how log-probabilities are computed", "log p for the two classes",
                                     "loss, true class 1", "loss, true class 2"], rows))


def gradient_output(path):
    """The softmax + cross-entropy gradient on one example, three ways, then every loss gradient checked."""
    z, y = np.array([2.0, 1.0, 0.1]), np.array([1.0, 0.0, 0.0])
    s = softmax(z)
    via_jacobian = softmax_jacobian(z).T @ (-y / s)  # chain rule: Jᵀ ∂Lᵢ/∂ŷ
    numeric = numerical_gradient(lambda v: losses.cross_entropy(v[None, :], y[None, :]), z)

    def vec(v, digits=4):
        return "(" + ", ".join(f"{x:.{digits}f}".replace("-", "−") for x in v) + ")"

    example = markdown_table(["quantity", "value"], [
        ["scores \\(\\mathbf{z}\\)", vec(z, 1)],
        ["target \\(\\mathbf{y}\\)", vec(y, 0)],
        ["\\(\\hat{\\mathbf{y}} = \\operatorname{softmax}(\\mathbf{z})\\)", vec(s)],
        ["\\(J^\\top \\, \\partial\\mathcal{L}_i/\\partial\\hat{\\mathbf{y}}\\), the chain rule with the softmax Jacobian",
         vec(via_jacobian)],
        ["\\(\\hat{\\mathbf{y}} - \\mathbf{y}\\), the shortcut", vec(s - y)],
        ["central differences of \\(\\mathcal{L}_i\\)", vec(numeric)],
    ])

    rng = np.random.default_rng(0)
    m, K = 8, 5
    Z, Y_hat, Y_reg = rng.normal(scale=3, size=(m, K)), rng.normal(size=(m, K)), rng.normal(size=(m, K))
    Y = losses.one_hot(rng.integers(0, K, size=m), K, dtype=np.float64)
    y_bin = rng.integers(0, 2, size=(m, 1)).astype(np.float64)
    checks = [
        ("MSE", "\\(2(\\hat{Y} - Y)/(m n_L)\\)", losses.mse, losses.mse_grad, Y_hat, Y_reg),
        ("binary cross-entropy from scores", "\\((\\sigma(Z) - Y)/(m n_L)\\)", losses.binary_cross_entropy_with_logits,
         losses.binary_cross_entropy_with_logits_grad, Z[:, :1], y_bin),
        ("cross-entropy from scores", "\\((\\operatorname{softmax}(Z) - Y)/m\\)", losses.cross_entropy,
         losses.cross_entropy_grad, Z, Y),
    ]
    rows = [[name, formula, f"{relative_error(grad(P, T), numerical_gradient(lambda v: loss(v, T), P)):.1e}"]
            for name, formula, loss, grad, P, T in checks]
    path.write_text(example + f"\nThe same check for every loss of this chapter, on a random batch of {m} examples "
                    f"with {K} outputs each (float64):\n\n"
                    + markdown_table(["loss", "gradient in the code",
                                       "relative error against central differences"], rows))


OUTPUTS = {
    "figures/loss-functions-curves.svg": loss_curves,
    "outputs/loss-functions-stability.md": stability_output,
    "outputs/loss-functions-gradients.md": gradient_output,
}
