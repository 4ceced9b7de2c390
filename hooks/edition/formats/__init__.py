"""The edition's offline formats: the PDFs (pdf.py, laid out by WeasyPrint with print.css and
the fonts in fonts/) and the EPUB (epub.py, with epub.css), made from the model and the pages'
rendered content (offline.py), as the copies of copies.py say (the books, the sections'
handouts: handouts.py), by one entry point (build.py); formats/links.py links the handouts from
the pages."""
