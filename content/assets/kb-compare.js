/* Kunskapsbank: the comparison page (/jamfor/).
 *
 * The page is one table with a column per method (the header link carries
 * `data-method`). This script shows a form with a native checkbox per method, keeps only
 * the columns of the chosen methods, allows two to four, and keeps the choice in the
 * URL (`?m=pmto,mst`) so a comparison can be bookmarked and shared. Messages go to a live
 * region; every visible text comes from the page (`form[data-ui]`).
 *
 * Material's instant navigation swaps pages without reloading scripts, so the script runs
 * for every page `document$` emits.
 */
(() => {
  "use strict";

  const PARAM = "m";
  const MIN = 2;
  const MAX = 4;

  const format = (template, values) =>
    template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? values[key] : match));

  class Comparison {
    constructor(form) {
      this.form = form;
      this.ui = JSON.parse(form.dataset.ui);
      this.boxes = [...form.querySelectorAll("input[name=m]")];
      this.status = document.querySelector(".kb-compare-status");
      const header = document.querySelector("th a[data-method]");
      this.table = header.closest("table");
      this.wrapper = this.table.closest(".md-typeset__table") || this.table;
      const headers = [...this.table.tHead.rows[0].cells];
      this.columns = Object.fromEntries(headers
        .map((cell, index) => [cell.querySelector("a[data-method]")?.dataset.method, index])
        .filter(([id]) => id));
    }

    start() {
      const wanted = (new URLSearchParams(location.search).get(PARAM) || "").split(",");
      const known = wanted.filter(id => id in this.columns).slice(0, MAX);
      for (const box of this.boxes) box.checked = known.includes(box.value);
      this.form.addEventListener("change", event => this.change(event.target));
      this.form.hidden = false;
      document.querySelector(".kb-no-js")?.setAttribute("hidden", "");
      this.show(false);
    }

    chosen() {
      return this.boxes.filter(box => box.checked);
    }

    change(box) {
      if (box.checked && this.chosen().length > MAX) {
        box.checked = false;
        this.status.textContent = this.ui.too_many;
        return;
      }
      this.show(true);
      this.write();
    }

    show(announce) {
      const chosen = this.chosen();
      const ids = chosen.map(box => box.value);
      for (const row of this.table.rows) {
        for (const [id, index] of Object.entries(this.columns)) {
          row.cells[index].hidden = !ids.includes(id);
        }
      }
      this.wrapper.hidden = chosen.length === 0;
      const names = chosen.map(box => box.labels[0].textContent.trim()).join(", ");
      const text = chosen.length < MIN ? this.ui.too_few : format(this.ui.selected, { names });
      if (announce || !this.status.textContent) this.status.textContent = text;
    }

    write() {
      const url = new URL(location.href);
      const ids = this.chosen().map(box => box.value);
      url.search = ids.length ? new URLSearchParams({ [PARAM]: ids.join(",") }).toString() : "";
      history.replaceState(history.state, "", url.href);
    }
  }

  function init() {
    const form = document.querySelector("form.kb-compare-form");
    if (form) new Comparison(form).start();
  }

  document$.subscribe(init);
})();
