// Under the title of every notebook page: download the .ipynb, and open it in Google Colab.
//
// mkdocs-jupyter (include_source: true) publishes each notebook next to its page:
// chapters/x/ -> chapters/x/x.ipynb. Colab opens a notebook straight from GitHub, so its
// link needs the repository, which only the deploy build knows (REPO_URL -> repo_url,
// shown by Material as the header's source link). Without a GitHub repository there is
// no Colab link rather than a broken one.
(() => {
  "use strict";

  const GITHUB = /^https:\/\/github\.com\/([^/]+)\/([^/#?]+?)(?:\.git)?\/?$/;

  function colabUrl(pagePath) {
    const source = document.querySelector("a.md-source");
    const match = source && GITHUB.exec(source.href);
    if (!match) return null;
    return `https://colab.research.google.com/github/${match[1]}/${match[2]}/blob/main/docs/${pagePath}.ipynb`;
  }

  function link(href, text, title) {
    return Object.assign(document.createElement("a"), { href, textContent: text, title, className: "md-button" });
  }

  function addLinks() {
    const title = document.querySelector("article .jupyter-wrapper h1");
    if (!title || document.querySelector("article .notebook-links")) return;
    // The page path inside the site (and inside docs/): chapters/x for .../chapters/x/.
    const root = new URL(document.querySelector("a.md-logo").href);
    const pagePath = decodeURIComponent(window.location.pathname.slice(root.pathname.length)).replace(/\/(index\.html)?$/, "");
    const name = pagePath.split("/").pop();
    const links = Object.assign(document.createElement("p"), { className: "notebook-links" });
    const download = link(new URL(`${pagePath}/${name}.ipynb`, root).href, "Download the notebook", `${name}.ipynb: run it in Jupyter`);
    download.setAttribute("download", "");
    links.append(download);
    const colab = colabUrl(pagePath);
    if (colab) links.append(link(colab, "Open in Colab", "Run this notebook in Google Colab"));
    title.after(links);
  }

  if (window.document$) window.document$.subscribe(addLinks);
  else addLinks();
})();
