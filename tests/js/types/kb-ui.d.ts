// The texts each team page's script reads from its element's `data-ui`, which the templates
// write from generator/locale/sv.yml (checklist_ui, and the overview's and the fit
// assessment's own, joined in generator/rendering/implementation.py). Declared here rather
// than in the scripts, so that the checker knows every key a script reads while visitors
// do not download the lists; rootDirs puts this file beside content/assets/.
import type { State } from "./kb-team.js";

/** A scale's own labels (Finns/Delvis/Saknas), laid over the states' and the progress text. */
export interface Scale {
  states?: Partial<Record<State, string>>;
  progress?: string;
}

/** The team's tools on every team page (kb-team.js). */
export type TeamUi = Record<
  | "cancel" | "choose_filter" | "choose_legend" | "cleared" | "confirm_replace"
  | "conflicts_title" | "export" | "export_now" | "exported_last" | "exported_never"
  | "file_active" | "file_failed" | "file_merged" | "file_name" | "file_not_kept"
  | "file_offer" | "file_open" | "file_read" | "file_read_failed" | "file_restored"
  | "file_resume" | "file_save" | "file_stop" | "file_stopped" | "file_type" | "import"
  | "import_cancelled" | "import_failed" | "import_question" | "imported" | "kept_mine"
  | "kept_theirs" | "link_failed" | "link_question" | "merge" | "merged"
  | "merged_conflicts" | "persist_granted" | "persist_refused" | "receive_title"
  | "replace" | "replaced" | "share" | "share_copied" | "share_label" | "share_manual"
  | "vote_file_name" | "progress" | "progress_not_applicable"
  | `storage_${"blocked" | "corrupt" | "newer"}` | `reminder_${"never" | "since"}`
  | `save_failed_${"full" | "blocked"}` | `file_permission_${"prompt" | "denied"}`,
  string
> & {
  states: Record<State, string>;
  conflict_columns: string[];
  factors: Record<string, string>;
  scales: Record<string, Scale>;
};

/** A page with checklists (kb-checklist.js). */
export type ChecklistUi = TeamUi & Record<
  | "choose_summary" | "confirm_reset" | "methods_chosen" | "methods_error" | "methods_none"
  | "methods_without_items" | "print_checklist" | "print_page" | "reset" | "reset_done"
  | "tools" | "responsible" | "comment" | "date",
  string
> & { total: Record<string, string> };

/** The team's overview (kb-overview.js). */
export type OverviewUi = TeamUi & Record<
  | "agreed_label" | "agreed_no" | "agreed_yes" | "apply_consensus" | "assessments_caption"
  | "changes_caption" | "changes_heading" | "changes_no_round" | "changes_none"
  | "changes_since" | "chart_caption" | "chart_desc" | "chart_title" | "clear_votes"
  | "confirm_clear_votes" | "confirm_reset_all" | "consensus_applied" | "consensus_caption"
  | "consensus_intro" | "export_vote" | "import_votes" | "meeting_date"
  | "method_changes_caption" | "method_changes_caption_all" | "method_changes_error"
  | "method_changes_no_methods" | "method_changes_none" | "method_changes_none_all"
  | "method_changes_verdict" | "methods_chosen" | "methods_error" | "methods_none"
  | "next_none" | "next_stage" | "no_mark" | "participants" | "passed_caption"
  | "passed_none" | "print_overview" | "print_report" | "progress_caption" | "rater_name"
  | "rater_name_missing" | "report_heading" | "report_next_heading"
  | "report_started_caption" | "reset_all" | "reset_all_done" | "round_cell"
  | "round_column" | "round_confirm_delete" | "round_date" | "round_delete" | "round_label"
  | "round_save" | "round_saved" | "rounds_caption" | "rounds_none" | "started_caption"
  | "started_none" | "tools" | "vote_failed" | "votes_column" | "votes_from"
  | "votes_imported" | "votes_none",
  string
> & Record<
  "changes_columns" | "consensus_columns" | "item_columns" | "method_changes_columns"
  | "progress_columns",
  string[]
>;

/** The fit assessment (kb-fit.js), with the open data's loading texts and vocabularies. */
export type FitUi = TeamUi & Record<
  | "ages" | "ages_value" | "arenas" | "caption" | "cite" | "coordinators" | "cost_band"
  | "costs" | "costs_missing" | "developer" | "duration" | "error" | "evidence" | "factor"
  | "formats" | "intensity" | "loading" | "missing" | "no_rating" | "no_rating_given"
  | "note_label" | "print" | "problems" | "providers" | "rating" | "rating_label"
  | "record_says" | "selected" | "spread" | "staffing" | "target_group" | "too_few"
  | "too_many" | "total" | "total_heading" | "training" | "training_countries",
  string
> & {
  ratings: string[];
  factor_questions: Record<string, string>;
  vocab: Record<string, Record<string, string>>;
};
