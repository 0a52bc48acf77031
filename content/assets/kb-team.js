/* Kunskapsbank: an implementation team's data, kept in the browser, and how it travels.
 *
 * Everything a team records – the methods it works with, every checklist mark and note,
 * saved rounds, raters' votes and fit assessments – is one object, stored under one key
 * (kb-store.js, the one module that touches the browser's storage). A save that fails, or
 * storage that cannot be read, leaves the page working on a copy in memory and says so; the
 * first mark asks the browser to keep the data; this browser's last export is remembered and
 * a reminder follows many changes or days after it; where the browser can write to a chosen
 * file, every change also goes to the team's file. The same object, with a header, is the
 * exported file; a share link carries its marks. Its format is
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
 * teams' data keeps, per item, the newer change; a cleared entry keeps only `changed`, and
 * `removed` holds when rounds and votes were taken away, so that the merge is a join.
 *
 * Also here, because every page with checklists needs them: the site's implementation index
 * (data/implementering.json, and one small file per method with its checklist items), the
 * method chooser, and export, import (merge or replace) and share links for the whole
 * implementation. Every visible text comes from the page (`data-ui`).
 */

import { button, download, element, fetchJson, format, pack, root, today, unpack, unpackPlain }
  from "./kb-common.js";
import { fileHandle, keepFileHandle, storage } from "./kb-store.js";

const KEY = "kb-team";
const LEGACY_KEY = "kb-checklist.";
const FORMAT = "kunskapsbank-implementering";
const LEGACY_FORMAT = "kunskapsbank-checklistor";
const VERSION = 2;
const SHARE = "#kb-team=";
const LEGACY_SHARE = "#kb-state=";

/* ---------- the stored format ---------- */

/** A JSON object (not an array, not null): what each part of stored or imported data must be
 * before its fields are read.
 * @param {unknown} value
 * @returns {value is Record<string, unknown>} */
const isObject = value => Boolean(value) && typeof value === "object" && !Array.isArray(value);
/** @param {unknown} value
 * @returns {value is string} */
const isText = value => typeof value === "string" && Boolean(value.trim());
/** @param {unknown} value
 * @returns {string[]} */
const ids = value => (Array.isArray(value) ? value.filter(id => typeof id === "string") : []);
/** @param {unknown} value */
const fields = value => (isObject(value) ? value : {});

/** The team's data, version 2 (content/redaktorer/teamets-data.md describes it). An entry
 * or rating with nothing but `changed` records that it was cleared then, so that merging an
 * older copy cannot bring it back; `removed` does the same for rounds and raters' votes.
 * @typedef {"done" | "started" | "not_started" | "not_applicable"} State
 * @typedef {"responsible" | "comment" | "date"} Note
 * @typedef {{state?: State, responsible?: string, comment?: string, date?: string,
 *            changed?: string}} Entry
 * @typedef {Record<string, Record<string, Entry>>} Checklists
 * @typedef {{rating?: number, note?: string, changed?: string}} Rating
 * @typedef {Record<string, Record<string, Rating>>} Ratings
 * @typedef {{rater: string, checklists: Checklists, changed?: string}} Vote
 * @typedef {{id: string, date: string, label?: string, methods: string[],
 *            checklists: Checklists, votes: Vote[]}} Round
 * @typedef {{rounds: Record<string, string>, votes: Record<string, string>}} Removed
 * @typedef {{chosen: string[], changed?: string}} Methods
 * @typedef {{methods: string[], changed?: string, ratings: Ratings}} Fit
 * @typedef {{date?: string, participants?: string, changed?: string}} Meeting
 * @typedef {{format: string, version: number, methods: Methods, checklists: Checklists,
 *            rounds: Round[], votes: Vote[], fit: Fit, meeting: Meeting,
 *            removed?: Removed}} TeamData
 */

/** @type {readonly State[]} */
export const STATES = ["done", "started", "not_started", "not_applicable"];
/** @type {readonly Note[]} */
export const NOTES = ["responsible", "comment", "date"];
export const FACTORS = ["need", "fit", "resources", "evidence", "readiness", "capacity"];

/** @param {unknown} value
 * @returns {value is State} */
export const isState = value => STATES.some(state => state === value);

/** @returns {TeamData} */
export function empty() {
  return { format: FORMAT, version: VERSION, methods: { chosen: [] }, checklists: {},
           rounds: [], votes: [], fit: { methods: [], ratings: {} }, meeting: {} };
}

/** Only the given fields, as non-empty strings, and `changed`; null if there is neither a
 * field nor a time (an entry with only a time is a deletion, kept for merging).
 * @template {object} T
 * @param {unknown} entry
 * @param {readonly string[]} names
 * @param {T} extra the fields, checked already, that are not text
 * @returns {(T & Record<string, string>) | null} */
function cleanFields(entry, names, extra) {
  if (!isObject(entry)) return null;
  /** @type {Record<string, string>} */
  const texts = {};
  for (const name of [...names, "changed"]) {
    const value = entry[name];
    if (isText(value)) texts[name] = value;
  }
  const clean = { ...extra, ...texts };
  return Object.keys(clean).length ? clean : null;
}

/** An item's entry with only known fields and non-empty strings.
 * @param {unknown} entry
 * @returns {Entry | null} */
const cleanEntry = entry => {
  const state = fields(entry).state;
  return cleanFields(entry, NOTES, isState(state) ? { state } : {});
};

/** An entry that holds a mark or a note, not only the time it was cleared.
 * @param {Entry | Rating} entry */
export const live = entry => Object.keys(entry).some(key => key !== "changed");

/** Lists of entries (checklists, or a fit assessment's ratings per method), each entry
 * cleaned by `cleanOne`; empty lists are left out.
 * @template T
 * @param {unknown} lists
 * @param {(entry: unknown) => T | null} cleanOne
 * @param {readonly string[] | null} keys the only entries kept, if given
 * @returns {Record<string, Record<string, T>>} */
function cleanLists(lists, cleanOne, keys = null) {
  /** @type {Record<string, Record<string, T>>} */
  const clean = {};
  for (const [id, entries] of Object.entries(fields(lists))) {
    /** @type {Record<string, T>} */
    const items = {};
    for (const [item, entry] of Object.entries(fields(entries))) {
      if (keys && !keys.includes(item)) continue;
      const kept = cleanOne(entry);
      if (kept) items[item] = kept;
    }
    if (Object.keys(items).length) clean[id] = items;
  }
  return clean;
}

/** @param {unknown} checklists */
const cleanChecklists = checklists => cleanLists(checklists, cleanEntry);

/** @param {unknown} rating
 * @returns {Rating | null} */
const cleanRating = rating => {
  const value = fields(rating).rating;
  return cleanFields(rating, ["note"],
                     Number.isInteger(value) && Number(value) >= 1 && Number(value) <= 5
                       ? { rating: Number(value) } : {});
};

/** @param {unknown} fit
 * @returns {Fit} */
function cleanFit(fit) {
  const { methods, changed, ratings } = fields(fit);
  return { methods: ids(methods), ...(isText(changed) ? { changed } : {}),
           ratings: cleanLists(ratings, cleanRating, FACTORS) };
}

/** Code-unit order, the same in every browser and locale, so that every copy sorts alike.
 * @param {string} a
 * @param {string} b */
const byCode = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** Raters' votes, one per rater in raters' order, without those withdrawn after they were
 * cast.
 * @param {unknown} votes
 * @param {Record<string, string>} withdrawn when each rater's vote was withdrawn
 * @returns {Vote[]} */
const cleanVotes = (votes, withdrawn = {}) => (Array.isArray(votes) ? votes : []).map(fields)
  .flatMap(({ rater, checklists, changed }) => (isText(rater)
    ? [{ rater, checklists: cleanChecklists(checklists), ...(isText(changed) ? { changed } : {}) }]
    : []))
  .filter(vote => !(vote.rater in withdrawn) || (vote.changed || "") > withdrawn[vote.rater])
  .sort((a, b) => byCode(a.rater, b.rater));

/** A saved round, or null for what is none (a date must be a day, written as text).
 * @param {unknown} round
 * @returns {Round | null} */
function cleanRound(round) {
  if (!isObject(round)) return null;
  const { id, date, label } = round;
  if (!isText(id) || typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  return { id, date, ...(isText(label) ? { label } : {}),
           methods: ids(round.methods), checklists: cleanChecklists(round.checklists),
           votes: cleanVotes(round.votes) };
}

/** When each deleted round and withdrawn vote went: {rounds: {id: time}, votes: {rater:
 * time}}; null when nothing was.
 * @param {unknown} removed
 * @returns {Removed | null} */
function cleanRemoved(removed) {
  const times = (/** @type {unknown} */ map) => Object.fromEntries(Object.entries(fields(map))
    .filter(/** @returns {entry is [string, string]} */ entry => isText(entry[1])));
  const found = { rounds: times(fields(removed).rounds), votes: times(fields(removed).votes) };
  return Object.keys(found.rounds).length || Object.keys(found.votes).length ? found : null;
}

/** A version 2 object with nothing but known, well-formed fields, in one order (rounds by
 * date, votes by rater), so that two copies that hold the same data are the same object.
 * @param {Record<string, unknown>} data
 * @returns {TeamData} */
function clean(data) {
  const methods = fields(data.methods);
  const removed = cleanRemoved(data.removed);
  const gone = removed?.rounds || {};
  return {
    format: FORMAT, version: VERSION,
    methods: { chosen: ids(methods.chosen),
               ...(isText(methods.changed) ? { changed: methods.changed } : {}) },
    checklists: cleanChecklists(data.checklists),
    rounds: (Array.isArray(data.rounds) ? data.rounds : []).map(cleanRound)
      .filter(/** @returns {round is Round} */ round => round !== null && !(round.id in gone))
      .sort((a, b) => byCode(a.date, b.date) || byCode(a.id, b.id)),
    votes: cleanVotes(data.votes, removed?.votes),
    fit: cleanFit(data.fit),
    meeting: cleanFields(data.meeting, ["date", "participants"], {}) || {},
    ...(removed ? { removed } : {}),
  };
}

/** The version of stored, exported or shared data; 1 for the first checklists' files,
 * links and entries (which had no format, or the old one).
 * @param {Record<string, unknown>} data */
function versionOf(data) {
  if (data.format === FORMAT) return data.version;
  if (data.format === LEGACY_FORMAT || (data.format === undefined && isObject(data.checklists))) {
    return 1;
  }
  throw new Error("unknown format");
}

/** Data of a later version of the format than this page knows: a newer site wrote it.
 * @param {unknown} data */
const isNewer = data => isObject(data) && data.format === FORMAT && Number(data.version) > VERSION;

/** One step per version: MIGRATIONS[n] turns version n + 1 into version n + 2.
 * @type {((data: Record<string, unknown>) => Record<string, unknown>)[]} */
const MIGRATIONS = [
  // 1 -> 2: checklists as they were, no methods chosen (every stage showed every method's
  // items, so a team chooses its methods once after the update), nothing else yet.
  data => ({ ...empty(), checklists: data.checklists }),
];

/** Any earlier version of the data, made current; an error for what is none, or newer.
 * @param {unknown} data
 * @returns {TeamData} */
export function migrate(data) {
  if (!isObject(data)) throw new Error("not an object");
  let version = versionOf(data);
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1
      || version > VERSION) {
    throw new Error(`version ${version}`);
  }
  let current = data;
  for (; version < VERSION; version += 1) current = MIGRATIONS[version - 1](current);
  return clean(current);
}

/* ---------- the browser's copy ---------- */

/** Why the browser's copy cannot be used this visit: "blocked" (site data blocked),
 * "corrupt" (what is stored is not the team's data) or "newer" (a newer version of the site
 * stored it); null while it can.
 * @type {"blocked" | "corrupt" | "newer" | null} */
let unreadable = null;
/** The team's data while the browser's copy cannot be read or the last save failed: the
 * page works on with it for this visit, and export takes it from here.
 * @type {TeamData | null} */
let memory = null;

export const storageProblem = () => unreadable;

/** The name of what was thrown (a DOMException's says what failed), or "" for what has none.
 * @param {unknown} error */
const errorName = error => (error instanceof Error || error instanceof DOMException ? error.name : "");

/** Version 1 entries, one per checklist, as `{checklists}`; null if there are none. */
function legacyEntries() {
  const found = storage.names(LEGACY_KEY);
  if (!found.length) return null;
  return { names: found, data: { checklists: Object.fromEntries(found.map(name => [
    name.slice(LEGACY_KEY.length), storage.get(name)])) } };
}

/** The team's data in this browser; stored first-version entries are migrated once and
 * then removed (they are ours, and now live under the one key). Storage that cannot be
 * read leaves an empty copy in memory, and `storageProblem` says why.
 * @returns {TeamData} */
export function load() {
  if (memory) return structuredClone(memory);
  let stored = null;
  try {
    stored = storage.get(KEY);
    if (stored) return migrate(stored);
    const legacy = legacyEntries();
    if (!legacy) return empty();
    const data = migrate(legacy.data);
    if (store(data)) for (const name of legacy.names) storage.remove(name);
    return data;
  } catch (error) {
    console.error(error);
    unreadable = errorName(error) === "SecurityError" ? "blocked"
      : isNewer(stored) ? "newer" : "corrupt";
    memory = empty();
    return empty();
  }
}

/** Keep the team's data in the browser; true if it is stored. Where it cannot be, it is
 * kept in memory for this visit and the page says so where the person acted (a copy of a
 * newer site's data is never overwritten, nor blocked storage tried again).
 * @param {TeamData} data */
function store(data) {
  if (unreadable === "blocked" || unreadable === "newer") {
    memory = structuredClone(data);
    return false;
  }
  try {
    storage.set(KEY, data);
    memory = null;
    unreadable = null;
    return true;
  } catch (error) {
    console.error(error);
    memory = structuredClone(data);
    voice?.warn(errorName(error) === "QuotaExceededError" ? "full" : "blocked");
    return false;
  }
}

/** Keep a change of the team's data (`store`); true if the browser stored it. Every change
 * also counts towards the export reminder, goes to the team's file if one is chosen, and
 * the first mark asks the browser to keep the site's data.
 * @param {TeamData} data */
export function save(data) {
  const stored = store(data);
  countChange();
  if (hasMarks(data)) askPersistence();
  teamFile?.write(data);
  voice?.saved();
  return stored;
}

/* ---------- this browser's backup: last export, changes since, persistence ---------- */

const BACKUP = "kb-team-backup";
/** The reminder to export comes after this many changes or days since the last export. */
const REMIND_AFTER = { changes: 30, days: 14 };

/** When this browser last exported the team's data, how many changes it has made since and
 * when the first of them was.
 * @typedef {{exported?: string, changes: number, since?: string}} Backup */

/** This browser's backup record; a browser whose storage fails, or that holds something
 * else under its name, has none.
 * @returns {Backup} */
function backup() {
  try {
    const { exported, changes, since } = fields(storage.get(BACKUP));
    if (typeof changes === "number" && Number.isInteger(changes)) {
      return { ...(isText(exported) ? { exported } : {}), changes,
               ...(isText(since) ? { since } : {}) };
    }
  } catch {
    // No record is the honest answer where none can be read.
  }
  return { changes: 0 };
}

/** @param {Backup} record */
function keepBackup(record) {
  try {
    storage.set(BACKUP, record);
  } catch {
    // The team's data itself is saved, or its failure said, by `save`.
  }
}

function countChange() {
  const record = backup();
  keepBackup({ ...record, changes: record.changes + 1, since: record.since || now() });
}

const exportedNow = () => keepBackup({ exported: now(), changes: 0 });

/** Whether a reminder to export is due, and why: "never" (nothing exported, and many
 * changes or days since the first) or "since" (since the last export); null if not.
 * @returns {"never" | "since" | null} */
function reminderDue(record = backup()) {
  const days = record.since ? (Date.now() - Date.parse(record.since)) / 86_400_000 : 0;
  if (record.changes < REMIND_AFTER.changes && days < REMIND_AFTER.days) return null;
  return record.exported ? "since" : "never";
}

let persistenceAsked = false;

/** Ask the browser once a visit, at the first mark, to keep the site's data under storage
 * pressure and beyond Safari's seven days (StorageManager.persist); Firefox asks the person,
 * Chromium and Safari decide themselves. */
async function askPersistence() {
  if (persistenceAsked || !navigator.storage?.persist) return;
  persistenceAsked = true;
  try {
    if (!(await navigator.storage.persisted())) await navigator.storage.persist();
  } catch (error) {
    console.error(error);
  }
  voice?.saved();
}

/** True if the browser has promised to keep the site's data. */
async function persisted() {
  try {
    return Boolean(await navigator.storage?.persisted?.());
  } catch {
    return false;
  }
}

export const now = () => new Date().toISOString();

/** Change one field of an item's entry, stamped with the time of the change; an entry left
 * empty stays as the time it was cleared.
 * @param {TeamData} data
 * @param {string} checklistId
 * @param {string} itemId
 * @param {"state" | Note} field
 * @param {string} value */
export function setField(data, checklistId, itemId, field, value) {
  const entries = data.checklists[checklistId] || {};
  const at = now();
  entries[itemId] = cleanEntry({ ...entries[itemId], [field]: value, changed: at }) ?? { changed: at };
  data.checklists[checklistId] = entries;
}

/** Clear every item of a checklist (its ids, and any it has stored), as of now.
 * @param {TeamData} data
 * @param {string} checklistId
 * @param {string[]} itemIds */
export function clearList(data, checklistId, itemIds) {
  const at = now();
  const items = new Set([...itemIds, ...Object.keys(data.checklists[checklistId] || {})]);
  data.checklists[checklistId] = Object.fromEntries([...items].map(id => [id, { changed: at }]));
}

/** Every entry of lists cleared, as of `at`.
 * @param {Checklists | Ratings} lists
 * @param {string} at
 * @returns {Record<string, Record<string, {changed: string}>>} */
const clearedLists = (lists, at) => Object.fromEntries(Object.entries(lists).map(
  ([id, items]) => [id, Object.fromEntries(Object.keys(items).map(item => [item, { changed: at }]))]));

/** The data with everything cleared as of now: what "Återställ allt" leaves, which merging
 * an older copy cannot undo.
 * @param {TeamData} data */
export function cleared(data) {
  const at = now();
  const since = (/** @type {Record<string, string> | undefined} */ kept,
                 /** @type {string[]} */ keys) => ({ ...kept, ...Object.fromEntries(keys.map(key => [key, at])) });
  return clean({
    methods: { chosen: [], changed: at },
    checklists: clearedLists(data.checklists, at),
    rounds: [], votes: [],
    fit: { methods: [], changed: at, ratings: clearedLists(data.fit.ratings, at) },
    meeting: { changed: at },
    removed: { rounds: since(data.removed?.rounds, data.rounds.map(round => round.id)),
               votes: since(data.removed?.votes, data.votes.map(vote => vote.rater)) },
  });
}

/** A saved round taken away, for good.
 * @param {TeamData} data
 * @param {string} id */
export function removeRound(data, id) {
  data.rounds = data.rounds.filter(round => round.id !== id);
  data.removed = { rounds: {}, votes: {}, ...data.removed };
  data.removed.rounds = { ...data.removed.rounds, [id]: now() };
}

/** Every rater's vote withdrawn, as of now (a vote imported later counts again).
 * @param {TeamData} data */
export function removeVotes(data) {
  const at = now();
  data.removed = { rounds: {}, votes: {}, ...data.removed };
  data.removed.votes = { ...data.removed.votes,
                         ...Object.fromEntries(data.votes.map(vote => [vote.rater, at])) };
  data.votes = [];
}

/** A checklist or an item: its id, and the ids it had before an editor renamed it.
 * @typedef {{id: string, previous?: string[]}} Renamed */

/** Marks saved before an editor renamed a checklist or an item (old ids in `aliases`,
 * given as `previous`) move to the new ids, where those have none; entries of items that
 * no longer exist are dropped. True if anything changed.
 * @param {TeamData} data
 * @param {Renamed} checklist
 * @param {Renamed[]} items */
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
  const found = entries;
  /** @type {Record<string, Entry>} */
  const kept = {};
  for (const item of items) {
    const key = [item.id, ...(item.previous || [])].find(id => found[id]);
    if (key) kept[item.id] = found[key];
  }
  if (Object.keys(kept).length) data.checklists[checklist.id] = kept;
  else delete data.checklists[checklist.id];
  return JSON.stringify(data.checklists[checklist.id] || null) !== before;
}

/** @typedef {import("./kb-common.js").Counts} Counts */
/** @type {readonly (keyof Counts)[]} */
const COUNTED = ["total", ...STATES];

/** How many items of a checklist are in each state; `total` leaves out "Ej aktuellt".
 * @param {Record<string, Entry> | undefined} entries
 * @param {string[]} itemIds
 * @returns {Counts} */
export function counts(entries, itemIds) {
  const found = { total: 0, done: 0, started: 0, not_started: 0, not_applicable: 0 };
  for (const id of itemIds) {
    const state = entries?.[id]?.state;
    if (state) found[state] += 1;
    if (state !== "not_applicable") found.total += 1;
  }
  return found;
}

/** @param {Counts} into
 * @param {Counts} more */
export function addCounts(into, more) {
  for (const key of COUNTED) into[key] += more[key];
  return into;
}

/* ---------- merging two teams' data ---------- */

/** JSON with every object's keys in one order, so that equal values give equal text.
 * @param {unknown} value */
const canonical = value => JSON.stringify(value, (key, found) => (isObject(found)
  ? Object.fromEntries(Object.entries(found).sort(([a], [b]) => byCode(a, b))) : found));

/** @param {object} a
 * @param {object} b */
const same = (a, b) => canonical({ ...a, changed: 0 }) === canonical({ ...b, changed: 0 });

/** When a thing was last changed; "" for one never stamped (a round has no stamp).
 * @param {object} thing */
const stamp = thing => ("changed" in thing && typeof thing.changed === "string" ? thing.changed : "");

/** The newer of two versions of one thing (the first may be missing): the one changed
 * later, and of two changed at the same instant the one whose content is longer, then sorts
 * last, so that every copy picks the same whichever it merges into which.
 * @template {object} T
 * @param {T | undefined} a
 * @param {T} b
 * @returns {T} */
function later(a, b) {
  if (!a) return b;
  const [ta, tb] = [stamp(a), stamp(b)];
  if (ta !== tb) return tb > ta ? b : a;
  const [ca, cb] = [canonical(a), canonical(b)];
  // Of two never stamped (as before items carried a time), the one that holds more.
  return cb.length > ca.length || (cb.length === ca.length && cb > ca) ? b : a;
}

/** What a merge found changed on both sides, and which side's version it kept: an item of a
 * checklist, a rating of the fit assessment, or the choice of methods.
 * @typedef {"mine" | "theirs"} Side */
/** @template T
 * @typedef {{list: string, item: string, mine: T, theirs: T, winner: Side}} Differing */
/** @typedef {({kind: "item"} & Differing<Entry>) | ({kind: "fit"} & Differing<Rating>)
 *            | {kind: "methods", mine: Methods, theirs: Methods, winner: Side}} Conflict */

/** Two sets of lists of entries as one, entry by entry, the newer version winning (a
 * cleared entry included); entries both sides hold differently are listed as conflicts.
 * @template {object} T
 * @param {Record<string, Record<string, T>>} mine
 * @param {Record<string, Record<string, T>>} theirs
 * @returns {{merged: Record<string, Record<string, T>>, differing: Differing<T>[]}} */
function mergeEntries(mine, theirs) {
  /** @type {Record<string, Record<string, T>>} */
  const merged = {};
  /** @type {Differing<T>[]} */
  const differing = [];
  for (const listId of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
    const own = mine[listId] || {};
    const items = { ...own };
    for (const [itemId, b] of Object.entries(theirs[listId] || {})) {
      const a = own[itemId];
      items[itemId] = later(a, b);
      if (a && !same(a, b)) {
        differing.push({ list: listId, item: itemId, mine: a, theirs: b,
                         winner: items[itemId] === a ? "mine" : "theirs" });
      }
    }
    merged[listId] = items;
  }
  return { merged, differing };
}

/** Things from both copies, the newer version of each thing with the same key.
 * @template {object} T
 * @param {T[]} mine
 * @param {T[]} theirs
 * @param {(thing: T) => string} key */
function mergeBy(mine, theirs, key) {
  /** @type {Map<string, T>} */
  const found = new Map();
  for (const thing of [...mine, ...theirs]) found.set(key(thing), later(found.get(key(thing)), thing));
  return [...found.values()];
}

/** Two maps of times as one, the later time of each key.
 * @param {Record<string, string>} mine
 * @param {Record<string, string>} theirs */
function mergeTimes(mine = {}, theirs = {}) {
  const merged = { ...mine };
  for (const [key, time] of Object.entries(theirs)) if (!(key in merged) || time > merged[key]) merged[key] = time;
  return merged;
}

/** Two copies of a team's data as one, and what conflicted. The merge is a join: it gives
 * the same data whichever copy is "mine" (only the conflicts are told from mine's side),
 * merging a copy again changes nothing, and of every item, note, rating, choice of methods,
 * vote and meeting the newer version wins, a deletion included, so an older copy cannot
 * bring back what was cleared (tests/js/team-merge.property.mjs).
 * @param {TeamData} mine
 * @param {TeamData} theirs
 * @returns {{data: TeamData, conflicts: Conflict[]}} */
export function merge(mine, theirs) {
  const checklists = mergeEntries(mine.checklists, theirs.checklists);
  const ratings = mergeEntries(mine.fit.ratings, theirs.fit.ratings);
  /** @type {Conflict[]} */
  const conflicts = [
    ...checklists.differing.map(conflict => ({ kind: /** @type {const} */ ("item"), ...conflict })),
    ...ratings.differing.map(conflict => ({ kind: /** @type {const} */ ("fit"), ...conflict })),
  ];
  const methods = later(mine.methods, theirs.methods);
  const methodsDiffer = canonical([...mine.methods.chosen].sort())
    !== canonical([...theirs.methods.chosen].sort());
  if (methodsDiffer && mine.methods.chosen.length && theirs.methods.chosen.length) {
    conflicts.push({ kind: "methods", mine: mine.methods, theirs: theirs.methods,
                     winner: methods === mine.methods ? "mine" : "theirs" });
  }
  const choice = (/** @type {Fit} */ fit) =>
    ({ methods: fit.methods, ...(fit.changed ? { changed: fit.changed } : {}) });
  const data = clean({
    methods, checklists: checklists.merged,
    rounds: mergeBy(mine.rounds, theirs.rounds, round => round.id),
    votes: mergeBy(mine.votes, theirs.votes, vote => vote.rater),
    fit: { ...later(choice(mine.fit), choice(theirs.fit)), ratings: ratings.merged },
    meeting: later(mine.meeting, theirs.meeting),
    removed: { rounds: mergeTimes(mine.removed?.rounds, theirs.removed?.rounds),
               votes: mergeTimes(mine.removed?.votes, theirs.removed?.votes) },
  });
  return { data, conflicts };
}

/** True if the data holds any mark, note or rating (not only the times they were cleared).
 * @param {TeamData} data */
function hasMarks(data) {
  return [data.checklists, data.fit.ratings].some(lists => Object.values(lists).some(
    entries => Object.values(entries).some(live)));
}

/** True if the data holds nothing a team made: what an emptied browser has.
 * @param {TeamData} data */
const isEmpty = data => !hasMarks(data) && !data.methods.chosen.length && !data.rounds.length
  && !data.votes.length;

/* ---------- the site's implementation index ---------- */

const INDEX = "data/implementering.json";

/** The site's implementation index (data/implementering.json, written by
 * generator/rendering/implementation.py) and each method's own file of checklists, with
 * every page's full address (`href`).
 * @typedef {{id: string, text: string, previous: string[]}} Item
 * @typedef {{id: string, title: string, previous: string[], items: Item[]}} ListOf
 * @typedef {{id: string, title: string, url: string, href: string, order: number,
 *            framework: string, checklist: string, previous: string[], items: Item[]}} Stage
 * @typedef {{id: string, title: string, url: string, href: string, scale: string | null,
 *            checklists: ListOf[]}} Assessment
 * @typedef {{id: string, title: string, abbreviation: string | null, url: string,
 *            href: string, previous: string[], stages: string[], file: string | null}} Method
 * @typedef {{id: string, title: string, url: string,
 *            checklists: (ListOf & {stage: string})[]}} MethodLists
 * @typedef {{version: number, stages: Stage[], assessments: Assessment[],
 *            methods: Method[]}} Index
 */

/** Stages, assessments and methods (data/implementering.json), each with its page's full
 * address (`href`); `file` of a method becomes a full address too.
 * @returns {Promise<Index>} */
export async function loadIndex() {
  const address = new URL(INDEX, root);
  /** @type {Index} */
  const index = await fetchJson(address);
  const at = (/** @type {string} */ path) => new URL(path, root).href;
  return {
    ...index,
    stages: index.stages.map(stage => ({ ...stage, href: at(stage.url) })),
    assessments: index.assessments.map(a => ({ ...a, href: at(a.url) })),
    methods: index.methods.map(m => ({ ...m, href: at(m.url), file: m.file && at(m.file) })),
  };
}

/** One method's checklists (from its own small file); null for a method without any.
 * @param {Method} method
 * @returns {Promise<MethodLists | null>} */
async function loadMethod(method) {
  if (!method.file) return null;
  return fetchJson(method.file);
}

/** A chosen method with its checklists.
 * @typedef {Method & {lists: MethodLists | null}} ChosenMethod */

/** The chosen methods (known to the index) with their checklists, in the index's order.
 * @param {Index} index
 * @param {string[]} ids the methods chosen, now or in a saved round
 * @returns {Promise<ChosenMethod[]>} */
export async function chosenMethods(index, ids) {
  const chosen = new Set(ids);
  const methods = index.methods.filter(method => chosen.has(method.id)
    || method.previous.some(id => chosen.has(id)));
  return Promise.all(methods.map(async method => ({ ...method, lists: await loadMethod(method) })));
}

/** A method's choice survives its renaming: an old id in the choice becomes the new one.
 * @param {Index} index
 * @param {TeamData} data */
export function renameChosen(index, data) {
  /** @type {Map<string, string>} */
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

/** The page's texts for the team's tools (checklist_ui in generator/locale/sv.yml), which
 * the template writes into `data-ui`; each page adds its own (tests/js/types/kb-ui.d.ts).
 * @typedef {import("./kb-ui.js").TeamUi} TeamUi */

/** A fieldset of checkboxes, one per method, with a filter field for long lists. */
export class MethodChooser {
  /** @param {HTMLElement} container
   * @param {TeamUi} ui
   * @param {Index} index
   * @param {(chosen: string[]) => unknown} onChange */
  constructor(container, ui, index, onChange) {
    this.ui = ui;
    this.onChange = onChange;
    const legend = element("legend", {}, [ui.choose_legend]);
    this.list = element("div", { class: "kb-method-list" });
    this.boxes = index.methods.map(method =>
      element("input", { type: "checkbox", value: method.id, name: "kb-metod" }));
    this.labels = index.methods.map((method, i) => element("label", {}, [this.boxes[i], " ",
                                                                          method.title]));
    this.list.append(...this.labels);
    const filter = element("input", { type: "search", class: "kb-method-filter" });
    filter.addEventListener("input", () => {
      const words = filter.value.toLocaleLowerCase("sv").split(/\s+/).filter(Boolean);
      this.labels.forEach((label, i) => {
        label.hidden = !this.boxes[i].checked
          && !words.every(word => label.textContent.toLocaleLowerCase("sv").includes(word));
      });
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

  /** @param {string[]} chosen */
  show(chosen) {
    for (const box of this.boxes) box.checked = chosen.includes(box.value);
  }

  chosen() {
    return this.boxes.filter(box => box.checked).map(box => box.value);
  }
}

/** Store a new choice of methods.
 * @param {TeamData} data
 * @param {string[]} chosen */
export function choose(data, chosen) {
  data.methods = { chosen, changed: now() };
  save(data);
}

/* ---------- the team's file ---------- */

/** The file the team's data is also saved to at every change, where the browser can write
 * to a file a person chose (the File System Access API of Chromium-based browsers): chosen
 * with "Spara automatiskt till fil", or a shared file opened as the team's common copy, and
 * kept (its handle, in IndexedDB) for later visits. Each write joins what the file holds
 * with this browser's data, so that what another member wrote to it is never lost. */
class TeamFile {
  /** @param {FileSystemFileHandle} handle */
  constructor(handle) {
    this.handle = handle;
    this.name = handle.name;
    /** Whether a later visit finds this file (its handle is kept in IndexedDB). */
    this.kept = true;
    this.writing = 0;
    this.pending = Promise.resolve();
  }

  /** The file's data, current and clean; null for an empty file; throws for what is not
   * the team's data. */
  async read() {
    const found = (await (await this.handle.getFile()).text()).trim();
    return found ? migrate(JSON.parse(found)) : null;
  }

  /** Write `data`, joined with the file's, after any write before it.
   * @param {TeamData} data */
  write(data) {
    const copy = structuredClone(data);
    this.writing += 1;
    voice?.showFile();
    this.pending = this.pending.then(async () => {
      // A file the person chose that holds something else is theirs to overwrite.
      const onFile = await this.read().catch(() => null);
      const writable = await this.handle.createWritable();
      await writable.write(JSON.stringify(exported(onFile ? merge(onFile, copy).data : copy),
                                          null, 2));
      await writable.close();
    }).catch(error => {
      console.error(error);
      voice?.warn("file");
    }).finally(() => {
      this.writing -= 1;
      voice?.showFile();
    });
    return this.pending;
  }
}

/** @type {TeamFile | null} */
let teamFile = null;

/** Whether the page may read and write the file: "granted", or "prompt" where the browser
 * must ask the person again (a handle from an earlier visit needs a click to be allowed in
 * most browsers), or "denied". With `ask`, at a person's click, the browser asks them.
 * @param {FileSystemFileHandle} handle
 * @returns {Promise<PermissionState>} */
async function permission(handle, ask = false) {
  const mode = { mode: /** @type {const} */ ("readwrite") };
  if (!handle.queryPermission || !handle.requestPermission) return "granted";
  const found = await handle.queryPermission(mode);
  return found === "prompt" && ask ? handle.requestPermission(mode) : found;
}

/** How many items, ratings, rounds and votes differ between two copies, and the choice of
 * methods if it does: what a merge brought.
 * @param {TeamData} before
 * @param {TeamData} after */
function differences(before, after) {
  let found = canonical(before.methods.chosen) === canonical(after.methods.chosen) ? 0 : 1;
  for (const [old, now] of [[before.checklists, after.checklists],
                            [before.fit.ratings, after.fit.ratings]]) {
    for (const [listId, entries] of Object.entries(now)) {
      for (const [itemId, entry] of Object.entries(entries)) {
        if (canonical(old[listId]?.[itemId]) !== canonical(entry)) found += 1;
      }
    }
  }
  const known = (/** @type {(Round | Vote)[]} */ things) => new Set(things.map(canonical));
  for (const [old, now] of [[before.rounds, after.rounds], [before.votes, after.votes]]) {
    const had = known(old);
    found += now.filter(thing => !had.has(canonical(thing))).length;
  }
  return found;
}

/* ---------- export, import and share links ---------- */

/** The data as a file: the stored object with when it was exported and, for a rater's
 * own marks, who made them.
 * @param {TeamData} data */
const exported = (data, rater = "") => ({ ...data, exported: now(), ...(rater ? { rater } : {}) });

/** What a share link carries: the methods, marks and fit ratings, not rounds and votes.
 * @param {TeamData} data */
const shared = data => ({ format: FORMAT, version: VERSION, methods: data.methods,
                          checklists: data.checklists, fit: data.fit });

/** A file's or link's data, current and clean; throws if it is none of ours.
 * @param {File} file */
async function readFile(file) {
  return migrate(JSON.parse(await file.text()));
}

/** The page's tools that say what happens to the team's data: the page that started last
 * (Material's instant navigation keeps this module between pages). */
/** @type {Transfer | null} */
let voice = null;

/** Where a failed save is said: beside the control the person used. */
const NEAR = ".kb-item, .kb-fit-rating, fieldset, form, .kb-tool-buttons";

/** Export, import and share for the whole implementation, with a dialog that offers to
 * merge or replace, and a list of what conflicted; what becomes of the team's data in this
 * browser (a failed save, storage that cannot be read, the reminder to export, the team's
 * file). `onChange` redraws the page. */
export class Transfer {
  /** @param {TeamUi} ui
   * @param {() => Promise<unknown> | unknown} onChange */
  constructor(ui, onChange) {
    this.ui = ui;
    this.onChange = onChange;
    this.fileInput = element("input", { type: "file", accept: "application/json,.json",
                                        hidden: "", "aria-label": ui.import });
    this.fileInput.addEventListener("change", () => this.importFile());
    this.status = element("p", { class: "kb-status", role: "status" });
    this.notice = element("p", { class: "kb-storage-notice", role: "status" });
    this.reminder = element("p", { class: "kb-backup-reminder", role: "status" });
    this.fileStatus = element("p", { class: "kb-file-status", role: "status",
                                     "aria-busy": "false" });
    this.fileTools = element("div", { class: "kb-tool-buttons kb-file-tools" });
    this.problemText = element("p", { role: "status" });
    this.problem = element("div", { class: "kb-save-problem" }, [
      this.problemText, button(ui.export_now, () => this.exportFile())]);
    this.backupLines = element("div", { class: "kb-backup-status" });
    /** The failure said last where it was said, so that it is not said again there. */
    this.said = "";
    this.conflicts = element("div", { class: "kb-conflicts", hidden: "" });
    this.shareField = element("input", { type: "text", readonly: "", class: "kb-share-url" });
    this.share = element("p", { class: "kb-share", hidden: "" }, [
      element("label", {}, [ui.share_label, " ", this.shareField]),
    ]);
    voice = this;
  }

  buttons() {
    const ui = this.ui;
    return [button(ui.export, () => this.exportFile()),
            button(ui.import, () => this.fileInput.click()),
            button(ui.share, () => this.copyLink()),
            ...("showSaveFilePicker" in window
              ? [button(ui.file_save, () => this.chooseFile()),
                 button(ui.file_open, () => this.openSharedFile())] : [])];
  }

  /** The parts that go below the buttons: what became of the data, the file input,
   * status, conflicts and link field. */
  parts() {
    return [this.notice, this.fileInput, this.status, this.reminder, this.fileStatus,
            this.fileTools, this.conflicts, this.share];
  }

  /** This browser's last export and whether it keeps the data for good, for the overview. */
  backupStatus() {
    return this.backupLines;
  }

  /** @param {string} message */
  say(message) {
    this.status.textContent = message;
  }

  /** What the page says before anyone acts: storage that cannot be read, the reminder, and
   * the team's file of an earlier visit, offered back if this browser's copy is empty. */
  async begin() {
    const problem = storageProblem();
    this.notice.textContent = problem ? this.ui[`storage_${problem}`] : "";
    this.saved();
    const handle = await fileHandle();
    if (!handle) return;
    if (isEmpty(load()) && !problem) {
      this.fileStatus.textContent = format(this.ui.file_offer, { name: handle.name });
      this.fileTools.replaceChildren(button(format(this.ui.file_read, { name: handle.name }),
                                            () => this.readBack(handle)));
      return;
    }
    const allowed = await permission(handle);
    if (allowed === "granted") {
      teamFile = new TeamFile(handle);
      this.showFile();
      return;
    }
    const resume = format(this.ui.file_resume, { name: handle.name });
    this.fileTools.replaceChildren(button(resume, () => this.resume(handle)));
    this.notAllowed(handle, allowed, resume);
  }

  /** The browser asks again, or refuses, leave to use the team's file: said in the file's
   * status line with what to do, the button `again` (which asks the browser) beside it.
   * @param {FileSystemFileHandle} handle
   * @param {"prompt" | "denied"} answer
   * @param {string} again */
  notAllowed(handle, answer, again) {
    this.fileStatus.textContent = format(this.ui[`file_permission_${answer}`],
                                         { name: handle.name, button: again });
  }

  /** After every save: the reminder to export and the overview's lines about the backup. */
  async saved() {
    const ui = this.ui;
    const record = backup();
    const due = reminderDue(record);
    this.reminder.textContent = due ? format(ui[`reminder_${due}`], {
      changes: record.changes, date: record.exported ? today(new Date(record.exported)) : "" }) : "";
    const kept = await persisted();
    this.backupLines.replaceChildren(
      element("p", { class: "kb-last-export" }, [record.exported
        ? format(ui.exported_last, { date: today(new Date(record.exported)) })
        : ui.exported_never]),
      element("p", { class: "kb-persistence" }, [kept ? ui.persist_granted : ui.persist_refused]));
  }

  /** A save that failed (`reason`: "full", "blocked", or "file"), said at once beside the
   * control the person used, with the export that keeps what is only in memory now.
   * @param {"full" | "blocked" | "file"} reason */
  warn(reason) {
    const active = document.activeElement;
    const near = active instanceof HTMLElement ? active.closest(NEAR) : null;
    const place = near && !this.problem.contains(near) ? near : this.status;
    if (!place.isConnected) return;
    const message = reason === "file"
      ? format(this.ui.file_failed, { name: teamFile?.name || "" }) : this.ui[`save_failed_${reason}`];
    // Said once per place: typing on in a note whose saves fail does not repeat it.
    if (this.problem.previousElementSibling === place && this.said === message) return;
    this.said = message;
    place.after(this.problem);
    // Emptied first, then filled: a screen reader says a status whose text changes.
    this.problemText.textContent = "";
    setTimeout(() => { this.problemText.textContent = message; }, 0);
  }

  exportFile(rater = "") {
    const data = load();
    const name = rater ? `${this.ui.vote_file_name}-${slug(rater)}`
      : `${this.ui.file_name}-${today()}`;
    download(`${name}.json`, exported(data, rater));
    if (!rater) {
      exportedNow();
      this.saved();
    }
  }

  /* ---------- the team's file ---------- */

  /** "Spara automatiskt till fil": the person chooses a file, which gets the data now and
   * at every change. */
  async chooseFile() {
    let handle;
    try {
      handle = await window.showSaveFilePicker?.({
        suggestedName: `${this.ui.file_name}.json`,
        types: [{ description: this.ui.file_type, accept: { "application/json": [".json"] } }],
      });
    } catch (error) {
      if (errorName(error) !== "AbortError") console.error(error);
      return;
    }
    if (handle) await (await this.useFile(handle)).write(load());
  }

  /** The team's common copy on a shared drive: its data merged with this browser's through
   * the same merge as an import, the union written back, and what changed and conflicted
   * said. */
  async openSharedFile() {
    const ui = this.ui;
    let handle;
    try {
      [handle] = await window.showOpenFilePicker?.({
        types: [{ description: ui.file_type, accept: { "application/json": [".json"] } }],
      }) ?? [];
    } catch (error) {
      if (errorName(error) !== "AbortError") console.error(error);
      return;
    }
    if (!handle) return;
    let incoming;
    try {
      incoming = await new TeamFile(handle).read();
    } catch (error) {
      console.error(error);
      this.say(format(ui.file_read_failed, { name: handle.name }));
      return;
    }
    const own = load();
    const { data, conflicts } = incoming ? merge(own, incoming) : { data: own, conflicts: [] };
    const file = await this.useFile(handle);
    save(data);
    await file.pending;
    await this.showConflicts(conflicts);
    await this.onChange();
    this.say(format(ui.file_merged, { name: handle.name, changed: differences(own, data),
                                      conflicts: conflicts.length }));
  }

  /** Save to `handle` from now on, in this visit and, where the browser can keep the handle
   * (IndexedDB), later ones; where it cannot, the file's status line says so.
   * @param {FileSystemFileHandle} handle */
  async useFile(handle) {
    const file = new TeamFile(handle);
    teamFile = file;
    file.kept = await keepFileHandle(handle);
    this.fileTools.replaceChildren();
    this.showFile();
    return file;
  }

  /** A later visit whose browser lost its data reads the team's file back.
   * @param {FileSystemFileHandle} handle */
  async readBack(handle) {
    const ui = this.ui;
    let incoming;
    try {
      const allowed = await permission(handle, true);
      if (allowed !== "granted") {
        this.notAllowed(handle, allowed, format(ui.file_read, { name: handle.name }));
        return;
      }
      incoming = await new TeamFile(handle).read();
    } catch (error) {
      console.error(error);
      this.say(format(ui.file_read_failed, { name: handle.name }));
      return;
    }
    await this.useFile(handle);
    if (incoming) await this.receive(incoming, ui.import_question);
    this.say(format(ui.file_restored, { name: handle.name }));
  }

  /** Save to the file of an earlier visit again, once the browser allows it.
   * @param {FileSystemFileHandle} handle */
  async resume(handle) {
    const allowed = await permission(handle, true);
    if (allowed !== "granted") {
      this.notAllowed(handle, allowed, format(this.ui.file_resume, { name: handle.name }));
      return;
    }
    await (await this.useFile(handle)).write(load());
  }

  stopFile() {
    const name = teamFile?.name;
    teamFile = null;
    keepFileHandle(null);
    this.showFile();
    this.say(format(this.ui.file_stopped, { name }));
  }

  /** Which file the data goes to, busy while a write is under way. */
  showFile() {
    this.fileStatus.setAttribute("aria-busy", String(Boolean(teamFile?.writing)));
    if (!teamFile) {
      this.fileStatus.textContent = "";
      this.fileTools.replaceChildren();
      return;
    }
    this.fileStatus.textContent = format(teamFile.kept ? this.ui.file_active : this.ui.file_not_kept,
                                         { name: teamFile.name });
    if (!this.fileTools.childElementCount) {
      this.fileTools.append(button(this.ui.file_stop, () => this.stopFile()));
    }
  }

  /* ---------- import and share links ---------- */

  async importFile() {
    const [file] = this.fileInput.files ?? [];
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
   * reload does not offer it again. A link cut short or garbled says it could not be read. */
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
      this.say(this.ui.link_failed);
      return;
    }
    await this.receive(incoming, this.ui.link_question, true);
  }

  /** Data from a file or link: taken as it is when the visitor has no marks; otherwise
   * merged, or after a confirmation replacing theirs, as they choose. A link carries no
   * rounds, votes or meeting, so replacing from one keeps the visitor's. What happened is
   * said once the page shows it, so that the message never stands over the old marks.
   * @param {TeamData} incoming
   * @param {string} question */
  async receive(incoming, question, fromLink = false) {
    const own = load();
    const hadMarks = hasMarks(own);
    /** @type {Answer} */
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
   * work in it; Escape cancels).
   * @typedef {"merge" | "replace" | null} Answer
   * @param {string} question
   * @returns {Promise<Answer>} */
  ask(question) {
    const ui = this.ui;
    return new Promise(resolve => {
      const dialog = element("dialog", { class: "kb-dialog", "aria-labelledby": "kb-dialog-title",
                                         "aria-describedby": "kb-dialog-text" });
      const close = (/** @type {Answer} */ answer) => {
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
      dialog.querySelector("button")?.focus();
    });
  }

  /** What conflicted in a merge, item by item, with the side that was kept.
   * @param {Conflict[]} conflicts */
  async showConflicts(conflicts) {
    this.conflicts.replaceChildren();
    this.conflicts.hidden = !conflicts.length;
    if (!conflicts.length) return;
    const ui = this.ui;
    // Without the index (offline, say), the places are told by their ids.
    const describe = await describer(ui, conflicts)
      .catch(() => describing(ui, new Map(), id => id));
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

/** Each side of a conflict as words: "Klart, Anna Berg, 2026-03-01", or a rating, or
 * methods by name.
 * @param {TeamUi} ui
 * @param {Conflict} conflict
 * @param {(id: string) => string} methodName
 * @returns {string[]} */
function sides(ui, conflict, methodName) {
  if (conflict.kind === "methods") {
    return [conflict.mine, conflict.theirs].map(methods => methods.chosen.map(methodName).join(", "));
  }
  if (conflict.kind === "fit") {
    return [conflict.mine, conflict.theirs].map(rating => (live(rating)
      ? [rating.rating, rating.note].filter(Boolean).join(" – ") : ui.cleared));
  }
  return [conflict.mine, conflict.theirs].map(entry => (live(entry)
    ? [entry.state && ui.states[entry.state], entry.responsible, entry.date, entry.comment]
      .filter(Boolean).join(", ")
    : ui.cleared));
}

/** A checklist's title and items, for saying where a conflict is.
 * @typedef {{title: string, items: Item[]}} Place */

/** A function giving a conflict in words – where, what, and each side's entry – from the
 * checklists and methods named.
 * @param {TeamUi} ui
 * @param {Map<string, Place>} lists
 * @param {(id: string) => string} methodName
 * @returns {(conflict: Conflict) => string[]} */
function describing(ui, lists, methodName) {
  /** @param {Conflict} conflict */
  const place = conflict => {
    if (conflict.kind === "methods") return [ui.choose_legend, ""];
    if (conflict.kind === "fit") return [methodName(conflict.list), ui.factors[conflict.item]];
    const list = lists.get(conflict.list);
    const item = list?.items.find(i => i.id === conflict.item);
    return [list ? list.title : conflict.list, item ? item.text : conflict.item];
  };
  return conflict => [...place(conflict), ...sides(ui, conflict, methodName)];
}

/** `describing` with the index and the files of the methods whose items conflicted (a
 * method's checklists are keyed `method:stage`).
 * @param {TeamUi} ui
 * @param {Conflict[]} conflicts */
async function describer(ui, conflicts) {
  const index = await loadIndex();
  /** @type {Map<string, Place>} */
  const lists = new Map();
  for (const stage of index.stages) lists.set(stage.checklist, { title: stage.title, items: stage.items });
  for (const assessment of index.assessments) {
    for (const list of assessment.checklists) {
      lists.set(list.id, { title: `${assessment.title}: ${list.title}`, items: list.items });
    }
  }
  const methods = new Map(index.methods.map(method => [method.id, method]));
  const named = new Set(conflicts.map(conflict => (conflict.kind === "methods" ? ""
    : conflict.list.split(":")[0])));
  const withMethods = await Promise.all(index.methods.filter(m => m.file && named.has(m.id))
    .map(async method => ({ method, lists: await loadMethod(method).catch(() => null) })));
  for (const { method, lists: found } of withMethods) {
    for (const list of found?.checklists || []) {
      const stage = index.stages.find(s => s.id === list.stage);
      lists.set(list.id, { title: `${method.title} – ${stage ? stage.title : list.stage}`,
                           items: list.items });
    }
  }
  return describing(ui, lists, id => methods.get(id)?.title || id);
}

/** A rater's name as part of a file name.
 * @param {string} name */
const slug = name => name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
  .replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "rost";
