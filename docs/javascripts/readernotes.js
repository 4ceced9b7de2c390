// The reader's own notes (issue 26): only this listener is in every page. The code
// (readernotes-app.js, a module, with its style sheet) loads when words of the report's text
// are first selected, on the My notes page, or at once on a page of the text if this browser
// already keeps notes. A reader who never selects words loads nothing more.
(() => {
  const article = document.querySelector("article.md-content__inner");
  if (!article || !article.querySelector("p.para, [data-my-notes]")) return;
  const script = new URL("readernotes-app.js", document.currentScript.src).href;
  let started = null;
  const start = () => {
    started = started || import(script).then((module) => module.start());
    started.catch(() => { started = null; });
  };
  let kept = null;
  try { kept = localStorage.getItem("edition.readernotes"); } catch { /* storage blocked: said when used */ }
  if (kept !== null || article.querySelector("[data-my-notes]")) start();
  const inText = (node) => {
    const element = node && (node.nodeType === 1 ? node : node.parentElement);
    return Boolean(element && element.closest("article p.para"));
  };
  document.addEventListener("selectionchange", () => {
    const selection = document.getSelection();
    if (!started && selection && !selection.isCollapsed && (inText(selection.anchorNode) || inText(selection.focusNode))) start();
  });
})();
