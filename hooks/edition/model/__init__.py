"""The model of the edition: what the edition is, built once per build and then only read.

`edition.Edition` holds every fact the features need (the report, this edition, its parts
in reading order, paragraphs, notes, works, terms, entities, annotations, events, changes,
releases); `anchors.Anchor` is the one way to parse, check and label `pN`, `fn:N` and
`figure-N`; `schema` reads and checks every data file against its JSON Schema; `build`
makes the `Edition`. The model imports no feature: features are functions of the model.
"""
