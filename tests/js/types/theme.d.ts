// What the site's scripts use of the theme: Material's `document$`, its public announcement
// of each page instant navigation shows (absent under Zensical and without the feature).
interface Window {
  document$?: { subscribe(callback: () => void): unknown };
}
