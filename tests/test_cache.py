"""The edition's cache on disk (hooks/edition/cache.py) and pandoc's results kept in it."""
from __future__ import annotations

import json

import pytest

from edition import citeproc
from edition.citeproc.cache import Cache, key
from edition.errors import EditionError

ITEM = {"id": "yau2020", "type": "report", "title": "Russia and China's quiet rivalry in Central Asia",
        "author": [{"family": "Yau", "given": "Niva"}], "issued": {"date-parts": [[2020, 9]]},
        "publisher": "Foreign Policy Research Institute"}


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Cache:
    monkeypatch.delenv("EDITION_CACHE", raising=False)
    monkeypatch.delenv("EDITION_CACHE_DIR", raising=False)
    return Cache(tmp_path, "citeproc")


def test_an_entry_is_read_back_from_the_projects_cache_folder(cache, tmp_path):
    cache.put("abc", ["<p>x</p>"])
    assert cache.get("abc") == ["<p>x</p>"]
    assert (tmp_path / ".cache" / "edition" / "citeproc" / "abc.json").is_file()
    assert list(cache.folder.glob("*.tmp")) == []


def test_a_torn_entry_is_a_miss_not_an_error(cache):
    cache.put("abc", ["<p>x</p>"])
    (cache.folder / "abc.json").write_text('["<p>', encoding="utf-8")
    assert cache.get("abc") is None


def test_edition_cache_off_reads_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITION_CACHE", "off")
    cache = Cache(tmp_path, "citeproc")
    cache.put("abc", ["<p>x</p>"])
    assert cache.get("abc") is None
    assert not (tmp_path / ".cache").exists()


def test_edition_cache_dir_moves_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITION_CACHE_DIR", str(tmp_path / "elsewhere"))
    Cache(tmp_path / "project", "citeproc").put("abc", [])
    assert (tmp_path / "elsewhere" / "citeproc" / "abc.json").is_file()


def test_keys_tell_where_one_part_ends():
    assert key("ab", "c") != key("a", "bc")
    assert key("ab", "c") == key("ab", b"c")


def test_a_batch_formatted_once_is_not_formatted_again(cache):
    requests = [citeproc.Request([ITEM], "apa", "[@yau2020]")]
    first = citeproc.Batch(requests, cache)
    assert first.process is not None
    formatted = first.results()
    assert "Yau, N. (2020" in formatted[0]
    again = citeproc.Batch(requests, cache)
    assert again.process is None            # no pandoc run
    assert again.results() == formatted


def test_a_changed_entry_or_style_is_formatted_afresh(cache):
    citeproc.Batch([citeproc.Request([ITEM], "apa")], cache).results()
    retitled = {**ITEM, "title": "Another title"}
    changed = citeproc.Batch([citeproc.Request([retitled], "apa")], cache)
    assert changed.process is not None
    assert "Another title" in changed.results()[0]
    restyled = citeproc.Batch([citeproc.Request([ITEM], "modern-language-association")], cache)
    assert restyled.process is not None
    assert "Yau, Niva." in restyled.results()[0]


def test_a_cached_result_of_the_wrong_shape_is_formatted_again(cache):
    requests = [citeproc.Request([ITEM], "apa")]
    batch = citeproc.Batch(requests, cache)
    batch.results()
    (cache.folder / f"{batch.key}.json").write_text(json.dumps({"not": "a list"}), encoding="utf-8")
    again = citeproc.Batch(requests, cache)
    assert again.process is not None
    assert "Yau, N." in again.results()[0]


def test_a_failing_pandoc_stops_the_build_with_its_message(cache, tmp_path, monkeypatch):
    script = tmp_path / "broken.lua"
    script.write_text('error("the CSL style could not be read")\n', encoding="utf-8")
    monkeypatch.setattr(citeproc, "SCRIPT", script)
    batch = citeproc.Batch([citeproc.Request([ITEM], "apa")], cache)
    with pytest.raises(EditionError, match="(?s)pandoc could not format the citations: .*could not be read"):
        batch.results()
    assert not cache.folder.exists() or list(cache.folder.glob("*.json")) == []  # nothing cached


def test_output_that_is_not_the_documents_asked_for_is_an_error(cache, tmp_path, monkeypatch):
    script = tmp_path / "short.lua"
    script.write_text('io.write("[]")\n', encoding="utf-8")
    monkeypatch.setattr(citeproc, "SCRIPT", script)
    with pytest.raises(EditionError, match="did not give 1 formatted documents"):
        citeproc.Batch([citeproc.Request([ITEM], "apa")], cache).results()
