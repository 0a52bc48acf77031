/* Kunskapsbank: link targets on paper.
 *
 * A printed page or handout cannot be clicked, and a bare path such as `/ebp/#forskning`
 * cannot be typed, so print CSS writes each link's full address after it. The address is
 * resolved against the page's canonical address (MkDocs writes it from `site_url`), so a
 * page printed from a local copy still names the published site; without `site_url` it is
 * the address as the browser resolves it. Links whose text already is the address are left
 * alone. Links added later (glossary terms, the finder's results) are covered by running
 * again just before printing. Material's instant navigation swaps pages without reloading
 * scripts, so the script also runs for every page `document$` emits.
 */
(() => {
  "use strict";

  function annotate() {
    const canonical = document.querySelector('link[rel="canonical"]');
    const base = canonical ? canonical.href : location.href;
    for (const link of document.querySelectorAll(".md-content a[href]")) {
      if (link.matches(".headerlink, .md-content__button")) continue;
      const address = new URL(link.getAttribute("href"), base).href;
      if (link.textContent.trim() === address) continue;
      link.dataset.kbAddress = address;
    }
  }

  window.addEventListener("beforeprint", annotate);
  document$.subscribe(annotate);
})();
