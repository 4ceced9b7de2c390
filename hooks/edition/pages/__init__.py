"""The generated pages: their Markdown, made from the model."""
