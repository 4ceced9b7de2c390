// Material's header controls, and the phone menu (Material's drawer, below 76.25em) for keyboard users. While it is open the
// page behind it is inert, so Tab stays in the menu, and Escape closes it and gives the focus
// back to the menu button. Its folded parts ("Apparatus", "Cite", ... and the way back from
// them) become focusable; Enter opens them, as Material does for its other sub-menus. On a
// wide screen those parts are plain headings and stay out of the Tab order.
(() => {
  // The header's menu and search buttons of narrow screens are labels: they take the
  // keyboard's focus (Material's own Enter key handler clicks a focused label) and have a
  // name (a title: aria-label is not allowed on a label); the search is a dialog, and a
  // dialog needs a name (axe-core aria-dialog-name).
  document.querySelectorAll('.md-header label.md-header__button[for="__drawer"], .md-header label.md-header__button[for="__search"]')
    .forEach((label) => {
      label.tabIndex = 0;
      label.title = label.htmlFor === "__drawer" ? "Navigation" : "Search";
    });
  const search = document.querySelector('.md-search[role="dialog"]');
  if (search) search.setAttribute("aria-label", "Search");

  const drawer = document.getElementById("__drawer");
  const menu = document.querySelector(".md-nav--primary");
  if (!drawer || !menu) return;
  const phone = window.matchMedia("(max-width: 76.1875em)");
  const button = document.querySelector('.md-header label[for="__drawer"]');
  const behind = () => document.querySelectorAll(
    "body > div:not(.md-container), .md-header, .md-sidebar--secondary, .md-content, .edition-version, .md-footer, .md-dialog");

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

// A search result opens its page at the first match: Material highlights the words
// (search.highlight) once its index is loaded, but leaves the page at the top. This script
// runs after DOMContentLoaded (hooks/edition/assets.py, LATE), so the words may already be
// highlighted when it starts: it looks first, then watches.
(() => {
  if (!new URLSearchParams(location.search).has("h") || location.hash) return;
  const article = document.querySelector("article");
  if (!article) return;
  const scroll = () => {
    const mark = article.querySelector("mark[data-md-highlight]");
    if (mark) mark.scrollIntoView({ block: "center" });
    return Boolean(mark);
  };
  if (scroll()) return;
  const observer = new MutationObserver(() => scroll() && observer.disconnect());
  observer.observe(article, { childList: true, subtree: true });
})();
