/* Kunskapsbank: interactive checklists on stage, method and framework pages.
 *
 * The generator writes every checklist as a plain task list (`.kb-checklist`, one
 * `[data-item]` per item), so without this script it still reads and prints as a list.
 * This script adds, per item, four states as native radio buttons – Klart, Påbörjat, Ej
 * påbörjat and Ej aktuellt, each an icon and a word, readable on a projector and in
 * greyscale – with "Ansvarig", "Kommentar" and a date; progress per checklist and for the
 * page, which never counts items marked "Ej aktuellt"; and the tools to export, import,
 * share and print. A checklist can name another scale of state labels (`data-scale`, e.g.
 * Finns/Delvis/Saknas for a self-assessment); the stored values stay the same.
 *
 * A stage page holds only the stage's general items. The team chooses its methods once
 * (here or on the overview); the stage page then loads the chosen methods' items for the
 * stage from their small data files and counts them with the rest. An address with a
 * method item's anchor (`#pmto-terapeuter-antagna`) shows the item if the method is
 * chosen, and otherwise leads to the item on the method's page.
 *
 * The marks live in the team's data (kb-team.js) keyed by checklist and item id – never by
 * text, so rewording an item keeps its marks; marks made before an editor renamed a stage,
 * method, framework or item (old ids in `aliases`, here `data-previous`) follow the rename.
 * Every visible text comes from the page (`.kb-checklist-tools[data-ui]`).
 *
 * Loaded by kb-start.js on every page with `.kb-checklist-tools`, with its styles (kb-team.css).
 */

import { button, element, findAll, format, fragment, progressText, required, stylesheet, uiOf,
         unenhanced } from "./kb-common.js";
import * as team from "./kb-team.js";

/** The page's texts: the team's (kb-team.js) and the checklists' own, from `data-ui`.
 * @typedef {import("./kb-ui.js").ChecklistUi} ChecklistUi
 * @typedef {import("./kb-common.js").Counts} Counts
 */

/** The fields of an item a control edits (`data-field`).
 * @type {readonly ("state" | team.Note)[]} */
const FIELDS = ["state", ...team.NOTES];

/** The field a control edits, or undefined for a control that edits none.
 * @param {HTMLElement} control */
const fieldOf = control => FIELDS.find(field => field === control.dataset.field);

/** The UI texts with a named scale's labels (e.g. Finns/Delvis/Saknas) laid over them;
 * `data-scale` on a checklist or the tools block names it, the labels come from the page.
 * @param {ChecklistUi} ui
 * @param {string | undefined} scale
 * @returns {ChecklistUi} */
function withScale(ui, scale) {
  const labels = (scale && ui.scales[scale]) || {};
  return { ...ui, ...labels, states: { ...ui.states, ...labels.states } };
}

/** @param {HTMLElement} text
 * @param {HTMLProgressElement} bar
 * @param {Counts} counts
 * @param {ChecklistUi} ui */
function showCounts(text, bar, counts, ui, prefix = "") {
  text.textContent = `${prefix}${progressText(ui, counts)}`;
  bar.max = Math.max(counts.total, 1);
  bar.value = counts.done;
}

/** The ids a checklist or an item had before an editor renamed it (`data-previous`).
 * @param {HTMLElement} node
 * @returns {string[]} */
const previousIds = node => JSON.parse(node.dataset.previous || "[]");

/** An item's id: the generator writes `data-item` on every item, and the selectors that
 * find items ask for it.
 * @param {HTMLElement} item */
const itemIdOf = item => item.dataset.item ?? "";

/* ---------- one checklist ---------- */

class Checklist {
  /** @param {HTMLElement} container a `.kb-checklist` with `data-checklist`
   * @param {ChecklistUi} ui
   * @param {ChecklistPage} page */
  constructor(container, ui, page) {
    this.container = container;
    this.id = container.dataset.checklist ?? "";
    this.ui = withScale(ui, container.dataset.scale);
    this.page = page;
    this.items = findAll("[data-item]", container);
    this.itemIds = this.items.map(itemIdOf);
    this.adopt();
    this.items.forEach(item => this.addControls(item));
    this.progressText = element("span", { id: `kb-progress-${this.id}` });
    this.progressBar = element("progress", { "aria-labelledby": this.progressText.id });
    this.addProgress();
    // Radio buttons, text fields and date fields all fire "input" on every change.
    container.addEventListener("input", event => this.update(event.target));
    container.classList.add("kb-enhanced");
    this.render();
  }

  /** Marks stored under the ids the checklist and its items had before a rename. */
  adopt() {
    const items = this.items.map(item => ({ id: itemIdOf(item), previous: previousIds(item) }));
    if (team.adopt(this.page.data, { id: this.id, previous: previousIds(this.container) }, items)) {
      team.save(this.page.data);
    }
  }

  get entries() {
    return this.page.data.checklists[this.id] || {};
  }

  /** @param {HTMLElement} item */
  addControls(item) {
    const itemId = itemIdOf(item);
    const name = `kb-${this.id}-${itemId}`;
    const states = element("div", {
      class: "kb-states", role: "radiogroup", "aria-labelledby": item.id,
    }, team.STATES.map(state => element("label", { "data-state": state }, [
      element("input", { type: "radio", name, value: state, "data-field": "state",
                         "data-for": itemId }),
      element("span", { class: "kb-state-word" }, [this.ui.states[state]]),
    ])));
    const notes = element("div", { class: "kb-notes" }, team.NOTES.map(field => element(
      "label", {}, [
        element("span", {}, [this.ui[field]]),
        element(field === "comment" ? "textarea" : "input", {
          ...(field === "comment" ? { rows: "1" }
            : { type: field === "date" ? "date" : "text" }),
          "data-field": field, "data-for": itemId, name: `${name}-${field}`,
        }),
      ])));
    listItem(item).append(element("div", { class: "kb-item" }, [states, notes]));
  }

  addProgress() {
    const print = button(this.ui.print_checklist, () => printOnly(this.container));
    print.classList.add("kb-print-button");
    required("ul", this.container).before(element("div", { class: "kb-progress" },
                        [this.progressText, this.progressBar, print]));
  }

  /** Keep what the visitor just changed, at once.
   * @param {EventTarget | null} control */
  update(control) {
    if (!(control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement)) return;
    const field = fieldOf(control);
    const itemId = control.dataset.for;
    if (!field || !itemId) return;
    team.setField(this.page.data, this.id, itemId, field, control.value);
    team.save(this.page.data);
    this.showState(itemId);
    this.showProgress();
    this.page.showTotal();
  }

  /** The item's state as a class on its list item, for the styles that mark it.
   * @param {string} itemId */
  showState(itemId) {
    const item = listItem(this.items[this.itemIds.indexOf(itemId)]);
    const state = this.entries[itemId]?.state;
    for (const name of team.STATES) item.classList.toggle(`kb-is-${name}`, state === name);
  }

  /** Controls show the stored entries. */
  render() {
    for (const control of findAll("[data-field]", this.container)) {
      if (!(control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement)) continue;
      const field = fieldOf(control);
      const entry = this.entries[control.dataset.for ?? ""] || {};
      const value = (field && entry[field]) || "";
      if (control instanceof HTMLInputElement && control.type === "radio") {
        control.checked = control.value === value;
      } else {
        control.value = value;
      }
    }
    this.itemIds.forEach(id => this.showState(id));
    this.showProgress();
  }

  counts() {
    return team.counts(this.entries, this.itemIds);
  }

  showProgress() {
    showCounts(this.progressText, this.progressBar, this.counts(), this.ui);
  }
}

/** The list item an item's text stands in: the generator writes each item as a task list's
 * item, and `methodChecklist` does too.
 * @param {HTMLElement} item */
const listItem = item => /** @type {HTMLLIElement} */ (item.closest("li"));

/* ---------- printing one checklist ---------- */

/** @param {HTMLElement} container */
function printOnly(container) {
  const root = document.documentElement;
  root.classList.add("kb-print-one");
  container.classList.add("kb-print-target");
  window.addEventListener("afterprint", () => {
    root.classList.remove("kb-print-one");
    container.classList.remove("kb-print-target");
  }, { once: true });
  window.print();
}

/* ---------- the chosen methods' items on a stage page ---------- */

/** A method's checklist for one stage, in the markup the generator writes for the
 * stage's own list, so that it works, prints and links alike. Text is set as text.
 * @param {team.Method} method
 * @param {team.ListOf} list */
function methodChecklist(method, list) {
  const heading = element("h4", { id: `checklista-${method.id}` }, [
    element("a", { href: method.href }, [method.title])]);
  const items = list.items.map(item => element("li", {}, [
    element("span", { id: `${method.id}-${item.id}`, "data-item": item.id,
                      "data-previous": JSON.stringify(item.previous) }, [item.text])]));
  return element("div", { class: "kb-checklist", "data-checklist": list.id,
                          "data-previous": JSON.stringify(list.previous) },
                 [heading, element("ul", {}, items)]);
}

class MethodItems {
  /** @param {HTMLElement} container `.kb-method-checklists` with `data-stage`
   * @param {ChecklistPage} page */
  constructor(container, page) {
    this.container = container;
    this.page = page;
    this.stage = container.dataset.stage ?? "";
    /** @type {team.Index | null} the site's index, once loaded */
    this.index = null;
    /** @type {team.MethodChooser | null} */
    this.chooser = null;
    /** The latest choice's number: an earlier one that answers late is dropped. */
    this.generation = 0;
    this.summary = element("p", { class: "kb-chosen-methods" });
    this.lists = element("div", { class: "kb-method-lists" });
    this.details = element("details", { class: "kb-choose" }, [
      element("summary", {}, [page.ui.choose_summary])]);
    container.append(this.summary, this.details, this.lists);
  }

  async start() {
    const ui = this.page.ui;
    this.container.hidden = false;
    let index;
    try {
      index = await team.loadIndex();
    } catch (error) {
      console.error(error);
      this.summary.textContent = ui.methods_error;
      return;
    }
    this.index = index;
    this.chooser = new team.MethodChooser(this.details, ui, index, async chosen => {
      team.choose(this.page.data, chosen);
      await this.show();
      this.page.showTotal();
    });
    findAll(".kb-no-js").forEach(node => { node.hidden = true; });
    await this.show();
  }

  /** The chosen methods' checklists for this stage, as checklists of the page.
   * The lists are busy from the choice until the latest choice is drawn, so that
   * screen readers and tests never take the lists of an earlier choice for this one;
   * an earlier choice that answers late is dropped. */
  async show() {
    const { index, chooser } = this;
    if (!index || !chooser) return;
    const ui = this.page.ui;
    const data = this.page.data;
    const generation = this.generation += 1;
    this.lists.setAttribute("aria-busy", "true");
    if (team.renameChosen(index, data)) team.save(data);
    chooser.show(data.methods.chosen);
    let methods;
    try {
      methods = await team.chosenMethods(index, data.methods.chosen);
    } catch (error) {
      console.error(error);
      if (generation !== this.generation) return;
      this.summary.textContent = ui.methods_error;
      this.lists.setAttribute("aria-busy", "false");
      return;
    }
    if (generation !== this.generation) return;
    this.page.checklists = this.page.checklists.filter(c => !this.lists.contains(c.container));
    this.lists.replaceChildren();
    const names = methods.map(method => method.abbreviation || method.title);
    const here = methods.map(method => ({
      method, list: method.lists?.checklists.find(list => list.stage === this.stage) }));
    const without = here.filter(({ list }) => !list).map(({ method }) => method.title);
    this.summary.textContent = names.length
      ? format(ui.methods_chosen, { names: names.join(", ") }) : ui.methods_none;
    if (without.length) {
      this.summary.append(" ", format(ui.methods_without_items, { names: without.join(", ") }));
    }
    for (const { method, list } of here) {
      if (!list) continue;
      const node = methodChecklist(method, list);
      this.lists.append(node);
      this.page.checklists.push(new Checklist(node, this.page.ui, this.page));
    }
    this.lists.setAttribute("aria-busy", "false");
  }

  /** An anchor of a method item: shown here if the method is chosen, else on the
   * method's own page.
   * @param {team.Index} index
   * @param {string} anchor */
  follow(index, anchor) {
    if (!anchor) return;
    const target = document.getElementById(anchor);
    if (target) {
      target.scrollIntoView();
      return;
    }
    for (const method of index.methods) {
      const prefix = [method.id, ...method.previous].find(id => anchor.startsWith(`${id}-`));
      if (prefix && method.stages.includes(this.stage)) {
        location.replace(`${method.href}#${anchor.slice(prefix.length + 1)}`);
        return;
      }
    }
  }
}

/* ---------- the page: all its checklists and the tools ---------- */

class ChecklistPage {
  /** @param {HTMLElement} tools `.kb-checklist-tools` with the texts in `data-ui` */
  constructor(tools) {
    this.tools = tools;
    /** @type {ChecklistUi} */
    this.ui = withScale(uiOf(tools), tools.dataset.scale);
    this.data = team.load();
    this.checklists = findAll(".kb-checklist[data-checklist]")
      .map(container => new Checklist(container, this.ui, this));
    this.transfer = new team.Transfer(this.ui, () => this.refresh());
    this.totalText = element("span", { id: "kb-progress-total" });
    this.totalBar = element("progress", { "aria-labelledby": this.totalText.id });
    this.buildTools();
    this.showTotal();
    const [methods] = findAll(".kb-method-checklists[data-stage]");
    this.methods = methods ? new MethodItems(methods, this) : null;
  }

  async start() {
    const anchor = fragment();
    if (this.methods) {
      await this.methods.start();
      this.showTotal();
      const { index } = this.methods;
      if (index && !anchor.startsWith("kb-")) this.methods.follow(index, anchor);
    }
    await this.transfer.begin();
    await this.transfer.openSharedLink();
  }

  buildTools() {
    const ui = this.ui;
    this.tools.append(
      element("div", { class: "kb-progress kb-progress-total" },
              [this.totalText, this.totalBar]),
      element("div", { class: "kb-tool-buttons", role: "group", "aria-label": ui.tools }, [
        ...this.transfer.buttons(),
        button(ui.print_page, () => window.print()),
        button(ui.reset, () => this.reset()),
      ]),
      ...this.transfer.parts(),
    );
    this.tools.hidden = false;
  }

  showTotal() {
    const total = team.counts({}, []);
    for (const checklist of this.checklists) team.addCounts(total, checklist.counts());
    showCounts(this.totalText, this.totalBar, total, this.ui,
               `${this.ui.total[this.tools.dataset.scope ?? ""]} `);
  }

  /** After an import or a shared link: the page shows the team's data anew. */
  async refresh() {
    this.data = team.load();
    for (const checklist of this.checklists) {
      checklist.adopt();
      checklist.render();
    }
    if (this.methods?.index) await this.methods.show();
    this.showTotal();
  }

  /** "Återställ" clears the marks of this page's checklists, nothing else; the clearing is
   * kept with its time, so that merging an older copy does not bring the marks back. */
  reset() {
    if (!window.confirm(this.ui.confirm_reset)) return;
    for (const checklist of this.checklists) team.clearList(this.data, checklist.id, checklist.itemIds);
    team.save(this.data);
    for (const checklist of this.checklists) checklist.render();
    this.showTotal();
    this.transfer.say(this.ui.reset_done);
  }
}

export async function enhance() {
  const tools = unenhanced(".kb-checklist-tools[data-ui]");
  if (!tools) return;
  await stylesheet("kb-team.css");
  await new ChecklistPage(tools).start();
}
