// Annotations: each note becomes a disclosure (a button with aria-expanded), and the toolbar
// at the top of the page shows or hides notes by kind and opens or closes them all. The
// choice is remembered (localStorage). Without JavaScript, every note stays readable after
// its paragraph and the toolbar is not shown.
(() => {
  const article = document.querySelector("article.md-content__inner");
  const notes = article ? Array.from(article.querySelectorAll(".annotation")) : [];
  if (!notes.length) return;

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
    // The kinds on this page are those of the toolbar's checkboxes.
    toolbar.querySelectorAll("input[data-kind]").forEach((box) => {
      const hidden = state.hidden.includes(box.dataset.kind);
      document.body.classList.toggle(`hide-annotations--${box.dataset.kind}`, hidden);
      box.checked = !hidden;
    });
    notes.forEach((note) => setOpen(note, state.open));
  }

  // The toolbar (written by the build after the title): a checkbox per kind, open/close all.
  const toolbar = article.querySelector(".annotation-controls");
  if (!toolbar) return;
  toolbar.querySelectorAll("input[data-kind]").forEach((box) => {
    const kind = box.dataset.kind;
    box.addEventListener("change", () => {
      state.hidden = box.checked ? state.hidden.filter((k) => k !== kind) : [...state.hidden, kind];
      save(state);
      apply();
    });
  });
  toolbar.querySelectorAll("button[data-open]").forEach((button) => {
    const open = button.dataset.open === "true";
    button.addEventListener("click", () => { state.open = open; save(state); apply(); });
  });
  apply();
})();
