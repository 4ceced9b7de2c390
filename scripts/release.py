#!/usr/bin/env python3
"""Release a version of the edition into the local gh-pages branch with mike (never pushed).

    python scripts/release.py VERSION        # what `make release VERSION=x.y.z` runs

VERSION must be data/work.yml's edition.version and have an entry in data/changelog.yml.
mike builds the release with site_url = EDITION_BASE_URL + VERSION + "/", so each release's
pages, citations, metadata, PDFs and EPUB name their own public address; `latest` is made an
alias of it and the default version. EDITION_BASE_URL is required and must be a public address
(not loopback, private or unspecified: 127.0.0.1, localhost., [::ffff:127.0.0.1], 10.0.0.1,
0.0.0.0; edition.model.citable.local_address): the release stops with a message otherwise, so nothing
published names a local preview's address. The files mike committed are read back: if they
lack an anchor of an earlier release (data/anchors/, unless data/redirects.yml moves it) or
give a label an earlier release gave another editors' note, the branch is put back as it was
and the release stops; otherwise the release's anchor manifest (with the notes' labels) is
written to data/anchors/VERSION.json: commit it with the release.
"""
from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRANCH = "gh-pages"        # mike's default: where the releases are committed
sys.path.insert(0, str(ROOT / "scripts"))

import anchors  # noqa: E402

sys.path.insert(0, str(ROOT / "hooks"))
from edition.model.citable import local_address  # noqa: E402
from edition.model.datafile import load_yaml  # noqa: E402  (no key twice, no alias)


def fail(message: str) -> int:
    print(f"release: {message}", file=sys.stderr)
    return 1


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        return fail("usage: scripts/release.py VERSION (e.g. make release VERSION=0.1.0)")
    version = argv[0]
    work = load_yaml((ROOT / "data/work.yml").read_text(encoding="utf-8"))
    if work["edition"]["version"] != version:
        return fail(f"data/work.yml says edition.version {work['edition']['version']!r}, not "
                    f"{version!r}: set it there first")
    releases = load_yaml((ROOT / "data/changelog.yml").read_text(encoding="utf-8")) or []
    if version not in {str(r.get("version")) for r in releases}:
        return fail(f"data/changelog.yml has no entry for {version}: describe the release first "
                    "(give the entry 'version: unreleased' this version and the date)")
    problem = address_problem(os.environ.get("EDITION_BASE_URL", ""))
    if problem:
        return fail(problem)
    base = os.environ["EDITION_BASE_URL"].rstrip("/") + "/"
    # mike runs `mkdocs` from PATH: the venv's, whether or not it is activated; it adds the
    # version's folder to site_url itself.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "PATH": path, "SITE_URL": base, "VERSION_PROVIDER": "mike",
           "NO_MKDOCS_2_WARNING": "1"}
    mike = [str(Path(sys.executable).with_name("mike"))]  # the console script of the venv
    # One build: mike's. Its commit stays only if the files it published keep every anchor
    # of every released manifest; otherwise the branch goes back to where it was.
    before = branch_head(BRANCH)
    subprocess.run([*mike, "deploy", "--branch", BRANCH, "--update-aliases", version, "latest"],
                   cwd=ROOT, env=env, check=True)
    published, labels = published_anchors(version)
    lost, reused = anchors.check(published), anchors.check_labels(labels)
    if lost or reused:
        restore_branch(BRANCH, before)
        anchors.report(lost, reused)
        return fail(f"{version} is not released: anchors of earlier releases are missing or their "
                    f"labels reused (the {BRANCH} branch is as it was)")
    manifest = anchors.write(published, version, labels)
    subprocess.run([*mike, "set-default", "--branch", BRANCH, "latest"], cwd=ROOT, env=env, check=True)
    print(f"released {version} into the local {BRANCH} branch (not pushed); "
          f"commit {manifest.relative_to(ROOT)}")
    return 0


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout.strip()


def branch_head(branch: str) -> str | None:
    found = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"],
                           cwd=ROOT, capture_output=True, text=True)
    return found.stdout.strip() or None


def restore_branch(branch: str, head: str | None) -> None:
    if head:
        git("update-ref", f"refs/heads/{branch}", head)
    else:
        git("update-ref", "-d", f"refs/heads/{branch}")


# The anchors and note labels of the files mike committed for `version`, read back from the branch.
def published_anchors(version: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "archive", "--format=tar", BRANCH, version], cwd=ROOT,
                                 check=True, capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        return anchors.manifest(Path(folder) / version), anchors.labels(Path(folder) / version)


# Why the public address cannot be published, or None.
def address_problem(base: str) -> str | None:
    if not base:
        return ("EDITION_BASE_URL is not set: give the edition's public address, e.g. "
                "make release VERSION=0.1.0 EDITION_BASE_URL=https://example.org/quiet-rivalry/")
    if not base.startswith(("https://", "http://")):
        return f"EDITION_BASE_URL {base!r} is not an http(s) address"
    kind = local_address(base)
    if kind:
        article = "an" if kind[0] in "aeiou" else "a"
        return (f"EDITION_BASE_URL {base!r} is {article} {kind} address, not a public one: a release names its "
                "address in every citation, page, PDF and EPUB; give the public one")
    return None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
