/* Kunskapsbank: the method finder (/hitta/).
 *
 * The page is the full catalogue table; every method's link carries, as data attributes
 * written at build time from the method index, its age range and its codes for each facet
 * (`data-arena="hem narmiljo"`). This script shows the filter form, hides the rows that do
 * not match, writes beside every option how many methods choosing it would give, announces
 * the result count in a live region, and mirrors the choices in the URL's query string so a
 * search can be bookmarked and shared. Within a facet any chosen option may match; across
 * facets all must. Every visible text comes from the page (`form[data-ui]`).
 *
 * Material's instant navigation swaps pages without reloading scripts, so the script runs
 * for every page `document$` emits.
 */
(() => {
  "use strict";

  const AGE = "alder";
  const COMPARE_MAX = 4;

  const format = (template, values) =>
    template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? values[key] : match));

  class Finder {
    constructor(form) {
      this.form = form;
      this.ui = JSON.parse(form.dataset.ui);
      this.age = form.elements[AGE];
      this.status = document.querySelector(".kb-finder-status");
      this.compare = document.querySelector("a.kb-finder-compare");
      this.facets = [...form.querySelectorAll("fieldset[data-facet]")].map(fieldset => ({
        key: fieldset.dataset.facet,
        boxes: [...fieldset.querySelectorAll("input[type=checkbox]")],
      }));
      this.methods = [...document.querySelectorAll("a[data-method]")].map(link => {
        const [min, max] = link.dataset.age.split(" ").map(Number);
        const codes = Object.fromEntries(this.facets.map(({ key }) => [
          key, new Set((link.getAttribute(`data-${key}`) || "").split(" ").filter(Boolean)),
        ]));
        return { id: link.dataset.method, row: link.closest("tr"), min, max, codes };
      });
    }

    start() {
      this.read(new URLSearchParams(location.search));
      this.form.addEventListener("input", () => this.update(true));
      this.form.addEventListener("submit", event => event.preventDefault());
      // The form's own reset clears the controls after the event; update once it has.
      this.form.addEventListener("reset", () => setTimeout(() => this.update(true)));
      this.form.hidden = false;
      document.querySelector(".kb-no-js")?.setAttribute("hidden", "");
      this.update(false);
    }

    /** Set the controls from the query string. */
    read(params) {
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

    chosen() {
      return Object.fromEntries(this.facets.map(({ key, boxes }) => [
        key, boxes.filter(box => box.checked).map(box => box.value),
      ]));
    }

    /** Does the method match every choice, leaving out the facet `except`? */
    matches(method, chosen, age, except) {
      // A method whose ages our sources do not give cannot be said to cover the age.
      if (age !== null && !(method.min <= age && age <= method.max)) return false;
      return this.facets.every(({ key }) => key === except || !chosen[key].length
        || chosen[key].some(code => method.codes[key].has(code)));
    }

    update(announce) {
      const chosen = this.chosen();
      const age = this.chosenAge();
      const shown = this.methods.filter(method => this.matches(method, chosen, age, null));
      for (const method of this.methods) method.row.hidden = !shown.includes(method);
      for (const { key, boxes } of this.facets) {
        const others = this.methods.filter(method => this.matches(method, chosen, age, key));
        for (const box of boxes) {
          const count = others.filter(method => method.codes[key].has(box.value)).length;
          box.parentElement.querySelector(".kb-count").textContent = `(${count})`;
        }
      }
      const text = shown.length
        ? format(this.ui.count, { shown: shown.length, total: this.methods.length })
        : this.ui.none;
      // A live region announces changes only; the first text is there for whoever reads on.
      if (announce || !this.status.textContent) this.status.textContent = text;
      this.showCompare(shown);
      if (announce) this.write(chosen);
    }

    /** Offer to compare the methods shown, when there are two or more. */
    showCompare(shown) {
      if (!this.compare) return;
      const url = new URL(this.compare.getAttribute("href"), location.href);
      url.search = new URLSearchParams({
        m: shown.slice(0, COMPARE_MAX).map(method => method.id).join(","),
      }).toString();
      this.compare.href = url.href;
      this.compare.classList.toggle("kb-visible", shown.length >= 2);
    }

    /** Mirror the choices in the address without adding a history entry per click. */
    write(chosen) {
      const params = new URLSearchParams();
      if (this.chosenAge() !== null) params.set(AGE, this.age.value);
      for (const { key } of this.facets) {
        for (const code of chosen[key]) params.append(key, code);
      }
      const url = new URL(location.href);
      url.search = params.toString();
      history.replaceState(history.state, "", url.href);
    }
  }

  function init() {
    const form = document.querySelector("form.kb-finder");
    if (form) new Finder(form).start();
  }

  document$.subscribe(init);
})();
