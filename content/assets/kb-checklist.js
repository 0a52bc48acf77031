/* Kunskapsbank: interactive implementation checklists.
 *
 * The generator writes every checklist as a plain task list (`.kb-checklist`, one
 * `[data-item]` per item), so without this script it still reads and prints as a list.
 * This script adds, per item, three states as native radio buttons, "Ansvarig",
 * "Kommentar" and a date; progress per checklist and for the page; export, import, a
 * shareable link, reset and print. Marks stored, exported or shared before an editor
 * renamed a stage, method, framework or item (old ids in `aliases`) follow the rename. A
 * checklist can name another scale of state labels (`data-scale`, e.g. Finns/Delvis/Saknas
 * for a self-assessment); the stored values stay the same.
 *
 * State lives only in the browser, through Material's __md_get/__md_set (localStorage
 * scoped to the site), one entry per checklist id holding items by their YAML id — never by
 * their text, so rewording an item keeps its marks. Every visible text comes from the page
 * (`.kb-checklist-tools[data-ui]`, written from the locale file), none from this file.
 *
 * Material's instant navigation swaps pages without reloading scripts, so the script runs
 * for every page `document$` emits.
 */
(() => {
  "use strict";

  const STORAGE_PREFIX = "kb-checklist.";
  const SHARE_PREFIX = "#kb-state=";
  const FORMAT = "kunskapsbank-checklistor";
  const STATES = ["done", "started", "not_started"];
  const NOTES = ["responsible", "comment", "date"];

  /* ---------- state: {checklistId: {itemId: {state, responsible, comment, date}}} ---------- */

  /** An item's entry with only known fields and non-empty strings; null if nothing is left. */
  function cleanEntry(entry) {
    if (!entry || typeof entry !== "object") return null;
    const clean = {};
    if (STATES.includes(entry.state)) clean.state = entry.state;
    for (const field of NOTES) {
      if (typeof entry[field] === "string" && entry[field].trim()) clean[field] = entry[field];
    }
    return Object.keys(clean).length ? clean : null;
  }

  /** Entries of the items that still exist; those of removed items are dropped. */
  function cleanChecklist(entries, itemIds) {
    const clean = {};
    for (const id of itemIds) {
      const entry = cleanEntry(entries && typeof entries === "object" ? entries[id] : null);
      if (entry) clean[id] = entry;
    }
    return clean;
  }

  const load = id => __md_get(STORAGE_PREFIX + id);
  const store = (id, entries) => __md_set(STORAGE_PREFIX + id, entries);

  const previousIds = node => JSON.parse(node.dataset.previous || "[]");

  /** Entries with each item's marks under its old id (`data-previous`, from the item's
   * `aliases`) moved to its new id, where the new id has none. */
  function renamedItems(items, entries) {
    if (!entries || typeof entries !== "object") return entries;
    const moved = { ...entries };
    for (const item of items) {
      const oldId = previousIds(item).find(id => moved[id] && !moved[item.dataset.item]);
      if (oldId) moved[item.dataset.item] = moved[oldId];
    }
    return moved;
  }

  /** Marks saved before a rename: when nothing is stored under the checklist's id, the
   * entry of an old id (`data-previous`, from the records' `aliases`) is taken, and items
   * renamed since keep their marks; the rename is then saved. */
  function withPrevious(container, items, stored) {
    let entries = stored;
    for (const oldId of previousIds(container)) {
      if (entries) break;
      entries = load(oldId);
    }
    return renamedItems(items, entries);
  }

  /* ---------- small DOM helpers ---------- */

  function element(tag, attributes = {}, children = []) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  function button(text, onClick) {
    const node = element("button", { type: "button", class: "md-button" }, [text]);
    node.addEventListener("click", onClick);
    return node;
  }

  /** The UI texts with a named scale's labels (e.g. Finns/Delvis/Saknas) laid over them;
   * `data-scale` on a checklist or the tools block names it, the labels come from the page. */
  const withScale = (ui, scale) => ({ ...ui, ...((ui.scales || {})[scale] || {}) });

  const format = (template, values) =>
    template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? values[key] : match));

  /* ---------- one checklist ---------- */

  class Checklist {
    constructor(container, ui, onChange) {
      this.container = container;
      this.id = container.dataset.checklist;
      this.ui = withScale(ui, container.dataset.scale);
      this.onChange = onChange;
      this.items = [...container.querySelectorAll("[data-item]")];
      this.itemIds = this.items.map(item => item.dataset.item);
      const stored = withPrevious(container, this.items, load(this.id));
      this.entries = cleanChecklist(stored, this.itemIds);
      if (JSON.stringify(load(this.id) || {}) !== JSON.stringify(this.entries)) this.save();
      this.items.forEach(item => this.addControls(item));
      this.addProgress();
      // Radio buttons, text fields and date fields all fire "input" on every change.
      container.addEventListener("input", event => this.update(event.target));
      container.classList.add("kb-enhanced");
      this.render();
    }

    addControls(item) {
      const itemId = item.dataset.item;
      const name = `kb-${this.id}-${itemId}`;
      const states = element("div", {
        class: "kb-states", role: "radiogroup", "aria-labelledby": item.id,
      }, STATES.map(state => element("label", {}, [
        element("input", { type: "radio", name, value: state, "data-field": "state",
                           "data-for": itemId }),
        this.ui.states[state],
      ])));
      const notes = element("div", { class: "kb-notes" }, NOTES.map(field => element(
        "label", {}, [
          element("span", {}, [this.ui[field]]),
          element(field === "comment" ? "textarea" : "input", {
            ...(field === "comment" ? { rows: "1" }
              : { type: field === "date" ? "date" : "text" }),
            "data-field": field, "data-for": itemId, name: `${name}-${field}`,
          }),
        ])));
      item.closest("li").append(element("div", { class: "kb-item" }, [states, notes]));
    }

    addProgress() {
      const labelId = `kb-progress-${this.id}`;
      this.progressText = element("span", { id: labelId });
      this.progressBar = element("progress", { max: String(this.itemIds.length),
                                               "aria-labelledby": labelId });
      const print = button(this.ui.print_checklist, () => printOnly(this.container));
      print.classList.add("kb-print-button");
      const list = this.container.querySelector("ul");
      list.before(element("div", { class: "kb-progress" },
                          [this.progressText, this.progressBar, print]));
    }

    /** Keep what the visitor just changed, at once. */
    update(control) {
      const field = control.dataset && control.dataset.field;
      if (!field) return;
      const itemId = control.dataset.for;
      const entry = cleanEntry({ ...this.entries[itemId], [field]: control.value });
      if (entry) this.entries[itemId] = entry;
      else delete this.entries[itemId];
      this.save();
      this.showProgress();
      this.onChange();
    }

    save() {
      store(this.id, this.entries);
    }

    replace(entries) {
      this.entries = cleanChecklist(entries, this.itemIds);
      this.save();
      this.render();
    }

    /** Controls show the stored entries. */
    render() {
      for (const control of this.container.querySelectorAll("[data-field]")) {
        const entry = this.entries[control.dataset.for] || {};
        const value = entry[control.dataset.field] || "";
        if (control.type === "radio") control.checked = control.value === value;
        else control.value = value;
      }
      this.showProgress();
    }

    counts() {
      const states = Object.values(this.entries).map(entry => entry.state);
      return {
        total: this.itemIds.length,
        done: states.filter(state => state === "done").length,
        started: states.filter(state => state === "started").length,
        not_started: states.filter(state => state === "not_started").length,
      };
    }

    showProgress() {
      showCounts(this.progressText, this.progressBar, this.counts(), this.ui.progress);
    }
  }

  function showCounts(text, bar, counts, template, prefix = "") {
    text.textContent = `${prefix}${format(template, counts)}`;
    bar.max = counts.total;
    bar.value = counts.done;
  }

  /* ---------- printing one checklist ---------- */

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

  /* ---------- moving state: file and link ---------- */

  function encode(data) {
    const bytes = new TextEncoder().encode(JSON.stringify(data));
    return btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function decode(text) {
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(base64), char => char.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  /* ---------- the page: all its checklists and the tools ---------- */

  class ChecklistPage {
    constructor(tools) {
      this.tools = tools;
      this.ui = withScale(JSON.parse(tools.dataset.ui), tools.dataset.scale);
      this.checklists = [...document.querySelectorAll(".kb-checklist[data-checklist]")]
        .map(container => new Checklist(container, this.ui, () => this.showTotal()));
      this.buildTools();
      this.showTotal();
      this.openSharedLink();
    }

    buildTools() {
      const ui = this.ui;
      this.totalText = element("span", { id: "kb-progress-total" });
      this.totalBar = element("progress", { "aria-labelledby": "kb-progress-total" });
      this.fileInput = element("input", { type: "file", accept: "application/json,.json",
                                          hidden: "" });
      this.fileInput.addEventListener("change", () => this.importFile());
      this.status = element("p", { class: "kb-status", role: "status" });
      this.shareField = element("input", { type: "text", readonly: "", class: "kb-share-url" });
      this.share = element("p", { class: "kb-share", hidden: "" }, [
        element("label", {}, [ui.share_label, " ", this.shareField]),
      ]);
      this.tools.append(
        element("div", { class: "kb-progress kb-progress-total" },
                [this.totalText, this.totalBar]),
        element("div", { class: "kb-tool-buttons", role: "group", "aria-label": ui.tools }, [
          button(ui.export, () => this.exportFile()),
          button(ui.import, () => this.fileInput.click()),
          button(ui.share, () => this.copyLink()),
          button(ui.print_page, () => window.print()),
          button(ui.reset, () => this.reset()),
        ]),
        this.fileInput, this.status, this.share,
      );
      this.tools.hidden = false;
    }

    showTotal() {
      const total = { total: 0, done: 0, started: 0, not_started: 0 };
      for (const checklist of this.checklists) {
        for (const [key, value] of Object.entries(checklist.counts())) total[key] += value;
      }
      showCounts(this.totalText, this.totalBar, total, this.ui.progress,
                 `${this.ui.total[this.tools.dataset.scope]} `);
    }

    /** Every checklist's entries by checklist id: what is exported and shared. */
    collect() {
      return Object.fromEntries(this.checklists.map(c => [c.id, c.entries]));
    }

    /** Replace the checklists that `data` has; checklists it lacks keep their marks. */
    apply(data) {
      if (!data || typeof data.checklists !== "object" || data.checklists === null) {
        throw new Error("no checklists");
      }
      for (const checklist of this.checklists) {
        // A file or link made before a rename holds the checklist under an old id.
        const key = [checklist.id, ...previousIds(checklist.container)]
          .find(id => id in data.checklists);
        if (key) checklist.replace(renamedItems(checklist.items, data.checklists[key]));
      }
      this.showTotal();
    }

    hasMarks() {
      return this.checklists.some(checklist => Object.keys(checklist.entries).length);
    }

    say(text) {
      this.status.textContent = text;
    }

    exportFile() {
      const data = { format: FORMAT, version: 1, page: location.pathname,
                     exported: new Date().toISOString(), checklists: this.collect() };
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
      const url = URL.createObjectURL(blob);
      const slug = location.pathname.split("/").filter(Boolean).pop() || "start";
      const link = element("a", { href: url, download: `${this.ui.file_name}-${slug}.json` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    }

    async importFile() {
      const [file] = this.fileInput.files;
      this.fileInput.value = "";
      if (!file) return;
      try {
        const data = JSON.parse(await file.text());
        if (data.format !== FORMAT) throw new Error("not an export");
        if (this.hasMarks() && !window.confirm(this.ui.confirm_import)) return;
        this.apply(data);
        this.say(this.ui.imported);
      } catch {
        this.say(this.ui.import_failed);
      }
    }

    async copyLink() {
      const url = new URL(location.href);
      url.hash = SHARE_PREFIX + encode({ checklists: this.collect() });
      this.shareField.value = url.href;
      this.share.hidden = false;
      try {
        await navigator.clipboard.writeText(url.href);
        this.say(this.ui.share_copied);
      } catch {
        this.say(this.ui.share_manual);
        this.shareField.select();
      }
    }

    /** A shared link's marks replace the visitor's own only if they agree to it. */
    openSharedLink() {
      if (!location.hash.startsWith(SHARE_PREFIX)) return;
      const encoded = location.hash.slice(SHARE_PREFIX.length);
      history.replaceState(history.state, "", location.pathname + location.search);
      if (this.hasMarks() && !window.confirm(this.ui.confirm_shared)) return;
      try {
        this.apply(decode(encoded));
      } catch {
        this.say(this.ui.import_failed);
      }
    }

    reset() {
      if (!window.confirm(this.ui.confirm_reset)) return;
      for (const checklist of this.checklists) checklist.replace({});
      this.showTotal();
      this.say(this.ui.reset_done);
    }
  }

  function init() {
    const tools = document.querySelector(".kb-checklist-tools[data-ui]");
    if (!tools || tools.dataset.enhanced) return;
    tools.dataset.enhanced = "true";
    new ChecklistPage(tools);
  }

  document$.subscribe(init);
})();
