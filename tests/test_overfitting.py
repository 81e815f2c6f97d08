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


def test_the_chapters_claims_about_the_remedies():
    """The page reads the build's runs (cached by the build) as follows; this fails if a run stops saying so."""
    from snippets.figures.regularization import BASE, RUNS, learning_curve_runs, run

    runs = {label: run(label) for label in RUNS}

    def at_kept(label, series):
        return getattr(runs[label]["history"], series)[runs[label]["kept_epoch"] - 1]

    def gap(label):
        return at_kept(label, "train_accuracy") - at_kept(label, "val_accuracy")

    plain, l2, l1, dropout, stopping, short, long = RUNS
    full_length = [label for label in RUNS if len(runs[label]["history"].val_loss) == BASE["epochs"]]
    assert set(full_length) == {plain, l2, l1, dropout}
    # Every run that trains to the end fits the training set; no regularizer closes most of the gap.
    assert all(at_kept(label, "train_accuracy") >= 0.995 for label in full_length)
    assert all(gap(label) > gap(plain) / 2 for label in RUNS)
    # The penalties keep the validation loss below the unregularized run's, which rose from its best.
    assert at_kept(plain, "val_loss") > min(runs[plain]["history"].val_loss) * 1.05
    assert at_kept(l2, "val_loss") < at_kept(plain, "val_loss") and at_kept(l1, "val_loss") < at_kept(plain, "val_loss")
    # Dropout's validation accuracy is the best of the single remedies.
    single_remedies = (l2, l1, dropout, stopping)
    assert at_kept(dropout, "val_accuracy") == max(at_kept(label, "val_accuracy") for label in single_remedies)
    # Early stopping follows the plain run and keeps its lowest validation loss, in fewer epochs.
    stopped = runs[stopping]["history"].val_loss
    assert stopped == runs[plain]["history"].val_loss[:len(stopped)]
    assert at_kept(stopping, "val_loss") == min(runs[plain]["history"].val_loss)
    # Combined: patience 5 stops before dropout has paid off; patience 10 keeps the lowest validation loss of all.
    assert len(runs[short]["history"].val_loss) < len(runs[long]["history"].val_loss) < BASE["epochs"]
    assert at_kept(short, "val_accuracy") < at_kept(dropout, "val_accuracy")
    assert at_kept(long, "val_loss") == min(at_kept(label, "val_loss") for label in RUNS)
    # More data beats every regularizer: already 5,000 images give a better test accuracy than any run on 1,000.
    curve = {r["n_train"]: r for r in learning_curve_runs()}
    assert curve[5_000]["test_accuracy"] > max(at_kept(label, "val_accuracy") for label in RUNS)
    gaps = [r["train_accuracy"] - r["test_accuracy"] for r in curve.values()]
    assert gaps == sorted(gaps, reverse=True)
