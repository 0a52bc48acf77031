/* Kunskapsbank: the site's Pagefind index (pagefind/), which the header search (kb-search.js)
 * and the finder (kb-finder.js) both ask.
 *
 * Pagefind's own script, its WebAssembly and the index chunks a query needs are loaded on
 * first use only, once per visit, so a visitor who does not search downloads no index.
 */

import { root } from "./kb-common.js";

// A record's search words (abbreviation, synonyms, Norwegian and Danish words) are marked
// in its page as Pagefind metadata; a match there counts above one in a title, so the
// record comes first and not a bibliography entry with the word in its title.
const RANKING = { metaWeights: { keywords: 10 } };

/** @type {Promise<any> | null} */
let pagefind = null;

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
