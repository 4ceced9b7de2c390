// A reader's notes as Markdown (CommonMark), for people: by section in reading order, each
// note its quoted words, its text, its ¶ link (to the words, a text fragment) and its
// citation. Each note begins with an HTML comment holding what a person does not read (its
// id, dates and the quote's context and position), so that the file imports back: the words,
// text and link are read from the Markdown itself, so a note corrected in the file imports
// corrected. Leading spaces of a line are not kept (the JSON-LD export keeps every character).
const MARK = "reader-note";
const COMMENT = new RegExp(`^<!-- ${MARK} (.*) -->\\s*$`);
const HEAD = /^<!-- reader-notes (.*) -->\s*$/; // the collection: its id and name
const LINK = /^\[¶\s*\d+\]\(<?([^)\s>]+)>?\)/;
const PARAGRAPH = /^p[1-9][0-9]*$/;

// Markdown's special characters as text: a backslash before each, and before what would
// start a heading, list or rule at the start of a line.
function escapeLine(line) {
  const text = line.trim().replace(/[\\`*_[\]<>|~&!]/g, "\\$&");
  return text.replace(/^([-+=#])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2");
}
const escapeText = (text) => text.split("\n").map(escapeLine).join("\n");
const unescape = (line) => line.replace(/\\([!-/:-@[-`{-~])/g, "$1");
const comment = (data, mark = MARK) => `<!-- ${mark} ${JSON.stringify(data).replace(/--/g, "-\\u002d")} -->`;

// entries: [{section, label ("¶ 11"), quote, text, link, inText, reference, data}] in order;
// collection: {id, label}.
export function toMarkdown({ title, intro, collection, entries }) {
  const lines = [`# ${escapeLine(title)}`, "", comment(collection, "reader-notes"), "", escapeText(intro)];
  let section = null;
  for (const entry of entries) {
    if (entry.section !== section) {
      section = entry.section;
      lines.push("", `## ${escapeLine(section)}`);
    }
    lines.push("", comment(entry.data), "");
    lines.push(...escapeText(entry.quote).split("\n").map((line) => `> ${line}`));
    if (entry.text) lines.push("", escapeText(entry.text).replace(/\n{2,}/g, "\n\n"));
    const citation = [entry.inText, entry.reference].filter(Boolean).map(escapeLine).join(" ");
    lines.push("", `[${entry.label}](<${entry.link}>)` + (citation ? " · " + citation : ""));
  }
  return `${lines.join("\n")}\n`;
}

// The notes of a Markdown file My notes exported: {id, label, notes: [{id, created, modified,
// source, paragraph, quote: {exact, prefix, suffix}, position, text}]}. Throws naming the line
// of the first problem.
export function fromMarkdown(markdown) {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const starts = lines.flatMap((line, index) => (COMMENT.test(line) ? [index] : []));
  if (!starts.length) throw new Error(`it holds no notes in the form My notes exports (each begins with a line <!-- ${MARK} … -->)`);
  const head = lines.find((line) => HEAD.test(line));
  let collection = {};
  try { collection = head ? JSON.parse(HEAD.exec(head)[1]) || {} : {}; } catch { collection = {}; }
  return {
    id: typeof collection.id === "string" ? collection.id : null,
    label: typeof collection.label === "string" ? collection.label : null,
    notes: starts.map((start, n) => note(lines, start, n + 1 < starts.length ? starts[n + 1] : lines.length)),
  };
}

function note(lines, start, stop) {
  const at = (index) => `line ${index + 1}`;
  let data;
  try {
    data = JSON.parse(COMMENT.exec(lines[start])[1]);
  } catch {
    throw new Error(`${at(start)}: the note's data in the comment is not valid JSON`);
  }
  if (!data || typeof data !== "object") throw new Error(`${at(start)}: the note's data in the comment is not a JSON object`);
  let index = start + 1;
  while (index < stop && !lines[index].trim()) index += 1;
  const quote = [];
  for (; index < stop && lines[index].startsWith(">"); index += 1) quote.push(unescape(lines[index].replace(/^> ?/, "")));
  if (!quote.join("").trim()) throw new Error(`${at(start)}: the note has no quoted words (lines starting with "> " after the comment)`);
  const body = [];
  for (; index < stop && !LINK.test(lines[index]); index += 1) body.push(lines[index]);
  if (index >= stop) throw new Error(`${at(start)}: the note has no ¶ link (a line starting [¶ 12](address#p12))`);
  const link = LINK.exec(lines[index])[1];
  const hash = link.indexOf("#");
  const paragraph = hash < 0 ? "" : link.slice(hash + 1).split(":~:")[0];
  if (!PARAGRAPH.test(paragraph)) throw new Error(`${at(index)}: the ¶ link does not end in a paragraph's address (#p12)`);
  const text = body.map(unescape).join("\n").replace(/^\s+|\s+$/g, "");
  return {
    id: typeof data.id === "string" ? data.id : null,
    created: data.created,
    modified: data.modified,
    source: typeof data.source === "string" ? data.source : link.slice(0, hash),
    paragraph,
    quote: { exact: quote.join("\n"), prefix: String(data.prefix || ""), suffix: String(data.suffix || "") },
    position: Number.isInteger(data.start) && Number.isInteger(data.end) ? { start: data.start, end: data.end } : null,
    text,
  };
}

// An id for a note that came without one: the same for the same note, so that importing
// it twice adds it once.
export function contentId(note) {
  const text = `${note.paragraph}\u0000${note.quote.exact}\u0000${note.text}`;
  const hex = [0x811c9dc5, 0x01000193, 0x5bd1e995, 0x27d4eb2f].map((seed) => {
    let hash = seed;
    for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
    return hash.toString(16).padStart(8, "0");
  }).join("");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
