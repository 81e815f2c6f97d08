"""A notebook page's stylesheets, cut down to the rules that can apply to it.

mkdocs-jupyter puts JupyterLab's whole stylesheet into every notebook page (about 570 kB on
the MNIST page), and each displayed code listing brings its own copy of Pygments' rules.
The browser parses all of it and matches every rule against every element. Here the
page's ``<style>`` blocks become one block: a rule
stays if one of its selectors can match, that is, if every class and id the selector
names outside a functional pseudo-class (``:not(.x)``, ``:is(.x)``) occurs in the page;
``@media`` and ``@supports`` blocks are cut the same way; every other at-rule stays.
JupyterLab's scripts are not on these pages, so its classes are all in the HTML; the theme's
script adds classes of its own (``md-typeset__scrollwrap`` around a table, ...), so a class
with Material's prefix ``md-`` always counts as present. (tinycss2, the CSS parser, comes with
nbconvert, which mkdocs-jupyter runs the notebooks with.)
"""

import html
import re

import tinycss2


STYLE = re.compile(r'<style[^>]*>(.*?)</style>\s*', re.S)
CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
ID_ATTRIBUTE = re.compile(r'\bid="([^"]*)"')
GROUPS = {"media", "supports"}  # at-rules that hold rules, cut like the page's own
ADDED_AT_RUN_TIME = "md-"  # the prefix of the classes that Material's script adds to the page


def prune_styles(page):
    """``page`` (HTML) with its style blocks merged into one that holds only the rules that can apply."""
    blocks = STYLE.findall(page)
    if not blocks:
        return page
    classes = {name for value in CLASS_ATTRIBUTE.findall(page) for name in html.unescape(value).split()}
    ids = {html.unescape(value) for value in ID_ATTRIBUTE.findall(page)}
    kept, seen = [], set()
    for block in blocks:
        if block in seen:  # each listing's copy of the same Pygments rules
            continue
        seen.add(block)
        rules = tinycss2.parse_stylesheet(block, skip_comments=True, skip_whitespace=True)
        kept.append("".join(_applicable(rules, classes, ids)))
    merged = f"<style>{minify_css(''.join(kept))}</style>"
    first = STYLE.search(page)
    rest = STYLE.sub("", page[first.end():])
    return page[:first.start()] + merged + rest


def _applicable(rules, classes, ids):
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _split_selectors(rule.prelude) if _can_match(s, classes, ids)]
            if selectors:
                prelude = ",".join(tinycss2.serialize(s).strip() for s in selectors)
                out.append(f"{prelude}{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPS and rule.content is not None:
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            body = "".join(_applicable(inner, classes, ids))
            if body:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{body}}}")
        elif rule.type != "error":
            out.append(tinycss2.serialize([rule]))
    return out


def _split_selectors(prelude):
    """The selector list ``a, b`` as one token list per selector."""
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    return selectors + [current]


def _can_match(selector, classes, ids):
    """Whether each class (``.name``) and id (``#name``) in ``selector``, outside functions, is in the page."""
    for before, token in zip([None, *selector], selector):
        if token.type == "ident" and before is not None and before.type == "literal" and before.value == ".":
            if token.value not in classes and not token.value.startswith(ADDED_AT_RUN_TIME):
                return False
        elif token.type == "hash" and token.is_identifier and token.value not in ids:
            return False
    return True


def minify_css(css):
    """A stylesheet without its comments and indentation: a third of its size."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s*([{};,>])\s*", r"\1", css)
    return re.sub(r"\s+", " ", css).replace(";}", "}").strip()
