/* Kunskapsbank: an implementation team's data, kept in the browser, and how it travels.
 *
 * Everything a team records – the methods it works with, every checklist mark and note,
 * saved rounds, raters' votes and fit assessments – is one object, stored under one key
 * (kb-common.js, `storage`: localStorage scoped to the site). The same object,
 * with a header, is the exported file; a share link carries its marks. Its format is
 * documented for editors (content/redaktorer/teamets-data.md) and versioned: `migrate`
 * brings any earlier version – stored, exported or shared – up to the current one, one step
 * per version, so a team's years of marks survive every change of format.
 *
 * Version 1 (the first checklists): one localStorage entry per checklist,
 * `kb-checklist.<checklist id>` -> {item id: {state, responsible, comment, date}}; files
 * `{format: "kunskapsbank-checklistor", version: 1, page, exported, checklists}`; links
 * `#kb-state=` + base64 of `{checklists}`.
 * Version 2: one entry, `kb-team` (see the editors' page); links `#kb-team=` + compressed
 * JSON. Each item entry carries `changed` (when it was last changed), so that merging two
 * teams' data keeps, per item, the newer change.
 *
 * Also here, because every page with checklists needs them: the site's implementation index
 * (data/implementering.json, and one small file per method with its checklist items), the
 * method chooser, and export, import (merge or replace) and share links for the whole
 * implementation. Every visible text comes from the page (`data-ui`).
 */

import { button, download, element, fetchJson, format, pack, root, storage, unpack, unpackPlain }
  from "./kb-common.js";

const KEY = "kb-team";
const LEGACY_KEY = "kb-checklist.";
const FORMAT = "kunskapsbank-implementering";
const LEGACY_FORMAT = "kunskapsbank-checklistor";
const VERSION = 2;
const SHARE = "#kb-team=";
const LEGACY_SHARE = "#kb-state=";
export const STATES = ["done", "started", "not_started", "not_applicable"];
export const NOTES = ["responsible", "comment", "date"];
export const FACTORS = ["need", "fit", "resources", "evidence", "readiness", "capacity"];

/* ---------- the stored format ---------- */

const isObject = value => Boolean(value) && typeof value === "object" && !Array.isArray(value);
const text = value => (typeof value === "string" && value.trim() ? value : null);
const ids = value => (Array.isArray(value) ? value.filter(id => typeof id === "string") : []);

/** The team's data, version 2 (content/redaktorer/teamets-data.md describes it).
 * @typedef {{state?: string, responsible?: string, comment?: string, date?: string,
 *            changed?: string}} Entry
 * @typedef {Record<string, Record<string, Entry>>} Checklists
 * @typedef {{rating?: number, note?: string, changed?: string}} Rating
 * @typedef {{rater: string, checklists: Checklists}} Vote
 * @typedef {{id: string, date: string, label?: string, methods: string[],
 *            checklists: Checklists, votes: Vote[]}} Round
 * @typedef {{format: string, version: number, methods: {chosen: string[], changed?: string},
 *            checklists: Checklists, rounds: Round[], votes: Vote[],
 *            fit: {methods: string[], changed?: string, ratings: Record<string, Record<string, Rating>>},
 *            meeting: {date?: string, participants?: string}}} TeamData
 */

/** @returns {TeamData} */
export function empty() {
  return { format: FORMAT, version: VERSION, methods: { chosen: [] }, checklists: {},
           rounds: [], votes: [], fit: { methods: [], ratings: {} }, meeting: {} };
}

/** An item's entry with only known fields and non-empty strings; null if no mark or note
 * is left (a bare `changed` is no mark). */
function cleanEntry(entry) {
  if (!isObject(entry)) return null;
  const clean = {};
  if (STATES.includes(entry.state)) clean.state = entry.state;
  for (const field of NOTES) if (text(entry[field])) clean[field] = entry[field];
  if (!Object.keys(clean).length) return null;
  if (text(entry.changed)) clean.changed = entry.changed;
  return clean;
}

function cleanChecklists(checklists) {
  const clean = {};
  for (const [id, entries] of Object.entries(isObject(checklists) ? checklists : {})) {
    const items = {};
    for (const [item, entry] of Object.entries(isObject(entries) ? entries : {})) {
      const kept = cleanEntry(entry);
      if (kept) items[item] = kept;
    }
    if (Object.keys(items).length) clean[id] = items;
  }
  return clean;
}

function cleanRating(rating) {
  if (!isObject(rating)) return null;
  const clean = {};
  if (Number.isInteger(rating.rating) && rating.rating >= 1 && rating.rating <= 5) {
    clean.rating = rating.rating;
  }
  if (text(rating.note)) clean.note = rating.note;
  if (!Object.keys(clean).length) return null;
  if (text(rating.changed)) clean.changed = rating.changed;
  return clean;
}

function cleanFit(fit) {
  const ratings = {};
  for (const [method, factors] of Object.entries(isObject(fit?.ratings) ? fit.ratings : {})) {
    const kept = {};
    for (const factor of FACTORS) {
      const rating = cleanRating(isObject(factors) ? factors[factor] : null);
      if (rating) kept[factor] = rating;
    }
    if (Object.keys(kept).length) ratings[method] = kept;
  }
  return { methods: ids(fit?.methods), ...(text(fit?.changed) ? { changed: fit.changed } : {}),
           ratings };
}

const cleanVotes = votes => (Array.isArray(votes) ? votes : [])
  .filter(vote => isObject(vote) && text(vote.rater))
  .map(vote => ({ rater: vote.rater, checklists: cleanChecklists(vote.checklists) }));

function cleanRound(round) {
  if (!isObject(round) || !text(round.id) || !/^\d{4}-\d{2}-\d{2}$/.test(round.date)) return null;
  return { id: round.id, date: round.date, ...(text(round.label) ? { label: round.label } : {}),
           methods: ids(round.methods), checklists: cleanChecklists(round.checklists),
           votes: cleanVotes(round.votes) };
}

/** A version 2 object with nothing but known, well-formed fields.
 * @returns {TeamData} */
function clean(data) {
  const methods = isObject(data.methods) ? data.methods : {};
  return {
    format: FORMAT, version: VERSION,
    methods: { chosen: ids(methods.chosen),
               ...(text(methods.changed) ? { changed: methods.changed } : {}) },
    checklists: cleanChecklists(data.checklists),
    rounds: (Array.isArray(data.rounds) ? data.rounds : []).map(cleanRound).filter(Boolean)
      .sort((a, b) => a.date.localeCompare(b.date)),
    votes: cleanVotes(data.votes),
    fit: cleanFit(data.fit),
    meeting: Object.fromEntries(["date", "participants"]
      .filter(field => text(data.meeting?.[field])).map(field => [field, data.meeting[field]])),
  };
}

/** The version of stored, exported or shared data; 1 for the first checklists' files,
 * links and entries (which had no format, or the old one). */
function versionOf(data) {
  if (!isObject(data)) throw new Error("not an object");
  if (data.format === FORMAT) return data.version;
  if (data.format === LEGACY_FORMAT || (data.format === undefined && isObject(data.checklists))) {
    return 1;
  }
  throw new Error("unknown format");
}

/** One step per version: MIGRATIONS[n] turns version n + 1 into version n + 2. */
const MIGRATIONS = [
  // 1 -> 2: checklists as they were, no methods chosen (every stage showed every method's
  // items, so a team chooses its methods once after the update), nothing else yet.
  data => ({ ...empty(), checklists: data.checklists }),
];

/** Any earlier version of the data, made current; an error for what is none, or newer. */
export function migrate(data) {
  let version = versionOf(data);
  if (!Number.isInteger(version) || version < 1 || version > VERSION) {
    throw new Error(`version ${version}`);
  }
  let current = data;
  for (; version < VERSION; version += 1) current = MIGRATIONS[version - 1](current);
  return clean(current);
}

/* ---------- the browser's copy ---------- */

/** Version 1 entries, one per checklist, as `{checklists}`; null if there are none. */
function legacyEntries() {
  const found = storage.names(LEGACY_KEY);
  if (!found.length) return null;
  return { names: found, data: { checklists: Object.fromEntries(found.map(name => [
    name.slice(LEGACY_KEY.length), storage.get(name)])) } };
}

/** The team's data in this browser; stored first-version entries are migrated once and
 * then removed (they are ours, and now live under the one key). */
export function load() {
  const stored = storage.get(KEY);
  if (stored) {
    try {
      return migrate(stored);
    } catch (error) {
      console.error(error);
    }
  }
  const legacy = legacyEntries();
  if (!legacy) return empty();
  const data = migrate(legacy.data);
  save(data);
  for (const name of legacy.names) storage.remove(name);
  return data;
}

export function save(data) {
  storage.set(KEY, data);
}

export const now = () => new Date().toISOString();

/** Change one field of an item's entry, stamped with the time of the change. */
export function setField(data, checklistId, itemId, field, value) {
  const entries = data.checklists[checklistId] || {};
  const entry = cleanEntry({ ...entries[itemId], [field]: value, changed: now() });
  if (entry) entries[itemId] = entry;
  else delete entries[itemId];
  if (Object.keys(entries).length) data.checklists[checklistId] = entries;
  else delete data.checklists[checklistId];
}

/** Marks saved before an editor renamed a checklist or an item (old ids in `aliases`,
 * given as `previous`) move to the new ids, where those have none; entries of items that
 * no longer exist are dropped. `items` are {id, previous}. True if anything changed. */
export function adopt(data, checklist, items) {
  const before = JSON.stringify(data.checklists[checklist.id] || null);
  let entries = data.checklists[checklist.id];
  for (const old of checklist.previous || []) {
    if (entries) break;
    if (data.checklists[old]) {
      entries = data.checklists[old];
      delete data.checklists[old];
    }
  }
  if (!entries) return false;
  const kept = {};
  for (const item of items) {
    const key = [item.id, ...(item.previous || [])].find(id => entries[id]);
    if (key) kept[item.id] = entries[key];
  }
  if (Object.keys(kept).length) data.checklists[checklist.id] = kept;
  else delete data.checklists[checklist.id];
  return JSON.stringify(data.checklists[checklist.id] || null) !== before;
}

/** How many items of a checklist are in each state; `total` leaves out "Ej aktuellt". */
export function counts(entries, itemIds) {
  const found = { total: 0, done: 0, started: 0, not_started: 0, not_applicable: 0 };
  for (const id of itemIds) {
    const state = entries?.[id]?.state;
    if (state) found[state] += 1;
    if (state !== "not_applicable") found.total += 1;
  }
  return found;
}

export function addCounts(into, more) {
  for (const [key, value] of Object.entries(more)) into[key] = (into[key] || 0) + value;
  return into;
}

/* ---------- merging two teams' data ---------- */

const same = (a, b) => JSON.stringify({ ...a, changed: 0 }) === JSON.stringify({ ...b, changed: 0 });

/** Which of two entries wins: the one changed later ("theirs" only if strictly later). */
const newer = (mine, theirs) => ((theirs.changed || "") > (mine.changed || "") ? "theirs" : "mine");

/** Merge two sets of checklists item by item: the newer change wins; items both sides
 * changed differently are listed as conflicts. */
function mergeEntries(mine, theirs, conflicts, kind) {
  const merged = structuredClone(mine);
  for (const [listId, entries] of Object.entries(theirs)) {
    for (const [itemId, entry] of Object.entries(entries)) {
      const own = mine[listId]?.[itemId];
      if (own && same(own, entry)) continue;
      const winner = own ? newer(own, entry) : "theirs";
      if (own) conflicts.push({ kind, list: listId, item: itemId, mine: own, theirs: entry, winner });
      if (winner === "theirs") (merged[listId] ||= {})[itemId] = entry;
    }
  }
  return merged;
}

/** Two copies of a team's data as one, and what conflicted. Rounds and votes are kept
 * from both (by id and by rater); the choice of methods is taken from the newer. */
function merge(mine, theirs) {
  const conflicts = [];
  const checklists = mergeEntries(mine.checklists, theirs.checklists, conflicts, "item");
  const ratings = mergeEntries(mine.fit.ratings, theirs.fit.ratings, conflicts, "fit");
  const methodsDiffer = JSON.stringify([...mine.methods.chosen].sort())
    !== JSON.stringify([...theirs.methods.chosen].sort());
  const methodWinner = newer(mine.methods, theirs.methods);
  if (methodsDiffer && mine.methods.chosen.length && theirs.methods.chosen.length) {
    conflicts.push({ kind: "methods", mine: mine.methods, theirs: theirs.methods,
                     winner: methodWinner });
  }
  const methods = methodsDiffer && (methodWinner === "theirs" || !mine.methods.chosen.length)
    ? theirs.methods : mine.methods;
  const rounds = new Map(mine.rounds.map(round => [round.id, round]));
  for (const round of theirs.rounds) if (!rounds.has(round.id)) rounds.set(round.id, round);
  const votes = new Map(mine.votes.map(vote => [vote.rater, vote]));
  for (const vote of theirs.votes) if (!votes.has(vote.rater)) votes.set(vote.rater, vote);
  const fitMethods = newer(mine.fit, theirs.fit) === "theirs" ? theirs.fit : mine.fit;
  const data = clean({
    methods, checklists, rounds: [...rounds.values()], votes: [...votes.values()],
    fit: { methods: fitMethods.methods, changed: fitMethods.changed, ratings },
    meeting: mine.meeting,
  });
  return { data, conflicts };
}

function hasMarks(data) {
  return Object.keys(data.checklists).length > 0 || Object.keys(data.fit.ratings).length > 0;
}

/* ---------- the site's implementation index ---------- */

const INDEX = "data/implementering.json";

/** Stages, assessments and methods (data/implementering.json), each with its page's full
 * address (`href`); `file` of a method becomes a full address too. */
export async function loadIndex() {
  const address = new URL(INDEX, root);
  const index = await fetchJson(address);
  const at = path => new URL(path, root).href;
  return {
    ...index,
    stages: index.stages.map(stage => ({ ...stage, href: at(stage.url) })),
    assessments: index.assessments.map(a => ({ ...a, href: at(a.url) })),
    methods: index.methods.map(m => ({ ...m, href: at(m.url), file: m.file && at(m.file) })),
  };
}

/** One method's checklists (from its own small file); null for a method without any. */
async function loadMethod(method) {
  if (!method.file) return null;
  return fetchJson(method.file);
}

/** The chosen methods (known to the index) with their checklists, in the index's order. */
export async function chosenMethods(index, data) {
  const chosen = new Set(data.methods.chosen);
  const methods = index.methods.filter(method => chosen.has(method.id)
    || method.previous.some(id => chosen.has(id)));
  return Promise.all(methods.map(async method => ({ ...method, lists: await loadMethod(method) })));
}

/** A method's choice survives its renaming: an old id in the choice becomes the new one. */
export function renameChosen(index, data) {
  const current = new Map();
  for (const method of index.methods) {
    for (const id of [method.id, ...method.previous]) current.set(id, method.id);
  }
  const chosen = [...new Set(data.methods.chosen.map(id => current.get(id) || id))];
  if (JSON.stringify(chosen) === JSON.stringify(data.methods.chosen)) return false;
  data.methods.chosen = chosen;
  return true;
}

/* ---------- choosing methods ---------- */

/** A fieldset of checkboxes, one per method, with a filter field for long lists. */
export class MethodChooser {
  constructor(container, ui, index, onChange) {
    this.ui = ui;
    this.onChange = onChange;
    const legend = element("legend", {}, [ui.choose_legend]);
    this.list = element("div", { class: "kb-method-list" });
    this.boxes = index.methods.map(method => {
      const box = element("input", { type: "checkbox", value: method.id, name: "kb-metod" });
      const label = element("label", {}, [box, " ", method.title]);
      this.list.append(label);
      return box;
    });
    const filter = element("input", { type: "search", class: "kb-method-filter" });
    filter.addEventListener("input", () => {
      const words = filter.value.toLocaleLowerCase("sv").split(/\s+/).filter(Boolean);
      for (const box of this.boxes) {
        const label = box.parentElement;
        label.hidden = !box.checked
          && !words.every(word => label.textContent.toLocaleLowerCase("sv").includes(word));
      }
    });
    /** @type {HTMLElement[]} */
    const parts = [legend];
    if (this.boxes.length > 12) parts.push(element("label", { class: "kb-method-filter-label" },
                                                   [ui.choose_filter, " ", filter]));
    parts.push(this.list);
    this.fieldset = element("fieldset", { class: "kb-facet kb-method-chooser" }, parts);
    this.fieldset.addEventListener("change", () => this.onChange(this.chosen()));
    container.append(this.fieldset);
  }

  show(chosen) {
    for (const box of this.boxes) box.checked = chosen.includes(box.value);
  }

  chosen() {
    return this.boxes.filter(box => box.checked).map(box => box.value);
  }
}

/** Store a new choice of methods. */
export function choose(data, chosen) {
  data.methods = { chosen, changed: now() };
  save(data);
}

/* ---------- export, import and share links ---------- */

/** The data as a file: the stored object with when it was exported and, for a rater's
 * own marks, who made them. */
const exported = (data, rater) => ({ ...data, exported: now(), ...(rater ? { rater } : {}) });

/** What a share link carries: the methods, marks and fit ratings, not rounds and votes. */
const shared = data => ({ format: FORMAT, version: VERSION, methods: data.methods,
                          checklists: data.checklists, fit: data.fit });

/** A file's or link's data, current and clean; throws if it is none of ours. */
async function readFile(file) {
  return migrate(JSON.parse(await file.text()));
}

/** Export, import and share for the whole implementation, with a dialog that offers to
 * merge or replace, and a list of what conflicted. `onChange` redraws the page. */
export class Transfer {
  constructor(ui, onChange) {
    this.ui = ui;
    this.onChange = onChange;
    this.fileInput = element("input", { type: "file", accept: "application/json,.json",
                                        hidden: "" });
    this.fileInput.addEventListener("change", () => this.importFile());
    this.status = element("p", { class: "kb-status", role: "status" });
    this.conflicts = element("div", { class: "kb-conflicts", hidden: "" });
    this.shareField = element("input", { type: "text", readonly: "", class: "kb-share-url" });
    this.share = element("p", { class: "kb-share", hidden: "" }, [
      element("label", {}, [ui.share_label, " ", this.shareField]),
    ]);
  }

  buttons() {
    const ui = this.ui;
    return [button(ui.export, () => this.exportFile()),
            button(ui.import, () => this.fileInput.click()),
            button(ui.share, () => this.copyLink())];
  }

  /** The parts that go below the buttons: file input, status, conflicts, link field. */
  parts() {
    return [this.fileInput, this.status, this.conflicts, this.share];
  }

  say(message) {
    this.status.textContent = message;
  }

  exportFile(rater = "") {
    const data = load();
    const name = rater ? `${this.ui.vote_file_name}-${slug(rater)}` : this.ui.file_name;
    download(`${name}.json`, exported(data, rater));
  }

  async importFile() {
    const [file] = this.fileInput.files;
    this.fileInput.value = "";
    if (!file) return;
    let incoming;
    try {
      incoming = await readFile(file);
    } catch (error) {
      console.error(error);
      this.say(this.ui.import_failed);
      return;
    }
    await this.receive(incoming, this.ui.import_question);
  }

  async copyLink() {
    const url = new URL(location.href);
    url.hash = SHARE + await pack(shared(load()));
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

  /** A share link's data, if the address has one; the fragment is removed at once so a
   * reload does not offer it again. */
  async openSharedLink() {
    const hash = location.hash;
    const prefix = [SHARE, LEGACY_SHARE].find(p => hash.startsWith(p));
    if (!prefix) return;
    history.replaceState(history.state, "", location.pathname + location.search);
    let incoming;
    try {
      const encoded = hash.slice(prefix.length);
      incoming = migrate(prefix === SHARE ? await unpack(encoded)
                                          : unpackPlain(encoded));
    } catch (error) {
      console.error(error);
      this.say(this.ui.import_failed);
      return;
    }
    await this.receive(incoming, this.ui.link_question, true);
  }

  /** Data from a file or link: taken as it is when the visitor has no marks; otherwise
   * merged, or after a confirmation replacing theirs, as they choose. A link carries no
   * rounds, votes or meeting, so replacing from one keeps the visitor's. What happened is
   * said once the page shows it, so that the message never stands over the old marks. */
  async receive(incoming, question, fromLink = false) {
    const own = load();
    const hadMarks = hasMarks(own);
    let choice = "replace";
    if (hadMarks) {
      choice = await this.ask(question);
      if (choice === "replace" && !window.confirm(this.ui.confirm_replace)) choice = null;
    }
    if (!choice) {
      this.say(this.ui.import_cancelled);
      return;
    }
    if (choice === "replace") {
      save(fromLink ? { ...incoming, rounds: own.rounds, votes: own.votes, meeting: own.meeting }
                    : incoming);
      this.showConflicts([]);
      await this.onChange();
      this.say(hadMarks ? this.ui.replaced : this.ui.imported);
    } else {
      const { data, conflicts } = merge(own, incoming);
      save(data);
      this.showConflicts(conflicts);
      await this.onChange();
      this.say(conflicts.length ? format(this.ui.merged_conflicts, { n: conflicts.length })
                                : this.ui.merged);
    }
  }

  /** "Slå ihop", "Ersätt" or "Avbryt", in a modal dialog (keyboard and screen reader
   * work in it; Escape cancels). */
  ask(question) {
    const ui = this.ui;
    return new Promise(resolve => {
      const dialog = element("dialog", { class: "kb-dialog", "aria-labelledby": "kb-dialog-title",
                                         "aria-describedby": "kb-dialog-text" });
      const close = answer => {
        dialog.close();
        dialog.remove();
        resolve(answer);
      };
      dialog.append(
        element("h2", { id: "kb-dialog-title" }, [ui.receive_title]),
        element("p", { id: "kb-dialog-text" }, [question]),
        element("div", { class: "kb-tool-buttons" }, [
          button(ui.merge, () => close("merge")),
          button(ui.replace, () => close("replace")),
          button(ui.cancel, () => close(null)),
        ]),
      );
      dialog.addEventListener("cancel", event => {
        event.preventDefault();
        close(null);
      });
      document.body.append(dialog);
      dialog.showModal();
      dialog.querySelector("button").focus();
    });
  }

  /** What conflicted in a merge, item by item, with the side that was kept. */
  async showConflicts(conflicts) {
    this.conflicts.replaceChildren();
    this.conflicts.hidden = !conflicts.length;
    if (!conflicts.length) return;
    const ui = this.ui;
    const describe = await describer(ui, conflicts).catch(() => (conflict => [
      conflict.list, conflict.item, ...[conflict.mine, conflict.theirs].map(
        entry => describeEntry(ui, conflict.kind, entry, id => id))]));
    const rows = conflicts.map(conflict => element("tr", {}, [
      ...describe(conflict).map(text => element("td", {}, [text])),
      element("td", {}, [conflict.winner === "mine" ? ui.kept_mine : ui.kept_theirs]),
    ]));
    this.conflicts.append(
      element("h2", { id: "kb-konflikter" }, [ui.conflicts_title]),
      element("table", { "aria-labelledby": "kb-konflikter" }, [
        element("thead", {}, [element("tr", {}, ui.conflict_columns.map(
          column => element("th", { scope: "col" }, [column])))]),
        element("tbody", {}, rows),
      ]),
    );
  }
}

/** An entry as words: "Klart, Anna Berg, 2026-03-01", or a rating, or methods by name. */
function describeEntry(ui, kind, entry, methodName) {
  if (kind === "methods") return entry.chosen.map(methodName).join(", ");
  if (kind === "fit") return [entry.rating, entry.note].filter(Boolean).join(" – ");
  return [ui.states[entry.state], entry.responsible, entry.date, entry.comment]
    .filter(Boolean).join(", ");
}

/** A function giving a conflict in words – where, what, and each side's entry – from the
 * index and the files of the methods whose items conflicted (a method's checklists are
 * keyed `method:stage`). */
async function describer(ui, conflicts) {
  const index = await loadIndex();
  const lists = new Map();
  for (const stage of index.stages) lists.set(stage.checklist, { title: stage.title, items: stage.items });
  for (const assessment of index.assessments) {
    for (const list of assessment.checklists) {
      lists.set(list.id, { title: `${assessment.title}: ${list.title}`, items: list.items });
    }
  }
  const methods = new Map(index.methods.map(method => [method.id, method]));
  const named = new Set(conflicts.map(conflict => String(conflict.list).split(":")[0]));
  const withMethods = await Promise.all(index.methods.filter(m => m.file && named.has(m.id))
    .map(async method => ({ method, lists: await loadMethod(method).catch(() => null) })));
  for (const { method, lists: found } of withMethods) {
    for (const list of found?.checklists || []) {
      const stage = index.stages.find(s => s.id === list.stage);
      lists.set(list.id, { title: `${method.title} – ${stage ? stage.title : list.stage}`,
                           items: list.items });
    }
  }
  const methodName = id => methods.get(id)?.title || id;
  const place = conflict => {
    if (conflict.kind === "methods") return [ui.choose_legend, ""];
    if (conflict.kind === "fit") return [methodName(conflict.list), ui.factors[conflict.item]];
    const list = lists.get(conflict.list);
    const item = list?.items.find(i => i.id === conflict.item);
    return [list ? list.title : conflict.list, item ? item.text : conflict.item];
  };
  return conflict => [...place(conflict), ...[conflict.mine, conflict.theirs].map(
    entry => describeEntry(ui, conflict.kind, entry, methodName))];
}

/** A rater's name as part of a file name. */
const slug = name => name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
  .replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "rost";
