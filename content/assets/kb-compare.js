/* Kunskapsbank: the comparison page (/jamfor/).
 *
 * The page holds an empty form and an empty table. This script loads the methods from the
 * open data (kb-methods.js), offers a native checkbox per method, allows two to four, and
 * fills the table with a column per chosen method, in the catalogue's order, every fact
 * with a link to its source on the method's page. The choice is kept in the URL
 * (`?m=pmto,mst`) so a comparison can be bookmarked and shared. Messages go to a live
 * region; every visible text comes from the page (`form[data-ui]`) or the data, and record
 * text is only ever set as text.
 *
 * kb-start.js loads it for the page, and again after each instant navigation to it.
 */

import { element as withAttributes, format, required, submitGoesTo } from "./kb-common.js";
import { load, methodLink } from "./kb-methods.js";

const PARAM = "m";
const MIN = 2;
const MAX = 4;

/** @typedef {import("./kb-methods.js").Method} Method
 * @typedef {(Node | string)[]} Content a cell's nodes and text */

/** An element with children (nodes or text, never HTML).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} name
 * @param {...(Node | string)} children */
const element = (name, ...children) => withAttributes(name, {}, children);

/** Items, each a list of nodes and text, joined by `separator`.
 * @param {Content[]} items
 * @param {string} separator
 * @returns {Content} */
const joined = (items, separator) =>
  items.flatMap((item, index) => (index ? [separator, ...item] : item));

/** @typedef {{registry: string, registry_name: string, rating: string, finding: string,
 *   date: string | null, edition: number | null, current: boolean, flags: string[],
 *   source: string}} Verdict
 * @typedef {{registry_names: string[], checked: string, flags: string[],
 *   source: string | null}} NotRated */

/** A method's verdicts that stand (no newer verdict replaces them).
 * @param {Method} method
 * @returns {Verdict[]} */
const current = method => method.evidence.filter((/** @type {Verdict} */ e) => e.current);

/** When a verdict was made, as its record gives it: a date and/or an edition's number.
 * @param {Verdict} verdict
 * @param {string} edition the wording of an edition, with `{edition}` */
const dated = (verdict, edition) => [verdict.date,
  verdict.edition ? format(edition, { edition: verdict.edition }) : ""].filter(Boolean).join(", ");

class Comparison {
  /** @param {HTMLFormElement} form */
  constructor(form) {
    this.form = form;
    this.ui = JSON.parse(form.dataset.ui ?? "{}");
    this.fieldset = required("fieldset", form);
    this.status = required(".kb-compare-status");
    this.results = required(".kb-compare-results");
    this.table = /** @type {HTMLTableElement} */ (required("table", this.results));
    /** @type {Map<string, Method>} */
    this.methods = new Map();
    /** @type {[string, string][]} the registries (reference, name) with a current verdict */
    this.registries = [];
    /** @type {HTMLInputElement[]} */
    this.boxes = [];
  }

  async start() {
    const methods = await load(this.ui, this.status);
    if (!methods || !this.form.isConnected) return;
    this.methods = new Map(methods.map(method => [method.id, method]));
    // Every registry with a current verdict on any method gets a row, so a missing rating
    // shows as such; a replaced verdict is history and counts nowhere here.
    /** @type {Map<string, string>} */
    const names = new Map(methods.flatMap(m => current(m).map(e => [e.registry, e.registry_name])));
    this.registries = [...names].sort((a, b) => (a[1] < b[1] ? -1 : 1));
    const wanted = (new URLSearchParams(location.search).get(PARAM) || "").split(",");
    const known = wanted.filter(id => this.methods.has(id)).slice(0, MAX);
    this.boxes = methods.map(method => {
      const box = element("input");
      box.type = "checkbox";
      box.name = PARAM;
      box.value = method.id;
      box.checked = known.includes(method.id);
      this.fieldset.append(element("label", box, ` ${method.abbreviation || method.title}`));
      return box;
    });
    this.form.addEventListener("change", event => this.change(
      /** @type {HTMLInputElement} */ (event.target)));
    // The status line names what is compared; the table follows it.
    submitGoesTo(this.form, this.status);
    this.form.hidden = false;
    this.show();
  }

  chosen() {
    return this.boxes.filter(box => box.checked);
  }

  /** @param {HTMLInputElement} box */
  change(box) {
    if (box.checked && this.chosen().length > MAX) {
      box.checked = false;
      this.status.textContent = this.ui.too_many;
      return;
    }
    this.show();
    this.write();
  }

  show() {
    const chosen = this.chosen();
    const methods = chosen.map(box => /** @type {Method} */ (this.methods.get(box.value)));
    this.table.tHead?.replaceChildren(element("tr", element("th", this.ui.aspect),
      ...methods.map(method => element("th", methodLink(method, method.title)))));
    this.table.tBodies[0].replaceChildren(...this.rows().map(([label, cell]) =>
      element("tr", element("td", element("strong", label)),
        ...methods.map(method => element("td", ...cell(method))))));
    this.results.hidden = chosen.length === 0;
    const names = chosen.map(box => (box.labels?.[0].textContent ?? "").trim()).join(", ");
    this.status.textContent = chosen.length < MIN
      ? this.ui.too_few : format(this.ui.selected, { names });
  }

  /** The table's rows: a heading and, per method, the cell's content.
   * @returns {[string, (method: Method) => Content][]} */
  rows() {
    const { ui } = this;
    const { rows, vocab } = ui;
    /** A link to the source of a fact on the method's page.
     * @param {Method} method
     * @param {string} source
     * @returns {Content} */
    const cite = (method, source) => {
      const link = element("a", ui.cite);
      link.href = `${method.href}#kalla-${source}`;
      return [" ", element("sup", link)];
    };
    /** @type {(method: Method, value?: {text: string, source: string}) => Content} */
    const fact = (method, value) => (value ? [value.text, ...cite(method, value.source)] : [ui.missing]);
    // A list our sources give nothing for reads "Uppgift saknas", never an empty cell.
    /** @type {(kind: string) => (codes: string[]) => Content} */
    const labels = kind => codes =>
      [codes.length ? codes.map(code => vocab[kind][code]).join(", ") : ui.missing];
    return [
      [rows.target_group, m => fact(m, m.target_group)],
      [rows.ages, m => (m.ages ? [format(ui.ages, m.ages), ...cite(m, m.ages.source)] : [ui.missing])],
      [rows.problems, m => labels("problem")(m.problems)],
      [rows.arenas, m => labels("arena")(m.arenas)],
      [rows.formats, m => labels("format")(m.formats)],
      [rows.intensity, m => fact(m, m.intensity)],
      [rows.duration, m => fact(m, m.duration)],
      [rows.staffing, m => fact(m, m.staffing)],
      [rows.training, m => fact(m, m.training)],
      [rows.training_countries, m => (m.training_countries.length
        ? joined(m.training_countries.map((/** @type {{country: string, source: string}} */ c) =>
          [vocab.country[c.country], ...cite(m, c.source)]), ", ")
        : [ui.missing])],
      // Each amount as the method's page shows it, with its currency and price year (or
      // that the source gives none), then what cannot be said as an amount, then the band.
      [rows.costs, m => {
        /** @type {Content[]} */
        const parts = [
          ...m.costs.map((/** @type {{shown: string, source: string}} */ c) => [c.shown, ...cite(m, c.source)]),
          ...(m.cost_note ? [fact(m, m.cost_note)] : []),
          ...(m.cost_band ? [[`${ui.cost_band}: ${vocab.cost[m.cost_band.value]}`,
            ...cite(m, m.cost_band.source)]] : []),
        ];
        return parts.length ? joined(parts, " ") : [ui.missing];
      }],
      [rows.developer, m => fact(m, m.developer)],
      // The licence holder or coordinator in each country the sources name, Sweden first.
      [rows.coordinators, m => {
        /** @type {{country: string, text: string, source: string}[]} */
        const found = [...m.coordinators].sort((a, b) => Number(b.country === "se") - Number(a.country === "se"));
        return found.length
          ? joined(found.map(c => [`${vocab.country[c.country]}: ${c.text}`, ...cite(m, c.source)]), " ")
          : [ui.missing];
      }],
      // What the registries found comes before the verdicts, a finding of no difference
      // or of harm worded as plainly as one of effect.
      // Registries searched without a verdict are named with the day of the search, so
      // "not rated" says where we looked and when, not only that we found nothing.
      [rows.findings, m => {
        /** @type {NotRated | null} */
        const unrated = m.not_rated;
        const found = m.findings.map((/** @type {string} */ code) => vocab.finding[code]).join(", ");
        const searched = unrated ? [
          format(ui.unrated, { registries: new Intl.ListFormat(document.documentElement.lang, { type: "conjunction" }).format(unrated.registry_names), date: unrated.checked }),
          ...(unrated.flags.length ? [` (${ui.may_be_old})`] : []),
          ...(unrated.source ? cite(m, unrated.source) : [])] : [];
        if (!found) return searched.length ? searched : [ui.not_rated];
        return searched.length ? [found, "; ", ...searched] : [found];
      }],
      ...this.registries.map(([code, name]) => /** @type {[string, (method: Method) => Content]} */ ([
        format(rows.evidence, { registry: name }), m => {
          const ratings = current(m).filter(e => e.registry === code);
          return ratings.length
            ? joined(ratings.map(e => [
              format(ui.verdict, { finding: vocab.finding[e.finding], rating: e.rating, date: dated(e, ui.edition) }),
              ...(e.flags.length ? [` (${ui.may_be_old})`] : []),
              ...cite(m, e.source)]), "; ")
            : [ui.not_rated];
        }])),
      [rows.reviewed, m => [m.reviewed]],
      [rows.url, m => [methodLink(m, m.title)]],
    ];
  }

  write() {
    const url = new URL(location.href);
    const ids = this.chosen().map(box => box.value);
    url.search = ids.length ? new URLSearchParams({ [PARAM]: ids.join(",") }).toString() : "";
    history.replaceState(history.state, "", url.href);
  }
}

export async function enhance() {
  /** @type {HTMLFormElement | null} */
  const form = document.querySelector("form.kb-compare-form");
  if (form) await new Comparison(form).start();
}
