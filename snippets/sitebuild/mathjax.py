"""MathJax for the build: unpack what turns TeX into MathML in Node.js from the npm package ``mathjax``.

The build typesets every formula itself (``snippets.sitebuild.typeset``), so pages load no
math script and readers make no third-party request. The tarball is fetched once from the
npm registry and checked against the registry's published SHA-512 before anything is unpacked.
"""

import base64
import hashlib
import io
import os
import shutil
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

VERSION = "3.2.2"
TARBALL_URL = f"https://registry.npmjs.org/mathjax/-/mathjax-{VERSION}.tgz"
# `dist.integrity` of mathjax@3.2.2 in the npm registry.
INTEGRITY = "sha512-Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/O9NliPc+x77k1/FEsPsjKPZGJvtRZM1vO+geW0OhGw=="
# What turning TeX into MathML in Node.js needs from es5/: the loader and its Node.js entry
# point, and the TeX input with the extensions it autoloads.
KEEP = ("node-main.js", "startup.js", "core.js", "loader.js", "adaptors/liteDOM.js", "input/tex.js",
        "input/tex/extensions/")


def ensure_mathjax(cache_dir: Path) -> Path:
    """Return a folder holding MathJax's ``es5`` files, downloading them on first use."""
    target = cache_dir / f"mathjax-{VERSION}-node"
    if (target / "node-main.js").is_file():
        return target
    try:
        with urllib.request.urlopen(TARBALL_URL, timeout=60) as response:
            tarball = response.read()
    except OSError as error:
        raise RuntimeError(
            f"Could not download MathJax {VERSION} from {TARBALL_URL} ({error}). "
            "The site serves its own copy of MathJax; the first build needs access to "
            "the npm registry, later builds reuse the copy in " + str(target)
        ) from error
    algorithm, _, expected = INTEGRITY.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if actual != expected:
        raise RuntimeError(f"{TARBALL_URL}: {algorithm} is {actual}, expected {expected}; refusing to use it.")

    cache_dir.mkdir(parents=True, exist_ok=True)
    # Unpack next to the target and rename, so an interrupted build leaves no half copy.
    staging = Path(tempfile.mkdtemp(prefix=".mathjax-", dir=cache_dir))
    try:
        with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
            for member in archive.getmembers():
                relative = member.name.removeprefix("package/es5/")
                if member.isfile() and relative != member.name and relative.startswith(KEEP):
                    destination = staging / relative
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    destination.write_bytes(archive.extractfile(member).read())
        os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


if __name__ == "__main__":
    print(ensure_mathjax(Path(sys.argv[1] if len(sys.argv) > 1 else ".cache")))
