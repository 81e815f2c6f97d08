// Perceptron, live (perceptron chapter): the reader places points of two classes on the plane
// (a click, or the arrow keys and Enter), or takes a logic gate's truth table, and runs the
// perceptron rule one example, one epoch or many epochs at a time, watching the boundary move.
// predict, update and trainPerceptron are snippets/perceptron.py's, from w = 0 and b = 0, and
// tests/test_explorables.py holds them to it.

import { html, status, svg } from "./dom.js";

export const GATES = {                                       // snippets/perceptron.py's LOGIC_GATES
  AND: [0, 0, 0, 1],
  OR: [0, 1, 1, 1],
  XOR: [0, 1, 1, 0],
};
export const GATE_INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];

// ŷ = step(x·w + b), with step(0) = 1.
export const predict = (x, w, b) => (x[0] * w[0] + x[1] * w[1] + b >= 0 ? 1 : 0);

// The perceptron rule for one example: w ← w + η(y − ŷ)x, b ← b + η(y − ŷ).
export function update(x, y, w, b, learningRate = 1) {
  const error = y - predict(x, w, b);
  return [[w[0] + learningRate * error * x[0], w[1] + learningRate * error * x[1]], b + learningRate * error];
}

// The examples in order, epochs times, from w = 0, b = 0: the final w, b and the mistakes per epoch.
export function trainPerceptron(X, y, learningRate = 1, epochs = 20) {
  let w = [0, 0], b = 0;
  const mistakes = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    let wrong = 0;
    X.forEach((x, i) => {
      wrong += predict(x, w, b) !== y[i];
      [w, b] = update(x, y[i], w, b, learningRate);
    });
    mistakes.push(wrong);
  }
  return { w, b, mistakes };
}

const LOW = -0.5, HIGH = 1.5, SIZE = 320, MARGIN = 26, GRID = 0.25, MAX_EPOCHS = 100;
const toPixel = (value) => MARGIN + ((value - LOW) / (HIGH - LOW)) * (SIZE - 2 * MARGIN);
const toPixelY = (value) => SIZE - toPixel(value);
const fromPixel = (pixel) => LOW + ((pixel - MARGIN) / (SIZE - 2 * MARGIN)) * (HIGH - LOW);
const snap = (value) => Math.min(HIGH, Math.max(LOW, Math.round(value / GRID) * GRID));
const show = (value) => String(Number(value.toFixed(3))).replace("-", "−");

// The part of the plane where x·w + b ≥ 0 (the perceptron says 1), as a polygon clipped to the square.
function positiveSide(w, b) {
  const corners = [[LOW, LOW], [HIGH, LOW], [HIGH, HIGH], [LOW, HIGH]];
  const value = ([x1, x2]) => x1 * w[0] + x2 * w[1] + b;
  const polygon = [];
  corners.forEach((corner, i) => {
    const next = corners[(i + 1) % 4], here = value(corner), there = value(next);
    if (here >= 0) polygon.push(corner);
    if ((here >= 0) !== (there >= 0)) {
      const t = here / (here - there);
      polygon.push([corner[0] + t * (next[0] - corner[0]), corner[1] + t * (next[1] - corner[1])]);
    }
  });
  return polygon;
}

let instances = 0;

export function start(root) {
  const instance = ++instances;
  const state = { points: [], w: [0, 0], b: 0, next: 0, updates: 0, epochs: 0, mistakes: [], wrongThisEpoch: 0,
                  cursor: [0.5, 0.5], running: null };
  const controls = html("div", { className: "explorable__controls" }, root);
  const gateLabel = html("label", {}, controls, "Points ");
  const gate = html("select", { name: "points" }, gateLabel);
  for (const name of [...Object.keys(GATES), "your own"]) html("option", { value: name }, gate, name === "your own" ? "your own (click the plane)" : `${name} gate`);
  const classes = html("fieldset", { className: "explorable__choice" }, controls);
  html("legend", {}, classes, "A click adds");
  const classInputs = [1, 0].map((label) => {
    const wrapper = html("label", {}, classes);
    const input = html("input", { type: "radio", name: `perceptron-live-class-${instance}`, value: label, checked: label === 1 }, wrapper);
    wrapper.append(label === 1 ? " class 1 (disc)" : " class 0 (square)");
    return input;
  });
  const buttons = html("div", { className: "explorable__buttons" }, root);
  const stepButton = html("button", { type: "button", className: "md-button" }, buttons, "Step");
  const epochButton = html("button", { type: "button", className: "md-button" }, buttons, "Epoch");
  const runButton = html("button", { type: "button", className: "md-button" }, buttons, "Run 20 epochs");
  const resetButton = html("button", { type: "button", className: "md-button" }, buttons, "Reset w and b");

  const plane = svg("svg", { viewBox: `0 0 ${SIZE} ${SIZE}`, class: "explorable__plane", tabindex: "0", role: "application",
                             "aria-label": "The input plane. Arrow keys move the cursor, Enter adds a point of the chosen class, Delete removes the last point." }, root);
  const readout = html("p", { className: "explorable__readout" }, root);
  const said = status(root);

  function loadGate() {
    if (gate.value !== "your own") state.points = GATE_INPUTS.map((x, i) => ({ x, y: GATES[gate.value][i] }));
    reset();
  }

  function reset() {
    stop();
    Object.assign(state, { w: [0, 0], b: 0, next: 0, updates: 0, epochs: 0, mistakes: [], wrongThisEpoch: 0 });
  }

  // One example, in order: the rule's update, counted as a mistake of the current epoch if ŷ ≠ y.
  function stepOnce() {
    if (!state.points.length) return;
    const { x, y } = state.points[state.next];
    const wrong = predict(x, state.w, state.b) !== y;
    [state.w, state.b] = update(x, y, state.w, state.b);
    state.updates += wrong;
    state.wrongThisEpoch += wrong;
    state.next = (state.next + 1) % state.points.length;
    if (state.next === 0) {
      state.mistakes.push(state.wrongThisEpoch);
      state.epochs += 1;
      state.wrongThisEpoch = 0;
    }
  }

  function epoch() {
    if (!state.points.length) return;
    do stepOnce(); while (state.next !== 0);
  }

  function stop() {
    clearInterval(state.running);
    state.running = null;
    runButton.textContent = "Run 20 epochs";
  }

  function run() {
    if (state.running) { stop(); draw(true); return; }
    const target = Math.min(MAX_EPOCHS, state.epochs + 20);
    const finish = () => { stop(); draw(true); };
    if (matchMedia("(prefers-reduced-motion: reduce)").matches) {   // no animation: only the result
      while (state.epochs < target && state.points.length) epoch();
      finish();
      return;
    }
    runButton.textContent = "Stop";
    state.running = setInterval(() => {
      epoch();
      const settled = state.mistakes.at(-1) === 0;
      if (state.epochs >= target || settled || !state.points.length) finish();
      else draw(false);
    }, 250);
  }

  function describe() {
    const n = state.points.length;
    if (!n) return "No points yet: click the plane, or use the arrow keys and Enter, to add some.";
    const boundary = state.w[0] === 0 && state.w[1] === 0
      ? `w = (0, 0): no boundary; the perceptron says ${state.b >= 0 ? 1 : 0} everywhere`
      : `w = (${show(state.w[0])}, ${show(state.w[1])}), b = ${show(state.b)}`;
    const last = state.mistakes.length ? `, ${state.mistakes.at(-1)} ${state.mistakes.at(-1) === 1 ? "mistake" : "mistakes"} in the last one` : "";
    const settled = state.mistakes.at(-1) === 0 ? " Settled: every point is on its side." : "";
    const wrong = state.points.filter(({ x, y }) => predict(x, state.w, state.b) !== y).length;
    return `${boundary}. ${state.updates} ${state.updates === 1 ? "update" : "updates"} after ${state.epochs} ` +
      `${state.epochs === 1 ? "epoch" : "epochs"}${last}; ${wrong} of ${n} points on the wrong side now.${settled}`;
  }

  function draw(announce) {
    plane.replaceChildren();
    const clip = svg("clipPath", { id: `perceptron-live-clip-${instance}` }, svg("defs", {}, plane));
    svg("rect", { x: toPixel(LOW), y: toPixelY(HIGH), width: toPixel(HIGH) - toPixel(LOW), height: toPixel(HIGH) - toPixel(LOW) }, clip);
    const side = positiveSide(state.w, state.b);
    if (side.length) svg("polygon", { points: side.map(([a, c]) => `${toPixel(a)},${toPixelY(c)}`).join(" "), class: "explorable__region" }, plane);
    const axes = svg("g", { class: "explorable__axes" }, plane);
    svg("rect", { x: toPixel(LOW), y: toPixelY(HIGH), width: toPixel(HIGH) - toPixel(LOW), height: toPixel(HIGH) - toPixel(LOW), fill: "none" }, axes);
    for (const tick of [0, 1]) {
      svg("line", { x1: toPixel(tick), x2: toPixel(tick), y1: toPixelY(LOW), y2: toPixelY(HIGH), class: "explorable__grid" }, axes);
      svg("line", { x1: toPixel(LOW), x2: toPixel(HIGH), y1: toPixelY(tick), y2: toPixelY(tick), class: "explorable__grid" }, axes);
      svg("text", { x: toPixel(tick), y: SIZE - 8, "text-anchor": "middle" }, axes).textContent = String(tick);
      svg("text", { x: MARGIN - 8, y: toPixelY(tick) + 4, "text-anchor": "end" }, axes).textContent = String(tick);
    }
    svg("text", { x: toPixel(HIGH), y: SIZE - 8, "text-anchor": "end" }, axes).textContent = "x₁";
    svg("text", { x: MARGIN - 8, y: toPixelY(HIGH) + 10, "text-anchor": "end" }, axes).textContent = "x₂";
    if (state.w[0] !== 0 || state.w[1] !== 0) {               // the line x·w + b = 0, drawn across the square
      const far = 10, [w1, w2] = state.w, norm = w1 * w1 + w2 * w2;
      const [px, py] = [(-state.b * w1) / norm, (-state.b * w2) / norm];   // its point nearest the origin
      svg("line", { x1: toPixel(px - far * w2), y1: toPixelY(py + far * w1), x2: toPixel(px + far * w2), y2: toPixelY(py - far * w1),
                    class: "explorable__boundary", "clip-path": `url(#perceptron-live-clip-${instance})` }, plane);
    }
    state.points.forEach(({ x, y }, i) => {
      const cx = toPixel(x[0]), cy = toPixelY(x[1]);
      const wrong = predict(x, state.w, state.b) !== y;
      if (y === 1) svg("circle", { cx, cy, r: 9, class: "explorable__class1" }, plane);
      else svg("rect", { x: cx - 8, y: cy - 8, width: 16, height: 16, class: "explorable__class0" }, plane);
      if (wrong) svg("circle", { cx, cy, r: 14, class: "explorable__wrong" }, plane);
      if (i === state.next && state.updates + state.epochs > 0) svg("circle", { cx, cy, r: 18, class: "explorable__next" }, plane);
    });
    const [cx, cy] = [toPixel(state.cursor[0]), toPixelY(state.cursor[1])];   // shown while the keyboard is on the plane
    svg("path", { d: `M${cx - 10},${cy}H${cx + 10}M${cx},${cy - 10}V${cy + 10}`, class: "explorable__cursor" }, plane);
    const text = describe();
    readout.textContent = text;
    if (announce) said.textContent = text;
  }

  function addPoint(x) {
    const label = classInputs[0].checked ? 1 : 0;
    state.points.push({ x, y: label });
    gate.value = "your own";
    reset();
    draw(false);
    said.textContent = `Added a class ${label} point at (${show(x[0])}, ${show(x[1])}); ${state.points.length} points. ${describe()}`;
  }

  gate.addEventListener("change", () => { loadGate(); draw(true); });
  stepButton.addEventListener("click", () => { stop(); stepOnce(); draw(true); });
  epochButton.addEventListener("click", () => { stop(); epoch(); draw(true); });
  runButton.addEventListener("click", run);
  resetButton.addEventListener("click", () => { reset(); draw(true); });
  plane.addEventListener("click", (event) => {
    const box = plane.getBoundingClientRect();
    const x = [snap(fromPixel(((event.clientX - box.left) / box.width) * SIZE)), snap(fromPixel(SIZE - ((event.clientY - box.top) / box.height) * SIZE))];
    addPoint(x);
  });
  plane.addEventListener("keydown", (event) => {
    const moves = { ArrowLeft: [-GRID, 0], ArrowRight: [GRID, 0], ArrowUp: [0, GRID], ArrowDown: [0, -GRID] };
    if (moves[event.key]) {
      state.cursor = state.cursor.map((value, i) => snap(value + moves[event.key][i]));
      draw(false);
      said.textContent = `Cursor at (${show(state.cursor[0])}, ${show(state.cursor[1])})`;
    } else if (event.key === "Enter" || event.key === " ") {
      addPoint([...state.cursor]);
    } else if (event.key === "Delete" || event.key === "Backspace") {
      if (!state.points.length) return;
      state.points.pop();
      gate.value = "your own";
      reset();
      draw(true);
    } else {
      return;
    }
    event.preventDefault();
  });
  loadGate();
  draw(false);
  root.dataset.ready = "true";
}
