"""Synthetic budget books with known answers, for accuracy tests and benchmarks.

Usage: ``python tools/budget_book.py PROJECTS SEED OUT_DIR [txt,pdf,hwpx]``.

A book is N 세부사업 in the layout of the reference 사업설명서: the 사업명, ``1 기본
현황`` with a 사업개요, ``□ 예산 총괄`` (천원, △ for decreases, a 계 row, 증감 and
증감률) and ``□ 예산 요구내역 및 산출근거``: 산출내역 lines four levels deep
(○ - ▷ •), each leaf with a formula (``279,940원*15일*12월``). Some formulas are
printed rounded up to 천원 (they pass as ``rounded``); a few figures are deliberately
wrong, and the answer file says which finding each must raise:

- a leaf printed off its formula → ``formula-matches-amount``;
- a middle line printed off the sum of its children (its own parent adds what is
  printed) → ``parent-equals-children``;
- a 계 off its rows in the prior-year column → ``total-equals-rows``.

Everything else reconciles, so the checks must raise exactly these findings. The text
is written first (pipe tables, as the reference conversion); the PDF is laid out from
it by ``render_reference.render`` (ruled tables that break across pages, header row
repeated, NanumGothic); the HWPX is built with python-hwpx. The same seed gives the
same book and the same answers.
"""

from __future__ import annotations

import json
import math
import random
import sys
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

YEAR = 2026
ACCOUNTS = ("사무관리비", "행사운영비", "공공운영비", "민간경상사업보조", "시설비", "여비")
TOPICS = ("시민", "청년", "지역", "복지", "환경", "문화", "안전", "교육", "일자리", "도시재생")
ACTIONS = ("지원", "운영", "활성화", "구축", "육성", "개선", "확충")
ITEMS = (
    "위원회 운영",
    "교육 프로그램",
    "홍보물 제작",
    "자문 수당",
    "행사 개최",
    "조사 용역",
    "시스템 유지보수",
    "현장 점검",
    "네트워크 운영",
    "성과 평가",
)
MARKERS = {1: "○", 2: "-", 3: "▷", 4: "•"}
WRONG_FORMULA, WRONG_PARENT, WRONG_TOTAL = 0.04, 0.05, 0.15  # chance per leaf, parent, 사업


@dataclass
class Line:
    level: int
    name: str
    account: str
    amount_won: int  # as printed (천원 × 1,000)
    parent: int | None  # index of the parent line within the 사업
    formula: str | None = None
    formula_product_won: int | None = None
    formula_status: str | None = None  # exact, rounded, mismatch


@dataclass
class Project:
    name: str
    lines: list[Line] = field(default_factory=list)
    summary: dict[str, dict[str, int]] = field(default_factory=dict)  # account → column → 원
    findings: list[dict] = field(default_factory=list)


def _leaf(rng: random.Random, level: int, account: str, parent: int | None, wrong: bool) -> Line:
    price = rng.choice([rng.randrange(10, 500) * 10_000, rng.randrange(100_000, 400_000, 10)])
    times, heads = rng.randint(1, 12), rng.randint(1, 30)
    product = price * times * heads
    thousands = math.ceil(product / 1000)  # printed rounded up to 천원
    status = "exact" if thousands * 1000 == product else "rounded"
    if wrong:
        thousands += rng.choice([1, -1]) * rng.randint(2, 50) * 100
        status = "mismatch"
    name = f"{rng.choice(ITEMS)} {rng.randint(1, 99)}"
    formula = f"{price:,}원*{times}회*{heads}명"
    return Line(level, name, account, thousands * 1000, parent, formula, product, status)


def _subtree(
    rng: random.Random, project: Project, level: int, account: str, parent: int | None
) -> int:
    """Add a line and its children; return the 원 its parent adds (what is printed)."""
    index = len(project.lines)
    children = rng.randint(1, 3) if level < 4 and (level < 2 or rng.random() < 0.6) else 0
    if children == 0 and level > 1:
        wrong = rng.random() < WRONG_FORMULA
        line = _leaf(rng, level, account, parent, wrong)
        project.lines.append(line)
        if wrong:
            project.findings.append({"rule": "formula-matches-amount", "line": index})
        return line.amount_won
    name = f"{rng.choice(TOPICS)} {rng.choice(ITEMS)}"
    project.lines.append(Line(level, name, account, 0, parent))
    total = sum(_subtree(rng, project, level + 1, account, index) for _ in range(max(children, 1)))
    if 1 < level < 4 and rng.random() < WRONG_PARENT:
        total += rng.randint(1, 40) * 1_000_000
        project.findings.append({"rule": "parent-equals-children", "line": index})
    project.lines[index].amount_won = total
    return total


def _project(rng: random.Random, number: int) -> Project:
    project = Project(f"{rng.choice(TOPICS)} {rng.choice(ACTIONS)} 사업 {number:04d}")
    accounts = rng.sample(ACCOUNTS, rng.randint(2, 3))
    for account in accounts:
        budget = sum(_subtree(rng, project, 1, account, None) for _ in range(rng.randint(1, 2)))
        before = max(1, round(budget * rng.uniform(0.6, 1.3) / 1000)) * 1000
        prior = max(1, round(budget * rng.uniform(0.5, 1.2) / 1000)) * 1000
        project.summary[account] = {"prior": prior, "A": before, "B": budget}
    total = {k: sum(s[k] for s in project.summary.values()) for k in ("prior", "A", "B")}
    if rng.random() < WRONG_TOTAL:
        total["prior"] += rng.randint(1, 90) * 1_000_000
        project.findings.append({"rule": "total-equals-rows", "column": f"{YEAR - 2}년 예산액"})
    project.summary = {"계": total, **project.summary}
    return project


def _thousands(won: int) -> str:
    value = won // 1000
    return f"△{-value:,}" if value < 0 else f"{value:,}"


def _rate(a: int, b: int) -> str:
    rate = (Decimal(b - a) * 100 / Decimal(a)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"△{-rate}" if rate < 0 else str(rate)


def _project_text(project: Project) -> list[str]:
    text = [
        project.name,
        "",
        "1 기본 현황",
        "",
        "□ 사업개요",
        "",
        "| 구 분 | 내 용 |",
        "|---|---|",
        f"| 사업기간 | 연례반복, {YEAR}.01 ~ {YEAR}.12 |",
        f"| 사업내용 | ○ {project.name} 추진 |",
        "",
        "2 예산 설명",
        "",
        "□ 예산 총괄",
        "",
        "(단위 : 천원)",
        "",
        f"| 구 분 | {YEAR - 2}년 예산액 | {YEAR - 1}예산액 (A) | {YEAR}예산(B) | 증감 (B-A) "
        "| (B-A)*100/A |",
        "|---|---|---|---|---|---|",
    ]
    for account, figures in project.summary.items():
        a, b = figures["A"], figures["B"]
        text.append(
            f"| {account} | {_thousands(figures['prior'])} | {_thousands(a)} | {_thousands(b)} "
            f"| {_thousands(b - a)} | {_rate(a, b)} |"
        )
    text += ["", "□ 예산 요구내역 및 산출근거", "", "| 과목구분 | 세부 산출내역 |", "|---|---|"]
    previous = None
    for line in project.lines:
        account = line.account if line.account != previous else ""
        previous = line.account
        formula = f" {line.formula}" if line.formula else ""
        text.append(
            f"| {account} | {MARKERS[line.level]} {line.name} = "
            f"{_thousands(line.amount_won)}천원{formula} |"
        )
    text += ["", "3 사업 설명", "", "□ 사업목적", "", f"- {project.name}의 원활한 추진", ""]
    return text


@dataclass
class Book:
    seed: int
    projects: list[Project]

    def text(self) -> str:
        return "\n".join(line for p in self.projects for line in _project_text(p)) + "\n"

    def answers(self) -> dict:
        return {"seed": self.seed, "projects": [asdict(p) for p in self.projects]}


def make_book(projects: int, seed: int) -> Book:
    rng = random.Random(seed)
    return Book(seed, [_project(rng, n) for n in range(1, projects + 1)])


def write_hwpx(text: str, target: Path) -> None:
    """The book as HWPX (python-hwpx), block by block from yesan's text reader."""
    from hwpx.document import HwpxDocument

    from pipeline.extract import bytes_to_document
    from pipeline.model import Table

    document = HwpxDocument.new()
    for block in bytes_to_document(text.encode(), str(target)).blocks:
        if isinstance(block, Table):
            if block.parent is not None:
                continue
            grid = block.grid()
            table = document.add_table(len(grid), max(len(row) for row in grid))
            for r, row in enumerate(grid):
                for c, cell in enumerate(row):
                    if cell:
                        table.set_cell_text(r, c, cell)
        else:
            document.add_paragraph(block.text)
    document.save_to_path(str(target))


def write_book(
    projects: int, seed: int, folder: Path, formats: tuple[str, ...] = ("txt", "pdf", "hwpx")
) -> dict[str, Path]:
    """Write the book in ``formats`` and its answers; return the paths by format."""
    folder.mkdir(parents=True, exist_ok=True)
    book = make_book(projects, seed)
    stem = folder / f"book-{projects}-{seed}"
    paths = {"answers": stem.with_suffix(".answers.json"), "txt": stem.with_suffix(".txt")}
    paths["answers"].write_text(json.dumps(book.answers(), ensure_ascii=False), encoding="utf-8")
    paths["txt"].write_text(book.text(), encoding="utf-8")
    if "pdf" in formats:
        from tools.render_reference import render

        paths["pdf"] = stem.with_suffix(".pdf")
        render(paths["txt"], paths["pdf"])
    if "hwpx" in formats:
        paths["hwpx"] = stem.with_suffix(".hwpx")
        write_hwpx(book.text(), paths["hwpx"])
    if "txt" not in formats:
        paths.pop("txt").unlink()
    return paths


if __name__ == "__main__":
    count, seed_arg, out = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    chosen = tuple(sys.argv[4].split(",")) if len(sys.argv) > 4 else ("txt", "pdf", "hwpx")
    for kind, path in write_book(count, seed_arg, out, chosen).items():
        print(f"{kind}: {path}")
