"""Run every benchmark of issue 8 in turn and print their figures (for `make bench`). Never fails on timing.

    .venv/bin/python bench/run_all.py [--quick]

``--quick`` uses smaller sizes (for a smoke run); the README figures come from the defaults.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable

BENCHES = [
    ("bench_pages.py", [], []),
    ("bench_matching.py", [], ["--runs", "50"]),
    ("bench_queue.py", [], ["--requests", "10000", "--runs", "10"]),
    ("bench_throughput.py", [], ["--submissions", "60"]),
    ("bench_dispatch.py", [], ["--rows", "1000"]),
    ("bench_consortia.py", [], ["--profiles", "2000", "--runs", "10"]),
    ("load_test.py", [], ["--users", "10", "--seconds", "10"]),
]


def main() -> int:
    quick = "--quick" in sys.argv
    failed = []
    for script, args, quick_args in BENCHES:
        done = subprocess.run([PY, str(HERE / script), *(quick_args if quick else args)], check=False)
        if done.returncode:
            failed.append(script)
    if failed:
        print(f"== could not run: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
