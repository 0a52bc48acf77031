/* Kunskapsbank: the method finder (/hitta/).
 *
 * The page comes as the finder is before any choice (generator/rendering/finder.py): the
 * form (free text, the child's age and a group of checkboxes per facet) with each option's
 * count, and the first page of the catalogue with its count. Only when the visitor chooses,
 * searches or asks for more (or opens a link with choices in it) does this script load the
 * site's Pagefind index, the one the header search uses (kb-pagefind.js), and ask it for the
 * methods that match, saying so in the status line while the index loads: every
 * method page carries its facet codes and the ages it covers as Pagefind filters (`typ`
 * "insats" marks a method). Within a facet any chosen option may match; across facets all
 * must, and the age must be in the method's range. Beside every option it writes how many
 * methods choosing it would give (Pagefind counts per filter value, with that facet's own
 * choices left out), announces the result count in a live region and mirrors the choices
 * in the URL's query string, so a search can be bookmarked and shared. A result is the
 * method's title and, for a text search, an excerpt with the words marked, else its summary.
 * Only the results shown are loaded, a page at a time, so the finder costs the same with a
 * dozen methods or thousands. Facet groups are open on a wide screen and closed on a phone,
 * where each names how many of its options are chosen, so that the results stay in the first
 * screen. Every visible text comes from
 * the page (`form[data-ui]`) or the index, and record text is only ever set as text.
 *
 * kb-start.js loads it for the page, and again after each instant navigation to it; its
 * styles (kb-finder.css) are linked from the page itself, so that nothing moves when it starts.
 */

import {
  excerpt, find, findAll, format, required, submitGoesTo,
} from "./kb-common.js";
import { engine, search as searchSite } from "./kb-pagefind.js";

const AGE = "alder";
const QUERY = "q";
const METHOD = { typ: "insats" };
const WIDE = "(min-width: 60em)";
// The results' mark while their list is the page's own and the address has choices.
const PENDING = "kb-finder-pending";

/** A page of Pagefind's results, as much of it as the finder shows.
 * @typedef {{url: string, excerpt: string, meta?: {title?: string, summary?: string}}} Hit
 * @typedef {{results: {data(): Promise<Hit>}[], filters?: Record<string, Record<string, number>>}}
 *   Found */

/** The method's id: the last part of its address (`/insatser/pmto/`).
 * @param {string} url */
const methodId = url => url.split("/").filter(Boolean).pop() ?? "";

class Finder {
  /** @param {HTMLFormElement} form */
  constructor(form) {
    this.form = form;
    this.ui = JSON.parse(form.dataset.ui ?? "{}");
    this.age = /** @type {HTMLInputElement} */ (form.elements.namedItem(AGE));
    this.query = /** @type {HTMLInputElement} */ (form.elements.namedItem(QUERY));
    this.region = required(".kb-finder-results");
    this.status = required(".kb-finder-status");
    this.compare = /** @type {HTMLAnchorElement | null} */ (find("a.kb-finder-compare"));
    this.list = required(".kb-finder-hits");
    this.more = /** @type {HTMLButtonElement} */ (required(".kb-finder-more"));
    /** @type {(HTMLInputElement | HTMLButtonElement)[]} disabled until the script runs */
    this.controls = [
      .../** @type {(HTMLInputElement | HTMLButtonElement)[]} */ (findAll("input, button", form)),
      this.more,
    ];
    this.failed = required(".kb-finder-failed");
    this.groups = /** @type {HTMLDetailsElement[]} */ (findAll("details.kb-facet-group", form));
    this.facets = findAll("fieldset[data-facet]", form).map(fieldset => ({
      key: fieldset.dataset.facet ?? "",
      boxes: /** @type {HTMLInputElement[]} */ (findAll("input[type=checkbox]", fieldset)),
      chosen: required(".kb-chosen", fieldset.closest("details") ?? fieldset),
    }));
    /** @type {number} the page's size and how many methods are compared (from the page) */
    this.page = this.ui.page;
    this.compareMax = this.ui.compare_max;
    /** @type {number} how many methods there are */
    this.total = this.ui.total;
    this.generation = 0;
    /** @type {any} Pagefind's search API, once loaded */
    this.pagefind = null;
    /** @type {Found["results"] | null} null while the list is the page's own, for no choice */
    this.results = null;
    /** @type {string | null} the words searched for, if any */
    this.text = null;
    this.shown = this.list.children.length;
  }

  async start() {
    this.read(new URLSearchParams(location.search));
    this.form.addEventListener("input", () => this.update(true));
    submitGoesTo(this.form, required("#insatser"));
    // The form's own reset clears the controls after the event; update once it has.
    this.form.addEventListener("reset", () => {
      this.busy(true);
      setTimeout(() => this.update(true));
    });
    this.more.addEventListener("click", () => this.showMore());
    // The groups come closed, as on a phone; on a wide screen kb-finder.css draws them open
    // until the script runs, so that opening them moves nothing.
    if (matchMedia(WIDE).matches) for (const group of this.groups) group.open = true;
    for (const control of this.controls) control.disabled = false;
    // The page answers no choice; a link's choices are answered by the index, and so is a
    // link whose list the page held back (see pending) although it holds no valid choice.
    if (this.anyChosen() || this.pending()) await this.update(false);
  }

  /** Whether the page's own list is held back, because the address had choices when the
   * page was parsed (the page's script before the results marks it so, and says that the
   * methods are being fetched), until the index has answered them. */
  pending() {
    return this.region.classList.contains(PENDING);
  }

  /** Whether the form holds any choice: words, an age or an option. */
  anyChosen() {
    return this.query.value.trim() !== "" || this.age.value !== ""
      || this.facets.some(({ boxes }) => boxes.some(box => box.checked));
  }

  /** Set the controls from the query string.
   * @param {URLSearchParams} params */
  read(params) {
    this.query.value = params.get(QUERY) ?? "";
    this.age.value = params.get(AGE) ?? "";
    for (const { key, boxes } of this.facets) {
      const chosen = params.getAll(key);
      for (const box of boxes) box.checked = chosen.includes(box.value);
    }
  }

  /** The chosen age, or null when the field is empty or not a valid age. */
  chosenAge() {
    return this.age.value !== "" && this.age.validity.valid ? Number(this.age.value) : null;
  }

  /** @returns {Record<string, string[]>} the chosen options' codes, per facet */
  chosen() {
    return Object.fromEntries(this.facets.map(({ key, boxes }) => [
      key, boxes.filter(box => box.checked).map(box => box.value),
    ]));
  }

  /** Pagefind's filters for the choices, leaving out the facet `except`.
   * @param {Record<string, string[]>} chosen
   * @param {string | null} except */
  filters(chosen, except) {
    /** @type {Record<string, string | {any: string[]}>} */
    const filters = { ...METHOD };
    const age = this.chosenAge();
    if (age !== null) filters[AGE] = String(age);
    for (const { key } of this.facets) {
      if (key !== except && chosen[key].length) filters[key] = { any: chosen[key] };
    }
    return filters;
  }

  /** Mark the results as being updated, so that assistive technology announces the
   * list and its count once they agree, not the old list under the new choices.
   * @param {boolean} updating */
  busy(updating) {
    this.region.setAttribute("aria-busy", String(updating));
  }

  /** Show what matches, the first `count` of it; `changed` when the reader changed a choice,
   * which goes in the URL, and `more` when the reader asked for more of the same results.
   * The index is loaded on the first update, announced in the status line meanwhile.
   * @param {boolean} changed
   * @param {number} [count]
   * @param {boolean} [more] */
  async update(changed, count = this.page, more = false) {
    const generation = ++this.generation;
    this.busy(true);
    if (!this.pagefind) {
      this.status.textContent = this.ui.loading;
      try {
        const pagefind = await engine();
        // Pagefind counts a filter's values in a search's answer once its filter index is
        // loaded, which this asks for.
        await pagefind.filters();
        this.pagefind = pagefind;
      } catch (error) {
        if (generation === this.generation) this.fail(error);
        return;
      }
      this.failed.hidden = true;
    }
    if (generation !== this.generation) return;
    const chosen = this.chosen();
    const text = this.query.value.trim() || null;
    // Without words, methods come in the catalogue's order; with words, best first.
    const search = (/** @type {string | null} */ except) => this.pagefind.search(text, {
      filters: this.filters(chosen, except), ...(text ? {} : { sort: { titel: "asc" } }),
    });
    // Words are ranked as in the header search: the method whose abbreviation, title or
    // search word they are comes first (kb-pagefind.js).
    const found = text ? await searchSite(text, { filters: this.filters(chosen, null) })
                       : await search(null);
    // A facet's counts say what choosing an option would give, so its own choices are
    // left out of the search they come from.
    /** @type {(Found | null)[]} */
    const counted = await Promise.all(this.facets.map(({ key }) =>
      (chosen[key].length ? search(key) : found)));
    if (generation !== this.generation) return;
    if (!found) {
      this.busy(false);
      return;
    }
    this.facets.forEach(({ key, boxes, chosen: summary }, i) => {
      const counts = counted[i]?.filters?.[key] ?? {};
      for (const box of boxes) {
        const count = box.parentElement?.querySelector(".kb-count");
        if (count) count.textContent = `(${counts[box.value] ?? 0})`;
      }
      summary.textContent = chosen[key].length ? `(${chosen[key].length})` : "";
    });
    this.results = found.results;
    this.text = text;
    await this.show(count, more);
    if (generation !== this.generation) return;
    this.region.classList.remove(PENDING);
    this.status.textContent = found.results.length
      ? format(this.ui.count, { shown: found.results.length, total: this.total })
      : this.ui.none;
    if (changed) this.write(chosen);
    this.busy(false);
  }

  /** The index could not be loaded: say so, lead to the catalogue and the open data, and
   * list nothing that does not answer the choices; the next choice tries again.
   * @param {unknown} error */
  fail(error) {
    console.error(error);
    this.status.textContent = this.ui.error;
    this.failed.hidden = false;
    this.results = null;
    this.list.replaceChildren();
    this.shown = 0;
    this.more.hidden = true;
    this.compare?.classList.remove("kb-visible");
    this.region.classList.remove(PENDING);
    this.busy(false);
  }

  /** The next page of results, busy until it is listed (unless a new choice took over); the
   * page's own list for no choice is continued from the index. */
  async showMore() {
    if (!this.results) {
      await this.update(false, this.shown + this.page, true);
      return;
    }
    const generation = this.generation;
    this.busy(true);
    await this.show(this.shown + this.page, true);
    if (generation === this.generation) this.busy(false);
  }

  /** List the first `count` results; `more` when the reader asked for more of them.
   * @param {number} count
   * @param {boolean} more */
  async show(count, more) {
    const results = this.results;
    if (!results) return;
    const pages = await Promise.all(results.slice(0, count).map(result => result.data()));
    if (results !== this.results) return;
    const first = this.list.children.length;
    this.list.replaceChildren(...pages.map(page => this.hit(page)));
    this.shown = pages.length;
    this.more.hidden = results.length <= pages.length;
    if (more) this.list.children[first]?.querySelector("a")?.focus();
    else this.showCompare(pages);
  }

  /** A result: the method's title as a link, and an excerpt or its summary.
   * @param {Hit} page */
  hit(page) {
    const link = document.createElement("a");
    link.href = page.url;
    link.dataset.method = methodId(page.url);
    link.textContent = page.meta?.title ?? page.url;
    const text = document.createElement("p");
    if (this.text) text.append(...excerpt(page.excerpt));
    else text.textContent = page.meta?.summary ?? "";
    const item = document.createElement("li");
    item.append(link, text);
    return item;
  }

  /** Offer to compare the first methods shown, when there are two or more.
   * @param {Hit[]} pages */
  showCompare(pages) {
    if (!this.compare) return;
    const url = new URL(this.compare.getAttribute("href") ?? "", location.href);
    url.search = new URLSearchParams({
      m: pages.slice(0, this.compareMax).map(page => methodId(page.url)).join(","),
    }).toString();
    this.compare.href = url.href;
    this.compare.classList.toggle("kb-visible", pages.length >= 2);
  }

  /** Mirror the choices in the address without adding a history entry per click.
   * @param {Record<string, string[]>} chosen */
  write(chosen) {
    const params = new URLSearchParams();
    if (this.query.value.trim()) params.set(QUERY, this.query.value.trim());
    if (this.chosenAge() !== null) params.set(AGE, this.age.value);
    for (const { key } of this.facets) {
      for (const code of chosen[key]) params.append(key, code);
    }
    const url = new URL(location.href);
    url.search = params.toString();
    history.replaceState(history.state, "", url.href);
  }
}

export async function enhance() {
  /** @type {HTMLFormElement | null} */
  const form = document.querySelector("form.kb-finder");
  if (!form) return;
  await new Finder(form).start();
}
