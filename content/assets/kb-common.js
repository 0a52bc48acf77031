/* Kunskapsbank: the helpers every script of the site shares, as one module the others import.
 *
 * Building elements from text (never from HTML, so record text cannot inject script), filling
 * "{name}" placeholders in the locale's strings, the site's root address, fetching a data file
 * once per visit, packing data into a link, offering a file to download, a page's progress in
 * words, a search excerpt as nodes, a feature's own stylesheet, running for every page the
 * theme shows, and the address's fragment as text live here once, so a fix reaches every
 * page and no script reaches into another's or the theme's globals. (The team's storage in
 * the browser has a module of its own, kb-store.js.)
 */

/** The site root: assets/, where this module lies, is at the root, so this is right on every
 * page, the 404 page at any depth included, and under any sub-path. */
export const root = new URL("../", import.meta.url);

/** Fill "{name}" placeholders, as Python's str.format does for the locale's strings.
 * @param {string} template
 * @param {Record<string, unknown>} values
 * @returns {string} */
export const format = (template, values) =>
  template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? String(values[key]) : match));

/** An element with attributes and children (nodes or text, never parsed as HTML); an
 * attribute given null, undefined or false is left out.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attributes]
 * @param {(Node | string)[]} [children]
 * @returns {HTMLElementTagNameMap[K]} */
export function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, String(value));
    }
  }
  node.append(...children);
  return node;
}

/** A native button (keyboard and screen reader work as they should).
 * @param {string} text
 * @param {(event: MouseEvent) => unknown} onClick
 * @returns {HTMLButtonElement} */
export function button(text, onClick, className = "md-button") {
  const node = element("button", { type: "button", class: className }, [text]);
  node.addEventListener("click", onClick);
  return node;
}

/** @type {Map<string, Promise<any>>} */
const requests = new Map();

/** A JSON file fetched once per visit and shared by every page that asks for it; a failed
 * request is forgotten, so that the next page tries again.
 * @param {string | URL} address
 * @returns {Promise<any>} */
export function fetchJson(address) {
  const href = String(address);
  let request = requests.get(href);
  if (!request) {
    request = fetch(href).then(response => {
      if (!response.ok) throw new Error(`${response.status} ${href}`);
      return response.json();
    });
    request.catch(() => requests.delete(href));
    requests.set(href, request);
  }
  return request;
}

/** Bytes as URL-safe base64 without padding, for a link's fragment.
 * @param {Uint8Array} bytes */
function toBase64Url(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** @param {string} text */
function fromBase64Url(text) {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(base64), char => char.charCodeAt(0));
}

/** Bytes through a CompressionStream or DecompressionStream.
 * @param {Uint8Array} bytes
 * @param {CompressionStream | DecompressionStream} stream */
async function transform(bytes, stream) {
  const piped = new Blob([/** @type {BlobPart} */ (bytes)]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

/** Data as text for a link: JSON, compressed (deflate), URL-safe base64.
 * @param {unknown} data */
export async function pack(data) {
  const json = new TextEncoder().encode(JSON.stringify(data));
  return toBase64Url(await transform(json, new CompressionStream("deflate-raw")));
}

/** @param {string} text
 * @returns {Promise<unknown>} */
export async function unpack(text) {
  const json = await transform(fromBase64Url(text), new DecompressionStream("deflate-raw"));
  return JSON.parse(new TextDecoder().decode(json));
}

/** What links made before compression hold: JSON as URL-safe base64.
 * @param {string} text
 * @returns {unknown} */
export const unpackPlain = text => JSON.parse(new TextDecoder().decode(fromBase64Url(text)));

/** Offer `data` as a JSON file to download.
 * @param {string} name
 * @param {unknown} data */
export function download(name, data) {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = element("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The address's fragment without "#", its percent-escapes decoded; a fragment that is not
 * well-formed (an escape cut off by a mail program, a lone surrogate) is taken as written,
 * never an error, so that a page opened from any address works.
 * @returns {string} */
export function fragment() {
  const raw = location.hash.slice(1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Today (or the day of `moment`) as YYYY-MM-DD in the visitor's time zone, as a date
 * field shows it. */
export function today(moment = new Date()) {
  return new Date(moment.getTime() - moment.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

/** A page element's UI texts, written from the locale file into `data-ui`.
 * @param {HTMLElement} node
 * @returns {any} */
export const uiOf = node => JSON.parse(node.dataset.ui ?? "{}");

/** The first element that matches `selector`, typed as the HTML element it is (the scripts
 * look up only HTML elements), or null.
 * @param {string} selector
 * @param {ParentNode} [within]
 * @returns {HTMLElement | null} */
export const find = (selector, within = document) => within.querySelector(selector);

/** An element the page holds whenever it holds the marker its script was loaded for (the
 * generator writes them together); a missing one is a broken page, said at once.
 * @param {string} selector
 * @param {ParentNode} [within]
 * @returns {HTMLElement} */
export function required(selector, within = document) {
  const found = find(selector, within);
  if (!found) throw new Error(`${selector} saknas på sidan`);
  return found;
}

/** A form whose answer follows every choice at once (the finder, the comparison, the fit
 * assessment) still has a submit button, so that a keyboard user knows how to finish it
 * (WCAG 3.2.2, as pa11y checks it): the button, or Enter, takes the reader to the answer.
 * @param {HTMLFormElement} form
 * @param {HTMLElement} answer focusable by script (tabindex="-1") */
export function submitGoesTo(form, answer) {
  form.addEventListener("submit", event => {
    event.preventDefault();
    answer.focus();
  });
}

/** The page's element for a feature, marked as taken, or null when the page has none or a
 * run for this page has taken it already (the theme may announce the same page twice).
 * @param {string} selector */
export function unenhanced(selector) {
  const found = find(selector);
  if (!found || found.dataset.enhanced) return null;
  found.dataset.enhanced = "true";
  return found;
}

/** Every element that matches `selector`, as HTML elements.
 * @param {string} selector
 * @param {ParentNode} [within]
 * @returns {HTMLElement[]} */
export const findAll = (selector, within = document) => [...within.querySelectorAll(selector)]
  .filter(node => node instanceof HTMLElement);

/** @typedef {{total: number, done: number, started: number, not_started: number,
 *             not_applicable: number}} Counts */

/** "3 av 10 klara, 1 påbörjade", and how many do not apply when any do not.
 * @param {{progress: string, progress_not_applicable: string}} ui
 * @param {Counts} counts */
export function progressText(ui, counts) {
  const text = format(ui.progress, counts);
  return counts.not_applicable ? `${text} ${format(ui.progress_not_applicable, counts)}` : text;
}

/** A search excerpt as nodes: its text, with Pagefind's <mark> around the matched words;
 * the markup is parsed inertly and nothing else of it is kept.
 * @param {string} markup
 * @returns {Node[]} */
export function excerpt(markup) {
  const parsed = new DOMParser().parseFromString(`<p>${markup}</p>`, "text/html");
  return [...(parsed.body.firstChild?.childNodes ?? [])].map(node => (node.nodeName === "MARK"
    ? element("mark", {}, [node.textContent ?? ""])
    : document.createTextNode(node.textContent ?? "")));
}

/** @type {Map<string, Promise<void>>} */
const stylesheets = new Map();

/** A feature's own stylesheet (next to this module), added once and resolved once it
 * applies, so that a script shows what it builds already styled. It goes at the end of the
 * body: Material's instant navigation replaces the head's elements with the next page's,
 * and would take it away while the script that needs it stays.
 * @param {string} name
 * @returns {Promise<void>} */
export function stylesheet(name) {
  let loaded = stylesheets.get(name);
  if (!loaded) {
    const link = element("link", { rel: "stylesheet", href: new URL(name, import.meta.url).href });
    loaded = new Promise(resolve => {
      // A stylesheet that fails leaves the feature unstyled, not missing.
      link.addEventListener("load", () => resolve());
      link.addEventListener("error", () => resolve());
    });
    document.body.append(link);
    stylesheets.set(name, loaded);
  }
  return loaded;
}

/** Run `callback` for every page the theme shows: Material's instant navigation swaps pages
 * without reloading scripts and announces each through its public `document$`; without it
 * (Zensical's or no instant navigation), the page loaded is the only one.
 * @param {() => void} callback */
export function onEveryPage(callback) {
  if (window.document$) window.document$.subscribe(callback);
  else callback();
}
