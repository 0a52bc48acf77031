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
 * Every visible text comes from the page (`data-ui`, written from the locale file). Material's
 * instant navigation swaps pages without reloading scripts, so the script runs for every
 * page `document$` emits.
 */
(() => {
  "use strict";

  const { format, element, uiOf } = window.kb;

  /** The anchors of the page now shown: old id -> current id. */
  let aliases = {};

  /** The full address of this page, with `anchor` if one is given. */
  function address(anchor) {
    const url = new URL(location.href);
    url.search = "";
    url.hash = anchor || "";
    return url.href;
  }

  /** Visible text of an element without the buttons and permalinks added to it. */
  function titleOf(element) {
    const copy = element.cloneNode(true);
    copy.querySelectorAll(".headerlink, .kb-copy-link").forEach(node => node.remove());
    return copy.textContent.trim();
  }

  class LinkTools {
    constructor(tools) {
      this.ui = uiOf(tools);
      this.status = element("p", { class: "kb-link-status", role: "status" });
      tools.after(this.status);
      const heading = document.querySelector(".md-content h1");
      if (heading) heading.append(this.button(titleOf(heading), () => address("")));
      for (const id of JSON.parse(tools.dataset.anchors)) {
        const target = document.getElementById(id);
        if (!target) continue;
        const button = this.button(titleOf(target), () => address(id));
        if (/^H\d$/.test(target.tagName)) target.append(button);
        else target.after(button);
      }
      const index = document.querySelector(".kb-link-index");
      if (index) this.enhanceIndex(index);
    }

    button(title, url) {
      const button = element("button", { type: "button", class: "kb-copy-link",
                                         "aria-label": format(this.ui.copy_label, { title }) },
                             [this.ui.copy]);
      button.addEventListener("click", () => this.copy(url()));
      return button;
    }

    async copy(url) {
      try {
        await navigator.clipboard.writeText(url);
        this.status.textContent = format(this.ui.copied, { url });
      } catch {
        this.status.textContent = format(this.ui.copy_failed, { url });
      }
    }

    /** The link page: a copy button per address and a filter over all of them. */
    enhanceIndex(index) {
      const rows = [...index.querySelectorAll("tbody tr")];
      for (const row of rows) {
        const link = row.querySelector("a[href]");
        if (link) link.after(" ", this.button(titleOf(row.cells[0]), () => link.href));
      }
      const groups = [...index.querySelectorAll(".kb-link-group")];
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
          const text = row.textContent.toLocaleLowerCase("sv");
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
    const old = decodeURIComponent(location.hash.slice(1));
    if (!old || document.getElementById(old) || !(old in aliases)) return;
    const target = document.getElementById(aliases[old]);
    if (!target) return;
    history.replaceState(history.state, "", `#${aliases[old]}`);
    target.scrollIntoView();
  }

  function init() {
    const tools = document.querySelector(".kb-link-tools[data-ui]");
    aliases = tools ? JSON.parse(tools.dataset.aliases) : {};
    forward();
    if (!tools || tools.dataset.enhanced) return;
    tools.dataset.enhanced = "true";
    new LinkTools(tools);
  }

  window.addEventListener("hashchange", forward);
  document$.subscribe(init);
})();
