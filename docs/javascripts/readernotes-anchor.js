// Where a reader's note is in the text (issue 26), the way the Hypothesis client anchors
// (src/annotator/anchoring/): a note keeps every selector the editors' notes have (the
// paragraph's fragment #pN refined by the quoted words with their context, and by their
// position, hooks/edition/exports/webanno.py), and is found again cheapest first: the
// position if the words there are still the quote, else the quote itself, else the quote
// allowing a quarter of its characters changed (approx-string-match, the library the
// Hypothesis client uses), the best candidate scored by its context and position. A note
// found by none is an orphan: listed, never dropped.
//
// Offsets here are UTF-16 indices into the paragraph's textContent; the selectors count
// code points, as webanno.py does (the page's text has no character outside the BMP today).
import search from "./vendor/approx-string-match.js";

export const AFFIX = 32; // code points of context kept before and after a quote, as webanno.py
const FRAGMENT = { type: "FragmentSelector", conformsTo: "http://tools.ietf.org/rfc/rfc3986" };

const points = (text) => Array.from(text).length;
function units(text, count) {
  let index = 0;
  for (const char of text) {
    if (count-- <= 0) break;
    index += char.length;
  }
  return index;
}

// The paragraph's ¶ and Cite links: text before this offset is the edition's, not the report's.
export function furnitureEnd(paragraph) {
  const links = paragraph.querySelectorAll(":scope > a.para-num, :scope > a.para-cite");
  if (!links.length) return 0;
  const range = paragraph.ownerDocument.createRange();
  range.setStart(paragraph, 0);
  range.setEndAfter(links[links.length - 1]);
  return range.toString().length;
}

// The offset in the paragraph's text of a point of the DOM (a range's boundary).
export function offsetOf(paragraph, node, offset) {
  const range = paragraph.ownerDocument.createRange();
  range.setStart(paragraph, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

// The DOM range of [start, end) of the paragraph's text.
export function rangeOf(paragraph, start, end) {
  const range = paragraph.ownerDocument.createRange();
  const walker = paragraph.ownerDocument.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  let seen = 0;
  let startSet = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.data.length;
    if (!startSet && start < seen + length) {
      range.setStart(node, start - seen);
      startSet = true;
    }
    if (startSet && end <= seen + length) {
      range.setEnd(node, end - seen);
      return range;
    }
    seen += length;
  }
  return null;
}

// The words of a selection in one paragraph of the report's text: clamped to the paragraph
// where it starts and to its own words (not the ¶ and Cite links), white space trimmed.
export function selectedWords(range) {
  const element = (node) => (node.nodeType === 1 ? node : node.parentElement);
  const paragraph = element(range.startContainer).closest("p.para[id]") || element(range.endContainer).closest("p.para[id]");
  if (!paragraph) return null;
  const text = paragraph.textContent;
  const first = furnitureEnd(paragraph);
  let start = paragraph.contains(range.startContainer) ? offsetOf(paragraph, range.startContainer, range.startOffset) : first;
  let end = paragraph.contains(range.endContainer) ? offsetOf(paragraph, range.endContainer, range.endOffset) : text.length;
  start = Math.max(start, first);
  while (start < end && /\s/.test(text[start])) start += 1;
  while (end > start && /\s/.test(text[end - 1])) end -= 1;
  if (end <= start) return null;
  return { paragraph, start, end, exact: text.slice(start, end) };
}

// The W3C selectors of [start, end) of a paragraph's text: as the editors' notes have them.
export function selectors(paragraphId, text, start, end) {
  const fragment = { ...FRAGMENT, value: paragraphId };
  return [
    { ...fragment, refinedBy: { type: "TextQuoteSelector", exact: text.slice(start, end),
      prefix: Array.from(text.slice(0, start)).slice(-AFFIX).join(""),
      suffix: Array.from(text.slice(end)).slice(0, AFFIX).join("") } },
    { ...fragment, refinedBy: { type: "TextPositionSelector", start: points(text.slice(0, start)),
      end: points(text.slice(0, end)) } },
  ];
}

// The paragraph, quote and position a note's target names (a position is optional).
export function targetOf(annotation) {
  const found = { paragraph: null, quote: null, position: null };
  for (const selector of [].concat(annotation.target.selector || [])) {
    if (selector.type !== "FragmentSelector" || !selector.refinedBy) continue;
    found.paragraph = selector.value;
    if (selector.refinedBy.type === "TextQuoteSelector") found.quote = selector.refinedBy;
    if (selector.refinedBy.type === "TextPositionSelector") found.position = selector.refinedBy;
  }
  return found;
}

// Where the note's words are in the paragraph's text now: {start, end, how} or null.
export function anchor(text, annotation) {
  const { quote, position } = targetOf(annotation);
  const exact = quote.exact;
  let hint = null;
  if (position) {
    const start = units(text, position.start);
    const end = units(text, position.end);
    if (text.slice(start, end) === exact) return { start, end, how: "position" };
    hint = start;
  }
  const exacts = [];
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) exacts.push({ start: at, end: at + exact.length, errors: 0 });
  if (exacts.length) return { ...best(text, quote, hint, exacts), how: "quote" };
  const maxErrors = Math.floor(exact.length / 4);
  if (maxErrors < 1) return null;
  const fuzzy = search(text, exact, maxErrors);
  return fuzzy.length ? { ...best(text, quote, hint, fuzzy), how: "fuzzy" } : null;
}

// The candidate whose words, context and place agree best with the note's (weights of the
// Hypothesis client's match-quote.ts: quote 50, prefix 20, suffix 20, position 2).
function best(text, quote, hint, candidates) {
  const similarity = (wanted, found) => {
    if (!wanted) return 1;
    const errors = search(found, wanted, wanted.length).reduce((least, match) => Math.min(least, match.errors), wanted.length);
    return 1 - errors / wanted.length;
  };
  let top = null;
  for (const candidate of candidates) {
    const prefix = quote.prefix || "";
    const suffix = quote.suffix || "";
    const score = 50 * (1 - candidate.errors / quote.exact.length)
      + 20 * similarity(prefix, text.slice(Math.max(0, candidate.start - prefix.length), candidate.start))
      + 20 * similarity(suffix, text.slice(candidate.end, candidate.end + suffix.length))
      + 2 * (hint === null ? 1 : 1 - Math.abs(candidate.start - hint) / Math.max(1, text.length));
    if (!top || score > top.score) top = { start: candidate.start, end: candidate.end, score };
  }
  return { start: top.start, end: top.end };
}

// A text fragment (https://wicg.github.io/scroll-to-text-fragment/) that finds these words
// of the paragraph and nothing before them on the page: the words, from and to whole words,
// with as many words of context around them as it takes to be unique on the page. Browsers
// that have no text fragments go to the paragraph's own fragment, written before it.
export function textDirective(paragraph, start, end, pageText) {
  const text = paragraph.textContent;
  const first = furnitureEnd(paragraph);
  const inWord = (at) => at > first && at < text.length && /[\p{L}\p{N}'’]/u.test(text[at - 1]) && /[\p{L}\p{N}'’]/u.test(text[at]);
  while (inWord(start)) start -= 1;
  while (inWord(end)) end += 1;
  const words = (part) => part.split(/\s+/).filter(Boolean);
  const quoted = words(text.slice(start, end));
  const before = words(text.slice(first, start));
  const after = words(text.slice(end));
  const normal = (part) => part.join(" ").toLowerCase();
  const count = (haystack, needle) => {
    let found = 0;
    for (let at = haystack.indexOf(needle); at >= 0 && found < 2; at = haystack.indexOf(needle, at + 1)) found += 1;
    return found;
  };
  const page = ` ${pageText.split(/\s+/).join(" ").toLowerCase()} `;
  const rest = ` ${normal([...quoted, ...after])} `;
  const long = quoted.length > 10;
  let prefix = [];
  let suffix = [];
  for (const size of [0, 1, 2, 3, 5, 8, 13]) {
    prefix = before.slice(Math.max(0, before.length - size));
    suffix = after.slice(0, size);
    const unique = long
      ? count(page, normal([...prefix, ...quoted.slice(0, 4)])) <= 1 && count(rest, normal([...quoted.slice(-4), ...suffix])) <= 1
      : count(page, normal([...prefix, ...quoted, ...suffix])) <= 1;
    if (unique) break;
  }
  const encode = (part) => encodeURIComponent(part.join(" ")).replace(/-/g, "%2D");
  const body = long ? `${encode(quoted.slice(0, 4))},${encode(quoted.slice(-4))}` : encode(quoted);
  // (No template literal inside another: the build's minifier, rjsmin 1.3, drops their spaces.)
  const head = prefix.length ? encode(prefix) + "-," : "";
  const tail = suffix.length ? ",-" + encode(suffix) : "";
  return "text=" + head + body + tail;
}
