/* Kunskapsbank: the methods for the finder (/hitta/) and the comparison (/jamfor/).
 *
 * Both pages load the methods from the published open data (data/insatser.json) rather
 * than carrying them in the page, so the pages stay the same size however many methods
 * the knowledge base holds. Each page links to the file in its fallback for readers
 * without JavaScript (`.kb-no-js a.kb-methods`); that link is written relative to the page
 * at build time, so its address is right under any site_url or sub-path and with
 * `mkdocs serve`. The file is fetched once and shared by both pages under Material's
 * instant navigation. Entries give their page (`url`) relative to the site root, the
 * folder above data/; `href` is that page's full address.
 *
 * While loading, the page's live region says so; if loading fails, it says that in
 * Swedish and the fallback (catalogue and data files) is shown again.
 */

import { element, fetchJson, find } from "./kb-common.js";

/** A method as the open data give it (data/insatser.json; its fields are described in
 * data/insatser.schema.json), with its page's full address.
 * @typedef {{id: string, url: string, href: string, title: string,
 *            abbreviation?: string, [field: string]: any}} Method */

/** The methods, each with its page's full address (`href`); the file is fetched once
 * per visit (kb-common.js).
 * @param {string} address
 * @returns {Promise<Method[]>} */
const fetchMethods = address => fetchJson(address).then(data => {
  const root = new URL("../", address);
  return data.methods.map((/** @type {Method} */ method) => (
    { ...method, href: new URL(method.url, root).href }));
});

/** The methods, or null when they could not be loaded (the reader has been told).
 * @param {{loading: string, error: string}} ui
 * @param {HTMLElement} status the page's live region */
export async function load(ui, status) {
  // The page's fallback for readers without JavaScript, which links to the data file.
  const fallback = /** @type {HTMLElement} */ (find(".kb-no-js"));
  const link = /** @type {HTMLAnchorElement} */ (find("a.kb-methods", fallback));
  fallback.hidden = true;
  status.textContent = ui.loading;
  try {
    return await fetchMethods(link.href);
  } catch (error) {
    console.error(error);
    status.textContent = ui.error;
    fallback.hidden = false;
    return null;
  }
}

/** A link to a method's page; its text is set as text, never parsed as HTML.
 * @param {Method} method
 * @param {string} text */
export const methodLink = (method, text) =>
  element("a", { href: method.href, "data-method": method.id }, [text]);

