"""`kb cms`: forms in the browser over the records, for editors who do not write YAML.

Decap CMS edits the files in data/ through a git back end; locally through decap-server,
which `kb cms` starts and serves from the same address as the editor page, together with
the result of `kb check` after every save.
"""
