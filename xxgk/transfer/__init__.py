"""Moving one institution, with everything it owns, from one deployment to another.

`plan.py` says which model is exported and how its rows are found from the institution (or why it is
left out); `exporter.py` writes the archive (JSON per model, the files, `manifest.json` with the counts
and every member's sha256); `importer.py` checks the manifest and loads the archive in one transaction
with new primary keys. The commands are `xxgk export` and `xxgk import`.
"""
