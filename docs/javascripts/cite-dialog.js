// The Cite dialog (docs/javascripts/cite.js loads this module when a Cite link is first
// pointed at, focused or followed): the citation of the page's edition or of a paragraph, in
// Chicago, APA and MLA and as BibTeX, RIS and CSL-JSON, each with a copy button. The data,
// made at build time, is one file for all pages (cite/citations.json). Its style sheet comes
// with it: the dialog opens once both are here.
let data = null;
const styled = new Promise((resolve) => {
  const sheet = document.createElement("link");
  sheet.rel = "stylesheet";
  sheet.href = new URL("../stylesheets/cite-dialog.css", import.meta.url).href;
  sheet.onload = sheet.onerror = resolve;
  document.head.append(sheet);
});

// The citations, fetched once (again after a failure).
export function load(url) {
  data = data || fetch(url).then((response) => {
    if (!response.ok) throw new Error(`${response.status} ${response.url}`);
    return response.json();
  });
  data.catch(() => { data = null; });
  return data;
}

// The citation a Cite link names, in the dialog; its own page if the data has none.
export function cite(link, url) {
  return Promise.all([load(url), styled]).then(([found]) => {
    const key = link.dataset.cite;
    const entry = key === "page" ? found.page : found.paragraphs[key];
    if (entry) open(entry);
    else window.location.href = link.href;
  });
}

const dialog = document.createElement("dialog");
dialog.className = "cite-dialog";
dialog.setAttribute("aria-labelledby", "cite-dialog-title");
document.body.append(dialog);

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, value));
  node.append(...children);
  return node;
}

function copyButton(text, what) {
  const button = element("button", { type: "button", class: "cite-dialog__copy" }, "Copy");
  button.setAttribute("aria-label", `Copy ${what}`);
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = "Copied";
    } catch {
      button.textContent = "Select and copy";
    }
    setTimeout(() => { button.textContent = "Copy"; }, 2000);
  });
  return button;
}

function open(entry) {
  const title = element("h2", { id: "cite-dialog-title" }, `Cite ${entry.label}`);
  const close = element("button", { type: "button", class: "cite-dialog__close" }, "Close");
  close.addEventListener("click", () => dialog.close());
  const styles = entry.styles.map((style) => {
    const reference = element("p", { class: "cite-dialog__reference" });
    reference.innerHTML = style.html; // made at build time by the CSL processor, not user input
    return element("section", { class: "cite-dialog__style" },
      element("h3", {}, style.name), reference,
      element("p", { class: "cite-dialog__in-text" }, `In the text: ${style.inText}`),
      copyButton(style.text, `${style.name} citation`));
  });
  const formats = entry.formats.map((format) => element("details", {},
    element("summary", {}, format.name),
    element("pre", {}, element("code", {}, format.text)),
    copyButton(format.text, format.name)));
  dialog.replaceChildren(element("div", { class: "cite-dialog__head" }, title, close),
    ...styles, element("section", { class: "cite-dialog__formats" }, ...formats));
  dialog.showModal();
  close.focus();
}
// A click on the backdrop closes the dialog, as Escape does.
dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
