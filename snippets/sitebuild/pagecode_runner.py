"""Run a page's code blocks as a reader pasting them into one Python session would.

``python -m snippets.sitebuild.pagecode_runner RESULT.json`` reads a JSON list of code
strings on stdin and executes them in order in one namespace, a module named
``__main__`` as in an interactive session. It writes ``RESULT.json``:
``{"outputs": [printed text of each block], "modules": {file: sha256}, "failed": index or null,
"traceback": text}``; the modules are the ``snippets`` files the run imported.
"""

import contextlib
import io
import json
import sys
import traceback
import types
from pathlib import Path

from snippets.atomic import atomic_write
from snippets.sitebuild.pagecode import file_digest


def main() -> None:
    result_path = Path(sys.argv[1])
    codes = json.loads(sys.stdin.read())
    session = types.ModuleType("__main__")
    sys.modules["__main__"] = session  # classes and pickles defined by the blocks belong to "__main__"
    outputs, failed, trace = [], None, ""
    for index, code in enumerate(codes):
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                exec(compile(code, f"<code block {index + 1}>", "exec"), session.__dict__)
        except BaseException as error:  # noqa: BLE001 - a SystemExit in a block is a failure too
            # From the block's own frame on: the runner's frame would only be noise.
            failed, trace = index, "".join(traceback.format_exception(type(error), error, error.__traceback__.tb_next))
            break
        finally:
            outputs.append(printed.getvalue())
    modules = {
        module.__file__: file_digest(module.__file__)
        for name, module in list(sys.modules.items())
        if name.split(".")[0] == "snippets" and getattr(module, "__file__", None)
    }
    with atomic_write(result_path) as partial:
        result = {"outputs": outputs, "modules": modules, "failed": failed, "traceback": trace}
        partial.write(json.dumps(result).encode())


if __name__ == "__main__":
    main()
