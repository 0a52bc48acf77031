/* Kunskapsbank: permanent links for trainers.
 *
 * Every record page carries `.kb-link-tools` with its permanent anchors (ids from YAML) and
 * its old anchors (`aliases` in YAML) mapped to the current ones; the generator writes
 * both, this script adds behaviour only:
 *
 * - a "Kopiera länk" button beside the page title and beside each permanent anchor, which
 *   copies the full address and confirms it in a live region (a native button, so it works
 *   with the keyboard and a screen reader);
 * - forwarding: an address with an old anchor scrolls to the new one and shows the new
 *   address, on load and whenever the hash changes;
 * - on the trainers' link page, a filter box over the list of addresses and a copy button
 *   per address. Without the script the list is complete and every link works.
 *
 * Every visible text comes from the page (`data-ui`, written from the locale file).
 * kb-start.js runs it for every page with `.kb-link-tools`.
 */

import { element, find, findAll, format, fragment, uiOf, unenhanced } from "./kb-common.js";

/** The old anchors of the page now shown: old id -> current id (read from the page each
 * time, since instant navigation may have brought a page without any). */
function aliases() {
  const tools = find(".kb-link-tools[data-ui]");
  return /** @type {Record<string, string>} */ (JSON.parse(tools?.dataset.aliases ?? "{}"));
}

/** The full address of this page, with `anchor` if one is given.
 * @param {string} anchor */
function address(anchor) {
  const url = new URL(location.href);
  url.search = "";
  url.hash = anchor || "";
  return url.href;
}

/** Visible text of an element without the buttons and permalinks added to it.
 * @param {Element} element */
function titleOf(element) {
  const copy = /** @type {Element} */ (element.cloneNode(true));
  copy.querySelectorAll(".headerlink, .kb-copy-link").forEach(node => node.remove());
  return (copy.textContent ?? "").trim();
}

class LinkTools {
  /** @param {HTMLElement} tools */
  constructor(tools) {
    this.ui = uiOf(tools);
    this.status = element("p", { class: "kb-link-status", role: "status" });
    tools.after(this.status);
    const heading = document.querySelector(".md-content h1");
    if (heading) heading.append(this.button(titleOf(heading), () => address("")));
    for (const id of /** @type {string[]} */ (JSON.parse(tools.dataset.anchors ?? "[]"))) {
      const target = document.getElementById(id);
      if (!target) continue;
      const button = this.button(titleOf(target), () => address(id));
      if (/^H\d$/.test(target.tagName)) target.append(button);
      else target.after(button);
    }
    const index = find(".kb-link-index");
    if (index) this.enhanceIndex(index);
  }

  /** A "Kopiera länk" button for `title`, copying the address `url()` gives.
   * @param {string} title
   * @param {() => string} url */
  button(title, url) {
    const button = element("button", { type: "button", class: "kb-copy-link",
                                       "aria-label": format(this.ui.copy_label, { title }) },
                           [this.ui.copy]);
    button.addEventListener("click", () => this.copy(url()));
    return button;
  }

  /** @param {string} url */
  async copy(url) {
    try {
      await navigator.clipboard.writeText(url);
      this.status.textContent = format(this.ui.copied, { url });
    } catch {
      this.status.textContent = format(this.ui.copy_failed, { url });
    }
  }

  /** The link page: a copy button per address and a filter over all of them.
   * @param {HTMLElement} index */
  enhanceIndex(index) {
    const rows = [...index.querySelectorAll("tr")].filter(row => row.closest("tbody"));
    for (const row of rows) {
      const link = /** @type {HTMLAnchorElement | null} */ (row.querySelector("a[href]"));
      if (link) link.after(" ", this.button(titleOf(row.cells[0]), () => link.href));
    }
    const groups = findAll(".kb-link-group", index);
    const input = element("input", {
      type: "search", id: "kb-link-filter",
      "aria-describedby": "kb-link-filter-hint kb-link-filter-count" });
    const count = element("p", { id: "kb-link-filter-count", role: "status" });
    const filter = element("div", { class: "kb-link-filter" }, [
      element("label", { for: input.id }, [this.ui.filter]),
      element("span", { id: "kb-link-filter-hint" }, [this.ui.filter_hint]),
      input, count]);
    index.before(filter);
    const show = () => {
      const words = input.value.toLocaleLowerCase("sv").split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const row of rows) {
        const text = (row.textContent ?? "").toLocaleLowerCase("sv");
        row.hidden = !words.every(word => text.includes(word));
        if (!row.hidden) shown += 1;
      }
      for (const group of groups) group.hidden = !group.querySelector("tbody tr:not([hidden])");
      count.textContent = format(this.ui.filter_count, { shown, total: rows.length });
    };
    input.addEventListener("input", show);
  }
}

/** If the address has an old anchor of this page, go to the new one and show its address. */
function forward() {
  const old = fragment();
  const current = aliases();
  if (!old || document.getElementById(old) || !(old in current)) return;
  const target = document.getElementById(current[old]);
  if (!target) return;
  history.replaceState(history.state, "", `#${current[old]}`);
  target.scrollIntoView();
}

export function enhance() {
  forward();
  const tools = unenhanced(".kb-link-tools[data-ui]");
  if (tools) new LinkTools(tools);
}

window.addEventListener("hashchange", forward);
