"""Stage 6, the site: a generated tree any MkDocs-compatible engine builds (`tree`), `kb build`
and `kb serve` on MkDocs, how the site is published, and the thin layers people call: the
`kb` command (`cli`) and the MkDocs plugin (`plugin`)."""
