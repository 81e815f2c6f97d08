"""Images on built pages: figures sized from their files; a notebook's base64 figures become files."""

import base64
import io
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from snippets.sitebuild.images import extract_images, png_size, size_figures  # noqa: E402


def png(width_in, height_in, dpi=50):
    figure = plt.figure(figsize=(width_in, height_in), dpi=dpi)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()


def img(data, extra=""):
    return f'<img alt="A chart."{extra} src="data:image/png;base64,{base64.b64encode(data).decode()}"/>'


def test_each_figure_becomes_a_file_with_width_height_and_lazy_loading(tmp_path):
    wide, tall = png(8, 2), png(2, 4)
    shown = ' width="200"'
    page = f"<p>{img(wide, shown)}</p><p>{img(tall)}</p><p>{img(wide, shown)}</p>"
    out = extract_images(page, tmp_path)
    assert "data:" not in out
    files = sorted(path.name for path in tmp_path.iterdir())
    assert len(files) == 2 and all(re.fullmatch(r"figure-[0-9a-f]{12}\.png", name) for name in files)
    tags = re.findall(r"<img [^>]*>", out)
    assert len(tags) == 3 and all('loading="lazy"' in tag and 'alt="A chart."' in tag for tag in tags)
    assert 'width="200" height="50"' in tags[0]  # the display width kept, the height it implies added
    assert 'width="100" height="200"' in tags[1]  # no display width: the image's own size
    assert png_size((tmp_path / re.search(r'src="([^"]+)"', tags[1])[1]).read_bytes()) == (100, 200)


def test_a_page_without_data_images_is_unchanged(tmp_path):
    page = '<p><img alt="x" src="../figures/a.svg"/></p>'
    assert extract_images(page, tmp_path) == page
    assert not list(tmp_path.iterdir())


def test_an_image_that_is_not_a_png_is_refused(tmp_path):
    with pytest.raises(ValueError, match="not a PNG image"):
        extract_images(img(b"GIF89a" + bytes(30)), tmp_path)


def test_figures_get_the_size_their_files_declare_and_load_as_the_reader_nears_them(tmp_path):
    (tmp_path / "curve.svg").write_text('<?xml version="1.0"?>\n<svg xmlns:xlink="http://www.w3.org/1999/xlink" '
                                        'width="504pt" height="259.2pt" viewBox="0 0 504 259.2"></svg>')
    (tmp_path / "digits.png").write_bytes(png(4, 2))
    page = ('<p><img alt="A curve." src="../../figures/curve.svg" /></p><p><img alt="Digits." src="../figures/digits.png"></p>'
            '<p><img alt="Kept." src="../figures/curve.svg" width="300"/></p><p><img alt="Other." src="logo.png"/></p>')
    out = size_figures(page, tmp_path)
    lazy = 'loading="lazy" decoding="async"'
    assert f'<img alt="A curve." src="../../figures/curve.svg" width="672" height="346" {lazy} />' in out  # 504 pt = 672 px
    assert f'<img alt="Digits." src="../figures/digits.png" width="200" height="100" {lazy} />' in out
    assert f'<img alt="Kept." src="../figures/curve.svg" width="300" {lazy} />' in out  # a size already given is kept
    assert '<img alt="Other." src="logo.png"/>' in out  # not a figure of the build


def test_a_figure_without_a_size_is_an_error(tmp_path):
    (tmp_path / "bare.svg").write_text('<svg viewBox="0 0 10 10"></svg>')
    with pytest.raises(ValueError, match="bare.svg: no width and height in points"):
        size_figures('<img alt="x" src="../figures/bare.svg"/>', tmp_path)
