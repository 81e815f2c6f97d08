// MathJax 3 configuration. Pages: pymdownx.arithmatex (generic mode) marks math as
// \( ... \) and \[ ... \] inside elements of class "arithmatex". Notebook pages:
// markdown cells keep Jupyter's $ ... $ and $$ ... $$ inside "jp-MarkdownOutput";
// Material wraps their tables in "md-typeset__table" when it shows a page.
// Everything else on a page is left alone.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"], ["$", "$"]],
    displayMath: [["\\[", "\\]"], ["$$", "$$"]],
    processEscapes: true,
    processEnvironments: true,
    tags: "ams",
  },
  options: {
    processHtmlClass: "arithmatex|jp-MarkdownOutput|md-typeset__table",
    // Ignore every other element with a class (the whole theme). Class-less children
    // of the three above, such as the paragraphs of a notebook cell, inherit "process".
    ignoreHtmlClass: ".+",
  },
  startup: {
    // Remember which page content MathJax typeset when it started.
    pageReady: () => MathJax.startup.defaultPageReady().then(() => {
      typesetContent = document.querySelector("article");
    }),
  },
};

// Instant navigation swaps the page content without reloading scripts, so new content
// must be typeset again. The first page is typeset by MathJax itself when it has
// loaded (possibly after this first runs); typesetting it a second time after
// clearing the cache would strip the font rules of the math already on screen, so
// only content MathJax has not seen is processed. Chaining on startup.promise keeps
// typesetting calls from overlapping during fast navigation.
let typesetContent = null;

document$.subscribe(() => {
  const startup = window.MathJax && window.MathJax.startup;
  if (!startup || !startup.promise) return;
  startup.promise = startup.promise.then(() => {
    const content = document.querySelector("article");
    if (content === typesetContent) return;
    typesetContent = content;
    startup.output.clearCache();
    MathJax.typesetClear();
    MathJax.texReset();
    return MathJax.typesetPromise();
  });
});
