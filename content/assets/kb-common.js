/* Kunskapsbank: helpers every script of the site shares, loaded first (mkdocs.yml).
 *
 * Each page script used to carry its own copy of these: building elements from text (never
 * from HTML, so record text cannot inject script), filling "{name}" placeholders in the
 * locale's strings, the site's root address, fetching a data file once per visit, packing
 * data into a link, and offering a file to download. They live here once, as
 * `window.kb`, so a fix reaches every page.
 */
(() => {
  "use strict";

  const config = JSON.parse(document.getElementById("__config").textContent);

  /** The site root, from the page the scripts were first loaded on: Material's instant
   * navigation keeps the scripts, so every later page resolves against the same root. */
  const root = new URL(`${config.base.replace(/\/?$/, "/")}`, location.href);

  /** Fill "{name}" placeholders, as Python's str.format does for the locale's strings. */
  const format = (template, values) =>
    template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? values[key] : match));

  /** An element with attributes and children (nodes or text, never parsed as HTML). */
  function element(tag, attributes = {}, children = []) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
    }
    node.append(...children);
    return node;
  }

  /** A native button (keyboard and screen reader work as they should). */
  function button(text, onClick, className = "md-button") {
    const node = element("button", { type: "button", class: className }, [text]);
    node.addEventListener("click", onClick);
    return node;
  }

  const requests = new Map();

  /** A JSON file fetched once per visit and shared by every page that asks for it; a failed
   * request is forgotten, so that the next page tries again. */
  function fetchJson(address) {
    const href = String(address);
    if (!requests.has(href)) {
      const request = fetch(href).then(response => {
        if (!response.ok) throw new Error(`${response.status} ${href}`);
        return response.json();
      });
      request.catch(() => requests.delete(href));
      requests.set(href, request);
    }
    return requests.get(href);
  }

  /** Bytes as URL-safe base64 without padding, for a link's fragment. */
  function toBase64Url(bytes) {
    let text = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function fromBase64Url(text) {
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(atob(base64), char => char.charCodeAt(0));
  }

  /** Bytes through a CompressionStream or DecompressionStream. */
  async function transform(bytes, stream) {
    const piped = new Blob([bytes]).stream().pipeThrough(stream);
    return new Uint8Array(await new Response(piped).arrayBuffer());
  }

  /** Data as text for a link: JSON, compressed (deflate), URL-safe base64. */
  async function pack(data) {
    const json = new TextEncoder().encode(JSON.stringify(data));
    return toBase64Url(await transform(json, new CompressionStream("deflate-raw")));
  }

  async function unpack(text) {
    const json = await transform(fromBase64Url(text), new DecompressionStream("deflate-raw"));
    return JSON.parse(new TextDecoder().decode(json));
  }

  /** What links made before compression hold: JSON as URL-safe base64. */
  const unpackPlain = text => JSON.parse(new TextDecoder().decode(fromBase64Url(text)));

  /** Offer `data` as a JSON file to download. */
  function download(name, data) {
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const link = element("a", { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  /** Today as YYYY-MM-DD in the visitor's time zone, as a date field shows it. */
  function today() {
    const now = new Date();
    return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }

  /** A page element's UI texts, written from the locale file into `data-ui`. */
  const uiOf = node => JSON.parse(node.dataset.ui);

  window.kb = {
    root, format, element, button, fetchJson, pack, unpack, unpackPlain, download, today, uiOf,
  };
})();
