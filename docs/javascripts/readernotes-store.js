// A reader's notes as W3C Web Annotations, kept in this browser's localStorage (issue 26):
// nothing is sent anywhere. One key holds them all, so that every release of the edition on
// this address (/0.2.0/, /0.3.0/, ...) shows the same notes:
//   {version: 1, notes: [Annotation], layers: [{id, label, hidden, notes: [Annotation]}]}
// `notes` are the reader's own; each layer is a file of someone else's notes imported as a
// layer (a teacher's), shown apart and never edited. Every change reads the stored notes
// afresh, changes them and writes them back, so that two open tabs do not undo each other's
// work; a failure to read or write is an error for the page to show, never a silent loss.
// A stored value that cannot be read is never overwritten.

export const KEY = "edition.readernotes";
const ID_KEY = "edition.readernotes.id"; // this browser's collection id, made at its first export
export const CONTEXT = "http://www.w3.org/ns/anno.jsonld";
const PARAGRAPH = /^p[1-9][0-9]*$/;

export class StoreError extends Error {
  constructor(message, raw = null) {
    super(message);
    this.raw = raw; // the stored text that could not be read, for the reader to download
  }
}

const empty = () => ({ version: 1, notes: [], layers: [] });

export function read() {
  let raw;
  try {
    raw = localStorage.getItem(KEY);
  } catch (error) {
    throw new StoreError(`This browser does not let the edition use its storage (${error.name}): notes cannot be kept here.`);
  }
  if (raw === null) return empty();
  let state;
  try {
    state = JSON.parse(raw);
  } catch {
    throw new StoreError("The notes this browser keeps for the edition could not be read (they are not valid JSON). Nothing will be changed: download them from My notes to keep a copy.", raw);
  }
  const problem = storedProblem(state);
  if (problem) throw new StoreError(`The notes this browser keeps for the edition could not be read (${problem}). Nothing will be changed: download them from My notes to keep a copy.`, raw);
  return state;
}

export function write(state) {
  try {
    if (!state.notes.length && !state.layers.length) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, JSON.stringify(state));
  } catch (error) {
    throw new StoreError(`Your browser did not store the change (${error.name}${error.name === "QuotaExceededError" ? ": its storage for this site is full" : ""}). It shows on this page until you leave it: download your notes to keep them.`);
  }
}

// Reads, changes and writes the notes; the change's result (or the error) is the caller's.
export function change(apply) {
  const state = read();
  const result = apply(state);
  write(state);
  return result;
}

function storedProblem(state) {
  if (!state || state.version !== 1 || !Array.isArray(state.notes) || !Array.isArray(state.layers)) return "not the form this edition writes";
  const notes = [...state.notes, ...state.layers.flatMap((layer) => (Array.isArray(layer.notes) ? layer.notes : [null]))];
  const bad = notes.map(annotationProblem).find(Boolean);
  return bad || null;
}

// A new id: urn:uuid (RFC 4122), which is an IRI, as W3C Web Annotation asks.
export const newId = () => `urn:uuid:${crypto.randomUUID ? crypto.randomUUID() : fallbackUuid()}`;
function fallbackUuid() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function collectionId() {
  let id = null;
  try { id = localStorage.getItem(ID_KEY); } catch { /* said by read() */ }
  if (!id) {
    id = newId();
    try { localStorage.setItem(ID_KEY, id); } catch { /* an export still gets an id */ }
  }
  return id;
}

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

// A new note: a highlight (no text) or a comment, on the words the selectors select.
export function annotation({ source, selector, text }) {
  const created = now();
  const note = {
    "@context": CONTEXT,
    id: newId(),
    type: "Annotation",
    motivation: text ? "commenting" : "highlighting",
    created,
    modified: created,
    target: { source, type: "Text", format: "text/html", selector },
  };
  return setText(note, text);
}

// The note's text changed (an empty text makes it a highlight).
export function setText(note, text) {
  const value = (text || "").replace(/\r\n?/g, "\n").replace(/\s+$/, "");
  if (value) {
    note.body = { type: "TextualBody", value, format: "text/plain", purpose: "commenting" };
    note.motivation = "commenting";
  } else {
    delete note.body;
    note.motivation = "highlighting";
  }
  return note;
}

export const textOf = (note) => (note.body && typeof note.body.value === "string" ? note.body.value : "");

export function touch(note) {
  note.modified = now();
  return note;
}

// Why an annotation is not one this edition can show (null if it can): the shape of the
// W3C model and the selectors the edition's notes use (a paragraph #pN, refined by a quote).
export function annotationProblem(note) {
  if (!note || typeof note !== "object" || Array.isArray(note)) return "an annotation is not a JSON object";
  const types = [].concat(note.type);
  if (!types.includes("Annotation")) return "an item's type is not \"Annotation\"";
  if (typeof note.id !== "string" || !note.id) return "an annotation has no id";
  if (!note.target || typeof note.target !== "object" || typeof note.target.source !== "string") return `annotation ${note.id} has no target with a source`;
  const selectors = [].concat(note.target.selector || []);
  const quote = selectors.find((s) => s && s.type === "FragmentSelector" && PARAGRAPH.test(s.value)
    && s.refinedBy && s.refinedBy.type === "TextQuoteSelector");
  if (!quote) return `annotation ${note.id} does not select a paragraph (#pN) refined by a quote (TextQuoteSelector)`;
  if (typeof quote.refinedBy.exact !== "string" || !quote.refinedBy.exact) return `annotation ${note.id} quotes no words`;
  for (const s of selectors) {
    if (s && s.refinedBy && s.refinedBy.type === "TextPositionSelector"
        && !(Number.isInteger(s.refinedBy.start) && Number.isInteger(s.refinedBy.end) && s.refinedBy.start <= s.refinedBy.end)) {
      return `annotation ${note.id} has a position that is not two whole numbers`;
    }
  }
  if (note.body !== undefined && ![].concat(note.body).some((body) => body && typeof body.value === "string")) {
    return `annotation ${note.id} has a body that is not a text (TextualBody)`;
  }
  return null;
}

// An annotation from a file, in the form this edition keeps: its id, dates, text and target;
// the first textual body is the note.
export function normalized(item) {
  const selector = [].concat(item.target.selector).filter((s) => s && s.type === "FragmentSelector" && PARAGRAPH.test(s.value)
    && s.refinedBy && ["TextQuoteSelector", "TextPositionSelector"].includes(s.refinedBy.type));
  const note = {
    "@context": CONTEXT,
    id: item.id,
    type: "Annotation",
    motivation: "highlighting",
    created: typeof item.created === "string" ? item.created : now(),
    modified: typeof item.modified === "string" ? item.modified : (typeof item.created === "string" ? item.created : now()),
    target: { source: item.target.source, type: "Text", format: "text/html", selector: selector.map((s) => JSON.parse(JSON.stringify(s))) },
  };
  const body = [].concat(item.body || []).find((b) => b && typeof b.value === "string");
  return setText(note, body ? body.value : "");
}

// The annotations of a W3C Web Annotation file: an AnnotationCollection (its first page's
// items), an AnnotationPage, one Annotation, or a list of them. Throws with the reason.
export function fromJson(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`it is not valid JSON (${error.message})`);
  }
  const types = data && typeof data === "object" ? [].concat(data.type) : [];
  let items;
  let label = null;
  if (Array.isArray(data)) items = data;
  else if (types.includes("AnnotationCollection")) {
    if (!data.first || !Array.isArray(data.first.items)) throw new Error("it is an AnnotationCollection whose notes are not in it (no first.items)");
    items = data.first.items;
    label = typeof data.label === "string" ? data.label : null;
  } else if (types.includes("AnnotationPage")) items = data.items;
  else if (types.includes("Annotation")) items = [data];
  else throw new Error("it is JSON, but not W3C Web Annotations (no \"type\": \"AnnotationCollection\", \"AnnotationPage\" or \"Annotation\")");
  if (!Array.isArray(items)) throw new Error("it holds no list of annotations");
  if (!items.length) throw new Error("it holds no annotations");
  items.forEach((item, index) => {
    const problem = annotationProblem(item);
    if (problem) throw new Error(`item ${index + 1}: ${problem}`);
  });
  return { id: data && typeof data.id === "string" ? data.id : null, label, notes: items.map(normalized) };
}

// The reader's notes (or a layer's) as one W3C Web Annotation collection, JSON-LD.
export function toJson(notes, label, id = collectionId()) {
  return JSON.stringify({
    "@context": CONTEXT,
    id,
    type: "AnnotationCollection",
    label,
    total: notes.length,
    first: { type: "AnnotationPage", startIndex: 0, items: notes },
  }, null, 1);
}

// Adds the notes whose ids are new (a file imported twice adds nothing twice); returns how
// many were added and how many were already there.
export function merge(into, notes) {
  const known = new Set(into.map((note) => note.id));
  const added = notes.filter((note) => !known.has(note.id) && known.add(note.id));
  into.push(...added);
  return { added: added.length, present: notes.length - added.length };
}
