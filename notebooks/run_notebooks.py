"""Runs every notebook in this folder top to bottom, headless, against one results directory.

    python3 notebooks/run_notebooks.py --results out/sample [--figures DIR] [--executed DIR]

Each notebook runs in a fresh Python kernel with MOATWATCH_RESULTS and MOATWATCH_FIGURES set, so its charts
land as PNG files in the figures directory. The notebooks in the repository are never modified (they are kept
without outputs); executed copies, with outputs, go to --executed if given. Exit code 0 when every cell of
every notebook ran, 1 otherwise (the failing notebook, cell and error are printed).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", required=True, help="a moatwatch results directory (the job's --output)")
    parser.add_argument("--figures", help="where the charts go (default: <results>/_figures)")
    parser.add_argument("--executed", help="where executed copies of the notebooks go (default: nowhere)")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell (default: 300)")
    args = parser.parse_args()

    results = Path(args.results).resolve()
    figures = Path(args.figures).resolve() if args.figures else results / "_figures"
    figures.mkdir(parents=True, exist_ok=True)
    os.environ["MOATWATCH_RESULTS"] = str(results)
    os.environ["MOATWATCH_FIGURES"] = str(figures)
    failed = 0
    for path in sorted(HERE.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        start = time.monotonic()
        client = NotebookClient(notebook, timeout=args.timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(HERE)}})
        try:
            client.execute()
            status = "ok"
        except CellExecutionError as error:
            failed += 1
            status = "FAILED"
            print(f"{path.name}: a cell failed:\n{error}", file=sys.stderr)
        if args.executed:
            out = Path(args.executed)
            out.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, out / path.name)
        print(f"{path.name}: {status} in {time.monotonic() - start:.1f} s")
    pictures = sorted(p.name for p in figures.glob("*.png"))
    print(f"{len(pictures)} charts in {figures}: {', '.join(pictures)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
