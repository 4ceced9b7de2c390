// Renders CSL-JSON with citeproc-js (through citation-js), a CSL processor other than pandoc:
//   node tests/js/render_csl.js ITEMS.json STYLE.csl   ->   {"id": "entry as plain text", ...}
// tests/test_exports.py compares what it prints with the /bibliography/ page pandoc made.
const fs = require("fs");
const { Cite, plugins } = require("@citation-js/core");
require("@citation-js/plugin-csl");

const [items, stylePath] = process.argv.slice(2);
const data = JSON.parse(fs.readFileSync(items, "utf8"));
plugins.config.get("@csl").styles.add("edition", fs.readFileSync(stylePath, "utf8"));
// All at once, as on the page, so same-author same-year works get their a, b, c.
const entries = new Cite(data).format("bibliography",
  { format: "text", template: "edition", lang: "en-US", asEntryArray: true });
process.stdout.write(JSON.stringify(Object.fromEntries(entries.map(([id, text]) => [id, text.trim()]))));
