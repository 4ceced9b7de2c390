// The My notes page (issue 26; hooks/edition/pages/mynotes.py writes it): every note and
// highlight of the reader by section, in reading order, with a link to its words; those
// whose words are no longer in the text (orphans), listed with their quote; the layers of
// others' notes, each shown or hidden beside the text, or removed; export as W3C Web
// Annotations (JSON-LD) or Markdown, and import of either, into the reader's notes or as a
// layer. An import reads the whole file first: a file with any problem changes nothing, and
// a note already here (the same id) is not added again.
//
// The page lists the report's sections in reading order with their paragraphs (each
// section's link and its data-paragraphs); each section that holds notes is fetched once, so
// that every note is found in the text as it is now.
import * as store from "./readernotes-store.js";
import { anchor, targetOf, textDirective } from "./readernotes-anchor.js";
import { contentId, fromMarkdown, toMarkdown } from "./readernotes-markdown.js";
import * as ui from "./readernotes-ui.js";

const LABEL_KEY = "edition.readernotes.label"; // the name the reader gives their exported notes
const { element } = ui;

export function start({ state, readable, save }) {
  const root = document.querySelector("[data-my-notes]");
  const sections = Array.from(document.querySelectorAll("article a[data-paragraphs]"), (link, index) => ({
    index, title: link.textContent.trim(), href: link.href, paragraphs: link.dataset.paragraphs.split(/\s+/).filter(Boolean),
  }));
  const where = new Map();
  sections.forEach((section) => section.paragraphs.forEach((id, order) => where.set(id, { section, order })));
  const pages = new Map(); // section address -> promise of its parsed page (null if it could not be had)
  const pageOf = (section) => {
    if (!pages.has(section.href)) {
      pages.set(section.href, fetch(section.href).then((response) => (response.ok ? response.text() : null))
        .then((html) => (html ? new DOMParser().parseFromString(html, "text/html") : null)).catch(() => null));
    }
    return pages.get(section.href);
  };
  const cited = ui.citations().catch(() => null);

  // Where a note is now: its section and paragraph's places, and its words in the text.
  async function place(note) {
    const id = targetOf(note).paragraph;
    const at = where.get(id);
    if (!at) return { note, orphan: true };
    const page = await pageOf(at.section);
    const paragraph = page && page.getElementById(id);
    if (!page) return { note, ...at, start: 0, unchecked: true };
    const found = paragraph ? anchor(paragraph.textContent, note) : null;
    if (!found) return { note, ...at, orphan: true };
    return { note, ...at, start: found.start, found, paragraph, page };
  }
  const inOrder = (placed) => placed.sort((a, b) => (a.section ? a.section.index : Infinity) - (b.section ? b.section.index : Infinity)
    || (a.order ?? 0) - (b.order ?? 0) || (a.start ?? 0) - (b.start ?? 0) || String(a.note.created).localeCompare(String(b.note.created)));

  // The address of a note's words: in this release (the page's link), or as the reader cites
  // it (its versioned address, the page's canonical address).
  function linkOf(item, versioned = false) {
    const id = targetOf(item.note).paragraph;
    const canonical = item.page && item.page.querySelector('link[rel="canonical"]');
    const base = versioned ? (canonical ? canonical.getAttribute("href") : item.note.target.source) : (item.section ? item.section.href : null);
    if (!base) return null;
    const fragment = item.found ? `:~:${textDirective(item.paragraph, item.found.start, item.found.end, item.page.body.textContent)}` : "";
    return `${base.split("#")[0]}#${id}${fragment}`;
  }

  const tools = toolsPanel();
  const list = element("div", { class: "my-notes__list" });
  root.replaceChildren(tools.node, list);

  // Draws the lists again (after every change); the focus goes to the note named, or stays
  // on the note it was on.
  let drawing = Promise.resolve();
  let focusNext = null;
  function draw() {
    drawing = drawing.catch(() => null).then(paint);
    return drawing;
  }
  async function paint() {
    const current = state();
    const own = inOrder(await Promise.all(current.notes.map(place)));
    const layers = await Promise.all(current.layers.map(async (layer) => ({ layer, items: inOrder(await Promise.all(layer.notes.map(place))) })));
    const data = await cited;
    const focused = focusNext || (document.activeElement && document.activeElement.closest(".my-notes__list") ? document.activeElement.dataset.noteId : null);
    focusNext = null;
    list.replaceChildren(ownPart(own, data), ...layers.map(({ layer, items }) => layerPart(layer, items, data)));
    tools.latest = own;
    if (focused) list.querySelector(`[data-note-id="${CSS.escape(focused)}"]`)?.focus();
  }

  function ownPart(items, data) {
    const notes = items.filter((item) => store.textOf(item.note)).length;
    const summary = items.length
      ? `${count(notes, "note")} and ${count(items.length - notes, "highlight")}, kept in this browser.`
      : "You have no notes yet: select words in a section of the report to highlight them or write a note.";
    return element("section", { class: "my-notes__own", "aria-labelledby": "my-notes-own" },
      element("h2", { id: "my-notes-own" }, "Your notes"), element("p", {}, summary), ...grouped(items, null, data));
  }

  function layerPart(layer, items, data) {
    const id = `my-notes-layer-${Math.abs(hash(layer.id))}`;
    const show = element("input", { type: "checkbox", checked: !layer.hidden });
    show.addEventListener("change", () => save((fresh) => { const found = fresh.layers.find((l) => l.id === layer.id); if (found) found.hidden = !show.checked; }));
    const drop = element("button", { type: "button", class: "reader-button", "aria-label": `Remove layer ${layer.label}` }, "Remove layer");
    drop.addEventListener("click", async () => {
      if (!save((fresh) => { fresh.layers = fresh.layers.filter((l) => l.id !== layer.id); })) return;
      ui.say(`Layer ${layer.label} removed.`);
      await drawing;
      const holder = element("div", { class: "reader-note" });
      list.append(holder);
      ui.deleted(holder, () => { save((fresh) => { if (!fresh.layers.some((l) => l.id === layer.id)) fresh.layers.push(layer); }); },
        `Layer ${layer.label} removed. `);
    });
    return element("section", { class: "my-notes__layer", "aria-labelledby": id },
      element("h2", { id }, `Layer: ${layer.label}`),
      element("p", {}, `${count(items.length, "note")}, imported from a file; shown apart from yours. `,
        element("label", {}, show, " Show beside the text"), " ", drop),
      ...grouped(items, layer, data));
  }

  // Notes by section, in reading order; then the orphans, with their words.
  function grouped(items, layer, data) {
    const parts = [];
    let section = null;
    for (const item of items.filter((i) => !i.orphan)) {
      if (item.section !== section) {
        section = item.section;
        parts.push(element("h3", {}, element("a", { href: section.href }, section.title)));
      }
      parts.push(entryOf(item, layer, data));
    }
    const orphans = items.filter((i) => i.orphan);
    if (orphans.length) {
      parts.push(element("h3", {}, "Notes whose words were not found"),
        element("p", {}, "The text of the paragraph these notes are on has changed since they were written, and their words are not in it now. They are kept: here is each with the words it was on."));
      orphans.forEach((item) => parts.push(entryOf(item, layer, data)));
    }
    return parts;
  }

  function entryOf(item, layer, data) {
    const id = targetOf(item.note).paragraph;
    const href = linkOf(item);
    const cite = data && data.paragraphs[id] ? ui.chosenStyle(data.paragraphs[id].styles).inText : null;
    const line = element("p", { class: "reader-note__where" },
      href ? element("a", { href }, ui.paragraphLabel(id)) : ui.paragraphLabel(id),
      item.section ? null : " · no longer in the text", cite ? ` · ${cite}` : null,
      item.unchecked ? " · not checked against the text (the page could not be loaded)" : null);
    return ui.entry(item.note, { layer, orphan: Boolean(item.orphan), where: line, quoteBlock: true,
      actions: layer ? {} : { edit, remove } });
  }

  function edit(note, node) {
    const form = ui.editor({
      label: `Your note on “${ui.shortQuote(targetOf(note).quote.exact)}”`,
      text: store.textOf(note),
      onSave: (text) => {
        focusNext = note.id;
        save((fresh) => { const found = fresh.notes.find((n) => n.id === note.id); if (found) store.touch(store.setText(found, text)); });
        ui.say("Note saved.");
      },
      onCancel: () => { form.replaceWith(node); node.focus(); },
    });
    node.replaceWith(form);
    form.querySelector("textarea").focus();
  }

  // Deleted: once the list is drawn without the note, a message under its heading, with Undo.
  async function remove(note) {
    if (!save((fresh) => { fresh.notes = fresh.notes.filter((n) => n.id !== note.id); })) return;
    ui.say("Deleted.");
    await drawing;
    const holder = element("div", { class: "reader-note" });
    list.querySelector(".my-notes__own > p").after(holder);
    ui.deleted(holder, () => {
      focusNext = note.id;
      save((fresh) => { store.merge(fresh.notes, [note]); });
      ui.say("Note restored.");
    });
  }

  // Export and import
  function toolsPanel() {
    const panel = { latest: [] };
    const message = element("div", { class: "my-notes__message", "aria-live": "polite" });
    const styles = element("select", { id: "my-notes-style" });
    cited.then((data) => {
      const names = data ? data.page.styles.map((s) => s.name) : [];
      styles.replaceChildren(...names.map((name) => element("option", { value: name }, name)));
      if (names.length) styles.value = ui.chosenStyle(data.page.styles).name;
      else styles.disabled = true;
    });
    styles.addEventListener("change", () => {
      try { localStorage.setItem(ui.STYLE_KEY, styles.value); } catch { /* the first style stays */ }
      draw();
    });
    let label = "My notes";
    try { label = localStorage.getItem(LABEL_KEY) || label; } catch { /* the default name */ }
    const name = element("input", { id: "my-notes-label", type: "text", value: label, autocomplete: "off" });
    name.addEventListener("change", () => { try { localStorage.setItem(LABEL_KEY, name.value.trim() || "My notes"); } catch { /* kept for this export */ } });
    const json = element("button", { type: "button", class: "reader-button" }, "Export as Web Annotations (JSON-LD)");
    const markdown = element("button", { type: "button", class: "reader-button" }, "Export as Markdown");
    json.addEventListener("click", () => {
      const notes = panel.latest.map((item) => item.note);
      ui.saveFile(`${fileName(name.value)}.jsonld`, `${store.toJson(notes, name.value.trim() || "My notes")}\n`, "application/ld+json");
      say(`Exported ${count(notes.length, "note")} as Web Annotations.`);
    });
    markdown.addEventListener("click", async () => {
      const data = await cited;
      if (!data) { fail("Markdown export", "the citations could not be loaded; try again, or export as Web Annotations"); return; }
      const label = name.value.trim() || "My notes";
      const notes = panel.latest.filter((item) => store.textOf(item.note)).length;
      const text = toMarkdown({
        title: `${label}: ${siteName()}`,
        intro: `Exported from the edition's My notes page on ${new Date().toISOString().slice(0, 10)}: ${count(notes, "note")} `
          + `and ${count(panel.latest.length - notes, "highlight")}. Citations in ${ui.chosenStyle(data.page.styles).name}.`,
        collection: { id: store.collectionId(), label },
        entries: panel.latest.map((item) => markdownEntry(item, data)),
      });
      ui.saveFile(`${fileName(name.value)}.md`, text, "text/markdown");
      say(`Exported ${count(panel.latest.length, "note")} as Markdown.`);
    });
    const own = fileInput("my-notes-import", "Import notes into yours (a .jsonld or .md file)", false);
    const layer = fileInput("my-notes-layer", "Add someone else's notes as a layer (a .jsonld or .md file)", true);
    function say(text) {
      message.replaceChildren(element("p", {}, text));
      ui.say(text);
    }
    function fail(what, reason) {
      message.replaceChildren(element("p", { role: "alert", class: "my-notes__error" }, `${what}: ${reason}. Nothing was changed.`));
    }
    function fileInput(id, text, asLayer) {
      const input = element("input", { id, type: "file", accept: ".jsonld,.json,.md,.markdown,.txt,application/ld+json,application/json,text/markdown,text/plain" });
      input.addEventListener("change", async () => {
        const file = input.files && input.files[0];
        if (!file) return;
        await importFile(file, asLayer, say, fail);
        input.value = "";
      });
      return element("p", {}, element("label", { for: id }, text), " ", input);
    }
    panel.node = element("section", { class: "my-notes__tools", "aria-labelledby": "my-notes-tools" },
      element("h2", { id: "my-notes-tools" }, "Export and import"),
      element("p", {}, element("label", { for: "my-notes-style" }, "Citation style of quotations and the Markdown export"), " ", styles),
      element("p", {}, element("label", { for: "my-notes-label" }, "Name of your notes in the files you export"), " ", name),
      element("p", {}, json, " ", markdown), own, layer, message);
    return panel;
  }

  function markdownEntry(item, data) {
    const { note } = item;
    const { paragraph, quote, position } = targetOf(note);
    const style = data.paragraphs[paragraph] ? ui.chosenStyle(data.paragraphs[paragraph].styles) : null;
    return {
      section: item.section ? item.section.title : "Notes whose words were not found",
      label: ui.paragraphLabel(paragraph),
      quote: quote.exact,
      text: store.textOf(note),
      link: linkOf(item, true) || `${note.target.source.split("#")[0]}#${paragraph}`,
      inText: style ? style.inText : "",
      reference: style ? style.text : "",
      data: { id: note.id, created: note.created, modified: note.modified, source: note.target.source,
        prefix: quote.prefix || "", suffix: quote.suffix || "", ...(position ? { start: position.start, end: position.end } : {}) },
    };
  }

  async function importFile(file, asLayer, say, fail) {
    const what = `${file.name} was not imported`;
    let parsed;
    try {
      parsed = parse(await file.text());
    } catch (error) {
      fail(what, error.message);
      return;
    }
    const known = parsed.notes.filter((note) => where.has(targetOf(note).paragraph)).length;
    if (!known) {
      fail(what, "none of its notes is on a paragraph of this edition's text");
      return;
    }
    const result = save((fresh) => (asLayer ? addLayer(fresh, parsed, file.name) : store.merge(fresh.notes, parsed.notes)));
    if (!result) return;
    const added = count(result.added, "note") + " added" + (result.present ? `, ${result.present} already here` : "");
    say(asLayer ? `${file.name}: the layer ${result.label}, ${added}.` : `${file.name}: ${added}.`);
  }

  function addLayer(fresh, parsed, file) {
    const id = parsed.id || `urn:uuid:${contentId({ paragraph: "", quote: { exact: file }, text: parsed.notes.map((n) => n.id).join(" ") }).slice(9)}`;
    let layer = fresh.layers.find((l) => l.id === id);
    if (!layer) {
      layer = { id, label: parsed.label || file.replace(/\.[^.]+$/, ""), hidden: false, notes: [] };
      fresh.layers.push(layer);
    }
    return { ...store.merge(layer.notes, parsed.notes), label: layer.label };
  }

  draw();
  return draw;
}

// A file's notes: JSON-LD (W3C Web Annotations), else Markdown as My notes exports it.
function parse(text) {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (!trimmed) throw new Error("the file is empty");
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return store.fromJson(trimmed);
  const found = fromMarkdown(trimmed);
  const notes = found.notes.map((item) => {
    const fragment = { type: "FragmentSelector", conformsTo: "http://tools.ietf.org/rfc/rfc3986", value: item.paragraph };
    const selector = [{ ...fragment, refinedBy: { type: "TextQuoteSelector", ...item.quote } }];
    if (item.position) selector.push({ ...fragment, refinedBy: { type: "TextPositionSelector", ...item.position } });
    const note = store.annotation({ source: item.source, selector, text: item.text });
    note.id = item.id || contentId(item);
    if (typeof item.created === "string") note.created = item.created;
    if (typeof item.modified === "string") note.modified = item.modified;
    return note;
  });
  notes.forEach((note, index) => {
    const problem = store.annotationProblem(note);
    if (problem) throw new Error(`note ${index + 1}: ${problem}`);
  });
  return { id: found.id, label: found.label, notes };
}

// The edition's name, as the page's header gives it.
function siteName() {
  const meta = document.querySelector('meta[property="og:site_name"]');
  return meta ? meta.content : document.title.split(" - ").pop();
}
const count = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
const fileName = (label) => (label || "my-notes").trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "my-notes";
function hash(text) {
  let value = 0;
  for (let i = 0; i < text.length; i += 1) value = Math.imul(value, 31) + text.charCodeAt(i) | 0;
  return value;
}
