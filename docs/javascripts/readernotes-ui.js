// What the reader's notes show on every page (issue 26): a note as an entry with its
// buttons, the editor of a note's text, the messages (a status line that screen readers
// read, a problem that stays until dismissed), copying, downloading, and the citations of
// the Cite dialog (its module and data, reused: the same words as the dialog's).
import * as store from "./readernotes-store.js";
import { targetOf } from "./readernotes-anchor.js";

export const STYLE_KEY = "edition.readernotes.style"; // the reader's citation style (its name)

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([key, value]) => {
    if (value === false || value === null || value === undefined) return;
    node.setAttribute(key, value === true ? "" : value);
  });
  node.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

const button = (label, attributes = {}) => element("button", { type: "button", class: "reader-button", ...attributes }, label);

export const paragraphLabel = (id) => `¶\u00a0${id.slice(1)}`;
export const shortQuote = (text, size = 60) => (text.length > size ? `${text.slice(0, size - 1).trimEnd()}…` : text);
export const entryId = (note) => `reader-note-${note.id.replace(/[^A-Za-z0-9-]/g, "").slice(-36)}`;

// The status line: read by screen readers (a live region), and shown for a few seconds
// unless it is a hint for them only.
let statusLine = null;
let statusTimer = 0;
export function say(message, { shown = true } = {}) {
  if (!statusLine) {
    statusLine = element("div", { class: "reader-status", role: "status" });
    document.body.append(statusLine);
  }
  clearTimeout(statusTimer);
  statusLine.textContent = "";
  statusLine.classList.toggle("reader-status--shown", shown);
  // A fresh text after a pause is announced even when it repeats the last one.
  setTimeout(() => { statusLine.textContent = message; }, 50);
  statusTimer = setTimeout(() => { statusLine.classList.remove("reader-status--shown"); statusLine.textContent = ""; }, 6000);
}

// A problem: stays at the top of the page's text until dismissed (an alert), with a button
// to download what would otherwise be lost.
export function problem(message, { download = null } = {}) {
  const article = document.querySelector("article.md-content__inner");
  let box = article.querySelector(".reader-problem");
  if (!box) {
    box = element("div", { class: "reader-problem", role: "alert" });
    const title = article.querySelector("h1");
    if (title) title.after(box);
    else article.prepend(box);
  }
  const close = button("Dismiss");
  close.addEventListener("click", () => box.remove());
  const save = download && button(download.label);
  if (save) save.addEventListener("click", () => saveFile(download.name, download.text(), download.type));
  box.replaceChildren(element("p", {}, element("strong", {}, "Your notes: "), message), element("p", {}, save, save && " ", close));
}

export function saveFile(name, text, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = element("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Copies text (or a promise of it, kept within the click's permission); if the browser
// refuses, shows the text selected, for the reader to copy.
export async function copy(text, what) {
  try {
    if (window.ClipboardItem && navigator.clipboard && navigator.clipboard.write) {
      const blob = Promise.resolve(text).then((value) => new Blob([value], { type: "text/plain" }));
      await navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]);
    } else {
      await navigator.clipboard.writeText(await text);
    }
    say(`${what} copied.`);
    return true;
  } catch {
    showToCopy(await Promise.resolve(text).catch(() => ""), what);
    return false;
  }
}

function showToCopy(text, what) {
  const dialog = element("dialog", { class: "reader-dialog", "aria-label": `Copy the ${what.toLowerCase()}` });
  const field = element("textarea", { readonly: true, rows: 4, "aria-label": what }, text);
  const close = button("Close");
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => dialog.remove());
  dialog.append(element("p", {}, `Your browser did not let the page copy. Copy the ${what.toLowerCase()} from here (Ctrl+C or ⌘C):`), field, element("p", {}, close));
  document.body.append(dialog);
  dialog.showModal();
  field.select();
}

// The citations the Cite dialog shows (cite-dialog.js fetches them once for both).
export async function citations() {
  const source = document.querySelector("[data-cite-source]");
  if (!source) throw new Error("this page has no citations");
  const module = await import(new URL("cite-dialog.js", import.meta.url).href);
  return module.load(source.dataset.citeSource);
}

export function chosenStyle(styles) {
  let name = null;
  try { name = localStorage.getItem(STYLE_KEY); } catch { /* the first style */ }
  return styles.find((style) => style.name === name) || styles[0];
}

// The quotation with its citation: the words, the in-text citation of their paragraph and the
// full reference in the reader's style, as the Cite dialog gives them.
export async function quotation(exact, paragraphId) {
  const data = await citations();
  const entry = data.paragraphs[paragraphId];
  if (!entry) throw new Error(`no citation of ${paragraphId}`);
  const style = chosenStyle(entry.styles);
  return `“${exact}” ${style.inText}\n\n${style.text}`;
}

// The editor of a note's text: a labelled text area, Save and Cancel (Ctrl+Enter saves,
// Escape cancels).
export function editor({ label, text = "", onSave, onCancel }) {
  const id = `reader-editor-${Math.random().toString(36).slice(2, 9)}`;
  const field = element("textarea", { id, rows: 4, class: "reader-editor__text" }, text);
  const save = element("button", { type: "submit", class: "reader-button" }, "Save note");
  const cancel = button("Cancel");
  const form = element("form", { class: "reader-editor" }, element("label", { for: id }, label), field, element("p", {}, save, " ", cancel));
  form.addEventListener("submit", (event) => { event.preventDefault(); onSave(field.value); });
  cancel.addEventListener("click", onCancel);
  field.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); onSave(field.value); }
    if (event.key === "Escape") { event.preventDefault(); onCancel(); }
  });
  return form;
}

// One note as an entry: who made it, the words it is on, its text, and its buttons
// (a layer's notes are not the reader's: no buttons). `where` is a line under it (My notes).
export function entry(note, { layer = null, orphan = false, where = null, quoteBlock = false, actions = {} }) {
  const text = store.textOf(note);
  const exact = targetOf(note).quote.exact;
  const who = layer ? `${text ? "Note" : "Highlight"} from ${layer.label}` : `Your ${text ? "note" : "highlight"}`;
  const head = element("p", { class: "reader-note__head" }, element("span", { class: "reader-note__who" }, who),
    quoteBlock ? null : ` on “${shortQuote(exact)}”`,
    orphan ? element("span", { class: "reader-note__orphan" }, " (its words are no longer in the text)") : null);
  const node = element("div", { class: `reader-note${layer ? " reader-note--layer" : ""}${orphan ? " reader-note--orphan" : ""}`,
    id: layer ? null : entryId(note), "data-note-id": note.id, tabindex: "-1" }, head);
  if (quoteBlock) node.append(element("blockquote", { class: "reader-note__quote" }, exact));
  if (text) node.append(element("p", { class: "reader-note__text" }, text));
  if (where) node.append(where);
  if (!layer) {
    const name = `your ${text ? "note" : "highlight"} on “${shortQuote(exact, 40)}”`;
    const buttons = [];
    if (actions.edit) buttons.push(button(text ? "Edit" : "Add note", { "aria-label": `${text ? "Edit" : "Add note to"} ${name}`, "data-act": "edit" }));
    if (actions.remove) buttons.push(button("Delete", { "aria-label": `Delete ${name}`, "data-act": "delete" }));
    buttons.forEach((b) => b.addEventListener("click", () => actions[b.dataset.act === "edit" ? "edit" : "remove"](note, node)));
    if (buttons.length) node.append(element("p", { class: "reader-note__actions" }, ...buttons.flatMap((b, i) => (i ? [" ", b] : [b]))));
  }
  return node;
}

// A deleted note's entry: it says so, and Undo puts the note back.
export function deleted(node, undo, text = "Deleted. ") {
  const again = button("Undo");
  const message = element("p", {}, text, again);
  node.replaceChildren(message);
  node.classList.add("reader-note--deleted");
  again.addEventListener("click", undo);
  again.focus({ preventScroll: true });
}

// The file of a reader's notes, for "download them" after a storage error.
export function downloadOf(state) {
  return { label: "Download your notes", name: "my-notes.jsonld", type: "application/ld+json",
    text: () => store.toJson(state.notes, "My notes") };
}

export const styleSheet = new Promise((resolve) => {
  const sheet = element("link", { rel: "stylesheet", href: new URL("../stylesheets/readernotes.css", import.meta.url).href });
  sheet.onload = sheet.onerror = resolve;
  document.head.append(sheet);
});
