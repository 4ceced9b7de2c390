// Cite: a dialog with the citation of the page's edition or of a paragraph, in Chicago,
// APA and MLA and as BibTeX, RIS and CSL-JSON, each with a copy button. The dialog's code
// (cite-dialog.js, a module) and its data (cite/citations.json, named by the page's
// data-cite-source) are fetched when a Cite link is first pointed at, focused or followed:
// a page that is only read loads neither. Without JavaScript, or if either cannot be had,
// the Cite links lead to the same citations on /cite/.
(() => {
  const source = document.querySelector("[data-cite-source]");
  if (!source) return;
  const script = new URL("cite-dialog.js", document.currentScript.src);
  let dialog = null;
  const load = () => {
    dialog = dialog || import(script.href).then((module) => {
      module.load(source.dataset.citeSource).catch(() => {});
      return module;
    });
    dialog.catch(() => { dialog = null; });
    return dialog;
  };

  const citeLink = (event) => (event.target instanceof Element ? event.target.closest("a.cite-open") : null);
  ["pointerover", "focusin"].forEach((type) => document.addEventListener(type, (event) => {
    if (citeLink(event)) load().catch(() => {});
  }));
  document.addEventListener("click", (event) => {
    const link = citeLink(event);
    if (!link) return;
    event.preventDefault();
    load().then((module) => module.cite(link, source.dataset.citeSource))
      .catch(() => { window.location.href = link.href; });
  });
})();
