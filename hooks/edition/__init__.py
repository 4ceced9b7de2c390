"""The edition's build logic, one module per concern; hooks/edition_hooks.py wires it to MkDocs."""
