"""What serves the people who put the site online: its public address and the theme
overrides every engine uses (`publication`, `theme/`: footer and 404 page), and server
settings to copy (`deploy/`: nginx, its brotli addition, Caddy).
Takes: the project's settings (`mkdocs.yml`, `extra.kb`). Gives: the address, the theme
folder and the settings a build adds. Imports no other part of the site, so `kb build`
can read it before the generator is imported."""
