import pytest

from snippets.atomic import atomic_write


def test_the_file_appears_only_when_complete(tmp_path):
    target = tmp_path / "sub" / "model.bin"  # missing folders are created
    with atomic_write(target) as partial:
        partial.write(b"first half")
        assert not target.exists()  # nobody sees half a file
        partial.write(b", second half")
    assert target.read_bytes() == b"first half, second half"
    assert [path.name for path in target.parent.iterdir()] == ["model.bin"]


def test_a_failed_write_leaves_the_old_file_and_nothing_else(tmp_path):
    target = tmp_path / "model.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="disk full"):
        with atomic_write(target) as partial:
            partial.write(b"new, but")
            raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["model.bin"]


def test_the_file_is_readable_by_others_as_a_new_file_is(tmp_path):
    """A temporary file is owner-only; the site's files must be readable by the web server."""
    with atomic_write(tmp_path / "page.html") as partial:
        partial.write(b"<p>hi</p>")
    (tmp_path / "plain.html").write_bytes(b"<p>hi</p>")
    assert (tmp_path / "page.html").stat().st_mode == (tmp_path / "plain.html").stat().st_mode
    assert (tmp_path / "page.html").stat().st_mode & 0o044 == 0o044  # under the usual umask 022
