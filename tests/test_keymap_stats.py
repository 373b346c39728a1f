"""A user keymap remaps the app's keys by binding id; the statistics panel shows the figures of
``claimdesk stats`` (key, palette entry, worker thread)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Sparkline, Static

from db.connection import open_db
from db.errors import ClaimdeskError
from db.stats import sitting
from tests.test_review_app import screen_text, start
from tests.test_review_helpers import build_review_db, claim_row
from tui.app import make_app
from tui.keymap import binding_ids, load
from tui.screens.stats import StatsScreen


@pytest.fixture
def setup(tmp_path):
    path = tmp_path / "review.db"
    return path, build_review_db(path)


def _keymap(tmp_path: Path, text: str) -> Path:
    f = tmp_path / "keymap.toml"
    f.write_text(text, encoding="utf-8")
    return f


async def test_a_remapped_key_works(setup, tmp_path):
    path, info = setup
    keymap = _keymap(tmp_path, '# mine\n"review.accept" = "y,f9"\n')
    app = make_app(str(path), reviewer="ann", keymap=keymap)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("a")  # no longer accept
        await pilot.pause()
        assert screen.claim["id"] == info["ids"][0]
        await pilot.press("y")
        await pilot.pause()
        assert screen.claim["id"] == info["ids"][1]
        await pilot.press("f9")
        await pilot.pause()
        # the footer shows the keys in effect
        active = screen.active_bindings
        assert active["y"].binding.id == "review.accept" and "a" not in active
        # and so does the help panel
        help_keys = {row[3]: row[0].split() for row in screen.help_rows()}
        assert help_keys["review.accept"] == ["y", "f9"], help_keys["review.accept"]
    assert claim_row(path, info["ids"][0])["status"] == "accepted"
    assert claim_row(path, info["ids"][1])["status"] == "accepted"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"review.acept" = "y"\n', ":1: unknown binding id 'review.acept'"),
        ('\n"accept" = "y"\n', ":2: unknown binding id 'accept' (did you mean 'review.accept'?)"),
        ('"review.accept" = 3\n', ":1: 'review.accept' needs keys as text"),
        ('"review.accept" = "y,,enter"\n', ":1: 'review.accept' needs keys as text"),
        ('"review.accept" = \n', ": not a valid keymap (TOML: "),
    ],
)
def test_a_bad_keymap_is_one_clear_line(setup, tmp_path, text, message):
    path, _ = setup
    keymap = _keymap(tmp_path, text)
    with pytest.raises(ClaimdeskError) as exc:
        make_app(str(path), reviewer="ann", keymap=keymap)
    assert str(exc.value).startswith(str(keymap))
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)


def test_cli_bad_keymap_exits_with_one_line(setup, tmp_path):
    path, _ = setup
    keymap = _keymap(tmp_path, '"review.nope" = "y"\n')
    out = subprocess.run(
        [sys.executable, "-m", "tui.cli", "review", "--db", str(path), "--keymap", str(keymap)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        stdin=subprocess.DEVNULL,
    )
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [
        f"Error: {keymap}:1: unknown binding id 'review.nope' (the help panel, ?, lists the ids)"
    ]


def test_every_binding_can_be_remapped(tmp_path):
    from tui.screens.review import REVIEW_BINDINGS

    ids = binding_ids()
    for binding in REVIEW_BINDINGS:
        assert binding.id in ids
    for needed in ("stats.close", "app.quit", "form.save", "panel.close"):
        assert needed in ids
    every = "\n".join(f'"{i}" = "f12"' for i in ids)
    assert load(_keymap(tmp_path, every)) == dict.fromkeys(ids, "f12")


def test_readme_keymap_example_loads(tmp_path):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    keymap = load(_keymap(tmp_path, "\n".join(ln.strip() for ln in block.splitlines())))
    assert keymap["review.accept"] == "y,enter"
    # no key of the example is taken by another review binding
    from tui.screens.review import REVIEW_BINDINGS

    others = {k for b in REVIEW_BINDINGS if b.id not in keymap for k in b.key.split(",")}
    assert not others & {k for keys in keymap.values() for k in keys.split(",")}


def test_default_keymap_location(monkeypatch, tmp_path):
    from tui.keymap import default_path

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert default_path() == tmp_path / "claimdesk" / "keymap.toml"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_path() == tmp_path / "home" / ".config" / "claimdesk" / "keymap.toml"
    (tmp_path / "k.toml").write_text('"stats.close" = "escape"\n')
    assert load(tmp_path / "k.toml") == {"stats.close": "escape"}


# --------------------------------------------------------------------------- statistics


def _decide(path: Path, claim_ids: list[int], times: list[str], reviewer: str = "ann") -> None:
    conn = open_db(path)
    with conn:
        for cid, at in zip(claim_ids, times, strict=True):
            conn.execute(
                "UPDATE claims SET status = 'accepted', reviewer = ?, decided_at = ? WHERE id = ?",
                (reviewer, at, cid),
            )
            conn.execute(
                "INSERT INTO decisions (claim_id, reviewer, action, status_before, status_after,"
                " at) VALUES (?, ?, 'accept', 'pending', 'accepted', ?)",
                (cid, reviewer, at),
            )
    conn.close()


def test_sitting_is_the_pace_since_the_last_break(setup):
    path, info = setup
    ids = info["ids"]
    # a decision yesterday, then a sitting of four decisions over twelve minutes
    _decide(path, ids[:5], ["2026-11-01T09:00:00.000Z", "2026-11-02T10:00:00.000Z",
                            "2026-11-02T10:02:00.000Z", "2026-11-02T10:07:00.000Z",
                            "2026-11-02T10:12:00.000Z"])  # fmt: skip
    conn = open_db(path)
    s = sitting(conn, "ann", bucket_seconds=300)
    assert s["decisions"] == 4
    assert s["start"] == "2026-11-02T10:00:00.000Z" and s["end"] == "2026-11-02T10:12:00.000Z"
    assert s["per_hour"] == [24.0, 12.0, 12.0]  # 2, 1, 1 decisions per five minutes
    assert s["decisions_per_hour"] == 20.0
    assert sitting(conn, "nobody")["per_hour"] == []


@pytest.mark.parametrize("key", ["t", "f7"])
async def test_stats_panel_shows_progress_pace_and_rules(setup, key):
    path, _ = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("a", "a", "x")
        await pilot.pause()
        await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        progress = str(app.screen.query_one("#progress", Static).render())
        assert "2 accepted, 1 rejected, 6 pending" in progress
        assert app.screen.query_one(Sparkline).data  # the sitting's pace
        text = screen_text(app)
        assert "precision" in text and "money" in text
        assert "ann, this sitting: 3 decisions" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        # opened again, it counts again
        await pilot.press("a", key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "3 accepted" in str(app.screen.query_one("#progress", Static).render())


async def test_stats_panel_names_every_rule_whole_on_a_small_screen(tmp_path):
    """Forty-first session: at 60×20 the rule column was cut with …, so count.measure and
    count.bare both read "count…"; under PANEL_WIDE columns the headers are short and a long
    rule name folds onto a second line."""
    from tests.test_review_helpers import add_claim, add_document

    path = tmp_path / "rules.db"
    conn = open_db(path)
    text = "甲公司有员工300人，分店12家，去年营收8亿元。"
    doc = add_document(conn, text, "甲公司", "rules.txt")
    for quantity, rule in (("300人", "count.measure"), ("12家", "count.bare"),
                           ("8亿元", "money.scaled.with_a_long_rule_name")):  # fmt: skip
        add_claim(conn, doc, text, quantity, value=1.0, rule=rule)
    conn.commit()
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(60, 20)) as pilot:
        await start(app, pilot)
        await pilot.press("f7")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        text = screen_text(app)
    assert "count.measure" in text and "count.bare" in text and "prec." in text
    assert "money.scaled." in text and "count…" not in text and "money…" not in text


async def test_stats_from_the_command_palette(setup):
    path, _ = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"review: stats")
        await pilot.pause()  # the palette's search worker has finished
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        assert "9 pending" in str(app.screen.query_one("#progress", Static).render())


def test_an_unreachable_default_keymap_is_ignored(monkeypatch, tmp_path):
    """A config folder that cannot be entered (another user's HOME) means no keymap."""
    from tui.cli import _keymap_file

    cfg = tmp_path / "cfg"
    (cfg / "claimdesk").mkdir(parents=True)
    (cfg / "claimdesk" / "keymap.toml").write_text('"review.accept" = "y"\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(cfg))
    assert _keymap_file(None) == str(cfg / "claimdesk" / "keymap.toml")
    assert _keymap_file("given.toml") == "given.toml"

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "is_file", denied)
    assert _keymap_file(None) is None
