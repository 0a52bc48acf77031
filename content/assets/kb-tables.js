/* Kunskapsbank: wide tables reachable by keyboard.
 *
 * A table wider than the page scrolls inside Material's wrapper (`.md-typeset__scrollwrap`,
 * see kb.css). A keyboard user can scroll it only if the wrapper can take focus, so each
 * wrapper whose table does not fit becomes a tab stop, with the focus ring every control
 * has (WCAG 2.1.1; Safari does not make scroll containers focusable by itself). Material's
 * instant navigation swaps pages without reloading scripts, so the script runs for every
 * page `document$` emits.
 */
(() => {
  "use strict";

  /** A tab stop while the table does not fit, none while it does. */
  function update(wrapper) {
    if (wrapper.scrollWidth > wrapper.clientWidth) {
      wrapper.tabIndex = 0;
    } else {
      wrapper.removeAttribute("tabindex");
    }
  }

  // Sizes change with the window and when a script shows a table (the finder's results).
  const observer = new ResizeObserver(entries => entries.forEach(entry => update(entry.target)));

  document$.subscribe(() => {
    observer.disconnect();
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(wrapper => {
      update(wrapper);
      observer.observe(wrapper);
    });
  });
})();
