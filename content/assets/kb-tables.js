/* Kunskapsbank: wide tables reachable by keyboard.
 *
 * A table wider than the page scrolls inside Material's wrapper (`.md-typeset__scrollwrap`,
 * see kb.css). A keyboard user can scroll it only if the wrapper can take focus, so each
 * wrapper whose table does not fit becomes a tab stop, with the focus ring every control
 * has (WCAG 2.1.1; Safari does not make scroll containers focusable by itself). kb-start.js
 * runs it for every page with such a wrapper.
 */

import { findAll } from "./kb-common.js";

/** A tab stop while the table does not fit, none while it does.
 * @param {HTMLElement} wrapper */
function update(wrapper) {
  if (wrapper.scrollWidth > wrapper.clientWidth) {
    wrapper.tabIndex = 0;
  } else {
    wrapper.removeAttribute("tabindex");
  }
}

// Sizes change with the window and when a script shows a table (the finder's results).
const observer = new ResizeObserver(
  entries => entries.forEach(entry => update(/** @type {HTMLElement} */ (entry.target))));

export function enhance() {
  observer.disconnect();
  findAll(".md-typeset__scrollwrap").forEach(wrapper => {
    update(wrapper);
    observer.observe(wrapper);
  });
}
