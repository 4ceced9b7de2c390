// Annotations: the Reading and Study views, and each note as a disclosure.
//
// Reading view (the default) shows the report's text with a small numbered marker for each
// note, and the section's questions at its end; a marker shows its note. Study view shows
// every note (beside its paragraph on wide screens, after it on narrow ones: laid out by
// edition.css, each note staying after its paragraph in the page), folded to its first
// line, and marks the phrase a note is about while the note is hovered, focused or open;
// its toolbar shows or hides notes by kind and opens or closes them all. The view comes
// from the address (?view=study) or the reader's last choice (overrides/partials/
// edition-view.html reads both before the first paint); the markers and the switch are in
// the page as built. Choices are remembered (localStorage). Without JavaScript every note
// stays readable after its paragraph.
(() => {
  const article = document.querySelector("article.md-content__inner");
  const notes = article ? Array.from(article.querySelectorAll(".annotation")) : [];
  if (!notes.length) return;
  const root = document.documentElement;

  const STORE = "edition.annotations";
  const load = () => { try { return JSON.parse(localStorage.getItem(STORE)) || {}; } catch { return {}; } };
  const save = (state) => { try { localStorage.setItem(STORE, JSON.stringify(state)); } catch { /* private mode */ } };
  const state = { hidden: [], open: false, ...load() };
  const markOf = (note) => article.querySelector(`mark[data-note="${note.id}"]`);

  // Each note, once it is shown (at once in the Study view; in the Reading view when its
  // marker is followed or the view switched): its head becomes the button; its first
  // paragraph (the lead) stays, shown as one line while the note is folded in the margin;
  // the rest is the body it shows and hides. The Reading view, where no note shows, starts
  // without this work.
  const prepared = new WeakSet();
  function prepare(note) {
    if (prepared.has(note)) return;
    prepared.add(note);
    const head = note.querySelector(".annotation__head");
    const lead = head.nextElementSibling;
    if (lead && lead.tagName === "P") lead.classList.add("annotation__lead");
    const body = document.createElement("div");
    body.className = "annotation__body";
    body.id = `${note.id}-body`;
    const start = lead && lead.tagName === "P" ? lead : head;
    while (start.nextSibling) body.append(start.nextSibling);
    note.append(body);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "annotation__toggle";
    button.setAttribute("aria-controls", body.id);
    button.append(...Array.from(head.childNodes));
    head.append(button);
    setOpen(note, state.open);
  }
  const prepareAll = () => notes.forEach(prepare);

  function setOpen(note, open) {
    const button = note.querySelector(".annotation__toggle");
    if (!button) return;
    button.setAttribute("aria-expanded", String(open));
    note.querySelector(".annotation__body").hidden = !open;
    note.classList.toggle("annotation--open", open);
    const mark = markOf(note);
    if (mark) mark.classList.toggle("annotated--active", open);
  }

  article.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const button = target && target.closest(".annotation__toggle");
    if (button) setOpen(button.closest(".annotation"), button.getAttribute("aria-expanded") !== "true");
    const marker = target && target.closest("a.note-marker");
    if (marker) reveal(marker, event);
  });

  // Study view: the phrase is marked while its note has the pointer or the focus.
  const highlight = (event, on) => {
    const note = event.target instanceof Element ? event.target.closest(".annotation") : null;
    const mark = note && markOf(note);
    if (mark && !(event.relatedTarget instanceof Node && note.contains(event.relatedTarget))) {
      mark.classList.toggle("annotated--hover", on);
    }
  };
  article.addEventListener("mouseover", (event) => highlight(event, true));
  article.addEventListener("mouseout", (event) => highlight(event, false));
  article.addEventListener("focusin", (event) => highlight(event, true));
  article.addEventListener("focusout", (event) => highlight(event, false));

  // Reading view: a marker shows its note (opened, with the focus on it) or hides it again.
  function reveal(marker, event) {
    if (root.dataset.view !== "reading") return;  // Study view: the link goes to the note
    event.preventDefault();
    const note = document.getElementById(marker.hash.slice(1));
    prepare(note);
    const shown = !note.classList.contains("annotation--revealed");
    note.classList.toggle("annotation--revealed", shown);
    const aside = note.closest(".annotations");
    aside.classList.toggle("annotations--revealed", Boolean(aside.querySelector(".annotation--revealed")));
    marker.setAttribute("aria-expanded", String(shown));
    if (shown) {
      setOpen(note, true);
      note.querySelector(".annotation__toggle").focus();
    }
  }

  // Wide screens: the notes beside the text are laid out in the margin (edition.css) and do
  // not make the page longer; where the last of them run past the article's end, as when
  // every note is open, the article grows by that much, so that none lies over the footer.
  const asides = Array.from(article.querySelectorAll(":scope > .annotations"));
  let overhang = 0;
  const fit = () => {
    const margin = asides.some((aside) => getComputedStyle(aside).position === "absolute");
    const end = article.clientHeight - parseFloat(getComputedStyle(article).paddingBottom);
    const notesEnd = Math.max(0, ...asides.map((aside) => aside.offsetTop + aside.offsetHeight));
    const needed = margin ? Math.max(0, Math.ceil(notesEnd - end)) : 0;
    if (needed !== overhang) article.style.setProperty("--notes-overhang", `${(overhang = needed)}px`);
  };
  if (window.ResizeObserver) {
    const watch = new ResizeObserver(fit);
    [article, ...asides].forEach((element) => watch.observe(element));
  }

  // The one control between the views (in the toolbar since the first paint).
  const toolbar = article.querySelector(".annotation-controls");
  const viewSwitch = toolbar && toolbar.querySelector(".view-switch");
  if (viewSwitch) {
    viewSwitch.setAttribute("aria-pressed", String(root.dataset.view === "study"));
    viewSwitch.addEventListener("click", () => {
      const view = root.dataset.view === "study" ? "reading" : "study";
      if (view === "study") prepareAll();
      root.dataset.view = view;
      viewSwitch.setAttribute("aria-pressed", String(view === "study"));
      try { localStorage.setItem("edition.view", view); } catch { /* private mode */ }
      const url = new URL(location.href);
      if (url.searchParams.has("view")) {
        url.searchParams.set("view", view);
        history.replaceState(history.state, "", url);
      }
    });
  }

  function apply() {
    // The kinds on this page are those of the toolbar's checkboxes.
    toolbar.querySelectorAll("input[data-kind]").forEach((box) => {
      const hidden = state.hidden.includes(box.dataset.kind);
      document.body.classList.toggle(`hide-annotations--${box.dataset.kind}`, hidden);
      box.checked = !hidden;
    });
    notes.forEach((note) => setOpen(note, state.open));
    // A hidden note's phrase is not underlined in print: no note there explains it.
    if (state.hidden.length || article.querySelector(".annotated--hidden")) {
      const kinds = new Map(notes.map((note) => [note.id, note.dataset.kind]));
      article.querySelectorAll("mark[data-note]").forEach((mark) =>
        mark.classList.toggle("annotated--hidden", state.hidden.includes(kinds.get(mark.dataset.note))));
    }
  }

  article.querySelectorAll("a.note-marker").forEach((marker) => marker.setAttribute("aria-expanded", "false"));
  if (root.dataset.view === "study") prepareAll();
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
