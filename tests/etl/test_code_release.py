"""The running code's fingerprint (:mod:`etl.code_release`)."""

from __future__ import annotations

from pathlib import Path

from etl import code_release


def _tree(root: Path) -> None:
    for name, text in {"etl/a.py": "A = 1\n", "etl/sub/b.py": "B = 2\n",
                       "dashboard/c.py": "C = 3\n",
                       "dashboard/locales/fr/LC_MESSAGES/messages.po": 'msgid "x"\n',
                       "datasets/d.csv": "x\n1\n", "etl/notes.txt": "not code\n"}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_files_are_the_modules_and_catalogs_in_a_stable_order(tmp_path):
    _tree(tmp_path)
    names = [p.relative_to(tmp_path).as_posix() for p in code_release.code_files(tmp_path)]
    assert names == ["dashboard/c.py", "dashboard/locales/fr/LC_MESSAGES/messages.po",
                     "etl/a.py", "etl/sub/b.py"]


def test_a_change_to_a_module_a_catalog_or_a_file_name_changes_the_fingerprint(tmp_path):
    _tree(tmp_path)

    def now() -> str:
        return code_release.fingerprint(code_release.code_files(tmp_path), base=tmp_path)

    first = now()
    assert now() == first
    (tmp_path / "datasets/d.csv").write_text("x\n2\n", encoding="utf-8")  # data: a release's
    assert now() == first
    (tmp_path / "etl/sub/b.py").write_text("B = 3\n", encoding="utf-8")
    second = now()
    assert second != first
    po = tmp_path / "dashboard/locales/fr/LC_MESSAGES/messages.po"
    po.write_text('msgid "y"\n', encoding="utf-8")
    third = now()
    assert third != second
    (tmp_path / "etl/sub/b.py").rename(tmp_path / "etl/sub/c.py")  # same bytes, other name
    assert now() != third


def test_the_running_code_has_a_fingerprint_of_its_own_files():
    files = code_release.code_files()
    assert Path(code_release.__file__).resolve() in files
    assert any(p.suffix == ".po" for p in files)
    assert len(code_release.code_release()) == 16
