// The header search's texts, which the build writes as assets/kb-search-strings.js from the
// locale file (generator/rendering/search_ui.py); rootDirs puts this beside content/assets/.
declare const strings: Record<string, string>;
export default strings;
