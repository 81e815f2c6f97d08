// Gradient descent, your learning rate (gradient descent chapter): the chapter's narrow bowl
// L(θ) = ½ θHθᵀ with H = diag(1, 10), as contours. The reader sets the learning rate η, the
// momentum β, the number of steps and the start (sliders, or a click on the plot) and sees the
// path and the loss after every step, including divergence. descend, quadratic and
// quadratic_grad are snippets/gradient_descent.py's, and the step is snippets/optimizers.py's
// Momentum (β = 0 is plain gradient descent); tests/test_explorables.py holds them to NumPy.

import { formatNumber, html, status, superscript, svg } from "./dom.js";

export const H = [[1, 0], [0, 10]];                          // the chapter's bowl (snippets/figures/gradient_descent.py)

// θH for a row θ, and L(θ) = ½ θHθᵀ.
export const quadraticGrad = (theta) => [theta[0] * H[0][0] + theta[1] * H[1][0], theta[0] * H[0][1] + theta[1] * H[1][1]];
export const quadratic = (theta) => {
  const g = quadraticGrad(theta);
  return 0.5 * (g[0] * theta[0] + g[1] * theta[1]);
};

// Every point of `steps` momentum steps from θ: v ← βv − η ∂L/∂θ, θ ← θ + v, from v = 0.
export function descend(theta, learningRate, beta, steps) {
  let point = [...theta], velocity = [0, 0];
  const path = [point];
  for (let step = 0; step < steps; step++) {
    const grad = quadraticGrad(point);
    velocity = velocity.map((v, i) => beta * v - learningRate * grad[i]);
    point = point.map((value, i) => value + velocity[i]);
    path.push(point);
  }
  return path;
}

const X_RANGE = [-10, 10], Y_RANGE = [-4, 4];
const PLOT = { width: 400, height: 230, left: 30, right: 8, top: 8, bottom: 22 };
const LOSS = { width: 400, height: 130, left: 46, right: 8, top: 8, bottom: 22, lowest: -12, highest: 4 };
const LEVELS = [0.05, 0.2, 0.8, 3.2, 12.8, 51.2];            // contours of equal loss, each 4 times the last

let instances = 0;

export function start(root) {
  const id = `gradient-descent-live-${++instances}`;
  const controls = html("div", { className: "explorable__controls" }, root);
  const slider = (label, name, min, max, step, value, digits) => {
    const wrapper = html("label", {}, controls, label);
    const output = html("output", {}, wrapper);
    const input = html("input", { type: "range", name, min, max, step, value }, wrapper);
    return { input, output, digits };
  };
  const sliders = {
    eta: slider("Learning rate η = ", "eta", 0.005, 0.25, 0.005, 0.15, 3),
    beta: slider("Momentum β = ", "beta", 0, 0.99, 0.01, 0, 2),
    steps: slider("Steps: ", "steps", 1, 100, 1, 25, 0),
    theta1: slider("Start θ₁ = ", "theta1", -9.5, 9.5, 0.5, -9, 1),
    theta2: slider("Start θ₂ = ", "theta2", -3.5, 3.5, 0.25, 1.5, 2),
  };
  const plot = svg("svg", { viewBox: `0 0 ${PLOT.width} ${PLOT.height}`, class: "explorable__plane explorable__contours",
                            "aria-hidden": "true" }, root);
  const readout = html("p", { className: "explorable__readout" }, root);
  const losses = svg("svg", { viewBox: `0 0 ${LOSS.width} ${LOSS.height}`, class: "explorable__bars", "aria-hidden": "true" }, root);
  const said = status(root);

  const x = (value) => PLOT.left + ((value - X_RANGE[0]) / (X_RANGE[1] - X_RANGE[0])) * (PLOT.width - PLOT.left - PLOT.right);
  const y = (value) => PLOT.top + ((Y_RANGE[1] - value) / (Y_RANGE[1] - Y_RANGE[0])) * (PLOT.height - PLOT.top - PLOT.bottom);

  function describe(path, eta, beta) {
    const first = quadratic(path[0]), last = quadratic(path.at(-1)), steps = path.length - 1;
    const setting = `η = ${eta}${beta ? `, β = ${beta}` : " (no momentum)"}`;
    const verdict = !Number.isFinite(last) || last > first
      ? "The steps overshoot and grow: gradient descent diverges."
      : last < 1e-6 ? "It has reached the minimum (loss below 10⁻⁶)." : "It is on its way down.";
    return (`${setting}, from (${path[0].join(", ")}): the loss goes from ${formatNumber(first)} to ` +
      `${formatNumber(last)} in ${steps} ${steps === 1 ? "step" : "steps"}. ${verdict}`).replaceAll("-", "−");
  }

  function draw(announce) {
    const value = (name) => Number(sliders[name].input.value);
    for (const { input, output, digits } of Object.values(sliders)) output.textContent = Number(input.value).toFixed(digits).replace("-", "−");
    const eta = value("eta"), beta = value("beta"), start = [value("theta1"), value("theta2")];
    const path = descend(start, eta, beta, value("steps"));

    plot.replaceChildren();
    const clip = svg("clipPath", { id: `${id}-clip` }, svg("defs", {}, plot));
    svg("rect", { x: x(X_RANGE[0]), y: y(Y_RANGE[1]), width: x(X_RANGE[1]) - x(X_RANGE[0]), height: y(Y_RANGE[0]) - y(Y_RANGE[1]) }, clip);
    const axes = svg("g", { class: "explorable__axes" }, plot);
    for (const level of LEVELS) {                              // ½(θ₁² + 10θ₂²) = c is an ellipse
      svg("ellipse", { cx: x(0), cy: y(0), rx: x(Math.sqrt(2 * level)) - x(0), ry: y(0) - y(Math.sqrt(level / 5)),
                       class: "explorable__contour", "clip-path": `url(#${id}-clip)` }, axes);
    }
    for (const tick of [-8, -4, 0, 4, 8]) svg("text", { x: x(tick), y: PLOT.height - 6, "text-anchor": "middle" }, axes).textContent = String(tick).replace("-", "−");
    for (const tick of [-3, 0, 3]) svg("text", { x: PLOT.left - 5, y: y(tick) + 4, "text-anchor": "end" }, axes).textContent = String(tick).replace("-", "−");
    svg("text", { x: x(X_RANGE[1]), y: y(0) - 5, "text-anchor": "end" }, axes).textContent = "θ₁";
    svg("text", { x: x(0) + 6, y: y(Y_RANGE[1]) + 10 }, axes).textContent = "θ₂";
    svg("path", { d: "M0,-6L1.8,-1.9L6,-1.9L2.6,0.7L3.7,5L0,2.4L-3.7,5L-2.6,0.7L-6,-1.9L-1.8,-1.9Z",
                  transform: `translate(${x(0)},${y(0)})`, class: "explorable__minimum" }, axes);
    const shown = path.filter((point) => point.every(Number.isFinite)).map((point) => point.map((v) => Math.max(-1e4, Math.min(1e4, v))));
    const walk = svg("g", { "clip-path": `url(#${id}-clip)` }, plot);
    svg("path", { d: shown.map((p, i) => `${i ? "L" : "M"}${x(p[0]).toFixed(2)},${y(p[1]).toFixed(2)}`).join(""), class: "explorable__path" }, walk);
    shown.forEach((p, i) => svg("circle", { cx: x(p[0]), cy: y(p[1]), r: i ? 2.5 : 5, class: i ? "explorable__step" : "explorable__point" }, walk));

    drawLosses(path.map(quadratic));
    const text = describe(path, eta, beta);
    readout.textContent = text;
    if (announce) said.textContent = text;
  }

  function drawLosses(values) {
    losses.replaceChildren();
    const { lowest, highest } = LOSS;
    const ly = (power) => LOSS.top + ((highest - Math.max(lowest, Math.min(highest, power))) / (highest - lowest)) * (LOSS.height - LOSS.top - LOSS.bottom);
    const lx = (step) => LOSS.left + (step / Math.max(1, values.length - 1)) * (LOSS.width - LOSS.left - LOSS.right);
    const axes = svg("g", { class: "explorable__axes" }, losses);
    for (const power of [4, 0, -4, -8, -12]) {
      svg("line", { x1: LOSS.left, x2: LOSS.width - LOSS.right, y1: ly(power), y2: ly(power), class: "explorable__grid" }, axes);
      svg("text", { x: LOSS.left - 5, y: ly(power) + 4, "text-anchor": "end" }, axes).textContent = power ? `10${superscript(power)}` : "1";
    }
    svg("text", { x: LOSS.left, y: LOSS.height - 6 }, axes).textContent = "loss per step (log scale)";
    svg("text", { x: LOSS.width - LOSS.right, y: LOSS.height - 6, "text-anchor": "end" }, axes).textContent = `step ${values.length - 1}`;
    const points = values.map((value, step) => `${step ? "L" : "M"}${lx(step).toFixed(2)},${ly(Number.isFinite(value) && value > 0 ? Math.log10(value) : highest).toFixed(2)}`);
    svg("path", { d: points.join(""), class: "explorable__path" }, losses);
  }

  for (const { input } of Object.values(sliders)) {
    input.addEventListener("input", () => draw(false));     // while dragging: the path follows
    input.addEventListener("change", () => draw(true));     // let go, or a key press: said once
  }
  plot.addEventListener("click", (event) => {                // a click sets the start
    const box = plot.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * PLOT.width, py = ((event.clientY - box.top) / box.height) * PLOT.height;
    const theta1 = X_RANGE[0] + ((px - PLOT.left) / (PLOT.width - PLOT.left - PLOT.right)) * (X_RANGE[1] - X_RANGE[0]);
    const theta2 = Y_RANGE[1] - ((py - PLOT.top) / (PLOT.height - PLOT.top - PLOT.bottom)) * (Y_RANGE[1] - Y_RANGE[0]);
    sliders.theta1.input.value = theta1;                     // the sliders round to their steps
    sliders.theta2.input.value = theta2;
    draw(true);
  });
  draw(false);
  root.dataset.ready = "true";
}
