// What every explorable draws with: SVG and HTML elements, and numbers as the book prints them.

const SVG = "http://www.w3.org/2000/svg";

// A new SVG element with these attributes, appended to parent if one is given.
export function svg(name, attributes = {}, parent = null) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (parent) parent.append(element);
  return element;
}

// A new HTML element with these properties and text, appended to parent if one is given.
export function html(name, properties = {}, parent = null, text = null) {
  const element = Object.assign(document.createElement(name), properties);
  if (text !== null) element.textContent = text;
  if (parent) parent.append(element);
  return element;
}

// A live region that a screen reader reads out when its text changes, not shown on screen.
export function status(parent) {
  const element = html("p", { className: "explorable__status visually-hidden" }, parent);
  element.setAttribute("role", "status");
  return element;
}

export const superscript = (n) => String(n).replace("-", "⁻").replace(/\d/g, (d) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[d]);

// Three significant digits, as the chapters' tables print them; powers of ten for tiny and huge numbers.
export function formatNumber(x) {
  if (!Number.isFinite(x)) return "∞";
  if (x === 0) return "0";
  if (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4) return String(Number(x.toPrecision(3)));
  const [mantissa, exponent] = x.toExponential(2).split("e");
  return `${mantissa} × 10${superscript(Number(exponent))}`;
}
