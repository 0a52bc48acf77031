/* Kunskapsbank: the fit assessment for choosing a method (/implementering/val-av-metod/).
 *
 * In the spirit of NIRN's Hexagon tool, a team rates one to four methods side by side on
 * six factors: need, fit, resources and supports, evidence, readiness for replication and
 * capacity to implement. For each method and factor the table first shows what the record
 * says (target group, registry verdicts, training, staffing and costs …, each with a link
 * to its source), or "uppgift saknas" where it is silent; the team then rates the factor
 * 1–5 and writes its reasons. The methods come from the open data (kb-methods.js), so the
 * page does not grow with the catalogue; the ratings are kept with the team's other data
 * (kb-team.js), so they are exported, shared and printed like the checklists. The chosen
 * methods are also kept in the URL (`?m=pmto,mst`), so a link opens the same comparison.
 *
 * Every visible text comes from the page (`form[data-ui]`) or the data, and record text is
 * only ever set as text. kb-start.js loads it for the page, with its styles (kb-team.css).
 */

import {
  button, element, format, required, stylesheet, submitGoesTo, uiOf, unenhanced,
} from "./kb-common.js";
import { load as loadMethods, methodLink } from "./kb-methods.js";
import * as team from "./kb-team.js";

/** The page's texts: the team's (kb-team.js), the assessment's own and the vocabularies'
 * labels, from `data-ui` (generator/rendering/implementation.py).
 * @typedef {import("./kb-ui.js").FitUi} FitUi */

/** What the open data say of a method that the assessment shows (data/insatser.json; its
 * fields are described in data/insatser.schema.json).
 * @typedef {{source: string}} Cited
 * @typedef {Cited & {text: string}} Fact
 * @typedef {Cited & {shown: string}} Amount
 * @typedef {Cited & {registry_name: string, finding: string, rating: string,
 *            date?: string | null, current: boolean}} Verdict
 * @typedef {import("./kb-methods.js").Method & {
 *   target_group: Fact | null, ages: (Cited & Record<string, unknown>) | null,
 *   problems: string[], arenas: string[], formats: string[], intensity: Fact | null,
 *   duration: Fact | null, training: Fact | null,
 *   training_countries: (Cited & {country: string})[], providers: Fact[],
 *   evidence: Verdict[], developer: Fact | null, coordinators: (Fact & {country: string})[],
 *   spread: Fact[], staffing: Fact | null, costs: Amount[], cost_note: Fact | null,
 *   cost_band: (Cited & {value: string}) | null}} FitMethod
 * @typedef {[string, (Node | string)[]]} Said a fact's label and what the record says
 */

const PARAM = "m";
const MAX = 4;

class FitAssessment {
  /** @param {HTMLFormElement} form `form.kb-fit-form`, with its texts in `data-ui`
   * @param {FitMethod[]} methods */
  constructor(form, methods) {
    this.form = form;
    /** @type {FitUi} */
    this.ui = uiOf(form);
    this.fieldset = required("fieldset", form);
    this.status = required(".kb-fit-status");
    this.results = required(".kb-fit-results");
    // Says what becomes of the ratings: storage that cannot be read, a save that fails.
    this.transfer = new team.Transfer(this.ui, () => this.show());
    this.data = team.load();
    this.methods = new Map(methods.map(method => [method.id, method]));
    /** @type {Map<string, HTMLElement>} each chosen method's cell of the sum */
    this.totals = new Map();
    const fromUrl = (new URLSearchParams(location.search).get(PARAM) || "").split(",");
    const wanted = fromUrl.some(id => this.methods.has(id)) ? fromUrl : this.data.fit.methods;
    const chosen = wanted.filter(id => this.methods.has(id)).slice(0, MAX);
    this.boxes = methods.map(method => {
      const box = element("input", { type: "checkbox", name: PARAM, value: method.id });
      box.checked = chosen.includes(method.id);
      this.fieldset.append(element("label", {}, [box, ` ${method.title}`]));
      return box;
    });
  }

  async start() {
    this.status.before(this.transfer.notice);
    await this.transfer.begin();
    this.form.addEventListener("change", event => {
      if (event.target instanceof HTMLInputElement) this.choose(event.target);
    });
    submitGoesTo(this.form, this.status);
    this.form.hidden = false;
    this.show();
  }

  chosen() {
    return this.boxes.filter(box => box.checked).map(box => box.value);
  }

  /** @param {HTMLInputElement} box */
  choose(box) {
    if (box.checked && this.chosen().length > MAX) {
      box.checked = false;
      this.status.textContent = this.ui.too_many;
      return;
    }
    this.data = team.load();
    this.data.fit.methods = this.chosen();
    this.data.fit.changed = team.now();
    team.save(this.data);
    const url = new URL(location.href);
    const ids = this.chosen();
    url.search = ids.length ? new URLSearchParams({ [PARAM]: ids.join(",") }).toString() : "";
    history.replaceState(history.state, "", url.href);
    this.show();
  }

  /** What the record says about one factor: a list of facts, each with its source.
   * @param {FitMethod} method
   * @param {string} factor */
  facts(method, factor) {
    const ui = this.ui;
    const { vocab } = ui;
    const cite = (/** @type {string} */ source) => {
      const link = element("a", { href: `${method.href}#kalla-${source}` }, [ui.cite]);
      return [" ", element("sup", {}, [link])];
    };
    /** @type {(label: string, value: Fact | null) => Said} */
    const fact = (label, value) => [label, value ? [value.text, ...cite(value.source)] : [ui.missing]];
    /** Several facts, each with its source; `lead` names what a fact is about (a country).
     * @template {Fact | Amount} V
     * @param {string} label
     * @param {V[]} values
     * @param {(value: V) => string} lead
     * @param {string} missing
     * @returns {Said} */
    const facts = (label, values, lead = () => "", missing = ui.missing) => [label, values.length
      ? values.flatMap((v, i) => [...(i ? [" "] : []), lead(v), "text" in v ? v.text : v.shown,
                                  ...cite(v.source)])
      : [missing]];
    /** @type {(label: string, codes: string[], kind: string) => Said} */
    const list = (label, codes, kind) => [label, codes.length
      ? [codes.map(code => vocab[kind][code]).join(", ")] : [ui.missing]];
    // Only verdicts that stand count; a replaced verdict is history on the method's page.
    const current = method.evidence.filter(e => e.current);
    /** @type {Record<string, Said[]>} */
    const said = {
      need: [fact(ui.target_group, method.target_group),
             [ui.ages, method.ages ? [format(ui.ages_value, method.ages), ...cite(method.ages.source)]
                                   : [ui.missing]],
             list(ui.problems, method.problems, "problem")],
      fit: [list(ui.arenas, method.arenas, "arena"), list(ui.formats, method.formats, "format"),
            fact(ui.intensity, method.intensity), fact(ui.duration, method.duration)],
      resources: [fact(ui.training, method.training),
                   [ui.training_countries, method.training_countries.length
                     ? method.training_countries.flatMap((c, i) => [
                       ...(i ? [", "] : []), vocab.country[c.country], ...cite(c.source)])
                     : [ui.missing]],
                   facts(ui.providers, method.providers)],
      evidence: [[ui.evidence, current.length
        ? current.flatMap((e, i) => [...(i ? ["; "] : []),
          `${e.registry_name}: ${vocab.finding[e.finding]} – ${e.rating} (${e.date ?? ""})`,
          ...cite(e.source)])
        : [ui.no_rating]]],
      readiness: [fact(ui.developer, method.developer),
                  facts(ui.coordinators, method.coordinators, c => `${vocab.country[c.country]}: `),
                  [ui.spread, method.spread.length
                    ? method.spread.flatMap((s, i) => [...(i ? ["; "] : []), s.text, ...cite(s.source)])
                    : [ui.missing]]],
      capacity: [fact(ui.staffing, method.staffing),
                 // Each amount as the method's page shows it, with its price year.
                 facts(ui.costs, [...method.costs, ...(method.cost_note ? [method.cost_note] : [])],
                   () => "", ui.costs_missing),
                 [ui.cost_band, method.cost_band
                   ? [vocab.cost[method.cost_band.value], ...cite(method.cost_band.source)]
                   : [ui.missing]]],
    };
    return element("ul", { class: "kb-fit-facts" }, said[factor].map(([label, content]) =>
      element("li", {}, [element("strong", {}, [`${label}: `]), ...content])));
  }

  /** The rating (1–5) and the team's notes for one method and factor.
   * @param {FitMethod} method
   * @param {string} factor */
  rating(method, factor) {
    const ui = this.ui;
    const factorName = ui.factors[factor];
    /** @type {team.Rating} */
    const stored = this.data.fit.ratings[method.id]?.[factor] || {};
    const select = element("select", {
      "aria-label": format(ui.rating_label, { factor: factorName, method: method.title }),
      "data-method": method.id, "data-factor": factor, "data-field": "rating" }, [
      element("option", { value: "" }, [ui.no_rating_given]),
      ...ui.ratings.map((label, index) => element("option", { value: String(index + 1) }, [label])),
    ]);
    select.value = stored.rating ? String(stored.rating) : "";
    const note = element("textarea", {
      rows: "2", "aria-label": format(ui.note_label, { factor: factorName, method: method.title }),
      "data-method": method.id, "data-factor": factor, "data-field": "note" });
    note.value = stored.note || "";
    return element("div", { class: "kb-fit-rating" }, [
      element("label", {}, [`${ui.rating} `, select]), note]);
  }

  /** Keep a rating or note at once, stamped for merging.
   * @param {EventTarget | null} control */
  keep(control) {
    if (!(control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement)) return;
    const { method, factor, field } = control.dataset;
    if (!method || !factor || !field) return;
    this.data = team.load();
    const ratings = this.data.fit.ratings;
    const entry = { ...(ratings[method]?.[factor] || {}) };
    if (field === "rating") {
      if (control.value) entry.rating = Number(control.value);
      else delete entry.rating;
    } else if (control.value.trim()) {
      entry.note = control.value;
    } else {
      delete entry.note;
    }
    entry.changed = team.now();
    // A rating cleared stays as the time it was, so that merging cannot bring it back.
    ratings[method] = { ...ratings[method], [factor]: entry };
    team.save(this.data);
    this.showTotals();
  }

  show() {
    const ui = this.ui;
    const methods = this.chosen().flatMap(id => this.methods.get(id) ?? []);
    this.results.hidden = !methods.length;
    this.status.textContent = methods.length
      ? format(ui.selected, { names: methods.map(m => m.abbreviation || m.title).join(", ") })
      : ui.too_few;
    if (!methods.length) return;
    this.totals.clear();
    const rows = team.FACTORS.map(factor => element("tr", {}, [
      element("th", { scope: "row" }, [element("strong", {}, [ui.factors[factor]]),
                                       element("p", { class: "kb-hint" }, [ui.factor_questions[factor]])]),
      ...methods.map(method => element("td", {}, [
        element("p", { class: "kb-fit-says" }, [ui.record_says]), this.facts(method, factor),
        this.rating(method, factor)])),
    ]));
    const totals = element("tr", {}, [element("th", { scope: "row" }, [ui.total_heading]),
      ...methods.map(method => {
        const cell = element("td", { class: "kb-fit-total" });
        this.totals.set(method.id, cell);
        return cell;
      })]);
    const body = element("tbody", {}, [...rows, totals]);
    body.addEventListener("change", event => this.keep(event.target));
    body.addEventListener("input", event => {
      if (event.target instanceof HTMLTextAreaElement) this.keep(event.target);
    });
    this.results.replaceChildren(
      element("div", { class: "kb-fit-table" }, [element("table", {}, [
        element("caption", {}, [ui.caption]),
        element("thead", {}, [element("tr", {}, [
          element("th", { scope: "col" }, [ui.factor]),
          ...methods.map(method => element("th", { scope: "col" }, [methodLink(method, method.title)]))])]),
        body])]),
      button(ui.print, () => window.print()));
    this.showTotals();
  }

  showTotals() {
    for (const [id, cell] of this.totals) {
      const rated = Object.values(this.data.fit.ratings[id] || {})
        .flatMap(r => (r.rating ? [r.rating] : []));
      cell.textContent = format(this.ui.total, {
        sum: rated.reduce((sum, rating) => sum + rating, 0), max: 5 * team.FACTORS.length,
        rated: rated.length });
    }
  }
}

export async function enhance() {
  const form = unenhanced("form.kb-fit-form");
  if (!(form instanceof HTMLFormElement)) return;
  await stylesheet("kb-team.css");
  const methods = await loadMethods(uiOf(form), required(".kb-fit-status"));
  if (!methods || !form.isConnected) return;
  await new FitAssessment(form, /** @type {FitMethod[]} */ (methods)).start();
}
