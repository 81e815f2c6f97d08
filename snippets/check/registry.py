"""Every exercise the checker knows, by id, in the order of the book.

Each module in ``GROUPS`` defines ``TITLE`` (the chapter, or "Mini-assignments") and
``EXERCISES``, a list of ``core.Exercise``. To add a chapter's exercises:

1. write ``snippets/check/<chapter>.py`` after the pattern of the others: one
   ``Exercise("<chapter-slug>/<name>", title, page, functions, solution module)`` per
   exercise, and its checks as functions decorated with ``@exercise.check(title, hint=...)``;
2. import that module here and add it to ``GROUPS``, in the order of the book;
3. put its starter files at ``snippets/exercises/<chapter_slug>/<name>.py`` (the id with
   "-" as "_"), import them in that folder's ``__init__.py`` and the folder in
   ``snippets/exercises/__init__.py`` (so that the build republishes a changed starter).

The tests then run every exercise's reference solution, its starter and malformed answers
through the checker, and the build publishes the starters and lists the new ids.
"""

import difflib

from snippets.check import (activation_comparison, activation_functions, backpropagation, deep_networks,
                            forward_propagation, gradient_descent, hyperparameters, keras_mnist, loss_functions,
                            mlp_from_scratch, mnist_project, network_types, neural_networks, perceptron,
                            regularization)

GROUPS = (
    neural_networks,
    perceptron,
    activation_functions,
    forward_propagation,
    loss_functions,
    gradient_descent,
    backpropagation,
    mnist_project,
    hyperparameters,
    regularization,
    deep_networks,
    network_types,
    keras_mnist,
    activation_comparison,
    mlp_from_scratch,
)


def _collect():
    exercises, titles = {}, {}
    for module in GROUPS:
        for exercise in module.EXERCISES:
            if exercise.id in exercises:
                raise ValueError(f"exercise id {exercise.id!r} is declared twice (second time in {module.__name__})")
            exercises[exercise.id] = exercise
            titles[exercise.id] = module.TITLE
    return exercises, titles


EXERCISES, GROUP_TITLES = _collect()


def get(exercise_id):
    """The exercise with this id; KeyError naming the closest ids if there is none."""
    if exercise_id not in EXERCISES:
        close = difflib.get_close_matches(exercise_id, EXERCISES, n=3, cutoff=0.8)
        suggestion = f" Did you mean {' or '.join(close)}?" if close else ""
        raise KeyError(f"no exercise {exercise_id!r}.{suggestion} `python -m snippets.check --list` shows them all.")
    return EXERCISES[exercise_id]


def groups():
    """[(title, [exercises])] in the order of the book."""
    grouped = {}
    for exercise_id, exercise in EXERCISES.items():
        grouped.setdefault(GROUP_TITLES[exercise_id], []).append(exercise)
    return list(grouped.items())
