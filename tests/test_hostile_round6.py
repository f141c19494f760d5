"""Hostile inputs, round 6: migrate, command-line options and environment, batches and compare
over odd folders, workbooks."""

from __future__ import annotations

import shutil
import socket
import zipfile
from pathlib import Path

import pytest

from tests.conftest import GOOD, REPO, TINY, good_copy


def _two_version_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, migration: str, new_q2_na: bool) -> Path:
    """A library with the tiny rubric 1.0.0 and a 2.0.0 carrying it over by ``migration``."""
    lib = tmp_path / "lib"
    shutil.copytree(TINY / "standards", lib / "standards")
    (lib / "rubrics").mkdir()
    old = (TINY / "rubrics" / "tiny-rubric.yaml").read_text(encoding="utf-8")
    (lib / "rubrics" / "tiny-1.yaml").write_text(old, encoding="utf-8")
    new = old.replace("version: 1.0.0", "version: 2.0.0").replace(
        "questions:\n  - id: q1",
        f"migrations:\n  - from_version: 1.0.0\n    questions:\n{migration}questions:\n  - id: q1",
    )
    if not new_q2_na:
        at = new.index("  - id: q2")
        cut = new.index("na_allowed: true", at)
        new = new[:cut] + "na_allowed: false" + new[cut + len("na_allowed: true") :]
    (lib / "rubrics" / "tiny-2.yaml").write_text(new, encoding="utf-8")
    monkeypatch.setenv("CXASSESS_PATH", str(lib))
    return lib


MIGRATION = "      q1: [q1, q2]\n      q2: [q2]\n      q3: [q3]\n      q4: [q4]\n      q5: [q5]\n      q6: [q6]\n"


def test_a_migration_naming_a_question_the_new_rubric_lacks_is_an_error_at_its_line(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_version_library(tmp_path, monkeypatch, MIGRATION.replace("q2: [q2]", "q2: [q2, nosuch]"), True)
    out = tmp_path / "new.yaml"
    r = run_cli("migrate", "--lang", "en", GOOD, "-o", out)
    assert r.exit_code == 2, r.stderr
    assert "tiny-2.yaml:" in r.stderr
    assert "migrations[0].questions.q2[1]: expected a question id of this rubric, found 'nosuch'" in r.stderr
    assert not out.exists()
    r = run_cli("migrate", GOOD, "-o", out)
    assert r.exit_code == 2 and "实际为 'nosuch'" in r.stderr


def _examples_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "clients"
    folder.mkdir()
    for name in ("huaxin-bank", "lvyuan-fresh"):
        shutil.copytree(REPO / "examples" / name, folder / name)
    return folder


def _compare_on(run_cli, tmp_path: Path, address: str):  # type: ignore[no-untyped-def]
    """``compare`` of the examples on the scheduler at ``address``."""
    return run_cli(
        "compare", "--lang", "en", _examples_folder(tmp_path), "--json", tmp_path / "p.json", "--scheduler", address
    )


@pytest.mark.parametrize("port", ["0", "65536", "99999"])
def test_a_scheduler_port_outside_1_to_65535_is_a_malformed_address(run_cli, tmp_path: Path, port: str) -> None:
    r = _compare_on(run_cli, tmp_path, f"tcp://127.0.0.1:{port}")
    assert r.exit_code == 2, r.stderr
    assert f"--scheduler expects tcp://HOST:PORT (or tls://HOST:PORT), found 'tcp://127.0.0.1:{port}'" in r.stderr


def test_a_scheduler_port_nothing_listens_on_fails_at_once(run_cli, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    with socket.socket() as s:  # a port that was free a moment ago
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = _compare_on(run_cli, tmp_path, f"tcp://127.0.0.1:{port}")
    assert r.exit_code == 4, r.stderr
    # named by the connection check made before Dask's client (which retries for 20 s)
    assert f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port} (ConnectionRefusedError)" in r.stderr
    assert not (tmp_path / "p.json").exists()


def test_a_tls_scheduler_without_tls_settings_is_told_not_an_internal_error(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed")
    r = run_cli(
        "report", "--batch", _examples_folder(tmp_path), "-o", tmp_path / "out", "--scheduler", "tls://127.0.0.1:1"
    )
    assert r.exit_code == 4, r.stderr
    assert "使用 tls://127.0.0.1:1 需要 Dask 的 TLS 设置" in r.stderr


def test_a_rubric_file_on_the_path_that_cannot_be_read_is_told_when_the_rubric_is_not_found(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = tmp_path / "lib"
    shutil.copytree(TINY / "standards", lib / "standards")
    (lib / "rubrics").mkdir()
    text = (TINY / "rubrics" / "tiny-rubric.yaml").read_text(encoding="utf-8")
    (lib / "rubrics" / "tiny-rubric.yaml").write_text(
        text.replace("target_level: 3", "target_level: 3\n  : oops"), encoding="utf-8"
    )
    (lib / "rubrics" / "other.yaml").write_bytes(b"\xff\xfe")
    monkeypatch.setenv("CXASSESS_PATH", str(lib))
    r = run_cli("score", "--lang", "en", GOOD)
    assert r.exit_code == 2, r.stderr
    # the user's rubric with a YAML mistake was silently passed over: only "expected a known rubric"
    assert "tiny-rubric.yaml:" in r.stderr and "expected valid YAML" in r.stderr
    assert "other.yaml: (file): expected UTF-8 text" in r.stderr
    assert "assessment.rubric: expected a known rubric" in r.stderr


def test_compare_that_could_not_take_an_answers_file_with_a_yaml_mistake_exits_1_not_0(run_cli, tmp_path: Path) -> None:
    folder = _examples_folder(tmp_path)
    broken = folder / "broken"
    broken.mkdir()
    text = (folder / "huaxin-bank" / "answers.yaml").read_text(encoding="utf-8")
    (broken / "answers.yaml").write_text(
        text.replace("  id: ", "  id: other-", 1).replace("date: 2026-10-20", "date: 2026-13-20", 1), encoding="utf-8"
    )
    r = run_cli("compare", "--lang", "en", folder, "--json", tmp_path / "p.json")
    assert "broken/answers.yaml" in r.stderr and "2026-13-20" in r.stderr
    assert r.exit_code == 1, r.stderr  # was 0: an organisation left out of the comparison unnoticed
    assert (tmp_path / "p.json").exists()
    (broken / "answers.yaml").unlink()
    (broken / "notes.txt").write_text("not an assessment", encoding="utf-8")
    assert run_cli("compare", folder, "--json", tmp_path / "p.json", "--force").exit_code == 0


def test_a_readiness_batch_with_two_verifications_of_one_answers_file_does_not_pick_one(
    run_cli, tmp_path: Path
) -> None:
    folder = tmp_path / "clients"
    shutil.copytree(REPO / "examples" / "zhilian-software", folder / "z")
    first = (folder / "z" / "verification.yaml").read_text(encoding="utf-8")
    (folder / "z" / "verification-2.yaml").write_text(
        first.replace("auditor: ", "auditor: 另一位", 1), encoding="utf-8"
    )
    out = tmp_path / "out"
    r = run_cli("readiness", "--lang", "en", "--batch", folder, "-o", out, "--format", "json")
    assert r.exit_code == 1, r.stderr
    assert "expected one verification file naming this answers file, found" in r.stderr
    assert "verification-2.yaml" in r.stderr and "verification.yaml" in r.stderr
    assert not list(out.glob("*.json"))  # was: one of the two taken, the other listed as "not an answers file"
    (folder / "z" / "verification-2.yaml").unlink()
    r = run_cli("readiness", "--batch", folder, "-o", tmp_path / "out2", "--format", "json")
    assert r.exit_code == 0, r.stderr


def test_a_workbook_whose_shared_strings_table_is_huge_is_refused_before_it_is_opened(run_cli, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    book = tmp_path / "q.xlsx"
    assert run_cli("questionnaire", "tiny-rubric", "-o", book, "--answers", GOOD).exit_code == 0
    crafted = tmp_path / "crafted.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
                )
            out.writestr(info.filename, data)
        # a few hundred kilobytes of zip; 5,000,000 entries took 26 s and 530 MB in openpyxl
        table = b"<si><t>a</t></si>" * 250_001
        out.writestr(
            "xl/sharedStrings.xml",
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + table + b"</sst>",
        )
    assert crafted.stat().st_size < 200_000
    r = run_cli("import", "--lang", "en", crafted, "-o", tmp_path / "a.yaml")
    assert r.exit_code == 2, r.stderr
    assert "crafted.xlsx: (file): expected a shared-strings table of at most 250000 entries" in r.stderr
    assert run_cli("import", book, "-o", tmp_path / "b.yaml").exit_code == 0


def test_a_single_format_command_refuses_another_suffix_without_pointing_at_a_format_option(
    run_cli, tmp_path: Path
) -> None:
    r = run_cli("migrate", "--lang", "en", good_copy(tmp_path), "-o", tmp_path / "x.pdf")
    assert r.exit_code == 2
    assert "this command writes yaml only, found the suffix .pdf (change it)" in r.stderr
    assert "--format" not in r.stderr


def test_today_pinned_without_dashes_is_refused(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXASSESS_TODAY", "20261122")
    r = run_cli("score", good_copy(tmp_path))
    assert r.exit_code == 2 and "20261122" in r.stderr
