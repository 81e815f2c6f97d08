// Draw-a-digit demo: the MNIST network trained while the site was built, run in the page.
//
// Any element <div class="digit-demo" data-model="../../models/mnist-mlp-demo.bin"
// data-digits="../../models/mnist-demo-digits.json"> becomes a drawing pad, a Clear button,
// a "Show a test digit" button (the keyboard's way in: it puts a real MNIST test digit on
// the pad) and a bar chart of the ten class probabilities. Both files are written by
// snippets/demo_export.py (export_for_browser, export_test_digits); `preprocess` and
// `predict` below do exactly what its NumPy reference does, and the tests compare them.
// A screen reader hears the result once per stroke, per test digit and per Clear.
// Vanilla JavaScript, no dependency: window.DigitDemo exposes the pieces to the tests.
(() => {
  "use strict";

  const FORMAT = "nn-textbook-browser-mlp/1", DIGITS_FORMAT = "nn-textbook-demo-digits/1";
  const SIZE = 28, BOX = 20;          // MNIST: digits fit a 20 × 20 box, centred in 28 × 28
  const PAD = 280, STROKE = 20;       // drawing pad in canvas pixels, pen width

  // ---- the model file ---------------------------------------------------------------

  function halfToFloat(bits) {        // one IEEE 754 half-precision number
    const sign = bits & 0x8000 ? -1 : 1, exponent = (bits >> 10) & 0x1f, fraction = bits & 0x3ff;
    if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);          // subnormal
    if (exponent === 31) return fraction ? NaN : sign * Infinity;
    return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
  }

  function parseModel(buffer) {
    const length = new DataView(buffer).getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, length)));
    if (header.format !== FORMAT) throw new Error(`expected model format ${FORMAT}, got ${header.format}`);
    const halves = new Uint16Array(buffer, 4 + length);   // float16, little-endian like every browser
    let offset = 0;
    const take = (count) => Float32Array.from(halves.subarray(offset, offset += count), halfToFloat);
    const layers = header.activations.map((activation, l) => {
      const nIn = header.sizes[l], nOut = header.sizes[l + 1];
      return { nIn, nOut, activation, W: take(nIn * nOut), b: take(nOut) };
    });
    if (offset !== halves.length) throw new Error("model file: arrays do not match the layer sizes");
    return layers;
  }

  const files = new Map();            // url -> Promise of its parsed content: each file is fetched once
  function fetchOnce(url, read, parse) {
    if (!files.has(url)) {
      files.set(url, fetch(url).then((response) => {
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        return read(response);
      }).then(parse));
    }
    return files.get(url);
  }
  const loadModel = (url) => fetchOnce(url, (response) => response.arrayBuffer(), parseModel);

  // [{index, label, pixels: 784 grey levels 0-255}]: one MNIST test image of each digit.
  function parseDigits(file) {
    if (file.format !== DIGITS_FORMAT) throw new Error(`expected ${DIGITS_FORMAT}, got ${file.format}`);
    return file.digits;
  }
  const loadDigits = (url) => fetchOnce(url, (response) => response.json(), parseDigits);

  // ---- the network ------------------------------------------------------------------

  const ACTIVATIONS = {
    identity: (z) => z,
    relu: (z) => Math.max(z, 0),
    sigmoid: (z) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))),
    tanh: Math.tanh,
  };

  function softmax(z) {
    const top = Math.max(...z);      // shift so that exp never overflows
    const e = z.map((v) => Math.exp(v - top));
    const total = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / total);
  }

  // Probabilities of the 10 digits for one image x (784 numbers in [0, 1]):
  // a = f(a W + b) layer by layer, W of shape (n_in, n_out) stored row after row, then softmax.
  function predict(layers, x) {
    let a = Float64Array.from(x);
    for (const { nIn, nOut, activation, W, b } of layers) {
      const z = Float64Array.from(b);
      for (let i = 0; i < nIn; i++) {
        if (a[i] === 0) continue;     // most pixels are blank
        const row = i * nOut;
        for (let j = 0; j < nOut; j++) z[j] += a[i] * W[row + j];
      }
      const f = ACTIVATIONS[activation];
      if (!f) throw new Error(`unknown activation ${activation}`);
      a = z.map(f);
    }
    return softmax(Array.from(a));
  }

  // ---- preprocessing, as in MNIST (and snippets/demo_export.py: preprocess) ----------

  // Resize n_in pixels to n_out by area averaging: output pixel j covers the input
  // interval [j n_in/n_out, (j+1) n_in/n_out), each input pixel weighted by its overlap.
  function areaWeights(nIn, nOut) {
    const rows = [];
    for (let j = 0; j < nOut; j++) {
      const start = j * nIn / nOut, end = (j + 1) * nIn / nOut, weights = [];
      for (let i = Math.floor(start); i < Math.min(Math.ceil(end), nIn); i++) {
        const overlap = Math.min(end, i + 1) - Math.max(start, i);
        if (overlap > 0) weights.push([i, overlap * nOut / nIn]);
      }
      rows.push(weights);
    }
    return rows;
  }

  // ink: numbers in [0, 1] (1 = full ink), row after row, width × height. Returns 784
  // pixels of an MNIST-like digit, or null when nothing is drawn.
  function preprocess(ink, width, height) {
    let top = height, bottom = -1, left = width, right = -1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (ink[y * width + x] > 0) {
          top = Math.min(top, y); bottom = Math.max(bottom, y);
          left = Math.min(left, x); right = Math.max(right, x);
        }
      }
    }
    if (bottom < 0) return null;
    const boxHeight = bottom - top + 1, boxWidth = right - left + 1;
    const scale = BOX / Math.max(boxHeight, boxWidth);
    const h = Math.max(1, Math.floor(boxHeight * scale + 0.5)), w = Math.max(1, Math.floor(boxWidth * scale + 0.5));
    // Scale the box: columns first (boxHeight × w), then rows (h × w).
    const across = areaWeights(boxWidth, w), down = areaWeights(boxHeight, h);
    const wide = new Float64Array(boxHeight * w);
    for (let y = 0; y < boxHeight; y++) {
      for (let x = 0; x < w; x++) {
        let sum = 0;
        for (const [i, weight] of across[x]) sum += weight * ink[(top + y) * width + left + i];
        wide[y * w + x] = sum;
      }
    }
    const small = new Float64Array(h * w);
    for (let y = 0; y < h; y++) {
      for (const [i, weight] of down[y]) {
        for (let x = 0; x < w; x++) small[y * w + x] += weight * wide[i * w + x];
      }
    }
    const darkest = Math.max(...small);
    let mass = 0, sumY = 0, sumX = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const v = (small[y * w + x] /= darkest);
        mass += v; sumY += v * (y + 0.5); sumX += v * (x + 0.5);   // pixel i spans [i, i+1)
      }
    }
    const clamp = (v, high) => Math.min(Math.max(v, 0), high);
    const offsetY = clamp(Math.floor(SIZE / 2 - sumY / mass + 0.5), SIZE - h);
    const offsetX = clamp(Math.floor(SIZE / 2 - sumX / mass + 0.5), SIZE - w);
    const image = new Float32Array(SIZE * SIZE);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) image[(offsetY + y) * SIZE + offsetX + x] = small[y * w + x];
    }
    return image;
  }

  // The ink on a canvas: its alpha channel in [0, 1] (strokes are drawn on a transparent pad).
  function inkOf(canvas) {
    const { data } = canvas.getContext("2d", { willReadFrequently: true })
      .getImageData(0, 0, canvas.width, canvas.height);
    const ink = new Float32Array(canvas.width * canvas.height);
    for (let k = 0; k < ink.length; k++) ink[k] = data[4 * k + 3] / 255;
    return ink;
  }

  // ---- the page element -------------------------------------------------------------

  function element(tag, properties = {}, children = []) {
    const node = Object.assign(document.createElement(tag), properties);
    node.append(...children);
    return node;
  }

  function build(container) {
    const pad = element("canvas", { className: "digit-demo__pad", width: PAD, height: PAD });
    pad.setAttribute("role", "img");
    pad.setAttribute("aria-label", "Drawing pad: draw one digit, 0 to 9, with the mouse, a finger or a pen");
    const clear = element("button", { type: "button", className: "md-button digit-demo__clear", textContent: "Clear" });
    clear.setAttribute("aria-label", "Clear the drawing pad");
    const sample = element("button", { type: "button", className: "md-button digit-demo__sample",
      textContent: "Show a test digit", disabled: true });
    const seen = element("canvas", { className: "digit-demo__seen", width: SIZE, height: SIZE });
    seen.setAttribute("role", "img");
    seen.setAttribute("aria-label", "Your drawing as the network sees it: 28 by 28 pixels");
    const answer = element("p", { className: "digit-demo__answer", textContent: "Loading the network…" });
    // The answer changes with every movement of the pen; the status, read out, once per action.
    const status = element("p", { className: "digit-demo__status visually-hidden" });  // the chart shows it
    status.setAttribute("role", "status");
    const bars = [];
    const chart = element("ol", { className: "digit-demo__chart" }, Array.from({ length: 10 }, (_, digit) => {
      const value = element("span", { className: "digit-demo__value", textContent: "–" });
      const bar = element("span", { className: "digit-demo__bar" });
      const item = element("li", {}, [value, element("span", { className: "digit-demo__track" }, [bar]),
        element("span", { className: "digit-demo__digit", textContent: String(digit) })]);
      bars.push({ item, value, bar });
      return item;
    }));
    chart.setAttribute("aria-label", "Probability of each digit, 0 to 9");
    container.replaceChildren(
      element("div", { className: "digit-demo__drawing" }, [
        pad,
        element("div", { className: "digit-demo__side" }, [
          element("div", { className: "digit-demo__buttons" }, [clear, sample]),
          element("figure", { className: "digit-demo__figure" }, [
            seen, element("figcaption", { textContent: "what the network sees" })]),
        ]),
      ]),
      element("div", { className: "digit-demo__result" }, [answer, chart]),
      status,
    );
    return { pad, clear, sample, seen, answer, status, bars };
  }

  function show(view, probabilities, image) {
    const best = probabilities ? probabilities.indexOf(Math.max(...probabilities)) : -1;
    view.bars.forEach(({ item, value, bar }, digit) => {
      const p = probabilities ? probabilities[digit] : 0;
      bar.style.height = `${(100 * p).toFixed(2)}%`;
      item.classList.toggle("digit-demo__best", digit === best);
      item.dataset.probability = String(p);
      value.textContent = probabilities ? `${Math.round(100 * p)}%` : "–";
    });
    const text = probabilities
      ? `The network reads ${best === 8 ? "an" : "a"} ${best} (probability ${Math.round(100 * probabilities[best])}%).`
      : "Draw a digit in the box.";
    if (view.answer.textContent !== text) view.answer.textContent = text;
    view.answer.dataset.prediction = probabilities ? String(best) : "";
    const context = view.seen.getContext("2d");
    const pixels = context.createImageData(SIZE, SIZE);
    for (let k = 0; k < SIZE * SIZE; k++) {
      pixels.data.set([0, 0, 0, Math.round(255 * (image ? image[k] : 0))], 4 * k);
    }
    context.putImageData(pixels, 0, 0);
  }

  function init(container) {
    container.dataset.ready = "loading";
    const view = build(container);
    const context = view.pad.getContext("2d", { willReadFrequently: true });
    context.lineWidth = STROKE;
    context.lineCap = context.lineJoin = "round";
    let layers = null, last = null, frame = 0;

    const update = () => {
      frame = 0;
      const image = preprocess(inkOf(view.pad), PAD, PAD);
      show(view, layers && image ? predict(layers, image) : null, image);
    };
    const schedule = () => { frame = frame || requestAnimationFrame(update); };
    const announce = (prefix = "") => {   // the result as it stands now, read out once
      if (frame) cancelAnimationFrame(frame);
      update();
      view.status.textContent = prefix + view.answer.textContent;
    };

    const point = (event) => {       // page coordinates to canvas pixels, whatever the CSS size
      const { pad } = view, r = pad.getBoundingClientRect();
      return [(event.clientX - r.left - pad.clientLeft) * PAD / pad.clientWidth,
        (event.clientY - r.top - pad.clientTop) * PAD / pad.clientHeight];
    };
    const start = (event) => {
      last = point(event);
      context.beginPath();
      context.arc(last[0], last[1], STROKE / 2, 0, 2 * Math.PI);   // a tap leaves a dot
      context.fill();
      schedule();
    };
    const move = (event) => {
      if (!last) return;
      const next = point(event);
      context.beginPath();
      context.moveTo(...last);
      context.lineTo(...next);
      context.stroke();
      last = next;
      schedule();
    };
    const end = () => {
      if (last) announce();
      last = null;
    };

    if (window.PointerEvent) {       // mouse, touch and pen alike
      view.pad.addEventListener("pointerdown", (event) => {
        if (event.button !== 0) return;
        view.pad.setPointerCapture(event.pointerId);
        start(event);
      });
      view.pad.addEventListener("pointermove", move);
      for (const type of ["pointerup", "pointercancel"]) view.pad.addEventListener(type, end);
    } else {                         // older browsers: mouse and touch events
      view.pad.addEventListener("mousedown", start);
      view.pad.addEventListener("mousemove", move);
      window.addEventListener("mouseup", end);
      const touch = (handler) => (event) => { event.preventDefault(); handler(event.changedTouches[0]); };
      view.pad.addEventListener("touchstart", touch(start), { passive: false });
      view.pad.addEventListener("touchmove", touch(move), { passive: false });
      view.pad.addEventListener("touchend", end);
      view.pad.addEventListener("touchcancel", end);
    }
    view.clear.addEventListener("click", () => {
      context.clearRect(0, 0, PAD, PAD);
      announce();
    });

    let digits = [], next = 0;
    view.sample.addEventListener("click", () => {
      const { index, label, pixels } = digits[next];
      next = (next + 1) % digits.length;
      context.clearRect(0, 0, PAD, PAD);
      const cell = PAD / SIZE;            // each of the 28 × 28 pixels as a square of ink
      for (let k = 0; k < SIZE * SIZE; k++) {
        if (!pixels[k]) continue;
        context.globalAlpha = pixels[k] / 255;
        context.fillRect((k % SIZE) * cell, Math.floor(k / SIZE) * cell, cell, cell);
      }
      context.globalAlpha = 1;
      announce(`MNIST test image ${index}, a ${label}. `);
    });

    const url = new URL(container.dataset.model, window.location.href).href;
    const loadAndShow = () => loadModel(url).then((loaded) => {
      layers = loaded;
      container.dataset.ready = "true";
      update();
      if (container.dataset.digits) {
        loadDigits(new URL(container.dataset.digits, window.location.href).href).then((loadedDigits) => {
          digits = loadedDigits;
          view.sample.disabled = false;
        }, (error) => console.error("digit demo, test digits:", error));
      }
    }, (error) => {
      container.dataset.ready = "failed";
      view.answer.textContent = "The trained network could not be loaded, so the demo is unavailable.";
      console.error("digit demo:", error);
    });
    // The model is 400 KB: a reader who never scrolls to the demo never downloads it.
    if (!("IntersectionObserver" in window)) return loadAndShow();
    const watcher = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      watcher.disconnect();
      loadAndShow();
    }, { rootMargin: "600px 0px" });
    watcher.observe(container);
  }

  function initAll() {
    document.querySelectorAll(".digit-demo:not([data-ready])").forEach(init);
  }

  window.DigitDemo = { loadModel, loadDigits, parseModel, predict, preprocess, inkOf, initAll };
  // Material's instant navigation swaps the page content without reloading this script:
  // document$ emits for every page shown, and only new containers are set up.
  if (window.document$) window.document$.subscribe(initAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initAll);
  else initAll();
})();
