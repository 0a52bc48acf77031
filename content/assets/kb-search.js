/* Kunskapsbank: search in the header, answered by the site's Pagefind index (pagefind/).
 *
 * The script puts a search button in the theme's header and a dialog in the page. Pagefind's
 * own script, its WebAssembly and the index chunks a query needs (kb-pagefind.js) are loaded
 * only when the visitor opens search, so a visitor who does not search downloads no index. The
 * button, the keys "/" and "s" (as the theme's own search) and Ctrl+K or ⌘K open the dialog
 * with the focus in the search field; Escape closes it and the focus returns where it was. Results
 * are a list of links, each with the page's title and an excerpt where the words are marked.
 * Texts come from the locale file (assets/kb-search-strings.js). Record text reaches the
 * page only as text: an excerpt is parsed inertly and only its text and <mark> are kept.
 *
 * Works under MkDocs with Material and under Zensical: it needs only the header element
 * (`.md-header__inner`).
 */

import { element, excerpt, format, stylesheet } from "./kb-common.js";
import { engine, search as searchSite } from "./kb-pagefind.js";
import T from "./kb-search-strings.js";

const PAGE = 10;
const SEARCH_ICON = "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 " +
  "5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 " +
  "9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5";

function icon() {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", SEARCH_ICON);
  svg.append(path);
  return svg;
}

class Search {
  constructor() {
    this.dialog = element("dialog", { class: "kb-search", "aria-labelledby": "kb-search-title" });
    this.input = element("input", {
      id: "kb-search-input", type: "search", autocomplete: "off", spellcheck: "false",
      placeholder: T.placeholder, "aria-describedby": "kb-search-hint",
      "aria-controls": "kb-search-results",
    });
    this.status = element("p", { class: "kb-search__status", role: "status" });
    this.list = element("ol", { id: "kb-search-results", class: "kb-search__results",
                                "aria-label": T.results });
    this.more = element("button", { type: "button", class: "kb-search__more md-button" },
                        [T.more]);
    this.more.hidden = true;
    const close = element("button", { type: "button", class: "kb-search__close" }, [T.close]);
    const form = element("form", { role: "search", class: "kb-search__form" }, [
      element("label", { for: "kb-search-input" }, [T.label]), this.input,
      element("button", { type: "submit", class: "kb-search__go" }, [T.go]), close]);
    this.dialog.append(
      element("h2", { id: "kb-search-title", class: "kb-search__title" }, [T.dialog]), form,
      element("p", { id: "kb-search-hint", class: "kb-search__hint" }, [T.hint]),
      this.status, this.list, this.more);
    document.body.append(this.dialog);
    this.query = "";
    /** @type {any[] | null} Pagefind's results for the query, not yet loaded */
    this.results = null;
    this.shown = 0;

    form.addEventListener("submit", event => {
      event.preventDefault();
      this.list.querySelector("a")?.click();
    });
    close.addEventListener("click", () => this.dialog.close());
    this.input.addEventListener("input", () => this.search());
    this.more.addEventListener("click", () => {
      this.list.setAttribute("aria-busy", "true");
      this.show(this.shown + PAGE, true);
    });
    // A click outside the dialog's box (on the backdrop) closes it, as in the theme.
    this.dialog.addEventListener("click", event => {
      if (event.target === this.dialog) this.dialog.close();
    });
    // Leaving for a result: the theme's instant navigation keeps this dialog in the page.
    this.list.addEventListener("click", event => {
      if (event.target instanceof Element && event.target.closest("a")) this.dialog.close();
    });
    this.dialog.addEventListener("keydown", event => this.arrows(event));
    document.addEventListener("keydown", event => this.shortcut(event));
  }

  /** The header's search button (again after the theme swaps the header). */
  button() {
    const header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".kb-search-button")) return;
    const button = element("button", {
      type: "button", class: "kb-search-button md-header__button",
      "aria-haspopup": "dialog", "aria-keyshortcuts": "/ s Control+K Meta+K",
    }, [icon(), element("span", { class: "kb-search-button__label" }, [T.button]),
        element("kbd", { "aria-hidden": "true" }, ["/"])]);
    button.addEventListener("click", () => this.open());
    const source = header.querySelector(".md-header__source");
    header.insertBefore(button, source);
  }

  open() {
    if (this.dialog.open) return;
    this.dialog.showModal();
    this.input.focus();
    this.input.select();
    engine().catch(() => { this.status.textContent = T.failed; });
  }

  /** "/", "s", Ctrl+K and ⌘K open search, unless the visitor is typing somewhere.
   * @param {KeyboardEvent} event */
  shortcut(event) {
    if (this.dialog.open || event.defaultPrevented || event.isComposing) return;
    // The dialog is closed here, but its field can keep the focus until the browser's next
    // frame: a key pressed right after Escape is not typing in it.
    const target = event.target instanceof Element ? event.target : null;
    const typing = !this.dialog.contains(target)
      && target?.closest("input, textarea, select, [contenteditable]");
    const command = (event.ctrlKey || event.metaKey) && !event.altKey
      && event.key.toLowerCase() === "k";
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey && !typing
      && (event.key === "/" || event.key === "s");
    if (command || plain) {
      event.preventDefault();
      this.open();
    }
  }

  /** Arrow keys move between the search field and the results' links.
   * @param {KeyboardEvent} event */
  arrows(event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const stops = [this.input, ...this.list.querySelectorAll("a")];
    const at = stops.indexOf(/** @type {HTMLAnchorElement} */ (document.activeElement));
    if (at < 0) return;
    event.preventDefault();
    const next = at + (event.key === "ArrowDown" ? 1 : -1);
    stops[Math.max(0, Math.min(stops.length - 1, next))].focus();
  }

  async search() {
    const query = this.input.value.trim();
    this.query = query;
    this.list.setAttribute("aria-busy", String(Boolean(query)));
    if (!query) {
      this.results = null;
      this.list.replaceChildren();
      this.status.textContent = "";
      this.more.hidden = true;
      return;
    }
    this.status.textContent = T.searching;
    let found;
    try {
      found = await searchSite(query, {}, 150);
    } catch {
      this.status.textContent = T.failed;
      this.list.setAttribute("aria-busy", "false");
      return;
    }
    if (found === null || query !== this.query) return; // a newer query took over
    this.results = found.results;
    await this.show(PAGE, false);
  }

  /** Show the first `count` results; `more` when the visitor asked for more of them.
   * @param {number} count
   * @param {boolean} more */
  async show(count, more) {
    const results = this.results ?? [];
    const query = this.query;
    const data = await Promise.all(results.slice(0, count).map(result => result.data()));
    if (results !== this.results) return;
    const first = this.list.children.length;
    this.list.replaceChildren(...data.map(page => element("li", { class: "kb-search__result" }, [
      element("a", { href: page.url }, [page.meta?.title || page.url]),
      element("p", { class: "kb-search__excerpt" }, excerpt(page.excerpt))])));
    this.shown = data.length;
    this.more.hidden = results.length <= data.length;
    this.status.textContent = results.length === 0
      ? format(T.none, { query })
      : results.length === 1 ? T.one : format(T.many, { n: results.length.toLocaleString("sv") });
    this.list.setAttribute("aria-busy", "false");
    if (more) this.list.children[first]?.querySelector("a")?.focus();
  }
}

// The dialog and the keys are ready as soon as the page has loaded (kb-start.js imports this
// module statically), once per visit; the button shows once its styles are in place.
const styled = stylesheet("kb-search.css");
const search = new Search();

/** The header's search button on this page. */
export async function enhance() {
  await styled;
  search.button();
}
