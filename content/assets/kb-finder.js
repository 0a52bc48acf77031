/* Kunskapsbank: the method finder (/hitta/).
 *
 * The page holds the filter form and an empty results table. This script loads the methods
 * from the open data (kb-methods.js), writes a row per method, shows the form, hides the
 * rows that do not match, writes beside every option how many methods choosing it would
 * give, announces the result count in a live region, and mirrors the choices in the URL's
 * query string so a search can be bookmarked and shared. Each method's codes per facet
 * (`facets` in the JSON, e.g. `arena: ["hem", "narmiljo"]`) are the option values. Within
 * a facet any chosen option may match; across facets all must. Every visible text comes
 * from the page (`form[data-ui]`) or the data, and record text is only ever set as text.
 *
 * Material's instant navigation swaps pages without reloading scripts, so the script runs
 * for every page `document$` emits.
 */
(() => {
  "use strict";

  const { format } = window.kb;
  const { load, methodLink } = window.kbMethods;
  const AGE = "alder";
  const COMPARE_MAX = 4;

  class Finder {
    constructor(form) {
      this.form = form;
      this.ui = JSON.parse(form.dataset.ui);
      this.age = form.elements[AGE];
      this.status = document.querySelector(".kb-finder-status");
      this.compare = document.querySelector("a.kb-finder-compare");
      this.results = document.querySelector(".kb-finder-results");
      this.facets = [...form.querySelectorAll("fieldset[data-facet]")].map(fieldset => ({
        key: fieldset.dataset.facet,
        boxes: [...fieldset.querySelectorAll("input[type=checkbox]")],
      }));
    }

    async start() {
      const methods = await load(this.ui, this.status);
      if (!methods || !this.form.isConnected) return;
      const body = this.results.querySelector("tbody");
      this.methods = methods.map(method => ({
        id: method.id,
        row: body.appendChild(this.row(method)),
        min: method.ages?.min,
        max: method.ages?.max,
        codes: Object.fromEntries(this.facets.map(({ key }) => [key, new Set(method.facets[key])])),
      }));
      this.read(new URLSearchParams(location.search));
      this.form.addEventListener("input", () => this.update(true));
      this.form.addEventListener("submit", event => event.preventDefault());
      // The form's own reset clears the controls after the event; update once it has.
      this.form.addEventListener("reset", () => setTimeout(() => this.update(true)));
      this.form.hidden = false;
      this.results.hidden = false;
      this.update(false);
    }

    /** A method's row in the results table. */
    row(method) {
      const { vocab } = this.ui;
      const labels = (kind, codes) => codes.map(code => vocab[kind][code]).join(", ");
      const band = (kind, value) => (value ? vocab[kind][value.value] : this.ui.missing);
      const cells = [
        methodLink(method, method.title),
        method.ages ? format(this.ui.ages, method.ages) : this.ui.missing,
        labels("problem", method.problems),
        labels("arena", method.arenas),
        labels("format", method.formats),
        band("intensity", method.intensity_band),
        band("duration", method.duration_band),
        labels("country", method.training_countries.map(c => c.country)) || this.ui.missing,
        method.evidence.map(e => `${vocab.registry[e.registry]}: ${e.rating} (${e.year})`)
          .join("; ") || this.ui.no_rating,
      ];
      const row = document.createElement("tr");
      for (const content of cells) row.insertCell().append(content);
      return row;
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

    /** Show what matches; `changed` when the reader changed a choice, which goes in the URL. */
    update(changed) {
      const chosen = this.chosen();
      const age = this.chosenAge();
      const shown = this.methods.filter(method => this.matches(method, chosen, age, null));
      const visible = new Set(shown);
      for (const method of this.methods) method.row.hidden = !visible.has(method);
      for (const { key, boxes } of this.facets) {
        const others = this.methods.filter(method => this.matches(method, chosen, age, key));
        for (const box of boxes) {
          const count = others.filter(method => method.codes[key].has(box.value)).length;
          box.parentElement.querySelector(".kb-count").textContent = `(${count})`;
        }
      }
      this.status.textContent = shown.length
        ? format(this.ui.count, { shown: shown.length, total: this.methods.length })
        : this.ui.none;
      this.showCompare(shown);
      if (changed) this.write(chosen);
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
