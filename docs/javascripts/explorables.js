// Explorables: interactive figures, each an ES module in javascripts/explorables/. A page
// that has one holds an element <div class="explorable" data-explorable="NAME">; NAME.js is
// fetched only on that page, when the element comes near the screen, and its start(element)
// runs once per element. Material's instant navigation brings new elements, which start anew.
(() => {
  "use strict";
  const modules = new URL("explorables/", document.currentScript.src);

  function start(element) {
    if (element.hasAttribute("data-explorable-started")) return;
    element.setAttribute("data-explorable-started", "");
    import(new URL(`${element.dataset.explorable}.js`, modules).href)
      .then((module) => module.start(element))
      .catch((error) => console.error(`explorable ${element.dataset.explorable}:`, error));
  }

  const near = "IntersectionObserver" in window ? new IntersectionObserver((entries, observer) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        observer.unobserve(entry.target);
        start(entry.target);
      }
    }
  }, { rootMargin: "300px 0px" }) : null;

  function startAll() {
    document.querySelectorAll("[data-explorable]:not([data-explorable-started])")
      .forEach((element) => (near ? near.observe(element) : start(element)));
  }
  if (window.document$) window.document$.subscribe(startAll);
  else startAll();
})();
