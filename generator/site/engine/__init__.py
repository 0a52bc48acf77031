"""The engine adapter: the rendered pages as a site an engine builds.
`generation` checks, models and renders (the start of every build); `site_files` is the one
source of the generated files and `mkdocs.yml` settings; `tree` writes them for any
MkDocs-compatible engine (`kb generate`); `build` and `mkdocs_pages` hand them to MkDocs in
memory (`kb build`), as `plugin` does in `mkdocs build`/`mkdocs serve`; `serve` is
`kb serve`; `search` indexes a built site; `staging` swaps an output folder in whole.
Takes: the project and what `rendering` gives, and from `publishing` the address and theme
overrides. Gives: the generated tree, the built site with its search index, the dev server."""
