// Activation explorer (activation functions chapter): pick a function and a point z; see f(z),
// f′(z) and the tangent line there, and what a stack of such units does to a gradient
// passing down through it. The functions are those of snippets/activations.py, written the
// same way (the same branches, expm1, the exact erf), and tests/test_explorables.py holds
// them, and stackedDerivative, to NumPy's values in float64.

import { formatNumber, html, status, superscript, svg } from "./dom.js";

const ALPHA_LEAKY = 0.01, ALPHA_ELU = 1.0;                 // the defaults of snippets/activations.py
const sigmoid = (z) => {
  const e = Math.exp(-Math.abs(z));                        // never overflows: the exponent is ≤ 0
  return z >= 0 ? 1 / (1 + e) : e / (1 + e);
};
const normalCdf = (z) => 0.5 * (1 + erf(z / Math.SQRT2));
const GELU_C = Math.sqrt(2 / Math.PI), GELU_K = 0.044715;

// erf by its Taylor series, Σ (−1)ⁿ x²ⁿ⁺¹ / (n! (2n + 1)) · 2/√π. For |x| ≤ 4 the terms stay
// below e¹⁶ ≈ 10⁷, so float64's rounding leaves an error under 10⁻⁹; beyond, erf is ±1 less
// erfc(x) ≈ e^(−x²)/(x√π), which is below 2·10⁻⁸ there.
export function erf(x) {
  if (Math.abs(x) > 4) return Math.sign(x) * (1 - Math.exp(-x * x) / (Math.abs(x) * Math.sqrt(Math.PI)));
  let term = x, sum = x;
  for (let n = 1; Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

export const ACTIVATIONS = {
  sigmoid: { label: "sigmoid", symbol: "sigmoid", f: sigmoid, grad: (z) => sigmoid(z) * (1 - sigmoid(z)) },
  tanh: { label: "tanh", symbol: "tanh", f: Math.tanh, grad: (z) => 1 - Math.tanh(z) ** 2 },
  relu: { label: "ReLU", symbol: "ReLU", f: (z) => Math.max(z, 0), grad: (z) => (z > 0 ? 1 : 0) },
  leaky_relu: { label: "Leaky ReLU (α = 0.01)", symbol: "LeakyReLU", f: (z) => (z > 0 ? z : ALPHA_LEAKY * z), grad: (z) => (z > 0 ? 1 : ALPHA_LEAKY) },
  elu: {
    label: "ELU (α = 1)", symbol: "ELU", f: (z) => (z > 0 ? z : ALPHA_ELU * Math.expm1(Math.min(z, 0))),
    grad: (z) => (z > 0 ? 1 : ALPHA_ELU * Math.exp(Math.min(z, 0))),
  },
  swish: { label: "Swish", symbol: "Swish", f: (z) => z * sigmoid(z), grad: (z) => sigmoid(z) + z * sigmoid(z) * (1 - sigmoid(z)) },
  gelu: { label: "GELU", symbol: "GELU", f: (z) => z * normalCdf(z), grad: (z) => normalCdf(z) + (z * Math.exp(-0.5 * z * z)) / Math.sqrt(2 * Math.PI) },
  gelu_tanh: {
    label: "GELU (tanh approximation)", symbol: "GELU_tanh",
    f: (z) => 0.5 * z * (1 + Math.tanh(GELU_C * (z + GELU_K * z ** 3))),
    grad: (z) => {
      const t = Math.tanh(GELU_C * (z + GELU_K * z ** 3));
      return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * GELU_C * (1 + 3 * GELU_K * z * z);
    },
  },
};

// ∂a_n/∂z for n = 1 … layers, where a_0 = z and a_k = f(a_{k−1}): the product f′(a_0)···f′(a_{n−1}).
export function stackedDerivative(name, z, layers) {
  const { f, grad } = ACTIVATIONS[name];
  const products = [];
  let a = z, product = 1;
  for (let k = 0; k < layers; k++) {
    product *= grad(a);
    a = f(a);
    products.push(product);
  }
  return products;
}

const Z_MIN = -5, Z_MAX = 5, SAMPLES = 241, MAX_LAYERS = 20;
const PLOT = { width: 400, height: 250, left: 34, right: 8, top: 10, bottom: 24 };
const BARS = { width: 400, height: 150, left: 46, right: 8, top: 8, bottom: 22, lowest: -16, highest: 1 };

let instances = 0;

export function start(root) {
  const id = `activation-explorer-${++instances}`;
  const controls = html("div", { className: "explorable__controls" }, root);

  const functionLabel = html("label", {}, controls, "Function ");
  const select = html("select", { name: "activation" }, functionLabel);
  for (const [name, { label }] of Object.entries(ACTIVATIONS)) html("option", { value: name }, select, label);

  const slider = (label, attributes) => {
    const wrapper = html("label", {}, controls, label);
    const output = html("output", {}, wrapper);
    const input = html("input", { type: "range", ...attributes }, wrapper);
    return { input, output };
  };
  const zControl = slider("z = ", { name: "z", min: Z_MIN, max: Z_MAX, step: 0.05, value: 1 });
  const layersControl = slider("Stacked layers: ", { name: "layers", min: 1, max: MAX_LAYERS, step: 1, value: 10 });

  const plot = svg("svg", { viewBox: `0 0 ${PLOT.width} ${PLOT.height}`, class: "explorable__plot", "aria-hidden": "true" }, root);
  const readout = html("p", { className: "explorable__readout" }, root);
  const bars = svg("svg", { viewBox: `0 0 ${BARS.width} ${BARS.height}`, class: "explorable__bars", "aria-hidden": "true" }, root);
  const said = status(root);                               // read out once per change; the readout shows it

  function draw(announce) {
    const name = select.value, z = Number(zControl.input.value), layers = Number(layersControl.input.value);
    const { symbol, f, grad } = ACTIVATIONS[name];
    zControl.output.textContent = z.toFixed(2);
    layersControl.output.textContent = String(layers);
    drawPlot(plot, f, grad, z, id);
    const products = stackedDerivative(name, z, layers);
    drawBars(bars, products);
    const last = products[layers - 1];
    const text = `${symbol}(${z.toFixed(2)}) = ${formatNumber(f(z))}, its slope ${symbol}′(${z.toFixed(2)}) = ` +
      `${formatNumber(grad(z))}. Through ${layers} stacked ${symbol} ${layers === 1 ? "layer" : "layers"}, ` +
      `a gradient is multiplied by ${formatNumber(last)}.`;
    readout.textContent = text;
    if (announce) said.textContent = text;
  }

  select.addEventListener("change", () => draw(true));
  for (const { input } of [zControl, layersControl]) {
    input.addEventListener("input", () => draw(false));     // while dragging: the picture follows
    input.addEventListener("change", () => draw(true));     // let go, or a key press: said once
  }
  draw(false);
  root.dataset.ready = "true";
}

function drawPlot(chart, f, grad, z, id) {
  chart.replaceChildren();
  const zs = Array.from({ length: SAMPLES }, (_, i) => Z_MIN + ((Z_MAX - Z_MIN) * i) / (SAMPLES - 1));
  const values = zs.flatMap((x) => [f(x), grad(x)]);
  const low = Math.min(-0.5, Math.floor(Math.min(...values) * 2) / 2);
  const high = Math.max(1, Math.ceil(Math.max(...values) * 2) / 2);
  const x = (value) => PLOT.left + ((value - Z_MIN) / (Z_MAX - Z_MIN)) * (PLOT.width - PLOT.left - PLOT.right);
  const y = (value) => PLOT.top + ((high - value) / (high - low)) * (PLOT.height - PLOT.top - PLOT.bottom);

  const clip = svg("clipPath", { id: `${id}-clip` }, svg("defs", {}, chart));
  svg("rect", { x: PLOT.left, y: PLOT.top, width: PLOT.width - PLOT.left - PLOT.right, height: PLOT.height - PLOT.top - PLOT.bottom }, clip);
  const axes = svg("g", { class: "explorable__axes" }, chart);
  svg("line", { x1: x(Z_MIN), x2: x(Z_MAX), y1: y(0), y2: y(0) }, axes);
  svg("line", { x1: x(0), x2: x(0), y1: y(high), y2: y(low) }, axes);
  for (let tick = -4; tick <= 4; tick += 2) {
    svg("text", { x: x(tick), y: PLOT.height - 6, "text-anchor": "middle" }, axes).textContent = String(tick).replace("-", "−");
  }
  const yStep = high - low > 4 ? 1 : 0.5;
  for (let tick = Math.ceil(low / yStep) * yStep; tick <= high; tick += yStep) {
    if (tick === 0) continue;
    svg("text", { x: PLOT.left - 5, y: y(tick) + 4, "text-anchor": "end" }, axes).textContent = String(tick).replace("-", "−");
  }
  svg("text", { x: PLOT.width - PLOT.right, y: y(0) - 6, "text-anchor": "end" }, axes).textContent = "z";

  const curves = svg("g", { "clip-path": `url(#${id}-clip)` }, chart);
  const path = (fn) => zs.map((value, i) => `${i ? "L" : "M"}${x(value).toFixed(2)},${y(fn(value)).toFixed(2)}`).join("");
  svg("path", { d: path(grad), class: "explorable__derivative" }, curves);
  svg("path", { d: path(f), class: "explorable__function" }, curves);
  const fz = f(z), slope = grad(z);
  svg("line", { x1: x(z - 2), y1: y(fz - 2 * slope), x2: x(z + 2), y2: y(fz + 2 * slope), class: "explorable__tangent" }, curves);
  svg("circle", { cx: x(z), cy: y(fz), r: 5, class: "explorable__point" }, curves);

  const legend = svg("g", { class: "explorable__legend" }, chart);
  [["explorable__function", "f(z)"], ["explorable__derivative", "f′(z)"], ["explorable__tangent", "tangent at z"]]
    .forEach(([className, text], row) => {
      const top = PLOT.top + 12 + 16 * row;
      svg("line", { x1: PLOT.left + 10, x2: PLOT.left + 34, y1: top - 4, y2: top - 4, class: className }, legend);
      svg("text", { x: PLOT.left + 40, y: top }, legend).textContent = text;
    });
}

function drawBars(chart, products) {
  chart.replaceChildren();
  const { lowest, highest } = BARS;
  const y = (power) => BARS.top + ((highest - power) / (highest - lowest)) * (BARS.height - BARS.top - BARS.bottom);
  const slot = (BARS.width - BARS.left - BARS.right) / MAX_LAYERS;
  const axes = svg("g", { class: "explorable__axes" }, chart);
  for (const power of [0, -4, -8, -12, -16]) {
    svg("line", { x1: BARS.left, x2: BARS.width - BARS.right, y1: y(power), y2: y(power), class: power ? "explorable__grid" : "" }, axes);
    svg("text", { x: BARS.left - 5, y: y(power) + 4, "text-anchor": "end" }, axes).textContent =
      power ? `10${superscript(power)}` : "1";
  }
  products.forEach((product, k) => {
    const left = BARS.left + k * slot + 2;
    if ((k + 1) % 5 === 0 || k === 0) {
      svg("text", { x: left + slot / 2 - 2, y: BARS.height - 6, "text-anchor": "middle" }, axes).textContent = String(k + 1);
    }
    if (product === 0) return;                             // no bar: the gradient stops here
    const power = Math.max(lowest, Math.min(highest, Math.log10(Math.abs(product))));
    svg("rect", { x: left, width: slot - 4, y: y(power), height: y(lowest) - y(power), class: "explorable__bar" }, chart);
  });
}
