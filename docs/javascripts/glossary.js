// Glossary terms: the definition appears next to the term on mouse hover, keyboard focus
// and tap (WCAG 2.2, 1.4.13: it can be dismissed, with Escape or its close button, hovered,
// and stays until then), with a link to the term's entry in the glossary. Screen readers
// already read it as the term's aria-describedby description, and the term is itself the
// link to the entry, so the popup is hidden from them and its link and button are for the
// pointer (out of the Tab order): a keyboard user follows the term and closes with Escape.
// Without this script a term is a plain link to the glossary.
(() => {
  // The popup is made when a definition is first shown: a page that is only read makes none
  // (nor a link without an address, which search engines count against a page).
  let popup = null;
  let text = null;
  let entry = null;
  function made() {
    if (popup) return popup;
    popup = document.createElement("div");
    popup.className = "gloss-popup";
    popup.setAttribute("aria-hidden", "true"); // read once, through aria-describedby
    popup.hidden = true;
    text = document.createElement("div");
    entry = document.createElement("a");
    entry.className = "gloss-popup__entry";
    entry.tabIndex = -1;
    entry.textContent = "Glossary entry";
    const close = document.createElement("button");
    close.type = "button";
    close.className = "gloss-popup__close";
    close.tabIndex = -1;
    close.title = "Close";
    close.setAttribute("aria-label", "Close");
    close.textContent = "×";
    close.addEventListener("click", hide);
    popup.addEventListener("mouseenter", () => clearTimeout(hideTimer));
    popup.addEventListener("mouseleave", hideSoon);
    popup.append(close, text, entry);
    document.body.append(popup);
    return popup;
  }
  const inPopup = (node) => Boolean(popup && node instanceof Node && popup.contains(node));

  let current = null;
  let hideTimer = 0;
  let tapShowsFirst = false;
  let returning = false; // the focus goes back to the term: do not show it again

  const termOf = (node) => (node instanceof Element ? node.closest(".gloss-term") : null);

  function show(term) {
    const tip = document.getElementById(term.getAttribute("aria-describedby"));
    if (!tip) return;
    clearTimeout(hideTimer);
    made();
    text.replaceChildren(...Array.from(tip.cloneNode(true).childNodes));
    entry.href = term.href;
    popup.hidden = false;
    current = term;
    place(term);
  }

  // Hidden, the popup gives the focus it held back to its term.
  function hide() {
    clearTimeout(hideTimer);
    const term = current;
    if (popup) popup.hidden = true;
    current = null;
    if (term && inPopup(document.activeElement)) {
      returning = true;
      term.focus({ preventScroll: true });
      returning = false;
    }
  }

  // Leave time to move the pointer onto the definition (it must be hoverable).
  const hideSoon = () => { hideTimer = setTimeout(hide, 400); };

  function place(term) {
    const box = term.getBoundingClientRect();
    const width = Math.min(popup.offsetWidth, document.documentElement.clientWidth - 16);
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    popup.style.left = `${left + window.scrollX}px`;
    popup.style.top = `${box.bottom + window.scrollY + 6}px`;
  }

  document.addEventListener("mouseover", (event) => {
    const term = termOf(event.target);
    if (term) show(term);
  });
  document.addEventListener("mouseout", (event) => {
    if (termOf(event.target)) hideSoon();
  });

  document.addEventListener("focusin", (event) => {
    const term = termOf(event.target);
    if (term && !returning) show(term);
  });
  document.addEventListener("focusout", (event) => {
    if (termOf(event.target) && !inPopup(event.relatedTarget)) hide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && current) hide();
  });

  // On a touch screen the first tap on a term shows its definition; a second tap on the
  // same term, or on the popup's link, follows the link to the glossary; a tap elsewhere
  // closes it.
  document.addEventListener("pointerdown", (event) => {
    const term = termOf(event.target);
    tapShowsFirst = event.pointerType !== "mouse" && term !== null && current !== term;
  }, true);
  document.addEventListener("click", (event) => {
    const term = termOf(event.target);
    if (term && tapShowsFirst) {
      event.preventDefault();
      show(term);
    } else if (!term && !inPopup(event.target)) {
      hide();
    }
    tapShowsFirst = false;
  });
  window.addEventListener("resize", () => { if (current) place(current); });
})();
