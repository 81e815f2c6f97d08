"""``make bench``: time the reference MNIST training in NumPy, and in PyTorch if it is installed.

Reference setup: 784-256-10, ReLU, softmax cross-entropy, SGD with momentum 0.9,
learning rate 0.1, batch 128, 10 epochs over all 60,000 training images. Both
implementations start from the same weights and see the same batches in the same order,
so they do the same arithmetic. Each runs in its own process (its own memory peak, no
warm caches from the other), with the same number of BLAS threads (``--threads``, all
cores unless told), and prints one JSON line; the NumPy line comes last.

The roofline: before the runs, the matrix products of one training step (784-256-10,
forward and backward, the step's own shapes) are timed alone, in float32 with the same
threads. Their time per step, times the number of steps, is the least any implementation
doing these products could take; each line reports it (``gemm_limit_seconds``) and the
fraction of it that the implementation reaches (``gemm_limit_fraction``).
"""

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time

import numpy as np

from snippets.forward import init_params
from snippets.gradient_descent import minibatches
from snippets.mnist import load_mnist
from snippets.optimizers import Momentum
from snippets.training import evaluate, fit

HIDDEN, LEARNING_RATE, MOMENTUM, SEED = 256, 0.1, 0.9, 0


def run_numpy(data, params, epochs, batch):
    activations = ["relu", "identity"]
    history = fit(params, activations, data.train_images, data.train_labels, Momentum(LEARNING_RATE, MOMENTUM),
                  epochs, batch, SEED, track_train_accuracy=False, progress=False)
    return sum(history.seconds), evaluate(params, activations, data.test_images, data.test_labels)[1]


def run_torch(data, params, epochs, batch):
    import torch

    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", os.cpu_count())))
    model = torch.nn.Sequential(torch.nn.Linear(784, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, 10))
    with torch.no_grad():  # the same starting weights as the NumPy run (torch stores W transposed)
        for layer, (W, b) in zip([model[0], model[2]], params):
            layer.weight.copy_(torch.from_numpy(W.T.copy()))
            layer.bias.copy_(torch.from_numpy(b))
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE, momentum=MOMENTUM)
    loss_function = torch.nn.CrossEntropyLoss()
    X = torch.from_numpy(np.array(data.train_images))
    y = torch.from_numpy(data.train_labels.astype(np.int64))
    rng = np.random.default_rng(SEED)
    start = time.perf_counter()
    for _ in range(epochs):
        for batch_indices in minibatches(len(X), batch, rng):
            index = torch.from_numpy(batch_indices)
            optimizer.zero_grad(set_to_none=True)
            loss_function(model(X[index]), y[index]).backward()
            optimizer.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        predictions = model(torch.from_numpy(np.array(data.test_images))).argmax(dim=1).numpy()
    return seconds, float(np.mean(predictions == data.test_labels))


def step_products(batch, sizes=(784, HIDDEN, 10)):
    """The matrix products of one training step of an MLP with layer ``sizes``, as (rows, inner, columns).

    Forward, each layer's A W; backward, each layer's Aᵀ dZ (its weights' gradient) and, for
    every layer but the first, dZ Wᵀ (the gradient that goes on to the layer below)."""
    layers = list(zip(sizes[:-1], sizes[1:]))
    forward = [(batch, inputs, outputs) for inputs, outputs in layers]
    backward = []
    for layer, (inputs, outputs) in reversed(list(enumerate(layers))):
        backward.append((inputs, batch, outputs))
        if layer > 0:
            backward.append((batch, outputs, inputs))
    return forward + backward


def measure_products(batch, sizes=(784, HIDDEN, 10), repeats=200):
    """Seconds per step that the step's matrix products take alone (the median of each), and their GFLOP/s."""
    rng, seconds = np.random.default_rng(SEED), 0.0
    for rows, inner, columns in step_products(batch, sizes):
        A, B = rng.random((rows, inner), dtype=np.float32), rng.random((inner, columns), dtype=np.float32)
        A @ B  # BLAS's threads start on the first product
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            A @ B
            times.append(time.perf_counter() - start)
        seconds += float(np.median(times))
    flop = sum(2 * rows * inner * columns for rows, inner, columns in step_products(batch, sizes))
    return {"impl": "gemm", "batch": batch, "seconds_per_step": seconds, "gflops": round(flop / seconds / 1e9, 1)}


def measure(impl, epochs, batch, limit):
    data = load_mnist()
    if limit:
        data = data._replace(train_images=data.train_images[:limit], train_labels=data.train_labels[:limit])
    params = init_params([784, HIDDEN, 10], np.random.default_rng(SEED), scheme="he")
    seconds, accuracy = (run_torch if impl == "torch" else run_numpy)(data, params, epochs, batch)
    return {
        "impl": impl, "hidden": HIDDEN, "examples": len(data.train_images), "epochs": epochs, "batch": batch,
        "threads": blas_threads(),
        "train_seconds": round(seconds, 3),
        "samples_per_second": round(len(data.train_images) * epochs / seconds),
        "test_accuracy": round(accuracy, 4),
        "peak_rss_mb": peak_rss_mb(),
    }


def blas_threads():
    """The BLAS threads this process was given (``make bench`` sets them for each run)."""
    return int(os.environ.get("OPENBLAS_NUM_THREADS", os.cpu_count()))


def peak_rss_mb():
    """This process's peak resident memory in MB (Linux's VmHWM).

    Not getrusage's ru_maxrss: Linux carries that over from the parent into a child that
    it started, so a benchmark launched by a big process (pytest) would report the
    parent's peak instead of its own.
    """
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)  # the value is in kB
    raise RuntimeError("no VmHWM in /proc/self/status: peak memory is measured on Linux only")


def _at_least(minimum):
    def parse(text):
        if not (text.lstrip("-").isdigit() and int(text) >= minimum):
            raise argparse.ArgumentTypeError(f"expected a whole number ≥ {minimum}, got {text!r}")
        return int(text)
    return parse


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", choices=["numpy", "torch", "gemm"],
                        help="measure one implementation (or the step's matrix products alone), in this process")
    parser.add_argument("--threads", type=_at_least(1), default=os.cpu_count(),
                        help="BLAS threads for every run (default: every core)")
    parser.add_argument("--epochs", type=_at_least(1), default=10)
    parser.add_argument("--batch", type=_at_least(1), default=128)
    parser.add_argument("--limit", type=_at_least(0), default=0,
                        help="train on the first N images only (0: all 60,000)")
    args = parser.parse_args(argv)
    if args.impl == "gemm":
        print(json.dumps(measure_products(args.batch)))
        return
    if args.impl:
        print(json.dumps(measure(args.impl, args.epochs, args.batch, args.limit)))
        return
    threads = {name: str(args.threads) for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}

    def run(impl):
        command = [sys.executable, "-m", "snippets.bench", "--impl", impl, "--epochs", str(args.epochs),
                   "--batch", str(args.batch), "--limit", str(args.limit)]
        # stderr passes through: a child that fails (no MNIST, say) shows its own error message.
        child = subprocess.run(command, stdout=subprocess.PIPE, text=True, env={**os.environ, **threads})
        if child.returncode != 0:
            sys.exit(f"make bench: the {impl} run failed (exit code {child.returncode}); its error is above")
        return json.loads(child.stdout.strip().splitlines()[-1])

    products = run("gemm")
    results = {}
    for impl in (["torch"] if importlib.util.find_spec("torch") else []) + ["numpy"]:
        result = run(impl)
        floor = products["seconds_per_step"] * result["examples"] * result["epochs"] / args.batch
        result.update(gemm_gflops=products["gflops"], gemm_limit_seconds=round(floor, 4),
                      gemm_limit_fraction=round(floor / max(result["train_seconds"], 1e-3), 3))
        results[impl] = result
        print(json.dumps(result), flush=True)
    numpy_run = results["numpy"]
    print(f"GEMM limit: the step's matrix products alone, {numpy_run['gemm_gflops']} GFLOP/s with "
          f"{args.threads} BLAS thread(s), take {numpy_run['gemm_limit_seconds']} s for this run; NumPy reaches "
          f"{numpy_run['gemm_limit_fraction']:.0%} of that limit"
          + (f", PyTorch {results['torch']['gemm_limit_fraction']:.0%}" if "torch" in results else ""), file=sys.stderr)
    if "torch" in results:
        ratio = results["numpy"]["train_seconds"] / results["torch"]["train_seconds"]
        print(f"NumPy trains in {ratio:.2f}x PyTorch's time", file=sys.stderr)


if __name__ == "__main__":
    main()
