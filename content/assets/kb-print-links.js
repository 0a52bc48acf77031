/* Kunskapsbank: link targets on paper.
 *
 * A printed page or handout cannot be clicked, and a bare path such as `/ebp/#forskning`
 * cannot be typed, so print CSS writes each link's full address after it. Addresses inside
 * the site are moved onto the page's canonical address (MkDocs writes it from `site_url`),
 * so a page printed from a local copy still names the published site; without `site_url`
 * it is the address as the browser resolves it. (Material's instant navigation has made
 * every href absolute by now, so `link.href` is the address the browser would open.) Links whose text already is the address are left
 * alone. Links added later (glossary terms, the finder's results) are covered by running
 * again just before printing. kb-start.js also runs it for every page with links.
 */

/** The address `link` leads to, on the published site if the page names it.
 * @param {HTMLAnchorElement} link
 * @param {string} root the site root relative to the page (the theme's `base`)
 * @param {HTMLLinkElement | null} canonical */
function published(link, root, canonical) {
  const local = new URL(root, location.href).href;
  if (!canonical || !link.href.startsWith(local)) return link.href;
  return new URL(link.href.slice(local.length), new URL(root, canonical.href)).href;
}

function annotate() {
  const root = JSON.parse(document.getElementById("__config")?.textContent ?? "{}").base ?? ".";
  /** @type {HTMLLinkElement | null} */
  const canonical = document.querySelector('link[rel="canonical"]');
  for (const link of document.querySelectorAll(/** @type {"a"} */ (".md-content a[href]"))) {
    if (link.matches(".headerlink, .md-content__button")) continue;
    const address = published(link, `${root.replace(/\/?$/, "/")}`, canonical);
    if ((link.textContent ?? "").trim() === address) continue;
    link.dataset.kbAddress = address;
  }
}

window.addEventListener("beforeprint", annotate);
export const enhance = annotate;
