"""The optional compiled modules (extractor/native.py) are used only when built from the very
source that is there now, for this interpreter, and not turned off."""

from __future__ import annotations

import json

from extractor import compiled, native


def _built(tmp_path, source: str = "x = 1\n", python: str | None = None):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "roles.py").write_text(source, encoding="utf-8")
    built = tmp_path / "built"
    built.mkdir()
    manifest = {"python": python or compiled._tag(), "modules": compiled.digests(package)}
    (built / compiled.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return built, package


def test_an_up_to_date_build_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMDESK_NATIVE", raising=False)
    built, package = _built(tmp_path)
    assert compiled.status(built, package) is None


def test_an_edited_source_makes_the_build_unused(tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMDESK_NATIVE", raising=False)
    built, package = _built(tmp_path)
    (package / "roles.py").write_text("x = 2\n", encoding="utf-8")
    assert compiled.status(built, package) == "roles.py changed since the build: build again"


def test_a_module_added_since_the_build_makes_it_unused(tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMDESK_NATIVE", raising=False)
    built, package = _built(tmp_path)
    (package / "extra.py").write_text("y = 1\n", encoding="utf-8")
    assert compiled.status(built, package) == "extra.py is new since the build: build again"


def test_a_build_for_another_interpreter_or_none_is_unused(tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMDESK_NATIVE", raising=False)
    built, package = _built(tmp_path, python="cpython-27")
    assert compiled.status(built, package).startswith("built for cpython-27")
    assert compiled.status(tmp_path / "nowhere", package).startswith("not built")
    (built / compiled.MANIFEST).write_text("{", encoding="utf-8")
    assert compiled.status(built, package).startswith("unreadable manifest")


def test_it_can_be_turned_off(tmp_path, monkeypatch):
    built, package = _built(tmp_path)
    monkeypatch.setenv("CLAIMDESK_NATIVE", "0")
    assert compiled.status(built, package) == "turned off (CLAIMDESK_NATIVE=0)"


def test_the_command_says_what_it_does(capsys):
    assert native.main(["frobnicate"]) == 2
    assert "usage: python -m extractor.native build|status|clean" in capsys.readouterr().err
    assert native.main(["status"]) == 0
    assert capsys.readouterr().out.startswith(("in use", "not in use: "))
