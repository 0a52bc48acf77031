// Prints the script that puts pa11y's own page-side runner and its HTML_CodeSniffer runner
// into a page, as pa11y itself does before it tests a page (pa11y's lib/pa11y.js,
// loadRunnerScript): the browser tests run it in a page they have already loaded and
// settled, so that every page of the WCAG sweep gets pa11y's checks without a second
// browser and a second load (tests/accessibility.py: pa11y_issues).
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import process from "node:process";

const require = createRequire(import.meta.url);
const runner = require("pa11y/lib/runners/htmlcs.js");
const pa11y = readFileSync(require.resolve("pa11y/lib/runner.js"), "utf-8");
const scripts = runner.scripts.map(script => readFileSync(script, "utf-8")).join("\n\n");
const version = require("pa11y/package.json").version;
process.stdout.write(JSON.stringify({
  version,
  // Ends in `void 0`: Playwright calls a script whose value is a function.
  script: `${pa11y}\n;${scripts};\n;window.__pa11y.runners.htmlcs = ${runner.run.toString()};\nvoid 0;\n`,
}));
