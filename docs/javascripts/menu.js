// The phone menu (Material's drawer, below 76.25em) for keyboard users. While it is open the
// page behind it is inert, so Tab stays in the menu, and Escape closes it and gives the focus
// back to the menu button. Its folded parts ("Apparatus", "Cite", ... and the way back from
// them) become focusable; Enter opens them, as Material does for its other sub-menus. On a
// wide screen those parts are plain headings and stay out of the Tab order.
(() => {
  const drawer = document.getElementById("__drawer");
  const menu = document.querySelector(".md-nav--primary");
  if (!drawer || !menu) return;
  const phone = window.matchMedia("(max-width: 76.1875em)");
  const button = document.querySelector('.md-header label[for="__drawer"]');
  const behind = () => document.querySelectorAll(
    "body > div:not(.md-container), .md-header, .md-sidebar--secondary, .md-content, .md-footer, .md-dialog");

  // Labels that fold or unfold a part of the menu, and the menu's own title (it closes it).
  const folds = Array.from(menu.querySelectorAll("label.md-nav__link[for], label.md-nav__title[for]"))
    .filter((label) => !label.hasAttribute("tabindex"));
  const fit = () => folds.forEach((label) => {
    if (phone.matches) label.setAttribute("tabindex", "0");
    else label.removeAttribute("tabindex");
  });

  const sync = () => {
    const open = drawer.checked && phone.matches;
    behind().forEach((element) => { element.inert = open; });
    if (!open && menu.contains(document.activeElement) && phone.matches && button) button.focus();
  };

  fit();
  phone.addEventListener("change", () => { fit(); sync(); });
  drawer.addEventListener("change", sync);
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !drawer.checked || !phone.matches) return;
    drawer.checked = false;
    drawer.dispatchEvent(new Event("change"));
  });
  // A part opened from the keyboard slides over the menu: the focus follows it to its title
  // (the way back), and back to the part's label when it is closed.
  menu.querySelectorAll("input.md-nav__toggle").forEach((toggle) => {
    toggle.addEventListener("change", () => {
      if (!phone.matches || !(document.activeElement instanceof HTMLLabelElement)) return;
      const nested = toggle.parentElement.querySelector(":scope > nav");
      const target = toggle.checked
        ? nested && nested.querySelector(":scope > label.md-nav__title")
        : toggle.parentElement.querySelector(`:scope > label[for="${toggle.id}"]`);
      if (target) target.focus({ preventScroll: true });
    });
  });
  // Enter on a focused label is Material's; Space is the other key of a button.
  menu.addEventListener("keydown", (event) => {
    if (event.key === " " && event.target instanceof HTMLLabelElement && event.target.hasAttribute("tabindex")) {
      event.preventDefault();
      event.target.click();
    }
  });
})();
