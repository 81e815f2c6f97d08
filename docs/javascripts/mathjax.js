// MathJax 3 configuration for pymdownx.arithmatex (generic mode): typeset only the
// spans and divs arithmatex marked, written as \( ... \) and \[ ... \].
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
    tags: "ams",
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex",
  },
};

// Instant navigation swaps the page content without reloading scripts, so typeset
// each new page again. The first page is typeset by MathJax itself once it has loaded
// (it may not even have loaded when this first runs); clearing the cache after that
// would strip the font rules of math already on screen, so only pages with math
// still untypeset are processed. Chaining on startup.promise keeps typesetting calls
// from overlapping during fast navigation.
const untypesetMath = () =>
  [...document.querySelectorAll(".arithmatex")].some((element) => !element.querySelector("mjx-container"));

document$.subscribe(() => {
  const startup = window.MathJax && window.MathJax.startup;
  if (!startup || !startup.promise) return;
  startup.promise = startup.promise.then(() => {
    if (!untypesetMath()) return;
    startup.output.clearCache();
    MathJax.typesetClear();
    MathJax.texReset();
    return MathJax.typesetPromise();
  });
});
