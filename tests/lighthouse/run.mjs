// Lighthouse's mobile preset (a mid-range phone on a slow 4G link, simulated) on each page, with one
// Chromium for all of them. Usage: node run.mjs <chromium> <site URL> <page path>...
// Prints one JSON line per page: its scores (0-100), key metrics, and the audits that failed.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const [chromePath, siteUrl, ...pages] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  for (const path of pages) {
    const {lhr} = await lighthouse(siteUrl + path, {
      port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"],
    });
    const metric = (id) => lhr.audits[id].numericValue;
    const failed = Object.values(lhr.audits)
      .filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== "informative")
      .map((audit) => `${audit.id}: ${audit.displayValue || audit.title}`);
    console.log(JSON.stringify({
      path,
      performance: Math.round(lhr.categories.performance.score * 100),
      accessibility: Math.round(lhr.categories.accessibility.score * 100),
      first_contentful_paint_ms: Math.round(metric("first-contentful-paint")),
      largest_contentful_paint_ms: Math.round(metric("largest-contentful-paint")),
      total_blocking_time_ms: Math.round(metric("total-blocking-time")),
      cumulative_layout_shift: Number(metric("cumulative-layout-shift").toFixed(3)),
      transfer_kib: Math.round(metric("total-byte-weight") / 1024),
      failed,
    }));
  }
} finally {
  await chrome.kill();
}
