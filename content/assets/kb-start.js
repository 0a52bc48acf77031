/* Kunskapsbank: the one script every page loads (mkdocs.yml), which loads the others a page
 * uses and nothing else.
 *
 * Each feature is a module with an `enhance()` for one page, imported the first time a page
 * holds its marker (an element the generator or the theme writes) and then kept: Material's
 * instant navigation swaps pages without reloading scripts, so a later page with the same
 * marker runs the same module again. A module loads its own stylesheet (kb-common.js,
 * `stylesheet`), so styles come with the scripts that need them.
 */

import { onEveryPage } from "./kb-common.js";

// Every page has the header search, and its keys ("/", "s", Ctrl+K) work from the moment the
// page has loaded: a static import is evaluated before the load event, a dynamic one may not be.
import "./kb-search.js";

/** The marker that says a page has a feature, and the feature's module. */
const FEATURES = [
  [".md-header__inner", "./kb-search.js"],
  [".md-content article", "./kb-glossary.js"],
  [".md-content a[href]", "./kb-print-links.js"],
  [".md-typeset__scrollwrap", "./kb-tables.js"],
  [".kb-link-tools[data-ui]", "./kb-links.js"],
  [".kb-checklist-tools[data-ui]", "./kb-checklist.js"],
  [".kb-overview[data-ui]", "./kb-overview.js"],
  ["form.kb-finder", "./kb-finder.js"],
  ["form.kb-compare-form", "./kb-compare.js"],
  ["form.kb-fit-form", "./kb-fit.js"],
];

/* The page says when every feature it holds has started (`data-kb-ready` on the root
 * element): a module arrives after the page's load event, so this, not the load, is the
 * moment from which every control is there. A feature that failed has started too, with
 * its error in the console. */
onEveryPage(() => {
  const root = document.documentElement;
  delete root.dataset.kbReady;
  const started = FEATURES.filter(([marker]) => document.querySelector(marker)).map(
    ([, module]) =>
      import(module)
        .then(feature => feature.enhance())
        .catch(error => console.error(error)),
  );
  Promise.all(started).then(() => {
    root.dataset.kbReady = "";
  });
});
