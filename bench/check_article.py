"""How long the article checker takes on a long story: prints seconds for 5k, 20k and 50k characters.

Usage: python bench/check_article.py
The text is the five seed articles (../shared/seeds) repeated (or, where they are absent, sentences
with figures), to the length asked; the last line is an unusually dense text, a figure every ~40 characters. The issue's goal: 50,000 characters in under two seconds.
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from nkties import check  # noqa: E402
from nkties.data import load_all  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"


DENSE = ("China-North Korea trade was $2.3bn in 2023. Russia waived $10 billion of the $11 billion debt. "
         "In November 2013, the first batch of 40,000 tons of Siberian coal was shipped to Pohang. ")


def article(chars: int, dense: bool = False) -> str:
    if SEEDS.is_dir() and not dense:
        base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    else:
        base = DENSE * 20
    return (base * (chars // len(base) + 1))[:chars]


def main() -> None:
    t0 = time.perf_counter()
    data = check.Data.from_bundle(load_all(ROOT / "data"))
    print(f"load and index the data: {time.perf_counter() - t0:.2f} s (once per process)")
    for chars, dense in ((5_000, False), (20_000, False), (50_000, False), (50_000, True)):
        text = article(chars, dense)
        times = []
        for _ in range(3):
            t = time.perf_counter()
            found = check.check_text(text, data)
            times.append(time.perf_counter() - t)
        print(f"{chars:>7,} characters{' (a figure every 40)' if dense else ''}: {len(found):>4} statements, median {statistics.median(times):.2f} s "
              f"(min {min(times):.2f}, max {max(times):.2f})")


if __name__ == "__main__":
    main()
