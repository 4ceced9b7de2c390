// Annotations: each note becomes a disclosure (a button with aria-expanded), and a toolbar
// at the top of the page shows or hides notes by kind and opens or closes them all. The
// choice is remembered (localStorage). Without JavaScript, every note stays readable after
// its paragraph.
(() => {
  const article = document.querySelector("article.md-content__inner");
  const notes = article ? Array.from(article.querySelectorAll(".annotation")) : [];
  if (!notes.length) return;

  const KINDS = { context: "Context", correction: "Corrections", "cross-reference": "Cross-references", question: "Questions" };
  const STORE = "edition.annotations";
  const load = () => { try { return JSON.parse(localStorage.getItem(STORE)) || {}; } catch { return {}; } };
  const save = (state) => { try { localStorage.setItem(STORE, JSON.stringify(state)); } catch { /* private mode */ } };
  const state = { hidden: [], open: false, ...load() };

  // Each note: its head becomes the button; the rest is the body it shows and hides.
  notes.forEach((note) => {
    const head = note.querySelector(".annotation__head");
    const body = document.createElement("div");
    body.className = "annotation__body";
    body.id = `${note.id}-body`;
    while (head.nextSibling) body.append(head.nextSibling);
    note.append(body);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "annotation__toggle";
    button.setAttribute("aria-controls", body.id);
    button.append(...Array.from(head.childNodes));
    head.append(button);
    button.addEventListener("click", () => setOpen(note, button.getAttribute("aria-expanded") !== "true"));
  });

  function setOpen(note, open) {
    const button = note.querySelector(".annotation__toggle");
    button.setAttribute("aria-expanded", String(open));
    note.querySelector(".annotation__body").hidden = !open;
    note.classList.toggle("annotation--open", open);
    const mark = document.querySelector(`mark[data-note="${note.id}"]`);
    if (mark) mark.classList.toggle("annotated--active", open);
  }

  function apply() {
    Object.keys(KINDS).forEach((kind) => {
      document.body.classList.toggle(`hide-annotations--${kind}`, state.hidden.includes(kind));
    });
    notes.forEach((note) => setOpen(note, state.open));
    toolbar.querySelectorAll("input[data-kind]").forEach((box) => {
      box.checked = !state.hidden.includes(box.dataset.kind);
    });
  }

  // The toolbar: one checkbox per kind present on the page, and open/close all.
  const toolbar = document.createElement("div");
  toolbar.className = "annotation-controls";
  toolbar.setAttribute("role", "group");
  toolbar.setAttribute("aria-label", "Editors' annotations");
  const label = document.createElement("span");
  label.className = "annotation-controls__label";
  label.textContent = "Annotations:";
  toolbar.append(label);
  Object.entries(KINDS).forEach(([kind, name]) => {
    const count = notes.filter((note) => note.dataset.kind === kind).length;
    if (!count) return;
    const option = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.dataset.kind = kind;
    box.addEventListener("change", () => {
      state.hidden = box.checked ? state.hidden.filter((k) => k !== kind) : [...state.hidden, kind];
      save(state);
      apply();
    });
    option.append(box, ` ${name} (${count})`);
    toolbar.append(option);
  });
  [["Open all", true], ["Close all", false]].forEach(([text, open]) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "annotation-controls__all";
    button.textContent = text;
    button.addEventListener("click", () => { state.open = open; save(state); apply(); });
    toolbar.append(button);
  });
  const heading = article.querySelector("h1");
  heading.after(toolbar);
  apply();
})();
