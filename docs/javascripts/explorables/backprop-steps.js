// Backprop, step by step (backpropagation chapter): the chapter's computational graph with the
// numbers of its worked example, four examples through a 3 → 4 → 2 network. "Next" takes the
// forward pass one node at a time, then the seven backward steps of the chapter's two-layer
// table; each step lights up the edges it uses and shows the matrix it computes. The
// arithmetic is snippets' forward, softmax, cross_entropy and backward, redone here in
// float64; tests/test_explorables.py holds every matrix to NumPy's.

import { html, status, svg } from "./dom.js";

// The worked example (snippets/examples/backpropagation.py, section worked_backward).
export const EXAMPLE = {
  X: [[2, -2, -2], [-1, -2, 2], [2, 0, -2], [-2, -1, 0]],
  W1: [[-1.6, -0.2, -0.7, 2.7], [0.2, -0.3, -0.2, -0.5], [-0.9, -0.3, 0.4, -0.2]],
  b1: [1.0, -0.1, -0.1, 0.5],
  W2: [[0.7, -0.1], [0.0, 1.1], [0.4, -0.4], [-0.1, 0.4]],
  b2: [-0.4, -0.1],
  Y: [[0, 1], [1, 0], [0, 1], [0, 1]],                       // the classes 1, 0, 1, 1, one-hot
};

const transpose = (A) => A[0].map((_, j) => A.map((row) => row[j]));
const matmul = (A, B) => A.map((row) => B[0].map((_, j) => row.reduce((sum, a, k) => sum + a * B[k][j], 0)));
const addRow = (A, b) => A.map((row) => row.map((a, j) => a + b[j]));
const map = (A, f) => A.map((row, i) => row.map((a, j) => f(a, i, j)));
const columnSums = (A) => A[0].map((_, j) => A.reduce((sum, row) => sum + row[j], 0));
function logSoftmax(row) {                                     // z − max − log Σ e^(z − max), as snippets.losses
  const top = Math.max(...row), shifted = row.map((z) => z - top);
  const logSum = Math.log(shifted.reduce((sum, z) => sum + Math.exp(z), 0));
  return shifted.map((z) => z - logSum);
}

// Every matrix of the forward and the backward pass, as the chapter's code computes them.
export function workedExample({ X, W1, b1, W2, b2, Y } = EXAMPLE) {
  const m = X.length;
  const Z1 = addRow(matmul(X, W1), b1);
  const A1 = map(Z1, (z) => Math.max(z, 0));
  const Z2 = addRow(matmul(A1, W2), b2);
  const Yhat = Z2.map((row) => logSoftmax(row).map(Math.exp));
  const L = -Z2.map(logSoftmax).reduce((sum, row, i) => sum + row.reduce((s, l, k) => s + Y[i][k] * l, 0), 0) / m;
  const dZ2 = map(Yhat, (p, i, k) => (p - Y[i][k]) / m);
  const dW2 = matmul(transpose(A1), dZ2);
  const db2 = columnSums(dZ2);
  const dA1 = matmul(dZ2, transpose(W2));
  const dZ1 = map(dA1, (d, i, j) => (Z1[i][j] > 0 ? d : 0));  // ReLU′(z) = 1 where z > 0, else 0
  const dW1 = matmul(transpose(X), dZ1);
  const db1 = columnSums(dZ1);
  return { X, W1, b1, W2, b2, Y, Z1, A1, Z2, Yhat, L, dZ2, dW2, db2, dA1, dZ1, dW1, db1 };
}

// The steps, in order: what each computes, from what, along which edges of the graph.
const STEPS = [
  { key: "Z1", pass: "forward", formula: "Z[1] = X W[1] + b[1]", edges: ["X-Z1", "W1-Z1", "b1-Z1"] },
  { key: "A1", pass: "forward", formula: "A[1] = ReLU(Z[1])", edges: ["Z1-A1"] },
  { key: "Z2", pass: "forward", formula: "Z[2] = A[1] W[2] + b[2]", edges: ["A1-Z2", "W2-Z2", "b2-Z2"] },
  { key: "Yhat", pass: "forward", formula: "Ŷ = softmax(Z[2]), row by row", edges: ["Z2-Yhat"] },
  { key: "L", pass: "forward", formula: "L = −(1/m) Σ Y ⊙ log Ŷ, the cross-entropy", edges: ["Yhat-L", "Y-L"] },
  { key: "dZ2", pass: "backward", formula: "dZ[2] = (Ŷ − Y)/m", edges: ["L-Z2"] },
  { key: "dW2", pass: "backward", formula: "dW[2] = A[1]ᵀ dZ[2]", edges: ["Z2-W2"] },
  { key: "db2", pass: "backward", formula: "db[2] = the column sums of dZ[2]", edges: ["Z2-b2"] },
  { key: "dA1", pass: "backward", formula: "dA[1] = dZ[2] W[2]ᵀ", edges: ["Z2-A1"] },
  { key: "dZ1", pass: "backward", formula: "dZ[1] = dA[1] ⊙ ReLU′(Z[1])", edges: ["A1-Z1"] },
  { key: "dW1", pass: "backward", formula: "dW[1] = Xᵀ dZ[1]", edges: ["Z1-W1"] },
  { key: "db1", pass: "backward", formula: "db[1] = the column sums of dZ[1]", edges: ["Z1-b1"] },
];

// The graph: the chain down the middle, the parameters and targets on the right.
const NODES = {
  X: [110, 22, "X"], Z1: [110, 92, "Z[1]"], A1: [110, 162, "A[1]"], Z2: [110, 232, "Z[2]"], Yhat: [110, 302, "Ŷ"],
  L: [110, 372, "L"], W1: [250, 62, "W[1]"], b1: [250, 112, "b[1]"], W2: [250, 202, "W[2]"], b2: [250, 252, "b[2]"],
  Y: [250, 352, "Y"],
};
const FORWARD = ["X-Z1", "W1-Z1", "b1-Z1", "Z1-A1", "A1-Z2", "W2-Z2", "b2-Z2", "Z2-Yhat", "Yhat-L", "Y-L"];
const BACKWARD = ["L-Z2", "Z2-W2", "Z2-b2", "Z2-A1", "A1-Z1", "Z1-W1", "Z1-b1"];
const BOX = { width: 64, height: 30 };
const show = (x) => (Math.abs(x) < 5e-4 ? "0.000" : x.toFixed(3)).replace("-", "−");

function drawGraph(chart) {
  const defs = svg("defs", {}, chart);
  for (const pass of ["forward", "backward"]) {
    const marker = svg("marker", { id: `backprop-steps-${pass}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, markerUnits: "userSpaceOnUse", orient: "auto" }, defs);
    svg("path", { d: "M0,0L10,5L0,10Z", class: `explorable__arrowhead explorable__arrowhead--${pass}` }, marker);
  }
  const edges = {};
  const edge = (name, pass) => {
    const [from, to] = name.split("-").map((node) => NODES[node]);
    let d;
    if (pass === "backward" && from[0] === to[0]) {            // back up the chain: a curve on the left
      const x = from[0] - BOX.width / 2, bulge = x - 26 - Math.abs(from[1] - to[1]) / 12;
      d = `M${x},${from[1]}C${bulge},${from[1]} ${bulge},${to[1]} ${x},${to[1]}`;
    } else {
      const [x1, y1, x2, y2] = [from[0], from[1], to[0], to[1]];
      const sx = x1 === x2 ? x1 : x1 + Math.sign(x2 - x1) * BOX.width / 2;
      const ex = x1 === x2 ? x2 : x2 - Math.sign(x2 - x1) * BOX.width / 2;
      const shift = pass === "backward" ? 7 : -3;              // a gradient's arrow runs beside the value's, not on it
      const sy = x1 === x2 ? y1 + Math.sign(y2 - y1) * BOX.height / 2 : y1 + shift;
      const ey = x1 === x2 ? y2 - Math.sign(y2 - y1) * BOX.height / 2 : y2 + shift;
      d = `M${sx},${sy}L${ex},${ey}`;
    }
    edges[`${pass}:${name}`] = svg("path", { d, class: `explorable__edge explorable__edge--${pass}`, "marker-end": `url(#backprop-steps-${pass})` }, chart);
  };
  FORWARD.forEach((name) => edge(name, "forward"));
  BACKWARD.forEach((name) => edge(name, "backward"));
  const nodes = {};
  for (const [key, [x, y, label]] of Object.entries(NODES)) {
    const group = svg("g", { class: "explorable__node" }, chart);
    svg("rect", { x: x - BOX.width / 2, y: y - BOX.height / 2, width: BOX.width, height: BOX.height, rx: 5 }, group);
    svg("text", { x, y: y + 5, "text-anchor": "middle" }, group).textContent = label;
    nodes[key] = group;
  }
  return { edges, nodes };
}

export function start(root) {
  const values = workedExample();
  const buttons = html("div", { className: "explorable__buttons" }, root);
  const back = html("button", { type: "button", className: "md-button" }, buttons, "Back");
  const next = html("button", { type: "button", className: "md-button" }, buttons, "Next");
  const reset = html("button", { type: "button", className: "md-button" }, buttons, "Start again");
  const layout = html("div", { className: "explorable__columns" }, root);
  const chart = svg("svg", { viewBox: "0 0 300 392", class: "explorable__graph", "aria-hidden": "true" }, layout);
  const { edges, nodes } = drawGraph(chart);
  const panel = html("div", { className: "explorable__panel" }, layout);
  const said = status(root);
  let current = -1;                                            // before the first step

  function render(announce) {
    Object.values(edges).forEach((path) => path.classList.remove("explorable__edge--on"));
    Object.values(nodes).forEach((group) => group.classList.remove("explorable__node--on"));
    panel.replaceChildren();
    let text;
    if (current < 0) {
      text = `The worked example: ${values.X.length} examples through a 3 → 4 → 2 network. Next takes the ` +
        `forward pass node by node, then the ${STEPS.filter((s) => s.pass === "backward").length} steps of the backward pass.`;
      html("p", {}, panel, text);
    } else {
      const step = STEPS[current];
      step.edges.forEach((name) => edges[`${step.pass}:${name}`].classList.add("explorable__edge--on"));
      nodes[step.pass === "backward" ? step.key.slice(1) : step.key].classList.add("explorable__node--on");
      const value = values[step.key];
      const rows = Array.isArray(value) ? (Array.isArray(value[0]) ? value : [value]) : [[value]];
      const shape = Array.isArray(value) ? (Array.isArray(value[0]) ? `${value.length} × ${value[0].length}` : `1 × ${value.length}`) : "a number";
      html("p", { className: "explorable__step" }, panel, `Step ${current + 1} of ${STEPS.length}, ${step.pass}: ${step.formula}`);
      const table = html("table", { className: "explorable__matrix" }, panel);
      html("caption", {}, table, `${step.key === "Yhat" ? "Ŷ" : step.formula.split(" =")[0]} (${shape})`);
      const body = html("tbody", {}, table);
      rows.forEach((row) => {
        const tr = html("tr", {}, body);
        row.forEach((entry) => html("td", {}, tr, show(entry)));
      });
      text = `Step ${current + 1} of ${STEPS.length}, ${step.pass} pass: ${step.formula}, ${shape}` +
        (Array.isArray(value) ? `; first row ${rows[0].map(show).join(", ")}.` : `: ${show(value)}.`);
    }
    if (announce) said.textContent = text;
  }

  // The buttons stay enabled (a disabled button would drop the keyboard's focus); at either end they say so.
  next.addEventListener("click", () => {
    if (current === STEPS.length - 1) said.textContent = "That was the last step; Start again goes back to the beginning.";
    else { current += 1; render(true); }
  });
  back.addEventListener("click", () => {
    if (current < 0) said.textContent = "This is the beginning; Next takes the first step.";
    else { current -= 1; render(true); }
  });
  reset.addEventListener("click", () => { current = -1; render(true); });
  render(false);
  root.dataset.ready = "true";
}
