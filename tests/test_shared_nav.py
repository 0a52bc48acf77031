"""The theme's navigation is rendered once for every page it looks the same on
(generator/site/engine/shared_nav.py): the pages the navigation leaves out, in one folder.
That the shared HTML is the HTML each page would have got is tests/test_site.py's comparison
of `kb build` with plain MkDocs on `kb generate`'s tree, which renders it on every page."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from generator.site.engine.shared_nav import SharedNavigation

LISTED = ["index.md", "insatser/index.md", "ramverk/bbic.md", "insatser/mst/tidslinje.md"]
LEFT_OUT = ["insatser/pmto.md", "insatser/tibir.md", "insatser/mst.md", "referenser/a.md"]


def site(tmp_path: Path, directory_urls: bool = True) -> tuple[Navigation, dict[str, Page]]:
    """A site whose navigation lists LISTED, with the pages LEFT_OUT beside it."""
    config = MkDocsConfig()
    config.load_dict(
        {
            "site_name": "Test",
            "docs_dir": str(tmp_path),
            "site_dir": str(tmp_path / "site"),
            "use_directory_urls": directory_urls,
            "nav": LISTED,
        }
    )
    config.validate()
    files = Files(
        [
            File(path, str(tmp_path), str(tmp_path / "site"), directory_urls)
            for path in LISTED + LEFT_OUT
        ]
    )
    nav = get_navigation(files, config)
    return nav, {file.src_uri: file.page for file in files if file.page is not None}


def renders(shared: SharedNavigation, page: Page, nav: Navigation) -> list[str]:
    """What the navigation's part was rendered for, asked for `page`."""
    made: list[str] = []

    def render() -> str:
        made.append(page.url)
        return page.url

    shared("nav", page, nav, render)
    return made


def test_the_pages_left_out_in_one_folder_share_one_rendering(tmp_path: Path) -> None:
    nav, pages = site(tmp_path)
    shared = SharedNavigation()
    assert renders(shared, pages["insatser/pmto.md"], nav) == ["insatser/pmto/"]
    assert renders(shared, pages["insatser/tibir.md"], nav) == []
    assert shared("nav", pages["insatser/tibir.md"], nav, lambda: "") == "insatser/pmto/"
    assert renders(shared, pages["referenser/a.md"], nav) == ["referenser/a/"]


def test_a_listed_page_and_a_page_with_a_listed_page_under_it_are_rendered_their_own(
    tmp_path: Path,
) -> None:
    nav, pages = site(tmp_path)
    shared = SharedNavigation()
    for path in ["ramverk/bbic.md", "insatser/index.md", "index.md", "insatser/mst.md"]:
        assert renders(shared, pages[path], nav) == [pages[path].url]
        assert renders(shared, pages[path], nav) == [pages[path].url]


def test_without_directory_urls_the_pages_of_a_folder_share_too(tmp_path: Path) -> None:
    nav, pages = site(tmp_path, directory_urls=False)
    shared = SharedNavigation()
    assert renders(shared, pages["insatser/pmto.md"], nav) == ["insatser/pmto.html"]
    assert renders(shared, pages["insatser/mst.md"], nav) == []
    assert renders(shared, pages["ramverk/bbic.md"], nav) == ["ramverk/bbic.html"]
