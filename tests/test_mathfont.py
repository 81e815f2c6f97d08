"""The site's math font (snippets.sitebuild.mathfont): STIX Two Math cut down to the characters used, as WOFF2."""

from fontTools.ttLib import TTFont

from snippets.sitebuild import mathfont


def test_the_cut_down_font_keeps_the_characters_their_larger_forms_and_the_math_table(tmp_path):
    size = mathfont.subset(mathfont.math_font(), set("(x𝑥=√∑′"), tmp_path / "font.woff2")
    font = TTFont(tmp_path / "font.woff2")
    assert font.flavor == "woff2" and size == (tmp_path / "font.woff2").stat().st_size < 30_000
    drawn = set(map(chr, font.getBestCmap()))
    assert set("(x𝑥=√∑′") <= drawn and len(drawn) < 12  # and what the font's substitutions bring with them
    variants = font["MATH"].table.MathVariants
    vertical = dict(zip(variants.VertGlyphCoverage.glyphs, variants.VertGlyphConstruction))
    parenthesis = font.getBestCmap()[ord("(")]
    larger = [record.VariantGlyph for record in vertical[parenthesis].MathGlyphVariantRecord]
    assert len(larger) > 3 and set(larger) <= set(font.getGlyphOrder())  # a parenthesis can grow
    features = {record.FeatureTag for record in font["GSUB"].table.FeatureList.FeatureRecord}
    assert {"ssty", "ss04"} <= features  # script-size forms, and the prime drawn for a superscript
    assert "SIL Open Font License" in font["name"].getDebugName(13)


def test_publishing_writes_the_font_into_the_site_and_reuses_the_cut_down_copy(tmp_path, monkeypatch):
    size = mathfont.publish({"x", "y"}, tmp_path / "site", tmp_path / "cache")
    published = tmp_path / "site" / mathfont.SITE_FONT
    assert published.stat().st_size == size and len(list((tmp_path / "cache").glob("font-*.woff2"))) == 1
    monkeypatch.setattr(mathfont, "subset", lambda *args: (_ for _ in ()).throw(AssertionError("cut again")))
    published.unlink()
    assert mathfont.publish({"y", "x"}, tmp_path / "site", tmp_path / "cache") == size and published.is_file()
