// Typesets TeX into finished CommonHTML markup with MathJax 3, once, while the site builds.
//
// Usage: node mathrender.js <folder of MathJax's es5 files>
// Reads one JSON array per line on stdin, a page's formulas as [tex, display] pairs, and writes
// one JSON object per line: {"html": [markup per formula], "css": the rules and @font-face
// declarations that page needs, "errors": [[tex, message], ...]}. Each formula's markup carries
// a hidden MathML copy (assistive-mml) that screen readers read. Fonts are referenced as
// "@FONTS@/<file>.woff", for the build to point at where the site serves them.
const path = require("path");
const readline = require("readline");

const root = path.resolve(process.argv[2]);
require(path.join(root, "node-main.js")).init({
  loader: {paths: {mathjax: root}, load: ["input/tex", "output/chtml", "a11y/assistive-mml"]},
  tex: {
    // An unknown macro is an error, not red text on the page.
    packages: {"[-]": ["noundefined"]},
    formatError: (jax, error) => { throw error; },
  },
  chtml: {fontURL: "@FONTS@", adaptiveCSS: true},
}).then((MathJax) => {
  const adaptor = MathJax.startup.adaptor;
  // The metrics MathJax would read from the page: 16 px text, an 8 px ex, the widest column.
  const metrics = {em: 16, ex: 8, containerWidth: 1280};
  let queue = Promise.resolve();
  readline.createInterface({input: process.stdin}).on("line", (line) => {
    // One page at a time, in order: the stylesheet collects what this page's formulas use.
    queue = queue.then(async () => {
      MathJax.startup.output.clearCache();
      const html = [], errors = [];
      for (const [tex, display] of JSON.parse(line)) {
        try {
          html.push(adaptor.outerHTML(await MathJax.tex2chtmlPromise(tex, {display, ...metrics})));
        } catch (error) {
          html.push("");
          errors.push([tex, error.message]);
        }
      }
      const css = adaptor.textContent(MathJax.chtmlStylesheet());
      process.stdout.write(JSON.stringify({html, css, errors}) + "\n");
    });
  });
}).catch((error) => {
  console.error(error);
  process.exit(1);
});
