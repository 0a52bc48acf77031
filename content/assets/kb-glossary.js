/* Kunskapsbank: glossary terms explained wherever they appear.
 *
 * The build writes data/ordlista.json (every term's forms, short explanation and address).
 * On each page this script finds the first place each term occurs in the main text and
 * turns it into a link to the term's glossary page with a tooltip: shown while the pointer
 * is over it or the link has keyboard focus, kept while the pointer moves onto it, closed
 * with Escape (WCAG 1.4.13), and tied to the link with aria-describedby so a screen reader
 * reads the explanation too. Only the first occurrence is marked, so a page does not fill
 * up with tab stops. Without the script the text reads as before.
 *
 * Forms in capitals only (abbreviations such as EBP) must match exactly; other forms match
 * whatever their case. Headings, links, code, form controls and the glossary list itself
 * are left alone.
 *
 * kb-start.js runs it for every page.
 */

import { element, fetchJson, find, root as ROOT } from "./kb-common.js";

/** A term as data/ordlista.json gives it, and the expressions that find its forms.
 * @typedef {{id: string, url: string, text: string, forms: string[]}} Term
 * @typedef {Term & {patterns: RegExp[]}} Found */

const SKIP = "a, code, pre, kbd, h1, h2, h3, h4, h5, h6, abbr, button, label, legend, "
  + "input, select, textarea, script, style, sup, .kb-term, .kb-glossary, .kb-meta, "
  + "[data-kb-no-terms]";
/** @type {Promise<Found[]> | null} */
let glossary = null;

/** The terms, each with its regular expressions; fetched once per visit. */
function load() {
  glossary ??= fetchJson(new URL("data/ordlista.json", ROOT))
    .then((/** @type {Term[]} */ terms) => terms.map(
      term => ({ ...term, patterns: patterns(term.forms) })))
    .catch(() => []);
  return glossary;
}

/** One expression for the abbreviations (exact case), one for the words (any case).
 * @param {string[]} forms
 * @returns {RegExp[]} */
function patterns(forms) {
  const escape = (/** @type {string} */ form) => form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const whole = (/** @type {string[]} */ list, /** @type {string} */ flags) => (list.length
    ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.map(escape).join("|")})(?![\\p{L}\\p{N}])`, flags)
    : null);
  const upper = forms.filter(form => form === form.toUpperCase());
  return [whole(upper, "u"), whole(forms.filter(form => !upper.includes(form)), "iu")]
    .filter(regex => regex !== null);
}

/** The earliest match of any of the term's expressions in `text`, or null.
 * @param {string} text
 * @param {Found} term */
function firstMatch(text, term) {
  const matches = term.patterns.map(regex => regex.exec(text)).filter(match => match !== null);
  return matches.sort((a, b) => a.index - b.index)[0] || null;
}

/** The text nodes of `root` where a term may be marked.
 * @param {Node} root
 * @returns {Text[]} */
function textNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: node => (node.nodeValue?.trim() && !node.parentElement?.closest(SKIP)
      ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT),
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(/** @type {Text} */ (walker.currentNode));
  return nodes;
}

/** Shift a shown tooltip left as far as needed to keep it inside the window, so that
 * showing it never makes the page scroll sideways (WCAG 1.4.10).
 * @param {HTMLElement} tip */
function keepInView(tip) {
  tip.style.left = "";
  const box = tip.getBoundingClientRect();
  if (!box.width) return;
  const margin = 8;
  const right = document.documentElement.clientWidth - margin;
  if (box.right > right) {
    tip.style.left = `${Math.max(right - box.right, margin - box.left)}px`;
  }
}

/** The term's link and tooltip in place of its match in `node`.
 * @param {Text} node
 * @param {RegExpExecArray} match
 * @param {Found} term */
function mark(node, match, term) {
  const id = `kb-term-${term.id}`;
  const link = element("a", { class: "kb-term__link", href: new URL(term.url, ROOT).href,
                              "aria-describedby": id }, [match[0]]);
  const tip = element("span", { class: "kb-term__tip", id, role: "tooltip" }, [term.text]);
  const wrapper = element("span", { class: "kb-term" }, [link, tip]);
  wrapper.addEventListener("mouseenter", () => keepInView(tip));
  wrapper.addEventListener("focusin", () => keepInView(tip));
  wrapper.addEventListener("mouseleave", () => wrapper.classList.remove("kb-term--closed"));
  link.addEventListener("blur", () => wrapper.classList.remove("kb-term--closed"));
  const rest = node.splitText(match.index);
  rest.data = rest.data.slice(match[0].length);
  node.after(wrapper);
}

export async function enhance() {
  const content = find(".md-content article");
  if (!content) return;
  const terms = await load();
  const here = location.pathname;
  for (const term of terms) {
    if (here.endsWith(`/${term.url}`)) continue;
    for (const node of textNodes(content)) {
      const match = firstMatch(node.data, term);
      if (match) {
        mark(node, match, term);
        break;
      }
    }
  }
  // A state others can wait for (the tests do) instead of waiting for time.
  content.dataset.kbTerms = "marked";
}

// Escape closes the tooltip under the pointer or focus without moving either.
document.addEventListener("keydown", event => {
  if (event.key !== "Escape") return;
  for (const open of document.querySelectorAll(".kb-term:hover, .kb-term:focus-within")) {
    open.classList.add("kb-term--closed");
  }
});

