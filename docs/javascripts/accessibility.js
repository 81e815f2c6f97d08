// Names for the theme's widgets that axe-core reports without one, and one landmark less per
// code block. Material builds these itself, so they are named here, after it made them.
(function () {
  function nameWidgets(root) {
    const progress = document.querySelector(".md-progress");
    if (progress) progress.setAttribute("aria-label", "Loading the page");
    const search = document.querySelector(".md-search");
    if (search) search.setAttribute("aria-label", "Search the book");
    // The copy button's <nav>, repeated in every code block, would be one more "navigation"
    // landmark per block, all with the same name; it is no landmark (a <nav> may not be a
    // toolbar), and its button says what it does.
    root.querySelectorAll("nav.md-code__nav:not([role])").forEach((nav) => nav.setAttribute("role", "none"));
  }

  // A region that scrolls sideways (a wide table or formula, a row of tab labels, a notebook cell) must
  // be reachable from the keyboard, or a keyboard user cannot scroll it: it becomes a tab stop
  // when it really overflows and holds nothing focusable of its own.
  const SCROLLERS = [".md-typeset__scrollwrap", ".md-typeset__table > table", ".tabbed-labels", ".highlight-ipynb",
                     ".jp-OutputArea-output", "div.arithmatex", "pre > code[data-columns]"].join(", ");
  const LABELS = [[".tabbed-labels", "Tabs"], ["div.arithmatex", "Wide formula"], ["code", "Code"]];
  // A code block off screen is not laid out (content-visibility in extra.css), so its scroll
  // width says nothing; but its font is monospaced and the build wrote the length of its
  // longest line, so it scrolls if that many characters are wider than its text box.
  const measure = document.createElement("canvas").getContext("2d");
  function overflowing(region) {
    if (!region.dataset.columns) return region.scrollWidth > region.clientWidth + 1;
    const style = getComputedStyle(region);
    measure.font = `${style.fontSize} ${style.fontFamily}`;
    const text = region.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return Number(region.dataset.columns) * measure.measureText("0").width > text + 1;
  }
  function checkScroller(region) {
    const overflows = overflowing(region);
    if (overflows && !region.hasAttribute("tabindex") && !region.querySelector("a, button, input, [tabindex]")) {
      region.setAttribute("tabindex", "0");
      region.dataset.scrollFocus = "";
      if (region.matches("table")) return;  // a table keeps its own role, and its caption or header as name
      region.setAttribute("role", "region");
      const label = LABELS.find(([selector]) => region.matches(selector));
      region.setAttribute("aria-label", label ? label[1] : "Scrollable content");
    } else if (!overflows && region.hasAttribute("data-scroll-focus")) {
      ["tabindex", "role", "aria-label", "data-scroll-focus"].forEach((name) => region.removeAttribute(name));
    }
  }

  // Whether a region overflows is known only once it is laid out, and reading the width of
  // every region of a long page at load is one long task (about 300 ms on a phone). So each
  // region is checked when it comes within a screen of the viewport, and all of them at a
  // keyboard user's first Tab, before the focus moves.
  const nearScreen = "IntersectionObserver" in window ? new IntersectionObserver(
    (entries) => entries.forEach((entry) => entry.isIntersecting && checkScroller(entry.target)),
    { rootMargin: "100% 0px" }) : null;
  let allChecked = false;
  function focusableScrollers() {
    allChecked = false;
    if (nearScreen) nearScreen.disconnect();  // a new page, or a new width: every region anew
    document.querySelectorAll(SCROLLERS).forEach((region) => (nearScreen ? nearScreen.observe(region) : checkScroller(region)));
  }
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Tab" || allChecked) return;
    allChecked = true;
    document.querySelectorAll(SCROLLERS).forEach(checkScroller);
  }, true);

  // nbconvert makes every notebook cell's input and output a tab stop without a name (55 on the
  // MNIST page); only the ones that scroll need to be, and focusableScrollers names those.
  document.querySelectorAll(".jp-Cell-inputWrapper[tabindex], .jp-OutputArea-output[tabindex]")
    .forEach((cell) => cell.removeAttribute("tabindex"));
  nameWidgets(document);
  focusableScrollers();
  let resizing = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(resizing);
    resizing = requestAnimationFrame(focusableScrollers);
  });
  if (window.document$) document$.subscribe(() => requestAnimationFrame(focusableScrollers));
  new MutationObserver((records) => {
    if (records.some((record) => record.addedNodes.length)) nameWidgets(document);
  }).observe(document.body, { childList: true, subtree: true });
})();
