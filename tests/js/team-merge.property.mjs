// The team's merge (content/assets/kb-team.js, `merge`) is a join, over random histories of
// two to five members who mark, note, clear, reset, choose methods, rate fit, cast and
// withdraw votes, save and delete rounds, write the meeting's details and merge each other's
// copies, each copy going through the browser's storage (JSON and `migrate`) after every
// step. Of every member's final copies: merge(A, B) is merge(B, A), merge(A, A) is A,
// merge(merge(A, B), C) is merge(A, merge(B, C)), and in the merge of all of them every item,
// rating, choice, meeting and vote is the newest version any member made (a deletion
// included, so an older copy cannot bring back what was cleared); a deleted round never
// returns. Run by tests/test_team_merge.py: node tests/js/team-merge.property.mjs
import assert from "node:assert/strict";
import fc from "fast-check";

// Every member's clock is one clock that moves on by 0 or 1 ms a step, so that members make
// changes at the same instant too.
let clock = Date.UTC(2026, 0, 1);
const RealDate = Date;
globalThis.Date = class extends RealDate {
  constructor(...args) {
    if (args.length) super(...args);
    else super(clock);
  }

  static now() {
    return clock;
  }
};

const team = await import("../../content/assets/kb-team.js");

const LISTS = ["installation", "pmto:installation"];
const ITEMS = ["plan", "budget", "team"];
const RATERS = ["Anna", "Bo"];
const METHODS = ["pmto", "mst", "komet"];
const FACTORS = ["need", "fit"];
const DATES = ["2026-03-01", "2026-09-01"];

const pick = list => fc.constantFrom(...list);
const someOf = list => fc.subarray(list);

/** One member's step. */
const step = fc.oneof(
  fc.record({ kind: fc.constant("mark"), list: pick(LISTS), item: pick(ITEMS),
              field: fc.constant("state"), value: pick([...team.STATES, ""]) }),
  fc.record({ kind: fc.constant("mark"), list: pick(LISTS), item: pick(ITEMS),
              field: pick(team.NOTES), value: pick(["", "Anna Berg", "2026-05-01"]) }),
  fc.record({ kind: fc.constant("reset"), list: pick(LISTS) }),
  fc.record({ kind: fc.constant("choose"), chosen: someOf(METHODS) }),
  fc.record({ kind: fc.constant("rate"), method: pick(METHODS), factor: pick(FACTORS),
              rating: fc.option(fc.integer({ min: 1, max: 5 })) }),
  fc.record({ kind: fc.constant("fit"), methods: someOf(METHODS) }),
  fc.record({ kind: fc.constant("vote"), rater: pick(RATERS), state: pick(team.STATES) }),
  fc.record({ kind: fc.constant("clearVotes") }),
  fc.record({ kind: fc.constant("round"), date: pick(DATES) }),
  fc.record({ kind: fc.constant("deleteRound"), which: fc.nat() }),
  fc.record({ kind: fc.constant("meeting"), participants: pick(["", "Anna, Bo", "Cia"]) }),
  fc.record({ kind: fc.constant("resetAll") }),
  fc.record({ kind: fc.constant("sync"), other: fc.nat() }),
);

const history = fc.integer({ min: 2, max: 5 }).chain(members => fc.record({
  members: fc.constant(members),
  steps: fc.array(fc.record({ member: fc.nat({ max: members - 1 }), tick: fc.nat({ max: 1 }),
                              step }), { maxLength: 40 }),
}));

/** A copy as the browser's storage gives it back. */
const stored = data => team.migrate(JSON.parse(JSON.stringify(data)));

/** Every version of every thing any member made, by key, to compare the merge with. */
class Versions {
  constructor() {
    this.byKey = new Map();
    this.rounds = new Set();
    this.deletedRounds = new Set();
  }

  add(key, version) {
    if (!this.byKey.has(key)) this.byKey.set(key, []);
    this.byKey.get(key).push(structuredClone(version));
  }

  /** The versions of a key made last (several when members changed it at one instant). */
  newest(key) {
    const found = this.byKey.get(key) || [];
    const last = found.reduce((max, v) => ((v.changed || "") > max ? v.changed || "" : max), "");
    return found.filter(v => (v.changed || "") === last);
  }
}

/** Run one member's step on their copy, noting the versions it makes. */
function run(copies, member, { kind, ...step }, versions) {
  let data = copies[member];
  const now = team.now();
  const items = (lists, prefix) => {
    for (const [list, entries] of Object.entries(lists)) {
      for (const [item, entry] of Object.entries(entries)) versions.add(`${prefix}:${list}:${item}`, entry);
    }
  };
  switch (kind) {
    case "mark":
      team.setField(data, step.list, step.item, step.field, step.value);
      versions.add(`item:${step.list}:${step.item}`, data.checklists[step.list][step.item]);
      break;
    case "reset":
      team.clearList(data, step.list, ITEMS);
      items({ [step.list]: data.checklists[step.list] }, "item");
      break;
    case "choose":  // as team.choose keeps a choice
      data.methods = { chosen: step.chosen, changed: now };
      versions.add("methods", data.methods);
      break;
    case "rate": {  // as kb-fit.js keeps a rating
      const entry = { ...(step.rating ? { rating: step.rating } : {}), changed: now };
      data.fit.ratings[step.method] = { ...data.fit.ratings[step.method], [step.factor]: entry };
      versions.add(`fit:${step.method}:${step.factor}`, entry);
      break;
    }
    case "fit":
      data.fit.methods = step.methods;
      data.fit.changed = now;
      versions.add("fit", { methods: step.methods, changed: now });
      break;
    case "vote": {  // as the overview imports a rater's file
      const vote = { rater: step.rater, changed: now,
                     checklists: { installation: { plan: { state: step.state } } } };
      data.votes = [...data.votes.filter(v => v.rater !== step.rater), vote];
      versions.add(`vote:${step.rater}`, vote);
      break;
    }
    case "clearVotes":
      for (const vote of data.votes) versions.add(`vote:${vote.rater}`, { removed: true, changed: now });
      team.removeVotes(data);
      break;
    case "round": {
      const id = `omgang-${clock}-${member}`;
      if (data.rounds.some(round => round.id === id)) break;
      data.rounds.push({ id, date: step.date, methods: [...data.methods.chosen],
                         checklists: structuredClone(data.checklists),
                         votes: structuredClone(data.votes) });
      versions.rounds.add(id);
      break;
    }
    case "deleteRound":
      if (!data.rounds.length) break;
      versions.deletedRounds.add(data.rounds[step.which % data.rounds.length].id);
      team.removeRound(data, data.rounds[step.which % data.rounds.length].id);
      break;
    case "meeting":
      data.meeting = { date: "2026-04-02", participants: step.participants, changed: now };
      versions.add("meeting", data.meeting);
      break;
    case "resetAll":
      for (const vote of data.votes) versions.add(`vote:${vote.rater}`, { removed: true, changed: now });
      for (const round of data.rounds) versions.deletedRounds.add(round.id);
      data = team.cleared(data);
      items(data.checklists, "item");
      items(data.fit.ratings, "fit");
      versions.add("methods", data.methods);
      versions.add("fit", { methods: data.fit.methods, changed: data.fit.changed });
      versions.add("meeting", data.meeting);
      break;
    case "sync":
      data = team.merge(data, copies[step.other % copies.length]).data;
      break;
    default:
      throw new Error(kind);
  }
  copies[member] = stored(data);
}

/** The value a merged copy holds for a key of `Versions`. */
function valueOf(data, key) {
  const [kind, a, b] = key.split(":").length > 3
    ? [key.split(":")[0], key.split(":").slice(1, -1).join(":"), key.split(":").at(-1)]
    : key.split(":");
  switch (kind) {
    case "item": return data.checklists[a]?.[b];
    case "fit": return a === undefined ? { methods: data.fit.methods, changed: data.fit.changed }
      : data.fit.ratings[a]?.[b];
    case "methods": return data.methods;
    case "meeting": return data.meeting;
    case "vote": return data.votes.find(vote => vote.rater === a);
    default: throw new Error(key);
  }
}

/** Two versions alike as stored: empty texts left out, keys in one order. */
const same = (a, b) => [a, b].map(v => JSON.stringify(Object.entries(v || {})
  .filter(([, x]) => x !== "").sort())).reduce((x, y) => x === y);

const mergeAll = copies => copies.reduce((merged, copy) => team.merge(merged, copy).data);

let histories = 0;
fc.assert(fc.property(history, ({ members, steps }) => {
  histories += 1;
  const copies = Array.from({ length: members }, () => stored(team.empty()));
  const versions = new Versions();
  for (const { member, tick, step: one } of steps) {
    clock += tick;
    run(copies, member, one, versions);
  }
  const merge = (a, b) => team.merge(a, b).data;
  for (const a of copies) {
    assert.deepEqual(merge(a, a), a, "merging a copy with itself changes nothing");
    for (const b of copies) {
      assert.deepEqual(merge(a, b), merge(b, a), "merge(A, B) is merge(B, A)");
      assert.deepEqual(merge(merge(a, b), b), merge(a, b), "merging the same copy again changes nothing");
    }
  }
  const [a, b, c = a] = copies;
  assert.deepEqual(merge(merge(a, b), c), merge(a, merge(b, c)), "the order of merging does not matter");

  const all = mergeAll(copies);
  for (const key of versions.byKey.keys()) {
    const newest = versions.newest(key);
    const found = valueOf(all, key);
    if (key.startsWith("vote:")) {
      // A vote withdrawn at the instant it was cast counts as withdrawn.
      const removed = newest.some(v => v.removed);
      assert.equal(Boolean(found), !removed, `${key}: the newest of cast and withdrawn wins`);
      if (found) assert.ok(newest.some(v => v.changed === found.changed && !v.removed), key);
    } else {
      assert.ok(newest.some(v => same(v, found)),
                `${key}: ${JSON.stringify(found)} is none of the newest ${JSON.stringify(newest)}`);
    }
  }
  const rounds = new Set(all.rounds.map(round => round.id));
  for (const id of versions.deletedRounds) assert.ok(!rounds.has(id), `round ${id} came back`);
  for (const id of versions.rounds) {
    if (!versions.deletedRounds.has(id)) assert.ok(rounds.has(id), `round ${id} was lost`);
  }
}), { numRuns: 300 });

console.log(`${histories} slumpade historier: sammanslagningen är en join.`);
