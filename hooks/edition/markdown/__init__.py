"""Python-Markdown processors of the edition: what is done to each page as it renders."""
