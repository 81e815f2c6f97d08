import numpy as np

from snippets.overfitting import SIZES, learning_curve, regularized_run


def test_regularized_run_small_with_every_option():
    result = regularized_run(n_train=100, epochs=3, batch_size=20, learning_rate=0.1, seed=0,
                             l2=1e-3, l1=1e-5, keep_prob=0.8, patience=1)
    history = result["history"]
    assert 1 <= result["kept_epoch"] <= len(history.val_loss) <= 3
    assert result["kept_epoch"] == int(np.argmin(history.val_loss)) + 1
    assert [W.shape for W, _ in result["params"]] == list(zip(SIZES[:-1], SIZES[1:]))
    plain = regularized_run(n_train=100, epochs=2, batch_size=20, learning_rate=0.1, seed=0)
    assert plain["kept_epoch"] == 2 and len(plain["history"].train_accuracy) == 2


def test_learning_curve_trains_each_size_for_the_same_number_of_updates():
    runs = learning_curve(sizes=[50, 400], updates=30, batch_size=20, learning_rate=0.1, seed=0)
    assert [run["n_train"] for run in runs] == [50, 400]
    small, large = runs
    # 30 updates of 20 images: the 50 images were seen 12 times, the 400 once or twice.
    assert small["train_accuracy"] > large["train_accuracy"]
    assert all(0.1 < run["test_accuracy"] <= 1 for run in runs)
