"""MathJax for the build: verified before use, unpacked atomically, only what turning TeX into MathML needs."""

import base64
import hashlib
import io
import tarfile

import pytest

from conftest import serve_directory
from snippets.sitebuild import mathjax


def npm_tarball(files):
    """An npm-style .tgz (everything under package/) holding ``files``; returns (bytes, integrity)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    data = buffer.getvalue()
    return data, "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


FILES = {
    "es5/node-main.js": b"/* mathjax */",
    "es5/input/tex/extensions/cancel.js": b"/* extension */",
    "es5/output/chtml/fonts/woff-v2/MathJax_Main-Regular.woff": b"not needed: the browser lays out MathML",
    "es5/tex-chtml.js": b"not needed: the browser bundle",
    "es5/output/svg.js": b"not needed",
    "es5/sre/speech-worker.js": b"not needed",
    "README.md": b"not needed",
}


@pytest.fixture
def registry(tmp_path, monkeypatch):
    """A local stand-in for the npm registry serving a small MathJax-like tarball."""
    served = tmp_path / "registry"
    served.mkdir()
    data, integrity = npm_tarball(FILES)
    (served / "mathjax.tgz").write_bytes(data)
    with serve_directory(served) as url:
        monkeypatch.setattr(mathjax, "TARBALL_URL", url + "mathjax.tgz")
        monkeypatch.setattr(mathjax, "INTEGRITY", integrity)
        yield served


def test_unpacks_only_what_typesetting_needs(registry, tmp_path):
    target = mathjax.ensure_mathjax(tmp_path / "cache")
    unpacked = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert unpacked == ["input/tex/extensions/cancel.js", "node-main.js"]
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [target.name]  # no staging folder left


def test_second_call_uses_the_cache_without_network(registry, tmp_path, monkeypatch):
    first = mathjax.ensure_mathjax(tmp_path / "cache")
    monkeypatch.setattr(mathjax, "TARBALL_URL", "http://127.0.0.1:1/unreachable.tgz")
    assert mathjax.ensure_mathjax(tmp_path / "cache") == first


def test_tampered_tarball_is_refused_and_nothing_is_unpacked(registry, tmp_path, monkeypatch):
    monkeypatch.setattr(mathjax, "INTEGRITY", npm_tarball({"es5/node-main.js": b"other"})[1])
    with pytest.raises(RuntimeError, match="sha512 is .* expected .* refusing"):
        mathjax.ensure_mathjax(tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


def test_offline_first_build_explains_itself(tmp_path, monkeypatch):
    monkeypatch.setattr(mathjax, "TARBALL_URL", "http://127.0.0.1:1/mathjax.tgz")
    with pytest.raises(RuntimeError, match="Could not download MathJax .* npm registry"):
        mathjax.ensure_mathjax(tmp_path / "cache")
