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

import {
  element, find, findAll, format, fragment, root, uiOf, unenhanced,
} from "./kb-common.js";

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

  /** The link page: a copy button per address and a filter over all of them, on every page
   * of the list: the first words typed fetch the list's other pages (`data-pages`, their
   * addresses from this one) and add their rows, kept hidden while the filter is empty.
   * @param {HTMLElement} index */
  enhanceIndex(index) {
    /** @type {HTMLTableRowElement[]} */
    const rows = [];
    /** @param {HTMLTableRowElement[]} added */
    const withCopy = added => {
      for (const row of added) {
        const link = /** @type {HTMLAnchorElement | null} */ (row.querySelector("a[href]"));
        if (link) link.after(" ", this.button(titleOf(row.cells[0]), () => link.href));
      }
      rows.push(...added);
    };
    withCopy(tableRows(index));
    const own = new Set(rows);
    const input = element("input", {
      type: "search", id: "kb-link-filter",
      "aria-describedby": "kb-link-filter-hint kb-link-filter-count" });
    const count = element("p", { id: "kb-link-filter-count", role: "status" });
    const filter = element("div", { class: "kb-link-filter" }, [
      element("label", { for: input.id }, [this.ui.filter]),
      element("span", { id: "kb-link-filter-hint" }, [this.ui.filter_hint]),
      input, count]);
    index.before(filter);
    const pages = /** @type {string[]} */ (JSON.parse(index.dataset.pages ?? "[]"))
      .map(url => new URL(url, root));
    const ui = { ...this.ui, ...uiOf(index) };
    /** @type {Promise<void> | null} the other pages' rows, once asked for */
    let others = null;
    let failed = false;
    const show = () => {
      const words = input.value.toLocaleLowerCase("sv").split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const row of rows) {
        const text = (row.textContent ?? "").toLocaleLowerCase("sv");
        row.hidden = words.length ? !words.every(word => text.includes(word)) : !own.has(row);
        if (!row.hidden) shown += 1;
      }
      for (const group of findAll(".kb-link-group", index)) {
        group.hidden = !group.querySelector("tbody tr:not([hidden])");
      }
      count.textContent = format(failed ? ui.filter_failed : ui.filter_count,
                                 { shown, total: rows.length });
    };
    const load = async () => {
      count.textContent = ui.filter_loading;
      index.setAttribute("aria-busy", "true");
      try {
        withCopy(await otherPages(index, pages));
      } catch (error) {
        console.error(error);
        failed = true;
      }
      index.setAttribute("aria-busy", "false");
    };
    input.addEventListener("input", async () => {
      if (pages.length > 1) await (others ??= load());
      show();
    });
  }
}

/** The rows of the tables in `root`, without their headers.
 * @param {ParentNode} root */
function tableRows(root) {
  return /** @type {HTMLTableRowElement[]} */ (findAll(".kb-link-group tbody tr", root));
}

/** The rows of the list's other pages, added to this page's groups in the list's order (a
 * group this page lacks comes whole, before or after this page's groups as its page is). Each
 * page is fetched as it was built and parsed inertly; its links are made absolute, since they
 * were written from that page's address. Returns the rows added.
 * @param {HTMLElement} index
 * @param {URL[]} pages */
async function otherPages(index, pages) {
  const here = pages.findIndex(url => url.pathname === location.pathname);
  const firstGroup = find(".kb-link-group", index);
  const parsed = await Promise.all(pages.map(async (url, i) => {
    if (i === here) return null;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return new DOMParser().parseFromString(await response.text(), "text/html");
  }));
  parsed.forEach((page, i) => {
    const list = page?.querySelector(".kb-link-index");
    if (!page || !list) return;
    for (const link of findAll("a[href]", list)) {
      link.setAttribute("href", new URL(link.getAttribute("href") ?? "", pages[i]).href);
    }
    for (const group of findAll(".kb-link-group", list)) {
      const id = group.querySelector("h2")?.id ?? "";
      const mine = id ? document.getElementById(id)?.closest(".kb-link-group") : null;
      const body = mine?.querySelector("tbody");
      const rows = tableRows(group);
      if (body) {
        const before = i < here ? body.querySelector("tr") : null;
        for (const row of rows) body.insertBefore(document.importNode(row, true), before);
      } else {
        index.insertBefore(document.importNode(group, true), i < here ? firstGroup : null);
      }
    }
  });
  return tableRows(index).filter(row => !row.querySelector(".kb-copy-link"));
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
