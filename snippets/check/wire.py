"""How the checker and the process running the learner's code talk: messages of plain data.

Nothing but data crosses between the two processes: no pickle, no code. A message is one
frame on a pipe: a JSON text and the raw bytes of the arrays it holds. The JSON holds None, booleans, numbers and
strings as themselves, and everything else as a tagged object, ``{"$": tag, ...}``:

    array      a NumPy array: its dtype, shape and the index of the buffer with its bytes
    scalar     a NumPy scalar (np.float32(1.5) stays a float32), as a 0-d array
    list, tuple, set, dict, complex, dtype, nptype (np.float32 itself), generator
               (a np.random.Generator, as its bit generator's state), objects (an object array)
    handle     an object that stays where it was made (a Keras model): only its id crosses
    callback   a function of the checker that the learner's code may call

Decoding builds only NumPy arrays and Python's built-in types, whatever the other side
sent; a frame that breaks the format raises ``WireError``.
"""

import json
import math
import os
import struct

import numpy as np

try:
    import fcntl
except ImportError:  # Windows
    pass

HEAD = struct.Struct("!II")  # length of the JSON text, number of buffers
LENGTH = struct.Struct("!Q")
MAX_FRAME = 16 * 1024 ** 3  # bytes: far above any real message, a guard against a corrupt length
SMALL = 1024 * 1024  # bytes: a message below this goes out in one write
F_SETPIPE_SZ, PIPE_SIZE = 1031, 1024 * 1024
MAX_DEPTH = 64  # nesting of lists, dicts, ... in one value


class WireError(Exception):
    """A frame that is not a message of this format: garbled, cut short, or an unknown tag."""


class ChannelClosed(WireError):
    """The other side closed its end of the pipe (it ended)."""


class Nested:
    """In a tag made by ``encode``'s ``other``: a value to encode in its place, as data."""

    def __init__(self, value):
        self.value = value


def encode(value, other):
    """``(tree, buffers)``: ``value`` as JSON-ready data plus the raw bytes of its arrays.

    ``other(value)`` gives the tag for anything that is not plain data (a handle, a
    callback), whose ``Nested`` entries are encoded too; it may raise ``WireError`` to refuse it.
    """
    buffers = []

    def walk(v, depth):
        if depth > MAX_DEPTH:
            raise WireError(f"a value nested more than {MAX_DEPTH} levels deep")
        if v is None or type(v) in (bool, str):
            return v
        if isinstance(v, np.ndarray):
            return array(np.asarray(v), depth)
        if isinstance(v, np.generic):  # before float and int: np.float64 is a float, and must stay a float64
            return {"$": "scalar", "value": array(np.asarray(v), depth)}
        if isinstance(v, str):
            return str(v)
        if isinstance(v, int):
            return int(v)
        if isinstance(v, float):
            v = float(v)
            return v if math.isfinite(v) else {"$": "float", "value": repr(v)}
        if isinstance(v, complex):
            return {"$": "complex", "real": walk(v.real, depth + 1), "imag": walk(v.imag, depth + 1)}
        if isinstance(v, (list, tuple, set, frozenset)):
            tag = "tuple" if isinstance(v, tuple) else "list" if isinstance(v, list) else "set"
            return {"$": tag, "items": [walk(item, depth + 1) for item in v]}
        if isinstance(v, dict):
            return {"$": "dict", "items": [[walk(k, depth + 1), walk(item, depth + 1)] for k, item in v.items()]}
        if isinstance(v, np.dtype):
            return {"$": "dtype", "str": v.str} if not v.fields and v.kind != "O" else nested(other(v), depth)
        if isinstance(v, type) and issubclass(v, np.generic) and v is not np.object_:
            return {"$": "nptype", "str": np.dtype(v).str}
        if isinstance(v, np.random.Generator):
            return {"$": "generator", "bit_generator": type(v.bit_generator).__name__,
                    "state": walk(v.bit_generator.state, depth + 1)}
        return nested(other(v), depth)

    def nested(tag, depth):
        return {key: walk(item.value, depth + 1) if isinstance(item, Nested) else item for key, item in tag.items()}

    def array(a, depth):
        if a.dtype.kind == "O":
            return {"$": "objects", "shape": list(a.shape), "items": [walk(item, depth + 1) for item in a.ravel()]}
        if a.dtype.fields or a.dtype.kind == "V":
            return nested(other(a), depth)
        buffers.append(np.ascontiguousarray(a).tobytes())
        return {"$": "array", "dtype": a.dtype.str, "shape": list(a.shape), "buffer": len(buffers) - 1}

    return walk(value, 0), buffers


def decode(tree, buffers, other):
    """The value that ``encode`` turned into ``(tree, buffers)``; ``other(tag, decode)`` rebuilds handles and
    callbacks, with ``decode`` for the values nested in the tag."""

    def walk(v, depth):
        if depth > MAX_DEPTH:
            raise WireError(f"a value nested more than {MAX_DEPTH} levels deep")
        if v is None or type(v) in (bool, int, float, str):
            return v
        if type(v) is not dict or not isinstance(v.get("$"), str):
            raise WireError(f"not a value of this format: {type(v).__name__}")
        tag = v["$"]
        try:
            if tag == "array":
                return array(v)
            if tag == "scalar":
                return array(v["value"])[()]
            if tag == "float":
                return float(v["value"])
            if tag == "complex":
                return complex(walk(v["real"], depth + 1), walk(v["imag"], depth + 1))
            if tag in ("list", "tuple", "set"):
                items = [walk(item, depth + 1) for item in v["items"]]
                return {"list": list, "tuple": tuple, "set": set}[tag](items)
            if tag == "dict":
                return {walk(k, depth + 1): walk(item, depth + 1) for k, item in v["items"]}
            if tag == "objects":
                items = [walk(item, depth + 1) for item in v["items"]]
                result = np.empty(len(items), dtype=object)
                result[:] = items
                return result.reshape(v["shape"])
            if tag == "dtype":
                return np.dtype(v["str"])
            if tag == "nptype":
                return np.dtype(v["str"]).type
            if tag == "generator":
                generator = np.random.Generator(getattr(np.random, _bit_generator(v["bit_generator"]))())
                generator.bit_generator.state = walk(v["state"], depth + 1)
                return generator
        except WireError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
            raise WireError(f"a malformed {tag!r} value ({type(error).__name__}: {error})") from None
        return other(v, lambda item: walk(item, depth + 1))

    def array(v):
        dtype = np.dtype(v["dtype"])
        if dtype.kind in "OV" or dtype.fields:
            raise WireError(f"an array of dtype {dtype} cannot be sent as bytes")
        shape = tuple(int(n) for n in v["shape"])
        data = buffers[v["buffer"]]
        if len(data) != dtype.itemsize * math.prod(shape):
            raise WireError(f"an array of shape {shape} and dtype {dtype} with {len(data)} bytes")
        result = np.frombuffer(data, dtype=dtype).reshape(shape)  # writable: the frame is a bytearray
        return result if result.flags.aligned else result.copy()

    return walk(tree, 0)


def _bit_generator(name):
    if name not in ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64"):
        raise WireError(f"unknown bit generator {name!r}")
    return name


class Channel:
    """Messages each way over two pipe ends (file descriptors), one frame per message.

    A frame is its length (8 bytes), then the JSON text's length and the number of buffers
    (4 bytes each), each buffer's length (8 bytes each), the JSON text and the buffers: two
    reads take in a whole message, and a small one goes out in one write.
    """

    def __init__(self, read_fd, write_fd):
        self.read_fd, self.write_fd = read_fd, write_fd
        for fd in (read_fd, write_fd):
            try:  # Linux: a 1 MB pipe moves a large array in far fewer wake-ups than the 64 KB default
                fcntl.fcntl(fd, F_SETPIPE_SZ, PIPE_SIZE)
            except (OSError, AttributeError, NameError):
                pass

    def send(self, tree, buffers=()):
        text = json.dumps(tree, separators=(",", ":")).encode()
        head = HEAD.pack(len(text), len(buffers)) + b"".join(LENGTH.pack(len(buffer)) for buffer in buffers)
        size = len(head) + len(text) + sum(len(buffer) for buffer in buffers)
        parts = [LENGTH.pack(size), head, text, *buffers]
        if size < SMALL:
            parts = [b"".join(parts)]
        for part in parts:
            view = memoryview(part).cast("B")
            while view:
                view = view[os.write(self.write_fd, view):]

    def receive(self):
        """``(tree, buffers)`` of the next message; ChannelClosed at the end of the pipe."""
        (size,) = LENGTH.unpack(self._read(LENGTH.size))
        if size > MAX_FRAME:
            raise WireError(f"a message of {size:,} bytes")
        frame = self._read(size)
        try:
            length, count = HEAD.unpack_from(frame)
            sizes = struct.unpack_from(f"!{count}Q", frame, HEAD.size)
            start = HEAD.size + LENGTH.size * count
            tree = json.loads(bytes(frame[start:start + length]))
        except (struct.error, ValueError) as error:  # cut short, not JSON, an integer of too many digits
            raise WireError(f"a message that is not of this format ({error})") from None
        view, start, buffers = memoryview(frame), start + length, []
        for buffer_size in sizes:
            buffers.append(view[start:start + buffer_size])
            start += buffer_size
        if start != size:
            raise WireError(f"a message of {size:,} bytes whose parts add up to {start:,}")
        return tree, buffers

    def _read(self, size):
        data = bytearray(size)
        view, done = memoryview(data), 0
        while done < size:
            count = os.readv(self.read_fd, [view[done:]])
            if count == 0:
                raise ChannelClosed("the other process closed the pipe")
            done += count
        return data

    def close(self):
        for fd in {self.read_fd, self.write_fd} - {None}:
            try:
                os.close(fd)
            except OSError:
                pass
        self.read_fd = self.write_fd = None
