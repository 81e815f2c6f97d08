// Turns TeX into MathML with MathJax 3's TeX input, once, while the site builds.
//
// Usage: node mathrender.js <folder of MathJax's es5 files>
// Reads one JSON array per line on stdin, a page's formulas as [tex, display] pairs, and writes
// one JSON object per line: {"mathml": [<math> element per formula], "errors": [[tex, message], ...]}.
// The build (snippets/sitebuild/mathml.py) rewrites this MathML into the MathML Core that
// browsers lay out themselves, so pages run no math script.
const path = require("path");
const readline = require("readline");

const root = path.resolve(process.argv[2]);
require(path.join(root, "node-main.js")).init({
  loader: {paths: {mathjax: root}, load: ["input/tex"]},
  tex: {
    // An unknown macro is an error, not red text on the page.
    packages: {"[-]": ["noundefined"]},
    formatError: (jax, error) => { throw error; },
  },
}).then((MathJax) => {
  let queue = Promise.resolve();  // one page at a time, in order
  readline.createInterface({input: process.stdin}).on("line", (line) => queue = queue.then(async () => {
    const mathml = [], errors = [];
    for (const [tex, display] of JSON.parse(line)) {
      try {
        mathml.push(await MathJax.tex2mmlPromise(tex, {display}));
      } catch (error) {
        mathml.push("");
        errors.push([tex, error.message]);
      }
    }
    process.stdout.write(JSON.stringify({mathml, errors}) + "\n");
  }));
}).catch((error) => {
  console.error(error);
  process.exit(1);
});
