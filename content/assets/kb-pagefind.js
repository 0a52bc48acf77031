/* Kunskapsbank: the site's Pagefind index (pagefind/), which the header search (kb-search.js)
 * and the finder (kb-finder.js) both ask.
 *
 * Pagefind's own script, its WebAssembly and the index chunks a query needs are loaded on
 * first use only, once per visit, so a visitor who does not search downloads no index.
 */

import { root } from "./kb-common.js";

// A record's search words (abbreviation, synonyms, Norwegian and Danish words) are marked
// in its page as Pagefind metadata; a match there counts above one in a title, so the
// record comes first and not a bibliography entry with the word in its title. Of the pages
// that carry the exact word of a query (see exactWord), one whose abbreviation it is comes
// before one whose title it is, and that before one whose search word it is.
const RANKING = {
  metaWeights: { keywords: 10, exakt_forkortning: 30, exakt_titel: 20, exakt_ord: 10 },
};
// FNV-1a, 64 bits: the same made-up word as generator/rendering/exact_search.py.
const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;

/** @type {Promise<any> | null} */
let pagefind = null;

/** One of Pagefind's results: the page's id, its score and its data, loaded on request.
 * @typedef {{id: string, score: number, data(): Promise<any>}} Hit */

/** Pagefind's search API, loaded on first use; a failed load is not kept, so that the next
 * try loads it again.
 * @returns {Promise<any>} */
export function engine() {
  pagefind ??= import(new URL("pagefind/pagefind.js", root).href).then(async module => {
    await module.options({ baseUrl: root.pathname, ranking: RANKING });
    await module.init();
    return module;
  });
  pagefind.catch(() => { pagefind = null; });
  return pagefind;
}

/** `text` lowercased, without diacritical marks, its words separated by single spaces.
 * @param {string} text */
export function normalized(text) {
  return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** The made-up word that the page of a record whose title, abbreviation or search word is
 * `text` carries as metadata (generator/rendering/exact_search.py), so that a search for it
 * finds exactly those pages.
 * @param {string} text */
export function exactWord(text) {
  let value = OFFSET;
  for (const byte of new TextEncoder().encode(normalized(text))) {
    value = ((value ^ BigInt(byte)) * PRIME) & MASK;
  }
  return `kbexakt${value.toString().padStart(20, "0")}`;
}

/** The site's search: Pagefind's results for `query`, the pages of the records whose title,
 * abbreviation or search word the query is put first, so that a visitor who types a method's
 * abbreviation gets the method and not the reference that names it ten times. Those pages
 * come in the order of what the query is to them (abbreviation, title, search word), then in
 * Pagefind's own order; each is Pagefind's result for the query where there is one, so that
 * its excerpt marks the words typed. With `wait`, the search waits that many milliseconds for
 * the visitor to type on, and gives null when a newer query took over (debouncedSearch).
 * @param {string} query
 * @param {object} [options] Pagefind's search options (filters, sort)
 * @param {number} [wait]
 * @returns {Promise<{results: Hit[]} | null>} */
export async function search(query, options = {}, wait = 0) {
  const pagefind = await engine();
  const found = await (wait ? pagefind.debouncedSearch(query, options, wait)
                            : pagefind.search(query, options));
  if (found === null || !normalized(query)) return found;
  const word = exactWord(query);
  /** @type {{results: Hit[]}} */
  const exact = await pagefind.search(word, options);
  // Where no page carries the word, Pagefind answers with the pages of the longest word the
  // query starts with: such pages carry no exact word of the query.
  const top = await exact.results[0]?.data();
  if (!top || !Object.values(top.meta).some(value => String(value).split(" ").includes(word))) {
    return found;
  }
  /** @type {Map<string, number>} */
  const place = new Map(found.results.map((/** @type {Hit} */ hit, /** @type {number} */ i) => [hit.id, i]));
  const after = found.results.length;
  const own = [...exact.results].sort((a, b) =>
    b.score - a.score || (place.get(a.id) ?? after) - (place.get(b.id) ?? after));
  const first = new Set(own.map(hit => hit.id));
  return { ...found, results: [
    ...own.map(hit => found.results[place.get(hit.id) ?? -1] ?? hit),
    ...found.results.filter((/** @type {Hit} */ hit) => !first.has(hit.id))] };
}
