import numpy as np
import pytest

from snippets.forward import init_params
from snippets.model_io import ModelFileError, load_model, save_model


@pytest.fixture
def model():
    return init_params([784, 32, 10], np.random.default_rng(0)), ["relu", "identity"]


def test_round_trip_keeps_every_array_and_the_architecture(tmp_path, model):
    params, activations = model
    save_model(tmp_path / "m.npz", params, activations)
    loaded, loaded_activations = load_model(tmp_path / "m.npz")
    assert loaded_activations == activations
    for (W, b), (W2, b2) in zip(params, loaded):
        np.testing.assert_array_equal(W, W2)
        np.testing.assert_array_equal(b, b2)
        assert W2.dtype == W.dtype
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]  # no temporary file left


def test_corrupt_file_is_a_clear_error(tmp_path, model):
    path = tmp_path / "m.npz"
    save_model(path, *model)
    path.write_bytes(path.read_bytes()[:1000])  # truncated
    with pytest.raises(ModelFileError, match="not a readable model file"):
        load_model(path)
    path.write_text("hello")
    with pytest.raises(ModelFileError, match=f"{path}.*not a readable model file"):
        load_model(path)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ModelFileError, match="not a readable model file"):
        load_model(tmp_path / "nothing.npz")


def test_mismatched_arrays_are_refused(tmp_path, model):
    params, activations = model
    path = tmp_path / "m.npz"
    save_model(path, params, activations)
    with np.load(path) as archive:
        contents = dict(archive)
    contents["W1"] = np.zeros((32, 11), np.float32)  # does not fit the recorded 784-32-10
    np.savez(path, **contents)
    with pytest.raises(ModelFileError, match=r"needs W1 of shape \(32, 10\); got \(32, 11\)"):
        load_model(path)
    contents.pop("W1")
    np.savez(path, **contents)
    with pytest.raises(ModelFileError, match=r"needs W1 of shape \(32, 10\); got nothing"):
        load_model(path)


def test_unknown_format_is_refused(tmp_path, model):
    path = tmp_path / "m.npz"
    np.savez(path, architecture='{"format": "something-else"}', W0=np.zeros((2, 2)))
    with pytest.raises(ModelFileError, match="expected format 'nn-textbook-mlp/1'"):
        load_model(path)
