// Reads a bibliography file as citation-js does (its BibTeX and RIS plugins), a reader other
// than the edition's own: prints the CSL-JSON items it makes of it.
//   node tests/js/read_bib.js FILE.bib|FILE.ris   ->   [{"id": ..., "author": [...], ...}, ...]
// tests/test_exports.py checks that each corporate author is one name and no undated work a year.
const fs = require("fs");
const { Cite } = require("@citation-js/core");
require("@citation-js/plugin-bibtex");
require("@citation-js/plugin-ris");

const [path] = process.argv.slice(2);
const type = path.endsWith(".ris") ? "@ris/file" : "@biblatex/text";
const items = new Cite(fs.readFileSync(path, "utf8"), { forceType: type }).data;
process.stdout.write(JSON.stringify(items));
