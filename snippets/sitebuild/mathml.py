"""MathJax's MathML, rewritten into the MathML Core that browsers lay out themselves.

MathJax turns each formula's TeX into MathML with a few attributes that MathML Core, the part
of MathML that Chromium, Firefox and Safari all lay out, does not have. This module rewrites
them into what it has, so that the browser draws the formula with the site's math font and
no script:

* ``mathvariant`` (``\\mathbf{W}``, ``\\mathcal{L}``, ``\\mathbb{R}``) becomes the letter's own
  Unicode character (𝐖, ℒ, ℝ), which is how MathML Core spells a styled letter; only
  ``mathvariant="normal"`` on a single letter (an upright Δ) stays.
* ``columnalign``, ``columnspacing`` and ``rowspacing`` of a table (``aligned``, ``cases``,
  matrices) become each cell's class (``math-left``, ``math-right``) and padding;
* an accent (``\\hat{y}``) is marked as one, and ``\\xrightarrow``'s padding becomes CSS;
* operators are spaced as TeX spaces them where MathML's own rules differ (``core_spacing``);
* MathJax's own ``data-mjx-*`` bookkeeping and the pretty-printing whitespace go;
* what MathML Core cannot show (``\\boxed``, ``\\tag``) is an error that names it.

Screen readers read the result as they read any MathML.
"""

import html
import re
import unicodedata
import xml.etree.ElementTree as ET

NAMESPACE = "{http://www.w3.org/1998/Math/MathML}"
TOKENS = {"mi", "mn", "mo", "mtext", "ms"}
# How Unicode names each mathvariant's letters: "MATHEMATICAL BOLD CAPITAL W". Letters that
# had a character before the Mathematical Alphanumeric block keep theirs (ℒ, ℝ, ℎ): the second name.
VARIANT_NAMES = {
    "bold": ("BOLD",), "italic": ("ITALIC",), "bold-italic": ("BOLD ITALIC",),
    "double-struck": ("DOUBLE-STRUCK",), "script": ("SCRIPT",), "bold-script": ("BOLD SCRIPT",),
    "fraktur": ("FRAKTUR", "BLACK-LETTER"), "bold-fraktur": ("BOLD FRAKTUR",),
    "sans-serif": ("SANS-SERIF",), "bold-sans-serif": ("SANS-SERIF BOLD",),
    "sans-serif-italic": ("SANS-SERIF ITALIC",), "sans-serif-bold-italic": ("SANS-SERIF BOLD ITALIC",),
    "monospace": ("MONOSPACE",),
}
OLDER_NAMES = {"ITALIC SMALL H": "PLANCK CONSTANT"}
# The part of a character's name that the styled character's name repeats.
BASE_NAME = re.compile(r"^(?:LATIN (CAPITAL|SMALL) LETTER (\w)|GREEK (CAPITAL|SMALL) LETTER (\w+)"
                       r"|GREEK (?:LUNATE )?((?:CAPITAL )?\w+ SYMBOL)"
                       r"|(DIGIT \w+)|(NABLA|PARTIAL DIFFERENTIAL))$")


def styled(character, variant):
    """``character`` in ``variant`` ("bold", "script", …) as one Unicode character, or None if Unicode has none."""
    try:
        parts = BASE_NAME.match(unicodedata.name(character))
    except ValueError:
        return None
    if parts is None:
        return None
    case, letter, greek_case, greek, symbol, digit, other = parts.groups()
    base = (f"{case} {letter}" if letter else f"{greek_case} {greek}" if greek else symbol or digit or other)
    for style in VARIANT_NAMES.get(variant, ()):
        for name in (f"MATHEMATICAL {style} {base}", OLDER_NAMES.get(f"{style} {base}", f"{style} {base}")):
            try:
                return unicodedata.lookup(name)
            except KeyError:
                continue
    return None


def restyle(text, variant):
    """``text`` in ``variant``, character by character, or None if Unicode lacks one of them in it."""
    characters = [character if character.isspace() else styled(character, variant) for character in text]
    return None if None in characters else "".join(characters)


def lengths(value, count):
    """A MathML list attribute ("0em 2em") stretched to ``count`` entries: the last repeats."""
    items = (value or "").split()
    return [items[min(i, len(items) - 1)] for i in range(count)] if items else [None] * count


def core_tables(table):
    """Spell ``table``'s alignment and spacing as each cell's class and padding."""
    rows = [row for row in table if row.tag == "mtr"]
    width = max((len(row) for row in rows), default=0)
    aligns = lengths(table.attrib.pop("columnalign", None), width)
    spacing = lengths(table.attrib.pop("columnspacing", None), max(width - 1, 1))
    row_spacing = lengths(table.attrib.pop("rowspacing", None), max(len(rows) - 1, 1))
    for name in ("columnwidth", "width", "rowalign", "frame", "framespacing", "equalrows", "equalcolumns", "side",
                 "minlabelspacing"):
        table.attrib.pop(name, None)
    for r, row in enumerate(rows):
        row_aligns = lengths(row.attrib.pop("columnalign", None), width) if "columnalign" in row.attrib else aligns
        row.attrib.pop("rowalign", None)
        for c, cell in enumerate(row):
            align = cell.attrib.pop("columnalign", None) or row_aligns[c]
            if align in ("left", "right"):
                cell.set("class", f"math-{align}")  # extra.css aligns it: Chromium needs its own keyword
            # Half of the space between two columns (rows) goes on each side of it, as MathML spaces them.
            left = spacing[c - 1] if c > 0 else "0"
            right = spacing[c] if c < width - 1 else "0"
            top = row_spacing[r - 1] if r > 0 else "0"
            bottom = row_spacing[r] if r < len(rows) - 1 else "0"
            if None not in (left, right, top, bottom):
                cell.set("style", f"padding:{half(top)} {half(right)} {half(bottom)} {half(left)}")
            cell.attrib.pop("rowalign", None)


def half(length):
    """Half of a CSS length such as "2em" or "3pt" ("0" stays "0")."""
    number, unit = re.fullmatch(r"(-?[\d.]+)([a-z%]*)", length).groups()
    value = float(number) / 2
    return "0" if value == 0 else f"{value:g}{unit}"


# Over- and underscripts that TeX sets as accents, close to their base: MathML Core reads that
# from the accent attributes, not from the operator, so the build writes them. TeX's ^ and ~
# become the spacing accents that the math font places right on a letter.
ACCENTS = set("^~¯˙¨→ˇ˘´`˚\u02c6\u02dc⏞")
SPACING_ACCENTS = {"^": "\u02c6", "~": "\u02dc"}
UNDER_ACCENTS = set("⏟_")
SCRIPTED = {"msub", "msup", "msubsup", "munder", "mover", "munderover", "mmultiscripts", "mroot"}
# MathML that browsers do not lay out, with the TeX that makes it.
NOT_CORE = {"menclose": "\\boxed, \\cancel", "mlabeledtr": "\\tag, a numbered equation",
            "maction": "\\mathtip, \\texttip", "mfenced": "MathML 2 input", "maligngroup": "alignment marks",
            "malignmark": "alignment marks"}
# Elements whose children are laid out as a row, one after the other.
ROWS = {"math", "mrow", "mstyle", "mpadded", "mphantom", "msqrt", "mtd", "menclose", "merror"}
PRIMES = set("′″‴")
OPENING = set("([{|‖⟨⌊⌈")
CLOSING = set(")]}|‖⟩⌋⌉") | PRIMES
SIGNS = set("+−±∓")
APPLY_FUNCTION = "\u2061"  # between \log (or \operatorname{softmax}) and its argument


def core_accents(element):
    """Mark ``element`` (an ``mover`` or ``munder``) as an accent when its script is one."""
    script = element[-1] if len(element) == 2 else None
    if script is not None and script.tag == "mo" and script.text:
        if element.tag == "mover" and script.text in ACCENTS:
            element.set("accent", "true")
            script.text = SPACING_ACCENTS.get(script.text, script.text)
        elif element.tag == "munder" and script.text in UNDER_ACCENTS:
            element.set("accentunder", "true")


def is_accent(element):
    return element.get("accent") == "true" or element.get("accentunder") == "true"


def opens(element):
    """Whether ``element`` starts with an opening fence: ``(``, or a ``\\left(…\\right)`` group."""
    while element.tag == "mrow" and len(element):
        element = element[0]
    return element.tag == "mo" and (element.text or "") in OPENING


def core_spacing(row, in_script):
    """TeX's spacing where MathML Core's differs, for each operator of ``row``.

    MathML spaces an operator by its character; TeX by its role, which MathJax notes as
    ``data-mjx-texclass``. So: no space around an operator in a sub- or superscript (i=1, not
    i = 1), around a bracket or bar that TeX sets as a letter (|x|, \\bigl( ), around a sign
    that starts a term (−1, a = −b), or around a full stop; and a function name (log, max,
    softmax) gets a thin space after it unless a parenthesis follows (log x, but max(a, b)).
    """
    children = list(row)
    for position, child in enumerate(children):
        if child.tag != "mo" or "lspace" in child.attrib:
            continue
        text = child.text or ""
        previous = children[position - 1] if position else None
        following = children[position + 1] if position + 1 < len(children) else None
        tex_class = child.get("data-mjx-texclass") or (row.get("data-mjx-texclass") if len(children) == 1 else None)
        if text == APPLY_FUNCTION or (tex_class == "OP" and len(text) > 1):
            child.set("lspace", "0")
            argument = following is not None and not opens(following) and following.text != APPLY_FUNCTION
            child.set("rspace", "0.1667em" if argument else "0")
        elif (in_script or not text or text == "." or tex_class in ("ORD", "OPEN", "CLOSE")
              or (text in SIGNS and (previous is None or previous.tag == "mo" and previous.text not in CLOSING))):
            child.set("lspace", "0")
            child.set("rspace", "0")


def core_padding(element):
    """An ``mpadded`` whose width grows by a length ("+0.833em", as ``\\xrightarrow`` pads its label)
    gets that room as CSS padding, its ``lspace`` before the content and the rest after it."""
    width = element.get("width", "")
    if not width.startswith(("+", "-")):
        return
    lspace = element.attrib.pop("lspace", "0em")
    if not (width.endswith("em") and lspace.endswith("em")):
        raise ValueError(f"mpadded width={width!r} lspace={lspace!r}: expected lengths in em")
    grow, left = float(width[:-2]), float(lspace[:-2])
    del element.attrib["width"]
    for name in ("height", "depth"):  # relative heights only tuck the label closer; MathML Core has none
        if element.get(name, "").startswith(("+", "-")):
            del element.attrib[name]
    element.set("style", f"padding-left:{left:g}em;padding-right:{grow - left:g}em")


def rewrite(element, variant=None, in_script=False):
    """Rewrite ``element`` and what it holds into MathML Core; ``variant`` is the mathvariant it
    inherits, ``in_script`` whether it sits in a sub- or superscript."""
    if element.tag in NOT_CORE:
        raise ValueError(f"<{element.tag}> ({NOT_CORE[element.tag]}) has no layout in MathML Core, which "
                         "browsers draw; write the formula without it")
    own = element.attrib.pop("mathvariant", None)
    variant = own or variant
    if element.tag in TOKENS:
        text = element.text or ""
        if variant in (None, "normal"):
            if variant == "normal" and element.tag == "mi" and len(text) == 1:
                element.set("mathvariant", "normal")  # the one value MathML Core keeps: an upright letter
        else:
            restyled = restyle(text, variant)
            if restyled is not None:
                element.text = restyled
            else:  # \textbf{…!}, a bold ∑: not every character has a styled one, so CSS styles them all
                style = ["font-weight:bold"] * ("bold" in variant) + ["font-style:italic"] * ("italic" in variant)
                if style:
                    element.set("style", ";".join(style))
        if element.tag == "mo" and text in PRIMES:
            element.set("class", "math-prime")  # extra.css picks the font's prime for a superscript
    else:
        if element.text is not None and not element.text.strip():
            element.text = None
        if element.tag in ("mover", "munder"):
            core_accents(element)
        for position, child in enumerate(element):
            script = element.tag in SCRIPTED and position > 0 and not is_accent(element)
            rewrite(child, variant, in_script or script)
        if element.tag in ROWS:
            core_spacing(element, in_script)
        if element.tag == "mtable":
            core_tables(element)
        elif element.tag == "mpadded":
            core_padding(element)
    if element.tail is not None and not element.tail.strip():
        element.tail = None
    return element


def to_core(mathml):
    """MathJax's ``<math>…</math>`` for one formula as MathML Core markup (a string)."""
    root = ET.fromstring(mathml)
    for element in root.iter():
        element.tag = element.tag.removeprefix(NAMESPACE)
    rewrite(root)
    for element in root.iter():
        for name in [name for name in element.attrib if name.startswith("data-mjx-")]:
            del element.attrib[name]
    root.attrib.pop("xmlns", None)
    return ET.tostring(root, encoding="unicode", short_empty_elements=False)


def characters(markup):
    """The characters a browser draws for MathML Core ``markup``: its text, each letter also in
    italic (MathML shows a one-letter ``<mi>`` x as 𝑥), and the radical sign of a square root."""
    text = html.unescape(re.sub(r"<[^>]*>", "", markup))
    italic = {styled(character, "italic") for character in text}
    return set(text) | (italic - {None}) | ({"√"} if "<msqrt" in markup or "<mroot" in markup else set())
