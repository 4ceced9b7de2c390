-- Run by `pandoc lua`: formats several documents, each in its own CSL style, in one process.
-- stdin: a JSON list of {csl, bibliography, markdown}; stdout: a JSON list of HTML strings,
-- in the same order. Every work of the bibliography is listed (nocite @*), unlinked.
local requests = pandoc.json.decode(io.read("a"), false)
local everything = pandoc.read("@*", "markdown").blocks[1].content
local results = {}
for i, request in ipairs(requests) do
  local doc = pandoc.read(request.markdown, "markdown")
  doc.meta.csl = request.csl
  doc.meta.bibliography = request.bibliography
  doc.meta.nocite = everything
  doc.meta["link-citations"] = false
  results[i] = pandoc.write(pandoc.utils.citeproc(doc), "html", {wrap_text = "none"})
end
io.write(pandoc.json.encode(results))
