/* Kunskapsbank: the implementation team's overview (/implementering/oversikt/).
 *
 * The page holds headings and empty sections; this script fills them from the team's data
 * (kb-team.js) and the site's implementation index: the chosen methods; every stage's
 * progress, counted as the stage page counts it (general items and the chosen methods'
 * items, never those marked "Ej aktuellt"), and the assessments'; items in progress with
 * Ansvarig and date; dates that have passed; what comes next; saved rounds, drawn per stage
 * as a chart with a data table beside it; raters' votes gathered into a consensus; a meeting
 * report to print; and export, import, share and print for the whole implementation.
 *
 * Every visible text comes from the page (`.kb-overview[data-ui]`) or the index, and record
 * text is only ever set as text. kb-start.js loads it for the overview, with its styles
 * (kb-team.css).
 */

import {
  button, element, fetchJson, findAll, format, progressText, required, root, stylesheet, today,
  uiOf, unenhanced,
} from "./kb-common.js";
import * as team from "./kb-team.js";

/** The page's texts: the team's (kb-team.js) and the overview's own, from `data-ui`.
 * @typedef {import("./kb-ui.js").OverviewUi} OverviewUi
 * @typedef {import("./kb-common.js").Counts} Counts
 * @typedef {Node | string | (Node | string)[]} Cell a table cell's nodes and text
 * @typedef {{id: string, title: string, items: team.Item[], previous: string[],
 *            anchor: (id: string) => string}} List a checklist, with where on its stage page
 *   each item is shown
 * @typedef {{stage: team.Stage, lists: List[]}} StageLists
 * @typedef {{stage: team.Stage, list: List, item: team.Item, entry: team.Entry,
 *            href: string}} Found an item, where it is, and its entry
 * @typedef {{stage: team.Stage, points: (Counts | null)[]}} Series a stage's progress in
 *   each saved round
 * @typedef {{date: string, created: boolean, verdicts: boolean, fields: string[]}} Change
 *   a method's change in what readers rely on (data/andringar.json)
 */

const SVG = "http://www.w3.org/2000/svg";
// Each method's dated changes in what readers rely on (generator/rendering/feeds.py).
const CHANGES = "data/andringar.json";

/** @param {Counts} counts */
const percent = counts => (counts.total ? Math.round((100 * counts.done) / counts.total) : 0);

/** A table with a caption, column headings and rows of cells (nodes or text), styled as
 * Material styles tables (it styles only tables without a class, so a class goes on a
 * wrapper).
 * @param {string} caption
 * @param {string[]} columns
 * @param {Cell[][]} rows */
function table(caption, columns, rows, className = "") {
  const found = element("table", {}, [
    element("caption", {}, [caption]),
    element("thead", {}, [element("tr", {}, columns.map(
      column => element("th", { scope: "col" }, [column])))]),
    element("tbody", {}, rows.map(cells => element("tr", {}, cells.map(
      (cell, index) => element(index ? "td" : "th", index ? {} : { scope: "row" },
                               Array.isArray(cell) ? cell : [cell]))))),
  ]);
  // In Material's scroll wrapper, as the theme wraps tables in Markdown, and a tab stop
  // labelled by the caption so a keyboard can scroll it on a narrow screen.
  const wrapped = element("div", {
    class: "md-typeset__scrollwrap", tabindex: "0", role: "region", "aria-label": caption,
  }, [element("div", { class: "md-typeset__table" }, [found])]);
  return className ? element("div", { class: className }, [wrapped]) : wrapped;
}

/** @param {string} href
 * @param {string} text */
const link = (href, text) => element("a", { href }, [text]);

/** What a rater can have marked an item: a state, or nothing ("").
 * @type {readonly (team.State | "")[]} */
const VOTES = [...team.STATES, ""];

/** A state's word, or "Ingen markering" for none.
 * @param {OverviewUi} ui
 * @param {team.State | "" | undefined} state */
const stateWord = (ui, state) => (state ? ui.states[state] : ui.no_mark);

/** One of the page's sections (`.kb-ov-<name>`), which the template writes.
 * @param {HTMLElement} overview
 * @param {string} name */
const part = (overview, name) => required(`.kb-ov-${name}`, overview);

class Overview {
  /** @param {HTMLElement} overview the page's `.kb-overview`
   * @param {OverviewUi} ui
   * @param {team.Index} index */
  constructor(overview, ui, index) {
    this.root = overview;
    this.ui = ui;
    this.index = index;
    this.part = (/** @type {string} */ name) => part(overview, name);
    this.transfer = new team.Transfer(ui, () => this.refresh());
    findAll(".kb-no-js").forEach(node => { node.hidden = true; });
    this.data = team.load();
    this.stages = [...index.stages].sort((a, b) => a.order - b.order);
    /** @type {team.ChosenMethod[]} */
    this.methods = [];
    /** @type {StageLists[]} */
    this.lists = [];
    this.methodsSummary = element("p", { class: "kb-chosen-methods" });
    this.part("methods").append(this.methodsSummary);
    this.chooser = new team.MethodChooser(this.part("methods"), ui, index, async chosen => {
      team.choose(this.data, chosen);
      await this.show();
    });
    this.roundArea = element("div", { class: "kb-chart" });
    this.consensusArea = element("div", { class: "kb-consensus" });
    this.meetingDate = element("input", { type: "date", id: "kb-meeting-date",
                                          value: this.data.meeting.date || today() });
    this.participants = element("textarea", { id: "kb-meeting-participants", rows: "2" });
    this.reportHeading = element("p", { class: "kb-report-heading" });
    this.changes = element("div", { class: "kb-report-changes" });
    this.reportNext = element("div", { class: "kb-report-next" });
    this.buildTools();
    this.buildRoundForm();
    this.buildConsensusTools();
    this.buildReportForm();
  }

  async start() {
    this.root.hidden = false;
    await this.show();
    await this.transfer.begin();
    await this.transfer.openSharedLink();
  }

  async refresh() {
    this.data = team.load();
    await this.show();
  }

  /** Every part of the page from the team's data as it is now. */
  async show() {
    if (team.renameChosen(this.index, this.data)) team.save(this.data);
    this.chooser.show(this.data.methods.chosen);
    this.methods = await team.chosenMethods(this.index, this.data.methods.chosen);
    const names = this.methods.map(method => method.title);
    this.methodsSummary.textContent = names.length
      ? format(this.ui.methods_chosen, { names: names.join(", ") }) : this.ui.methods_none;
    this.lists = this.listsFor(this.methods);
    this.adopt();
    this.showProgress();
    this.showItems();
    await this.showRounds();
    await this.showMethodChanges();
    this.showConsensus();
    this.showReport();
  }

  /* ---------- what counts: every stage's lists ---------- */

  /** Per stage, its checklists: the general one and the chosen methods' for the stage;
   * each list with where its items are shown (anchors on the stage page).
   * @param {team.ChosenMethod[]} methods
   * @returns {StageLists[]} */
  listsFor(methods) {
    return this.stages.map(stage => ({
      stage,
      lists: [
        { id: stage.checklist, title: stage.title, items: stage.items,
          previous: stage.previous, anchor: (/** @type {string} */ id) => id },
        ...methods.flatMap(method => (method.lists?.checklists || [])
          .filter(list => list.stage === stage.id)
          .map(list => ({ id: list.id, title: method.title, items: list.items,
                          previous: list.previous,
                          anchor: (/** @type {string} */ id) => `${method.id}-${id}` }))),
      ],
    })).filter(({ lists }) => lists.some(list => list.items.length));
  }

  /** Marks stored (or imported) under ids from before a rename move to the new ids. */
  adopt() {
    let changed = false;
    const lists = [...this.lists.flatMap(({ lists: found }) => found),
                   ...this.index.assessments.flatMap(assessment => assessment.checklists)];
    for (const list of lists) {
      changed = team.adopt(this.data, list, list.items) || changed;
    }
    if (changed) team.save(this.data);
  }

  /** @param {{id: string, items: team.Item[]}[]} lists
   * @param {team.Checklists} checklists */
  static countLists(lists, checklists) {
    const total = team.counts({}, []);
    for (const list of lists) {
      team.addCounts(total, team.counts(checklists[list.id], list.items.map(item => item.id)));
    }
    return total;
  }

  /** Every item of every stage, with its stage, list and entry.
   * @returns {Generator<Found>} */
  *items(checklists = this.data.checklists) {
    for (const { stage, lists } of this.lists) {
      for (const list of lists) {
        for (const item of list.items) {
          yield { stage, list, item, entry: checklists[list.id]?.[item.id] || {},
                  href: `${stage.href}#${list.anchor(item.id)}` };
        }
      }
    }
  }

  /* ---------- progress ---------- */

  showProgress() {
    const ui = this.ui;
    const bar = (/** @type {Counts} */ counts) => element("progress", { max: String(Math.max(counts.total, 1)),
                                                value: String(counts.done),
                                                "aria-label": `${percent(counts)} %` });
    const stageRows = this.lists.map(({ stage, lists }) => {
      const counts = Overview.countLists(lists, this.data.checklists);
      return [link(stage.href, stage.title),
              element("span", { "data-stage-progress": stage.id }, [progressText(ui, counts)]),
              [bar(counts), ` ${percent(counts)} %`]];
    });
    const assessmentRows = this.index.assessments.map(assessment => {
      const scaled = { ...ui, ...((assessment.scale && ui.scales[assessment.scale]) || {}) };
      const counts = Overview.countLists(assessment.checklists, this.data.checklists);
      return [link(assessment.href, assessment.title),
              element("span", { "data-assessment-progress": assessment.id },
                      [progressText(scaled, counts)]),
              [bar(counts), ` ${percent(counts)} %`]];
    });
    this.part("progress").replaceChildren(
      table(ui.progress_caption, ui.progress_columns, stageRows, "kb-ov-stages"),
      table(ui.assessments_caption, ui.progress_columns, assessmentRows, "kb-ov-assessments"),
    );
  }

  /* ---------- items in progress, passed dates, what comes next ---------- */

  /** @param {Found} found */
  itemRow({ stage, list, item, entry, href }) {
    const where = list.id === stage.checklist ? stage.title : `${stage.title}, ${list.title}`;
    return [link(href, item.text), where, entry.responsible || "–", entry.date || "–"];
  }

  showItems() {
    const ui = this.ui;
    const all = [...this.items()];
    const started = all.filter(({ entry }) => entry.state === "started");
    const dated = all.flatMap(found => (found.entry.date ? [{ found, date: found.entry.date }] : []));
    const passed = dated.filter(({ found, date }) => date < today()
      && found.entry.state !== "done" && found.entry.state !== "not_applicable")
      .sort((a, b) => a.date.localeCompare(b.date)).map(({ found }) => found);
    /** @param {HTMLElement} node
     * @param {Found[]} found
     * @param {string} caption
     * @param {string} none */
    const list = (node, found, caption, none) => node.replaceChildren(found.length
      ? table(caption, ui.item_columns, found.map(found => this.itemRow(found)))
      : element("p", {}, [none]));
    list(this.part("started"), started, ui.started_caption, ui.started_none);
    list(this.part("passed"), passed, ui.passed_caption, ui.passed_none);
    this.part("next").replaceChildren(...this.nextSteps());
  }

  /** The first stage with open items, and its first open items. */
  nextSteps() {
    const ui = this.ui;
    const open = [...this.items()].filter(({ entry }) => !entry.state
      || entry.state === "not_started");
    if (!open.length) return [element("p", {}, [ui.next_none])];
    const { stage } = open[0];
    const first = open.filter(found => found.stage === stage).slice(0, 5);
    return [
      element("p", {}, [format(ui.next_stage, { stage: stage.title })]),
      element("ul", { class: "kb-ov-next-list" }, first.map(found => element("li", {}, [
        link(found.href, found.item.text),
        ...(found.list.id === stage.checklist ? [] : [` (${found.list.title})`])]))),
    ];
  }

  /* ---------- rounds ---------- */

  buildRoundForm() {
    const ui = this.ui;
    const date = element("input", { type: "date", id: "kb-round-date", value: today() });
    const label = element("input", { type: "text", id: "kb-round-label" });
    const form = element("form", { class: "kb-ov-form kb-round-form" }, [
      element("label", { for: "kb-round-date" }, [ui.round_date]), date,
      element("label", { for: "kb-round-label" }, [ui.round_label]), label,
      element("button", { type: "submit", class: "md-button" }, [ui.round_save]),
    ]);
    form.addEventListener("submit", async event => {
      event.preventDefault();
      if (!date.value) return;
      this.data.rounds.push({ id: `omgang-${Date.now()}`, date: date.value,
                              ...(label.value.trim() ? { label: label.value.trim() } : {}),
                              methods: [...this.data.methods.chosen],
                              checklists: structuredClone(this.data.checklists),
                              votes: structuredClone(this.data.votes) });
      this.data.rounds.sort((a, b) => a.date.localeCompare(b.date));
      team.save(this.data);
      label.value = "";
      const saved = format(ui.round_saved, { date: date.value });
      await this.showRounds();
      await this.showMethodChanges();
      this.transfer.say(saved);
    });
    this.part("rounds").append(form, this.roundArea);
  }

  /** Each stage's share of done items in each round, counted with the round's methods. */
  async roundSeries() {
    /** @type {Series[]} */
    const series = this.stages.map(stage => ({ stage, points: [] }));
    for (const round of this.data.rounds) {
      const methods = await team.chosenMethods(this.index, round.methods);
      const lists = this.listsFor(methods);
      for (const line of series) {
        const found = lists.find(({ stage }) => stage.id === line.stage.id);
        line.points.push(found ? Overview.countLists(found.lists, round.checklists) : null);
      }
    }
    return series.filter(line => line.points.some(point => point && point.total));
  }

  async showRounds() {
    const ui = this.ui;
    const rounds = this.data.rounds;
    if (!rounds.length) {
      this.roundArea.replaceChildren(element("p", {}, [ui.rounds_none]));
      return;
    }
    const series = await this.roundSeries();
    const name = (/** @type {team.Round} */ round) => (round.label ? `${round.date} ${round.label}` : round.date);
    const rows = rounds.map((round, index) => [
      name(round),
      ...series.map(line => {
        const counts = line.points[index];
        return counts && counts.total
          ? `${percent(counts)} % (${format(ui.round_cell, counts)})` : "–";
      }),
      String(round.votes.length),
      button(ui.round_delete, () => this.deleteRound(round), "kb-small-button"),
    ]);
    this.roundArea.replaceChildren(
      element("figure", { class: "kb-chart-figure" }, [
        chart(ui, rounds.map(name), series),
        element("figcaption", {}, [ui.chart_caption]),
      ]),
      table(ui.rounds_caption,
            [ui.round_column, ...series.map(line => line.stage.title), ui.votes_column, ""],
            rows, "kb-ov-rounds-table"),
    );
  }

  /* ---------- changes to the chosen methods since the last saved round ---------- */

  /** What changed in the chosen methods after the latest saved round's date (every change
   *  when no round is saved), newest first: the method, the day and the fields. */
  async showMethodChanges() {
    const ui = this.ui;
    const area = this.part("method-changes");
    if (!this.methods.length) {
      area.replaceChildren(element("p", {}, [ui.method_changes_no_methods]));
      return;
    }
    /** @type {Record<string, Change[]>} */
    let changes;
    try {
      changes = (await fetchJson(new URL(CHANGES, root))).methods;
    } catch (error) {
      console.error(error);
      area.replaceChildren(element("p", {}, [ui.method_changes_error]));
      return;
    }
    const since = this.data.rounds.map(round => round.date).sort().at(-1) ?? "";
    const rows = this.methods
      .flatMap(method => (changes[method.id] ?? [])
        .filter(change => !change.created && change.date > since)
        .map(change => ({ method, change })))
      .sort((a, b) => b.change.date.localeCompare(a.change.date))
      .map(({ method, change }) => [
        link(method.href, method.title),
        change.date,
        change.verdicts
          ? `${change.fields.join(", ")} (${ui.method_changes_verdict})`
          : change.fields.join(", "),
      ]);
    if (!rows.length) {
      area.replaceChildren(element("p", {}, [
        since ? format(ui.method_changes_none, { since }) : ui.method_changes_none_all]));
      return;
    }
    const caption = since
      ? format(ui.method_changes_caption, { since }) : ui.method_changes_caption_all;
    area.replaceChildren(table(caption, ui.method_changes_columns, rows));
  }

  /** @param {team.Round} round */
  deleteRound(round) {
    if (!window.confirm(format(this.ui.round_confirm_delete, { date: round.date }))) return;
    team.removeRound(this.data, round.id);
    team.save(this.data);
    this.showRounds();
  }

  /* ---------- many raters, one consensus ---------- */

  buildConsensusTools() {
    const ui = this.ui;
    const name = element("input", { type: "text", id: "kb-rater-name", autocomplete: "name" });
    const own = element("form", { class: "kb-ov-form" }, [
      element("label", { for: "kb-rater-name" }, [ui.rater_name]), name,
      element("button", { type: "submit", class: "md-button" }, [ui.export_vote]),
    ]);
    own.addEventListener("submit", event => {
      event.preventDefault();
      if (!name.value.trim()) {
        this.transfer.say(ui.rater_name_missing);
        name.focus();
        return;
      }
      this.transfer.exportFile(name.value.trim());
    });
    const files = element("input", { type: "file", accept: "application/json,.json",
                                     multiple: "", hidden: "", "aria-label": ui.import_votes });
    files.addEventListener("change", () => this.importVotes(files));
    this.part("consensus").append(
      element("p", {}, [ui.consensus_intro]), own,
      element("div", { class: "kb-tool-buttons" }, [
        button(ui.import_votes, () => files.click()),
        button(ui.clear_votes, () => this.clearVotes()),
      ]),
      files, this.consensusArea);
  }

  /** Raters' own files, each a vote; a file that is not one is said, and none is taken.
   * @param {HTMLInputElement} input */
  async importVotes(input) {
    const ui = this.ui;
    /** @type {team.Vote[]} */
    const found = [];
    for (const file of input.files ?? []) {
      try {
        /** @type {unknown} */
        const raw = JSON.parse(await file.text());
        const data = team.migrate(raw);
        const named = raw && typeof raw === "object" && "rater" in raw ? raw.rater : "";
        const rater = typeof named === "string" && named.trim()
          ? named.trim() : file.name.replace(/\.json$/i, "");
        found.push({ rater, checklists: data.checklists, changed: team.now() });
      } catch (error) {
        console.error(error);
        this.transfer.say(format(ui.vote_failed, { file: file.name }));
        input.value = "";
        return;
      }
    }
    input.value = "";
    const names = new Set(found.map(vote => vote.rater));
    this.data.votes = [...this.data.votes.filter(vote => !names.has(vote.rater)), ...found];
    team.save(this.data);
    this.transfer.say(format(ui.votes_imported, { n: found.length,
                                                  total: this.data.votes.length }));
    this.showConsensus();
  }

  clearVotes() {
    if (!this.data.votes.length || !window.confirm(this.ui.confirm_clear_votes)) return;
    team.removeVotes(this.data);
    team.save(this.data);
    this.showConsensus();
  }

  /** Per item that anyone voted on: the spread of votes, disagreements first, and a
   * choice of the agreed state, which starts at the most common vote. */
  showConsensus() {
    const ui = this.ui;
    const votes = this.data.votes;
    if (!votes.length) {
      this.consensusArea.replaceChildren(element("p", {}, [ui.votes_none]));
      return;
    }
    const label = (/** @type {team.State | ""} */ value) => stateWord(ui, value);
    /** @type {{found: Found, spread: {state: team.State | "", raters: string[]}[],
     *          top: team.State | "", agree: boolean}[]} */
    const rows = [];
    for (const found of this.items()) {
      const cast = votes.map(vote => ({
        rater: vote.rater, state: vote.checklists[found.list.id]?.[found.item.id]?.state || "" }));
      if (!cast.some(vote => vote.state)) continue;
      // Raters who left the item unmarked are a group of their own: no vote is no agreement.
      const spread = VOTES.map(state => ({
        state, raters: cast.filter(vote => vote.state === state).map(vote => vote.rater) }))
        .filter(group => group.raters.length);
      const top = [...spread].sort((a, b) => b.raters.length - a.raters.length)[0].state;
      rows.push({ found, spread, top, agree: spread.length === 1 });
    }
    rows.sort((a, b) => Number(a.agree) - Number(b.agree) || b.spread.length - a.spread.length);
    /** @type {{select: HTMLSelectElement, found: Found}[]} */
    const selects = [];
    const body = rows.map(({ found, spread, top, agree }, index) => {
      const id = `kb-agreed-${index}`;
      const select = element("select", { id, "aria-label": format(ui.agreed_label, { item: found.item.text }) },
                             VOTES.map(state => element("option", { value: state },
                                                                       [label(state)])));
      select.value = top;
      selects.push({ select, found });
      return element("tr", { class: agree ? "kb-agree" : "kb-disagree" }, [
        element("th", { scope: "row" }, [link(found.href, found.item.text)]),
        element("td", {}, [found.stage.title]),
        element("td", {}, [element("ul", { class: "kb-spread" }, spread.map(group => element(
          "li", { "data-state": group.state }, [
            `${label(group.state)}: ${group.raters.length}`,
            element("span", { class: "kb-raters" }, [` (${group.raters.join(", ")})`])])))]),
        element("td", {}, [agree ? ui.agreed_yes : ui.agreed_no]),
        element("td", {}, [select]),
      ]);
    });
    const apply = button(ui.apply_consensus, async () => {
      for (const { select, found } of selects) {
        team.setField(this.data, found.list.id, found.item.id, "state", select.value);
      }
      team.save(this.data);
      await this.show();
      this.transfer.say(format(ui.consensus_applied, { n: selects.length }));
    });
    this.consensusArea.replaceChildren(
      element("p", {}, [format(ui.votes_from, { names: votes.map(v => v.rater).join(", ") })]),
      element("div", { class: "kb-consensus-table" }, [element("table", {}, [
        element("caption", {}, [ui.consensus_caption]),
        element("thead", {}, [element("tr", {}, ui.consensus_columns.map(
          column => element("th", { scope: "col" }, [column])))]),
        element("tbody", {}, body)])]),
      element("div", { class: "kb-tool-buttons" }, [apply]));
  }

  /* ---------- the meeting report ---------- */

  buildReportForm() {
    const ui = this.ui;
    this.participants.value = this.data.meeting.participants || "";
    const keep = () => {
      this.data.meeting = { date: this.meetingDate.value,
                            participants: this.participants.value, changed: team.now() };
      team.save(this.data);
      this.reportHeading.textContent = format(ui.report_heading, { date: this.meetingDate.value });
    };
    this.meetingDate.addEventListener("input", keep);
    this.participants.addEventListener("input", keep);
    this.reportHeading.textContent = format(ui.report_heading, { date: this.meetingDate.value });
    const print = button(ui.print_report, () => {
      const root = document.documentElement;
      root.classList.add("kb-print-report");
      window.addEventListener("afterprint", () => root.classList.remove("kb-print-report"),
                              { once: true });
      window.print();
    });
    print.classList.add("kb-print-button");
    this.part("report").append(
      this.reportHeading,
      element("div", { class: "kb-ov-form kb-report-fields" }, [
        element("label", { for: "kb-meeting-date" }, [ui.meeting_date]), this.meetingDate,
        element("label", { for: "kb-meeting-participants" }, [ui.participants]),
        this.participants,
      ]),
      element("h3", {}, [ui.changes_heading]), this.changes,
      element("h3", {}, [ui.report_next_heading]), this.reportNext,
      print);
  }

  showReport() {
    const ui = this.ui;
    const last = this.data.rounds[this.data.rounds.length - 1];
    if (!last) {
      this.changes.replaceChildren(element("p", {}, [ui.changes_no_round]));
    } else {
      const then = new Map([...this.items(last.checklists)].map(
        found => [`${found.list.id} ${found.item.id}`, found.entry.state]));
      const changed = [...this.items()].filter(found => (found.entry.state || "")
        !== (then.get(`${found.list.id} ${found.item.id}`) || ""));
      const state = (/** @type {team.State | undefined} */ value) => stateWord(ui, value);
      this.changes.replaceChildren(
        element("p", {}, [format(ui.changes_since, { date: last.date })]),
        changed.length
          ? table(ui.changes_caption, ui.changes_columns, changed.map(found => [
            link(found.href, found.item.text), found.stage.title,
            state(then.get(`${found.list.id} ${found.item.id}`)), state(found.entry.state)]))
          : element("p", {}, [ui.changes_none]));
    }
    const started = [...this.items()].filter(({ entry }) => entry.state === "started");
    this.reportNext.replaceChildren(
      ...this.nextSteps(),
      ...(started.length ? [table(ui.report_started_caption, ui.item_columns,
                                  started.map(found => this.itemRow(found)))] : []));
  }

  /* ---------- export, import, share, print ---------- */

  buildTools() {
    const ui = this.ui;
    this.part("tools").append(
      this.transfer.backupStatus(),
      element("div", { class: "kb-tool-buttons", role: "group", "aria-label": ui.tools }, [
        ...this.transfer.buttons(),
        button(ui.print_overview, () => window.print()),
        button(ui.reset_all, () => this.reset()),
      ]),
      ...this.transfer.parts());
  }

  reset() {
    if (!window.confirm(this.ui.confirm_reset_all)) return;
    team.save(team.cleared(team.load()));
    this.transfer.say(this.ui.reset_all_done);
    this.refresh();
  }
}

/* ---------- the chart of rounds ---------- */

const MARKERS = ["circle", "square", "triangle", "diamond", "cross", "circle-open"];
const DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"];

/** An SVG element with attributes and children (text is set as text).
 * @param {string} tag
 * @param {Record<string, string | number>} attributes
 * @param {(Node | string)[]} children */
function svg(tag, attributes = {}, children = []) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

/** @param {string} kind one of MARKERS
 * @param {number} x
 * @param {number} y */
function marker(kind, x, y) {
  const r = 5;
  switch (kind) {
    case "square": return svg("rect", { x: x - r, y: y - r, width: 2 * r, height: 2 * r });
    case "triangle": return svg("path", { d: `M${x} ${y - r - 1}L${x + r + 1} ${y + r}L${x - r - 1} ${y + r}Z` });
    case "diamond": return svg("path", { d: `M${x} ${y - r - 1}L${x + r + 1} ${y}L${x} ${y + r + 1}L${x - r - 1} ${y}Z` });
    case "cross": return svg("path", { d: `M${x - r} ${y - r}L${x + r} ${y + r}M${x - r} ${y + r}L${x + r} ${y - r}`, class: "kb-chart-stroke" });
    case "circle-open": return svg("circle", { cx: x, cy: y, r, class: "kb-chart-open" });
    default: return svg("circle", { cx: x, cy: y, r });
  }
}

/** A line per stage over the rounds, 0–100 % done; lines differ by dash and marker, not
 * colour alone, and the legend names them; the table beside holds the same figures.
 * @param {OverviewUi} ui
 * @param {string[]} labels the rounds' names
 * @param {Series[]} series */
function chart(ui, labels, series) {
  const width = 640;
  const left = 48;
  const right = 48;
  const top = 16;
  const plot = 200;
  const legendTop = top + plot + 48;
  const height = legendTop + 20 * series.length + 8;
  const x = (/** @type {number} */ index) => (labels.length === 1 ? left + (width - left - right) / 2
    : left + (index * (width - left - right)) / (labels.length - 1));
  const y = (/** @type {number} */ value) => top + plot - (plot * value) / 100;
  const parts = [svg("title", { id: "kb-chart-title" }, [ui.chart_title]),
                 svg("desc", { id: "kb-chart-desc" }, [ui.chart_desc])];
  for (const tick of [0, 25, 50, 75, 100]) {
    parts.push(svg("line", { x1: left, x2: width - right, y1: y(tick), y2: y(tick),
                             class: "kb-chart-grid" }),
               svg("text", { x: left - 6, y: y(tick) + 4, "text-anchor": "end" }, [`${tick} %`]));
  }
  labels.forEach((label, index) => parts.push(svg("text", {
    x: x(index), y: top + plot + 18, "text-anchor": "middle" }, [label])));
  series.forEach((line, number) => {
    const kind = MARKERS[number % MARKERS.length];
    const dash = DASHES[number % DASHES.length];
    const points = line.points.flatMap((counts, index) => (counts && counts.total
      ? [[x(index), y(percent(counts))]] : []));
    const path = points.map(([px, py], i) => `${i ? "L" : "M"}${px} ${py}`).join("");
    const group = svg("g", { class: "kb-chart-series" }, [
      svg("path", { d: path, class: "kb-chart-line", ...(dash ? { "stroke-dasharray": dash } : {}) }),
      ...points.map(([px, py]) => marker(kind, px, py)),
    ]);
    const ly = legendTop + 20 * number;
    parts.push(group, svg("g", { class: "kb-chart-series" }, [
      svg("path", { d: `M${left} ${ly}L${left + 36} ${ly}`, class: "kb-chart-line",
                    ...(dash ? { "stroke-dasharray": dash } : {}) }),
      marker(kind, left + 18, ly),
      svg("text", { x: left + 44, y: ly + 4 }, [line.stage.title])]));
  });
  return svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "kb-chart-svg kb-rounds-chart",
                      role: "img", "aria-labelledby": "kb-chart-title kb-chart-desc" }, parts);
}

export async function enhance() {
  const overview = unenhanced(".kb-overview[data-ui]");
  if (!overview) return;
  await stylesheet("kb-team.css");
  /** @type {OverviewUi} */
  const ui = uiOf(overview);
  let index;
  try {
    index = await team.loadIndex();
  } catch (error) {
    console.error(error);
    part(overview, "methods").textContent = ui.methods_error;
    overview.hidden = false;
    return;
  }
  await new Overview(overview, ui, index).start();
}
