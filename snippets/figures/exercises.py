"""Build outputs of the Exercises section: the activation comparison, the MLP run, the list
of exercises, a real run of the checker, and every starter file as a download."""

import inspect
import shutil
import tempfile
from pathlib import Path

import numpy as np

# Imported for the build's cache key: it covers the starters' sources, so a changed starter is republished.
from snippets import exercises as starters  # noqa: F401
from snippets.check import registry, sandbox
from snippets.check.__main__ import format_report
from snippets.check.core import EXERCISES_DIR
from snippets.figures.described import image_markdown, require
from snippets.figures.style import CYCLE, figure, markdown_table, save
from snippets.gradcheck import numerical_gradient, relative_error
from snippets.sitebuild.experiments import cached
from snippets.solutions import activation_comparison as comparison
from snippets.solutions import mlp_from_scratch as mlp

LABELS = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU", "leaky_relu": "Leaky ReLU", "elu": "ELU",
          "swish": "Swish", "gelu": "GELU"}


def _comparison():
    return cached(comparison.compare_activations, names=tuple(comparison.NAMES))


def activation_curves(path):
    """Training accuracy during training, one line per activation; the right panel zooms in on the end."""
    results = _comparison()
    fig, (full, zoom) = figure(1, 2, figsize=(11, 4))
    styles = ["-", "--", "-.", ":"]
    for k, result in enumerate(results):
        for ax in (full, zoom):
            ax.plot(result["epoch"], np.array(result["train_accuracy"]) * 100, styles[k % len(styles)],
                    color=CYCLE[k % len(CYCLE)], lw=1.8, label=LABELS[result["name"]])
    late = [100 * a for r in results for e, a in zip(r["epoch"], r["train_accuracy"]) if e >= 1]
    zoom.set_xlim(1, results[0]["epoch"][-1])
    zoom.set_ylim(min(late) - 0.5, max(late) + 0.5)
    full.set_ylim(0, 100)
    full.set_title("the whole run")
    zoom.set_title("epochs 1 to the end, enlarged")
    for ax in (full, zoom):
        ax.set_xlabel("epoch")
        ax.set_ylabel("training accuracy (%)")
    zoom.legend(ncols=2, loc="lower right")
    save(fig, path)


def activation_curves_image(path):
    results = {result["name"]: result for result in _comparison()}
    curves = {name: np.array(result["train_accuracy"]) * 100 for name, result in results.items()}
    epoch = np.array(results["sigmoid"]["epoch"])
    others = {name: curve for name, curve in curves.items() if name != "sigmoid"}
    start, half = [curve[0] for curve in curves.values()], np.searchsorted(epoch, 0.5)
    require(all(5 < value < 15 for value in start) and all(curve[half] > 60 for curve in curves.values()),
            "every curve starts near 10% and rises steeply in the first half epoch",
            f"they start at {np.round(start, 1)} and are at {[round(c[half], 1) for c in curves.values()]} at epoch "
            f"{epoch[half]:.2f}")
    lowest_other = np.min(list(others.values()), axis=0)
    require(np.all(curves["sigmoid"][1:] < lowest_other[1:]), "the sigmoid's curve stays lowest", "it does not")
    finals = {name: curve[-1] for name, curve in others.items()}
    gap, spread = min(finals.values()) - curves["sigmoid"][-1], max(finals.values()) - min(finals.values())
    relu_apart = np.abs(curves["relu"] - curves["leaky_relu"]).max()
    require(relu_apart < 0.5, "ReLU's and Leaky ReLU's curves lie on top of each other",
            f"they are up to {relu_apart:.1f} points apart")
    image_markdown(path, "exercises-activation-curves.svg",
        f"Training accuracy against epochs for {len(curves)} activation functions, identical network, data and "
        f"seed. Left, the whole run from about 10% before training: every curve rises steeply in the first half "
        f"epoch; the sigmoid's rises most slowly and stays lowest. Right, an enlargement of epochs 1 to "
        f"{epoch[-1]:g}: the sigmoid stays below the others and ends {gap:.1f} points below the lowest of them; "
        f"the others end within {spread:.1f} points of each other, ReLU and Leaky ReLU on top of each other.")


def activation_table(path):
    """The final table, after a sentence stating the settings every run shared."""
    defaults = {name: p.default for name, p in inspect.signature(comparison.train_with_activation).parameters.items()
                if p.default is not inspect.Parameter.empty and name != "functions"}
    header, rows = comparison.summary(_comparison())
    rows = [[LABELS[name], *cells] for name, *cells in rows]
    path.write_text(
        f"Every run: the first {defaults['n_train']:,} training digits, a 784 → {defaults['n_hidden']} → 10 "
        f"network, plain gradient descent with η = {defaults['learning_rate']:g} on mini-batches of "
        f"{defaults['batch_size']}, {defaults['epochs']} epochs, seed {defaults['seed']}.\n\n"
        + markdown_table(header, rows))


# ---------------------------------------------------------------- mini-assignment 3
def mlp_training(path, n_train=10_000):
    run = cached(mlp.run, n_train=n_train)
    rows = [[str(epoch), f"{loss:.4f}"] for epoch, loss in enumerate(run["losses"], start=1)]
    path.write_text(
        f"Trained with the defaults of `train` on {n_train:,} digits; accuracy on the 10,000 test digits: "
        f"**{run['accuracy']:.2%}**.\n\n" + markdown_table(["epoch", "mean training loss"], rows))


def mlp_gradient_check(path):
    """Relative error between the reference backward and central differences, per parameter (float64)."""
    rng = np.random.default_rng(0)
    sizes = {"W1": (5, 4), "b1": (4,), "W2": (4, 3), "b2": (3,)}
    params = {name: rng.normal(size=shape) for name, shape in sizes.items()}
    X, y = rng.normal(size=(6, 5)), rng.integers(0, 3, size=6)
    scores, cache = mlp.forward(X, params)
    grads = mlp.backward(scores, y, cache, params)
    rows = []
    for name, value in params.items():
        numerical = numerical_gradient(lambda v: mlp.loss(mlp.forward(X, {**params, name: v})[0], y), value)
        rows.append([f"d{name}", str(value.shape), f"{relative_error(grads[name], numerical):.1e}"])
    path.write_text("A 5 → 4 → 3 network on 6 random examples, in float64:\n\n"
                    + markdown_table(["gradient", "shape", "relative error vs. central differences"], rows))


# ---------------------------------------------------------------- the checker
def exercise_list(path):
    """Every exercise the checker knows, with where its task is and its starter file."""
    rows = []
    for title, exercises in registry.groups():
        for exercise in exercises:
            page = exercise.page.removeprefix("exercises/")  # links are relative to docs/exercises/index.md
            page = page if exercise.page.startswith("exercises/") else f"../{exercise.page}"
            starter = exercise.starter.relative_to(EXERCISES_DIR).as_posix()
            rows.append([f"`{exercise.id}`", f"[{exercise.title}]({page})", title,
                         f"[{Path(starter).name}](../downloads/{starter})"])
    path.write_text(markdown_table(["exercise id", "task", "chapter", "starter"], rows))


def _checks_table(exercise_id):
    """What the checker verifies for one exercise, in its order, with each check's time limit."""
    def write(path):
        exercise = registry.get(exercise_id)
        default = exercise.time_limit or sandbox.DEFAULT_TIME_LIMIT
        rows = [[str(k), check.title.replace("|", "\\|"), f"{check.time_limit or default:g} s"]  # | splits cells
                for k, check in enumerate(exercise.checks, start=1)]
        path.write_text(markdown_table(["", "check", "time limit"], rows))
    return write


DEMO_FILE = "softplus.py"
DEMO_SUBMISSION = '''import numpy as np


def softplus(z):
    return np.log(1 + np.exp(z))


def softplus_grad(z):
    raise NotImplementedError
'''


def checker_demo(path):
    """A real session: a half-done softplus exercise, and what the checker says about it."""
    exercise = registry.get("activation-functions/softplus")
    with tempfile.TemporaryDirectory() as folder:
        submission = Path(folder) / DEMO_FILE
        submission.write_text(DEMO_SUBMISSION)
        report = sandbox.check(exercise, submission, display=DEMO_FILE)
    command = f"python -m snippets.check {exercise.id} {DEMO_FILE}"
    path.write_text(f"```text\n$ cat {DEMO_FILE}\n{DEMO_SUBMISSION}\n$ {command}\n{format_report(report)}\n"
                    f"$ echo $?\n{0 if report.passed else 1}\n```\n")


def _publisher(starter):
    def publish(path):
        shutil.copyfile(starter, path)
    return publish


OUTPUTS = {
    "figures/exercises-activation-curves.svg": activation_curves,
    "outputs/exercises-activation-curves-image.md": activation_curves_image,
    "outputs/exercises-activation-table.md": activation_table,
    "outputs/exercises-mlp-training.md": mlp_training,
    "outputs/exercises-mlp-gradient-check.md": mlp_gradient_check,
    "outputs/exercises-list.md": exercise_list,
    "outputs/exercises-checker-demo.md": checker_demo,
    **{f"outputs/exercises-checks-{slug}.md": _checks_table(slug)
       for slug in ("keras-mnist", "activation-comparison", "mlp-from-scratch")},
    # Every starter file, downloadable from the site at downloads/<its path under snippets/exercises>.
    **{f"downloads/{exercise.starter.relative_to(EXERCISES_DIR).as_posix()}": _publisher(exercise.starter)
       for exercise in registry.EXERCISES.values()},
}

SHOWS_NO_RESULT = {
    "outputs/exercises-list.md": "reference text: the exercises the checker knows, with their pages and starters",
    "outputs/exercises-checker-demo.md": (
        "a shell transcript that is its own recipe: it shows the file and the command that produce it, and "
        "its numbers are the checker's stated settings (sample sizes, tolerances), not measurements"),
    **{f"outputs/exercises-checks-{slug}.md": "reference text: the list of checks the checker runs, in its order"
       for slug in ("keras-mnist", "activation-comparison", "mlp-from-scratch")},
}
