"""The bibliography's downloads and /cite/'s snippets, read back by readers that are not ours:
biber (biblatex's data model), bibtexparser, rispy, and citeproc-js (npm citation-js), a CSL
processor other than pandoc, which must render the CSL-JSON as /bibliography/ shows it. Each
runs on both editions (the real one and the invented minimal one: the `project` fixture)."""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import bibtexparser
import lxml.etree
import pytest
import rispy

ROOT = Path(__file__).resolve().parent.parent
DOWNLOADS = ("report.bib", "report.ris", "report.json")


@pytest.fixture
def edition(project):
    return project.model


def download(site, name: str) -> str:
    links = [a["href"] for a in site.page("bibliography").find("article").find_all("a")]
    assert name in links, f"/bibliography/ does not link {name}"
    return (site.path / "bibliography" / name).read_text(encoding="utf-8")


def biber_warnings(path: Path, tmp_path: Path) -> list[str]:
    assert shutil.which("biber"), "biber is missing: scripts/system-deps.sh installs it"
    # biber takes the file relative to its working folder (with --output-directory, an absolute
    # path is looked for under that folder); the output it writes goes to tmp_path.
    run = subprocess.run(["biber", "--tool", "--validate-datamodel", "--output-directory", str(tmp_path),
                          path.name], capture_output=True, text=True, cwd=path.parent, check=False)
    lines = run.stdout.splitlines() + run.stderr.splitlines()
    assert run.returncode == 0 and "INFO - Datamodel validation complete" in lines, "\n".join(lines)
    return [line for line in lines if line.startswith(("WARN", "ERROR"))]


def test_bib_folder_is_valid_for_biblatex(project, tmp_path):
    for path in sorted((project.root / "bib").glob("*.bib")):
        assert biber_warnings(path, tmp_path) == [], path


# An undated work has no date in the download (readers that do not know ISO 8601-2 read bib/'s
# date = {XXXX} as the year 0): biber's one complaint is that date, for those works only.
def test_bibtex_download_is_valid_for_biblatex(edition_site, edition, tmp_path):
    path = tmp_path / "report.bib"
    path.write_text(download(edition_site, "report.bib"), encoding="utf-8")
    undated = sorted(key for key, work in edition.works.items() if "issued" not in work.csl)
    assert undated  # bib/ has some: the check below is not empty
    assert biber_warnings(path, tmp_path) == [
        f"WARN - Datamodel: Entry '{key}' ({path}): Missing mandatory field - one of 'date, year' must be defined"
        for key in sorted(undated, key=list(edition.works).index)]


# What biber makes of a file: each entry's names and list fields (author, organization, ...), item
# by item, from its biblatexml output (a list field "A and B" is two items, "{A and B}" one).
def biber_lists(path: Path, tmp_path: Path) -> dict[str, dict[str, list[str]]]:
    out = tmp_path / f"{path.stem}.bltxml"
    subprocess.run(["biber", "--tool", "--output-format=biblatexml", f"--output-file={out}", path.name],
                   capture_output=True, text=True, cwd=path.parent, check=True)
    ns = {"bltx": "http://biblatex-biber.sourceforge.net/biblatexml"}
    found: dict[str, dict[str, list[str]]] = {}
    for entry in lxml.etree.parse(str(out)).getroot().iterfind("bltx:entry", ns):
        lists = found.setdefault(entry.get("id"), {})
        for names in entry.iterfind("bltx:names", ns):
            lists[names.get("type")] = [words(n) for n in names.iterfind("bltx:name", ns)]
        for field in entry:
            items = field.findall("bltx:list/bltx:item", ns)
            if items:
                lists[lxml.etree.QName(field).localname] = [words(item) for item in items]
    return found


def words(element) -> str:
    """An element's words, biber's LaTeX escapes read ("Oil \\& Gas" is "Oil & Gas")."""
    return re.sub(r"\\([&%$#_])", r"\1", " ".join(" ".join(element.itertext()).split()))


def corporate_names(edition) -> dict[str, list[str]]:
    """Each work whose author is an organization -> its authors' names as CSL-JSON gives them."""
    return {key: [name.get("literal") or name["family"] for name in work.csl["author"]]
            for key, work in edition.works.items()
            if any("literal" in name for name in work.csl.get("author", []))}


# The real report's bib/: its corporate names with "and" (an organization is one name, not two).
CORPORATE = {"bri2017testrun": "Belt and Road Portal", "bri2018highway": "Belt and Road Portal",
             "occrp2024matraimov": "Organized Crime and Corruption Reporting Project",
             "osce2002academy": "Organization for Security and Co-operation in Europe",
             "unescap2014brief": "United Nations Economic and Social Commission for Asia and the Pacific"}


@pytest.mark.content
def test_biber_reads_each_corporate_name_in_bib_as_one(tmp_path):
    lists = {}
    for path in sorted((ROOT / "bib").glob("*.bib")):
        copy = tmp_path / path.name
        copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        lists.update(biber_lists(copy, tmp_path))
    for key, name in CORPORATE.items():
        assert lists[key]["organization"] == [name], key
    assert lists["curtis1997country"]["publisher"] == ["Federal Research Division, Library of Congress"]
    assert lists["lo2008axis"]["publisher"] == ["Chatham House", "Brookings Institution Press"]  # two, rightly


def test_biber_reads_each_corporate_author_of_the_download_as_one(edition_site, edition, tmp_path):
    path = tmp_path / "report.bib"
    path.write_text(download(edition_site, "report.bib"), encoding="utf-8")
    lists = biber_lists(path, tmp_path)
    for key, work in edition.works.items():
        assert len(lists[key].get("author", [])) == len(work.csl.get("author", [])), key
    corporate = corporate_names(edition)
    assert any(" and " in name for names in corporate.values() for name in names)  # the case that splits
    for key, names in corporate.items():
        assert lists[key]["author"] == names, key


# citation-js (npm @citation-js/plugin-bibtex and plugin-ris), a reader of the downloads that is
# not ours: each corporate author one name, no undated work a year (it read XXXX as the year 0),
# an edited volume's editor kept.
@pytest.mark.parametrize("name", ["report.bib", "report.ris"])
def test_citation_js_reads_the_downloads_right(edition_site, edition, tmp_path, name):
    node = shutil.which("node")
    assert node, "node is missing: scripts/system-deps.sh installs it"
    path = tmp_path / name
    path.write_text(download(edition_site, name), encoding="utf-8")
    run = subprocess.run([node, str(ROOT / "tests/js/read_bib.js"), str(path)],
                         capture_output=True, text=True, cwd=ROOT, check=True)
    read = {item.get("id") or item["citation-key"]: item for item in json.loads(run.stdout)}
    assert read.keys() == edition.works.keys()
    for key, work in edition.works.items():
        names = [n.get("literal") or n.get("family") for n in read[key].get("author", [])]
        # citation-js's RIS reads a newspaper article's AU as its "reporter" (the RIS specification's word).
        if name == "report.bib" or work.csl["type"] != "article-newspaper":
            assert names == [n.get("literal") or n.get("family") for n in work.csl.get("author", [])], key
        # the publisher whole, though it hold a comma ("Federal Research Division, Library of Congress")
        assert read[key].get("publisher") == work.csl.get("publisher"), key
        if "issued" not in work.csl:
            assert "issued" not in read[key], (key, read[key].get("issued"))
        else:
            assert read[key]["issued"]["date-parts"][0][0] == work.csl["issued"]["date-parts"][0][0], key
    # Checked above, each corporate author one name: there are some whose name holds "and".
    assert any(" and " in name for names in corporate_names(edition).values() for name in names)
    assert any("issued" not in work.csl for work in edition.works.values())
    if name == "report.bib":
        edited = {key: work.csl["editor"] for key, work in edition.works.items() if "editor" in work.csl}
        assert edited
        for key, editors in edited.items():
            assert read[key]["editor"] == [{"family": e["family"], "given": e["given"]} for e in editors], key


def test_cite_snippets_are_valid_for_biblatex(edition_site, tmp_path):
    data = json.loads((edition_site.path / "cite/citations.json").read_text(encoding="utf-8"))
    entries = [data["page"], data["report"], *data["paragraphs"].values()]
    path = tmp_path / "snippets.bib"
    path.write_text("\n".join({f["name"]: f["text"] for f in e["formats"]}["BibTeX"] for e in entries),
                    encoding="utf-8")
    assert biber_warnings(path, tmp_path) == []


def test_biber_would_report_a_violation(tmp_path):
    # The check can fail: the kind of entry bib/ had before (an @online without a URL).
    path = tmp_path / "bad.bib"
    path.write_text("@online{x, title = {T}, date = {2019}}\n", encoding="utf-8")
    assert any("url" in line for line in biber_warnings(path, tmp_path))


def test_downloads_are_the_csl_items_the_page_is_formatted_from(edition_site, edition):
    items = json.loads(download(edition_site, "report.json"))
    assert items == [dict(work.csl) for work in edition.works.values()]


def test_bibtex_download_parses_back(edition_site, edition):
    library = bibtexparser.parse_string(download(edition_site, "report.bib"))
    assert not library.failed_blocks
    exported = {e.key: {f.key: f.value for f in e.fields} for e in library.entries}
    assert exported.keys() == edition.works.keys()
    for key, work in edition.works.items():
        csl = work.csl
        # The words CSL-JSON keeps in their case (<span class="nocase">) are braced in biblatex.
        kept_case = re.sub(r'<span class="nocase">(.*?)</span>', r"{\1}", csl["title"])
        assert exported[key]["title"].replace("\\", "") == kept_case
        assert exported[key].get("url") == csl.get("URL")
        for name in csl.get("author", []):
            if "literal" in name:  # a corporate name, braced so no reader splits it
                assert "{" + name["literal"] + "}" in exported[key]["author"].replace("\\", "")
    for key, work in edition.works.items():  # an undated work: no date (XXXX is the year 0 to many)
        assert ("date" in exported[key]) == ("issued" in work.csl), key
        if "editor" in work.csl:  # an edited volume keeps its editor
            assert exported[key]["editor"] == " and ".join(f"{e['family']}, {e['given']}" for e in work.csl["editor"])


def test_ris_download_parses_back(edition_site, edition):
    records = {r["id"]: r for r in rispy.loads(download(edition_site, "report.ris"))}
    assert records.keys() == edition.works.keys()
    for key, work in edition.works.items():
        names = [n.get("literal") or f"{n['family']}, {n['given']}" for n in work.csl.get("author", [])]
        assert records[key].get("authors", []) == names
        assert all("," not in n.get("literal", "") for n in work.csl.get("author", [])), key
        assert records[key].get("urls", [None])[0] == work.csl.get("URL")
        assert ("year" in records[key]) == ("issued" in work.csl), key  # no PY for an undated work
        if "editor" in work.csl:  # an editor where Zotero's RIS translator reads one (ED)
            # rispy knows no ED: it keeps it as an unknown tag
            assert records[key]["unknown_tag"]["ED"] == [f"{e['family']}, {e['given']}" for e in work.csl["editor"]]


def test_a_reports_number_and_an_edited_volume_reach_bibtex_and_ris(site):
    """On entries of the real report's bib/: the one with a number (where readers look for it),
    an edited volume (its editor, and its publisher whole although it holds a comma)."""
    exported = {e.key: {f.key: f.value for f in e.fields}
                for e in bibtexparser.parse_string(download(site, "report.bib")).entries}
    curtis = exported["curtis1997country"]
    assert curtis["editor"] == "Curtis, Glenn E."
    assert curtis["publisher"] == "Federal Research Division, Library of Congress"
    gazette = exported["statecouncil1992gazette"]
    assert (gazette["number"], gazette["type"]) == ("1", "Official gazette")
    assert "publisher" not in gazette and "journal" not in exported["xu1994karimov"]
    records = {r["id"]: r for r in rispy.loads(download(site, "report.ris"))}
    curtis = records["curtis1997country"]
    assert (curtis["unknown_tag"]["ED"], curtis["publisher"]) == (
        ["Curtis, Glenn E."], "Federal Research Division, Library of Congress")
    # A report's number where RIS readers look for it (Zotero's RIS translator: SN for RPRT).
    assert records["statecouncil1992gazette"]["issn"] == "1"
    assert records["statecouncil1992gazette"]["type_of_work"] == "Official gazette"


# The CSL file /bibliography/ is formatted with (vendored, vendor/csl/).
def style_file(name: str) -> str:
    return str(ROOT / "vendor" / "csl" / f"{name}.csl")


def plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def test_another_csl_processor_renders_the_page(edition_site, tmp_path):
    node = shutil.which("node")
    assert node, "node is missing: scripts/system-deps.sh installs it"
    items = tmp_path / "items.json"
    items.write_text(download(edition_site, "report.json"), encoding="utf-8")
    run = subprocess.run([node, str(ROOT / "tests/js/render_csl.js"), str(items),
                          style_file("chicago-author-date")],
                         capture_output=True, text=True, cwd=ROOT, check=True)
    rendered = json.loads(run.stdout)
    page = {entry["id"]: entry for entry in edition_site.page("bibliography").select("div.bib-entry")}
    assert rendered.keys() == page.keys()
    for key, text in rendered.items():
        # The page's entry without the line the edition adds (cited in, archive, editors' note);
        # markup (italics, links) dropped on both sides, whitespace normalised.
        shown = plain(str(page[key].find("p")))
        assert same_punctuation(shown) == same_punctuation(" ".join(text.split())), key


# Two known differences between the processors, both running the same style on the same data:
# - a period after a quotation that ends in a nested one: citeproc-js sets it inside both
#   quotation marks (Rights.’”), pandoc's citeproc between them (Rights’.”);
# - title case: each keeps its own list of words left in lower case. pandoc's capitalises
#   "between", "through" and "under" and lowers "until"; citeproc-js (the CSL specification's
#   list) the reverse. Chicago (CMOS 8.159) lowers all four; the test compares them in lower case.
PREPOSITIONS = re.compile(r"\b(Between|Through|Under|Until)\b")


def same_punctuation(text: str) -> str:
    return PREPOSITIONS.sub(lambda m: m.group(1).lower(), text.replace("’.”", ".’”"))


def test_cite_snippets_keep_the_edition_statement(edition_site, edition):
    data = json.loads((edition_site.path / "cite/citations.json").read_text(encoding="utf-8"))
    formats = {f["name"]: f["text"] for f in data["page"]["formats"]}
    entry = bibtexparser.parse_string(formats["BibTeX"]).entries[0]
    fields = {f.key: f.value for f in entry.fields}
    statement = f"Annotated online edition, version {edition.edition.version}"
    assert (entry.entry_type, fields["type"]) == ("report", statement)
    assert fields["institution"] == edition.report.publisher
    record = rispy.loads(formats["RIS"])[0]
    assert (record["type_of_reference"], record["type_of_work"]) == ("RPRT", statement)
    assert record["secondary_title"] == edition.report.series  # T2: Zotero's series of a report
    report = rispy.loads({f["name"]: f["text"] for f in data["report"]["formats"]}["RIS"])[0]
    assert "type_of_work" not in report and "urls" not in report  # the 2020 report, told apart


def test_a_corporate_author_with_a_comma_stops_the_build(tmp_path):
    from helpers import tiny_site
    pages = {"index.md": "Home.\n",
             "a.md": "---\nsection: 1\n---\n\nText.[^1]\n{#p1}\n\n[^1]: [A title](@work), 2019.\n"}
    bib = "@online{work, author = {{Radio Azattyk, RFE/RL}}, title = {A title}, date = {2019}, url = {http://example.org/a}}\n"
    site = tiny_site(tmp_path, pages, bib={"report.bib": bib})
    assert site.returncode != 0, site.log
    assert "entry 'work': the corporate author 'Radio Azattyk, RFE/RL' holds a comma" in site.log, site.log
