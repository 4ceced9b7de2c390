// The reader's own notes on a page of the report's text (issue 26; readernotes.js loads this
// module when words are first selected, or at once if the browser keeps notes).
//
// Selecting words in a paragraph (mouse, touch, or Shift + arrows with the browser's caret
// browsing) offers Highlight, Note, Copy link and Copy quote in a toolbar beside the words;
// Tab reaches it from the keyboard, Escape closes it. The reader's notes and highlights are
// marked in the text and listed after their paragraph, in both views, with Edit and Delete;
// a layer of someone else's notes (imported on My notes) is marked and listed apart, and the
// bar at the top of the text shows or hides it. On the My notes page the module hands over
// to readernotes-mynotes.js.
import * as store from "./readernotes-store.js";
import { anchor, rangeOf, selectedWords, selectors, targetOf, textDirective } from "./readernotes-anchor.js";
import * as ui from "./readernotes-ui.js";

const article = document.querySelector("article.md-content__inner");
let state = { version: 1, notes: [], layers: [] };
let readable = true; // false: the stored notes could not be read, and nothing is written over them
let redraw = () => render(); // what shows the notes again after a change (My notes has its own)
let unsaved = []; // the changes the browser refused to store: made again with each later change

export async function start() {
  await ui.styleSheet;
  try {
    state = store.read();
  } catch (error) {
    readable = false;
    ui.problem(error.message, { download: error.raw ? { label: "Download the stored notes", name: "stored-notes.txt", type: "text/plain", text: () => error.raw } : null });
  }
  if (article.querySelector("[data-my-notes]")) {
    const page = await import("./readernotes-mynotes.js");
    redraw = page.start({ state: () => state, readable: () => readable, save });
    return null;
  }
  render();
  selecting();
  window.addEventListener("storage", (event) => {
    if (event.key !== store.KEY) return;
    try { state = store.read(); readable = true; } catch { return; }
    unsaved.forEach((change) => change(state));
    redraw();
  });
  return null;
}

// A change to the notes: applied to what is stored now, written, shown. If the browser does
// not store it, it still shows on this page (each later change makes it again, and tries to
// store both), and the reader is told and can download the notes.
export function save(apply) {
  if (!readable) {
    ui.problem("Your stored notes could not be read, so nothing is changed. Download them from My notes first.");
    return null;
  }
  let fresh;
  try {
    fresh = store.read();
  } catch (error) {
    ui.problem(error.message);
    return null;
  }
  unsaved.forEach((change) => change(fresh));
  const result = apply(fresh);
  state = fresh;
  try {
    store.write(fresh);
    unsaved = [];
  } catch (error) {
    unsaved.push(apply);
    ui.problem(error.message, { download: ui.downloadOf(fresh) });
  }
  redraw();
  return result ?? true;
}

// The notes on this page: marks in the text, entries after their paragraph. Not while the
// reader writes a note (a change in another tab, a layer switched): once the editor closes.
let renderLater = false;
function render() {
  renderLater = Boolean(article.querySelector(".reader-editor"));
  if (renderLater) return;
  clear();
  const own = state.notes.map((note) => ({ note, layer: null }));
  const shared = state.layers.filter((layer) => !layer.hidden).flatMap((layer) => layer.notes.map((note) => ({ note, layer })));
  const byAside = new Map();
  for (const { note, layer } of [...own, ...shared]) {
    const id = targetOf(note).paragraph;
    const paragraph = document.getElementById(id);
    if (!paragraph || !paragraph.matches("p.para") || !article.contains(paragraph)) continue;
    const found = anchor(paragraph.textContent, note);
    const key = `${id} ${layer ? layer.id : ""}`;
    if (!byAside.has(key)) byAside.set(key, { paragraph, layer, items: [] });
    byAside.get(key).items.push({ note, found });
  }
  const last = new Map(); // paragraph -> the last aside placed after it: the reader's first, then each layer's
  for (const { paragraph, layer, items } of byAside.values()) {
    items.sort((a, b) => (a.found ? a.found.start : Infinity) - (b.found ? b.found.start : Infinity));
    items.forEach(({ note, found }) => found && mark(paragraph, found, note, layer));
    const node = aside(paragraph, layer, items);
    (last.get(paragraph) || paragraph).after(node);
    last.set(paragraph, node);
  }
  bar();
}

function clear() {
  const touched = new Set();
  article.querySelectorAll("mark.reader-mark").forEach((mark) => {
    touched.add(mark.parentNode);
    mark.replaceWith(...mark.childNodes);
  });
  touched.forEach((node) => node.normalize());
  article.querySelectorAll("aside.reader-notes, .reader-bar").forEach((node) => node.remove());
}

// Marks the words, a mark per text node they span (they may cross links and other marks).
function mark(paragraph, found, note, layer) {
  const range = rangeOf(paragraph, found.start, found.end);
  if (!range) return;
  let { startContainer: first, startOffset, endContainer: last, endOffset } = range;
  if (startOffset > 0) {
    const rest = first.splitText(startOffset);
    if (last === first) { last = rest; endOffset -= startOffset; }
    first = rest;
  }
  if (endOffset < last.data.length) last.splitText(endOffset);
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  walker.currentNode = first;
  const nodes = [];
  for (let node = first; node; node = walker.nextNode()) {
    nodes.push(node);
    if (node === last) break;
  }
  for (const node of nodes) {
    const wrapper = ui.element("mark", { class: `reader-mark${layer ? " reader-mark--layer" : ""}`, "data-reader-note": note.id });
    node.before(wrapper);
    wrapper.append(node);
    wrapper.addEventListener("click", () => {
      const target = article.querySelector(`[data-note-id="${CSS.escape(note.id)}"]`);
      if (target && document.getSelection().isCollapsed) target.focus();
    });
  }
}

function aside(paragraph, layer, items) {
  const label = `${layer ? layer.label : "Your notes"} on ${ui.paragraphLabel(paragraph.id)}`;
  const node = ui.element("aside", { class: `reader-notes${layer ? " reader-notes--layer" : ""}`, "aria-label": label, "data-paragraph": paragraph.id });
  for (const { note, found } of items) {
    node.append(ui.entry(note, { layer, orphan: !found, actions: layer ? {} : { edit, remove } }));
  }
  return node;
}

// The bar over the text: how many of the reader's notes are on the page, a link to My notes,
// and a switch for each layer.
function bar() {
  const onPage = (notes) => notes.filter((note) => {
    const paragraph = document.getElementById(targetOf(note).paragraph);
    return paragraph && paragraph.matches("p.para") && article.contains(paragraph);
  }).length;
  if (!state.notes.length && !state.layers.length) return;
  const count = onPage(state.notes);
  const parts = [ui.element("span", {}, `Your notes: ${count} on this page · `),
    ui.element("a", { href: new URL("../my-notes/", import.meta.url).href }, "My notes")];
  for (const layer of state.layers) {
    const box = ui.element("input", { type: "checkbox", checked: !layer.hidden, "data-layer": layer.id });
    box.addEventListener("change", () => {
      save((fresh) => { const found = fresh.layers.find((l) => l.id === layer.id); if (found) found.hidden = !box.checked; });
      article.querySelector(`.reader-bar input[data-layer="${CSS.escape(layer.id)}"]`)?.focus();
    });
    parts.push(" ", ui.element("label", { class: "reader-bar__layer" }, box, ` ${layer.label} (${onPage(layer.notes)})`));
  }
  const node = ui.element("div", { class: "reader-bar", role: "group", "aria-label": "Your notes and layers" }, ...parts);
  const after = article.querySelector(".annotation-controls") || article.querySelector(".page-cite") || article.querySelector("h1");
  if (after) after.after(node);
  else article.prepend(node);
}

function edit(note, entry) {
  const exact = targetOf(note).quote.exact;
  const form = ui.editor({
    label: `Your note on “${ui.shortQuote(exact)}”`,
    text: store.textOf(note),
    onSave: (text) => {
      form.replaceWith(entry);
      if (!save((fresh) => { const found = fresh.notes.find((n) => n.id === note.id); if (found) store.touch(store.setText(found, text)); })) {
        entry.replaceWith(form); // not saved: the text stays for the reader to keep
        form.querySelector("textarea").focus();
        return;
      }
      focusEntry(note.id);
      ui.say("Note saved.");
    },
    onCancel: () => {
      form.replaceWith(entry);
      if (renderLater) render();
      focusEntry(note.id);
    },
  });
  entry.replaceWith(form);
  form.querySelector("textarea").focus();
}

function remove(note, entry) {
  if (!save((fresh) => { fresh.notes = fresh.notes.filter((n) => n.id !== note.id); })) return;
  const placeholder = ui.element("div", { class: "reader-note" });
  // The entry's aside was drawn again without it: the message takes the aside's place.
  const paragraph = document.getElementById(targetOf(note).paragraph);
  let holder = article.querySelector(`aside.reader-notes[data-paragraph="${paragraph.id}"]:not(.reader-notes--layer)`);
  if (!holder) {
    holder = ui.element("aside", { class: "reader-notes", "aria-label": `Your notes on ${ui.paragraphLabel(paragraph.id)}`, "data-paragraph": paragraph.id });
    paragraph.after(holder);
  }
  holder.append(placeholder);
  ui.deleted(placeholder, () => {
    save((fresh) => { store.merge(fresh.notes, [note]); });
    focusEntry(note.id);
    ui.say("Note restored.");
  });
  ui.say("Deleted.");
  return entry;
}

function focusEntry(id) {
  const node = article.querySelector(`[data-note-id="${CSS.escape(id)}"]`);
  if (node) node.focus({ preventScroll: false });
}

// Selecting words: the toolbar
function selecting() {
  const toolbar = ui.element("div", { class: "reader-toolbar", role: "toolbar", "aria-label": "Selected words", hidden: true });
  const actions = { highlight: "Highlight", note: "Note", link: "Copy link", quote: "Copy quote" };
  for (const [act, label] of Object.entries(actions)) {
    toolbar.append(ui.element("button", { type: "button", class: "reader-button", "data-act": act, tabindex: act === "highlight" ? "0" : "-1" }, label));
  }
  const buttons = Array.from(toolbar.querySelectorAll("button"));
  let words = null; // what the toolbar acts on: {paragraph, start, end, exact}
  let fromKeyboard = false;
  let timer = 0;
  let hint = 0;

  const hide = () => { toolbar.hidden = true; words = null; };
  const show = (range) => {
    words.paragraph.after(toolbar);
    toolbar.hidden = false;
    // Under the words (a phone's own menu is over them), or over them if the window ends first.
    const box = range.getBoundingClientRect();
    const frame = (toolbar.offsetParent || document.body).getBoundingClientRect();
    const width = toolbar.offsetWidth;
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    const under = box.bottom + 8 + toolbar.offsetHeight <= window.innerHeight;
    toolbar.style.left = `${left - frame.left}px`;
    toolbar.style.top = `${(under ? box.bottom + 8 : box.top - 8 - toolbar.offsetHeight) - frame.top}px`;
  };

  const current = () => {
    const selection = document.getSelection();
    const found = selection && selection.rangeCount && !selection.isCollapsed ? selectedWords(selection.getRangeAt(0)) : null;
    return found && article.contains(found.paragraph) ? found : null;
  };
  const check = () => {
    if (!toolbar.hidden && toolbar.contains(document.activeElement)) return;  // acting on the words shown
    const found = current();
    if (!found) { hide(); return; }
    words = found;
    show(document.getSelection().getRangeAt(0));
    clearTimeout(hint);
    hint = setTimeout(() => {
      if (words) ui.say(`Words selected in ${ui.paragraphLabel(words.paragraph.id)}. Press Tab for Highlight, Note, Copy link and Copy quote.`, { shown: false });
    }, 700);
  };
  document.addEventListener("selectionchange", () => {
    clearTimeout(timer);
    timer = setTimeout(check, 150);
  });
  check(); // the selection that loaded this module
  // The toolbar keeps the selection: a click on it does not take it away.
  ["mousedown", "pointerdown"].forEach((type) => toolbar.addEventListener(type, (event) => event.preventDefault()));
  document.addEventListener("keydown", (event) => {
    if (toolbar.hidden) return;
    const inside = toolbar.contains(document.activeElement);
    if (event.key === "Tab" && !event.shiftKey && !inside && !event.target.closest?.("input, textarea, select, [contenteditable]")) {
      event.preventDefault();
      fromKeyboard = true;
      buttons[0].focus();
    } else if (event.key === "Escape" && (inside || words)) {
      const paragraph = words && words.paragraph;
      hide();
      if (inside && paragraph) paragraph.querySelector("a.para-num")?.focus();
    } else if (inside && ["ArrowRight", "ArrowLeft", "Home", "End"].includes(event.key)) {
      event.preventDefault();
      const at = buttons.indexOf(document.activeElement);
      const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
      const button = buttons[(next + buttons.length) % buttons.length];
      buttons.forEach((b) => b.setAttribute("tabindex", b === button ? "0" : "-1"));
      button.focus();
    }
  });
  toolbar.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button || !words) return;
    const chosen = current() || words; // the words selected now, if the toolbar lags behind a drag
    const copying = button.dataset.act === "link" || button.dataset.act === "quote";
    // Copying leaves the words selected and the toolbar open, for another action on them.
    if (copying) { act(button.dataset.act, chosen, false); return; }
    const keyboard = fromKeyboard || event.detail === 0;
    fromKeyboard = false;
    hide();
    // From the keyboard, the focus goes back to the words' paragraph (or to the new note).
    if (keyboard) chosen.paragraph.querySelector("a.para-num")?.focus({ preventScroll: true });
    act(button.dataset.act, chosen, keyboard);
  });
}

function act(action, words, keyboard) {
  const { paragraph, start, end, exact } = words;
  const page = document.querySelector('link[rel="canonical"]');
  const source = page ? page.href : location.href.split(/[?#]/)[0];
  if (action === "link") {
    ui.copy(`${source}#${paragraph.id}:~:${textDirective(paragraph, start, end, document.body.innerText)}`, "Link to the words");
  } else if (action === "quote") {
    ui.copy(ui.quotation(exact, paragraph.id), "Quotation with its citation");
  } else if (action === "highlight") {
    const note = store.annotation({ source, selector: selectors(paragraph.id, paragraph.textContent, start, end) });
    if (!save((fresh) => { fresh.notes.push(note); })) return;
    document.getSelection().removeAllRanges();
    if (keyboard) focusEntry(note.id);
    ui.say("Highlighted.");
  } else if (action === "note") {
    writeNote(words, source);
  }
}

// A new note: the editor after the paragraph; saved, it is a note on the words.
function writeNote({ paragraph, start, end, exact }, source) {
  const holder = ui.element("aside", { class: "reader-notes reader-notes--editing", "aria-label": `Your note on ${ui.paragraphLabel(paragraph.id)}` });
  const form = ui.editor({
    label: `Your note on “${ui.shortQuote(exact)}”`,
    onSave: (text) => {
      const note = store.annotation({ source, selector: selectors(paragraph.id, paragraph.textContent, start, end), text });
      holder.remove();
      if (!save((fresh) => { fresh.notes.push(note); })) {
        paragraph.after(holder); // not saved: the text stays for the reader to keep
        form.querySelector("textarea").focus();
        return;
      }
      document.getSelection().removeAllRanges();
      focusEntry(note.id);
      ui.say(store.textOf(note) ? "Note saved." : "Highlighted (the note was empty).");
    },
    onCancel: () => {
      holder.remove();
      if (renderLater) render();
      paragraph.querySelector("a.para-num")?.focus();
    },
  });
  holder.append(form);
  paragraph.after(holder);
  form.querySelector("textarea").focus();
}
