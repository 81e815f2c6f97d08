"""The figures of the MNIST project notebook, drawn from small known inputs."""

import numpy as np
from matplotlib.figure import Figure

from snippets.figures import mnist_project as figures
from snippets.training import History

rng = np.random.default_rng(0)
IMAGES = rng.random((40, 784)).astype(np.float32)
LABELS = np.arange(40) % 10


def test_digit_grid_titles_each_image_with_its_label():
    fig = figures.digit_grid(IMAGES, LABELS, rows=2, cols=5)
    assert isinstance(fig, Figure)
    assert [ax.get_title() for ax in fig.axes] == [str(label) for label in LABELS[:10]]


def test_class_balance_draws_ten_bars_per_set():
    fig = figures.class_balance(LABELS, LABELS[:20], LABELS[:10])
    assert len(fig.axes[0].patches) == 30


def test_learning_curves_plot_every_epoch():
    history = History(train_loss=[1.0, 0.5, 0.3], train_accuracy=[0.8, 0.9, 0.95],
                      val_loss=[1.1, 0.6, 0.5], val_accuracy=[0.78, 0.88, 0.9], seconds=[1, 1, 1])
    fig = figures.learning_curves(history)
    accuracy_axes = fig.axes[1]
    np.testing.assert_allclose(accuracy_axes.lines[1].get_ydata(), [78, 88, 90])


def test_confusion_writes_every_count():
    matrix = rng.integers(0, 50, size=(10, 10))
    fig = figures.confusion(matrix)
    texts = [text.get_text() for text in fig.axes[0].texts]
    assert texts == [str(count) for count in matrix.flat]


def test_confident_mistakes_shows_the_most_confident_wrong_answers():
    probabilities = np.full((40, 10), 0.01)
    probabilities[np.arange(40), LABELS] = 0.91  # every answer right ...
    probabilities[3] = 0.0
    probabilities[3, [3, 9]] = 0.00004, 0.99996  # ... except example 3 (a 3), confidently called 9
    fig = figures.confident_mistakes(IMAGES, LABELS, probabilities, count=2)
    assert fig.axes[0].get_title() == "said 9, true 3\nP(3) = 4e-05"


def test_first_layer_weights_draws_one_image_per_unit():
    fig = figures.first_layer_weights(rng.normal(size=(784, 64)), count=8)
    assert len(fig.axes) == 8 and fig.axes[0].images[0].get_array().shape == (28, 28)
