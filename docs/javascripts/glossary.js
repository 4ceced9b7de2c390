// Glossary terms: the definition appears next to the term on mouse hover, keyboard focus
// and tap (WCAG 2.2, 1.4.13: it can be dismissed with Escape, hovered, and stays until
// then). Screen readers already read it as the term's aria-describedby description, and
// without this script a term is a plain link to the glossary.
(() => {
  const popup = document.createElement("div");
  popup.className = "gloss-popup";
  popup.setAttribute("aria-hidden", "true"); // read once, through aria-describedby
  popup.hidden = true;
  document.body.append(popup);

  let current = null;
  let hideTimer = 0;
  let tapShowsFirst = false;

  const termOf = (node) => (node instanceof Element ? node.closest(".gloss-term") : null);

  function show(term) {
    const tip = document.getElementById(term.getAttribute("aria-describedby"));
    if (!tip) return;
    clearTimeout(hideTimer);
    popup.replaceChildren(...Array.from(tip.cloneNode(true).childNodes));
    popup.hidden = false;
    current = term;
    place(term);
  }

  function hide() {
    clearTimeout(hideTimer);
    popup.hidden = true;
    current = null;
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
  popup.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  popup.addEventListener("mouseleave", hideSoon);

  document.addEventListener("focusin", (event) => {
    const term = termOf(event.target);
    if (term) show(term);
  });
  document.addEventListener("focusout", (event) => {
    if (termOf(event.target)) hide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && current) hide();
  });

  // On a touch screen the first tap on a term shows its definition; a second tap on the
  // same term follows the link to the glossary; a tap elsewhere closes it.
  document.addEventListener("pointerdown", (event) => {
    const term = termOf(event.target);
    tapShowsFirst = event.pointerType !== "mouse" && term !== null && current !== term;
  }, true);
  document.addEventListener("click", (event) => {
    const term = termOf(event.target);
    if (term && tapShowsFirst) {
      event.preventDefault();
      show(term);
    } else if (!term && !popup.contains(event.target)) {
      hide();
    }
    tapShowsFirst = false;
  });
  window.addEventListener("resize", () => { if (current) place(current); });
})();
