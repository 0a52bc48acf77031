// ESLint over the site's browser scripts (content/assets/*.js), run by `make test` from the
// repository root: `tests/js/node_modules/.bin/eslint -c tests/js/eslint.config.js content/assets`.
// Every script is an ES module in the browser; whatever it shares it imports (kb-common.js).
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["**/*.js"],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: "module",
      globals: { ...globals.browser },
    },
    rules: {
      eqeqeq: "error",
      "no-implicit-globals": "error",
      "no-var": "error",
      "prefer-const": "error",
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
    },
  },
];
