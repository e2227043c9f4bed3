"""Benchmarks for factcheck: wall time of the CLI on the seeds, and scale on a news corpus.

Usage (from the repo root, with the project installed):

    python benchmarks/bench.py seeds [--runs 5]
    python benchmarks/bench.py scale [--corpus PATH.jsonl] [--sizes 1000 5000 20000]

``seeds`` times whole ``factcheck list`` and ``factcheck verify`` processes (start-up
included, as a user waits for them) and prints the median of ``--runs`` runs, with the
analysis cache warm (a re-run) and with ``--no-cache`` (every article analysed afresh).
``scale`` checks the bundled claims against the first N articles of a JSON Lines
corpus (read in place, never copied), each size in a fresh process so that peak
memory (ru_maxrss) belongs to that size alone.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "corpus" / "saudinewsnet_sample20k.jsonl"


def machine() -> str:
    cores = os.cpu_count()
    try:
        meminfo = Path("/proc/meminfo").read_text().splitlines()
        mem_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
        mem = f"{mem_kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        mem = "unknown memory"
    return f"{cores} cores, {mem}, Python {platform.python_version()}, {platform.machine()}"


_CACHE_DIR = tempfile.mkdtemp(prefix="factcheck-bench-cache-")


def user_env() -> dict[str, str]:
    """A user's shell: Python may cache bytecode (as after ``pip install``); a private analysis cache."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["FACTCHECK_CACHE_DIR"] = _CACHE_DIR
    return env


def calibration() -> float:
    """Seconds for a fixed pure-Python loop (median of 3): how fast this machine is right now.

    Shared virtual machines speed up and slow down; figures taken at different
    times compare only together with this number.
    """
    times = []
    for _ in range(3):
        start = time.perf_counter()
        sum(range(10**7))
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 3)


def time_command(argv: list[str], runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env=user_env())
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def bench_seeds(runs: int) -> dict[str, object]:
    exe = [sys.executable, "-m", "factcheck"]
    out: dict[str, object] = {"machine": machine(), "cpu_calibration_s": calibration(), "runs": runs}
    commands = (
        ("list", ["list"]),
        ("verify", ["verify"]),
        ("verify_no_cache", ["verify", "--no-cache"]),
        ("verify_json", ["verify", "--format", "json"]),
    )
    for name, args in commands:
        # One untimed run warms the file cache and writes the bytecode and analysis caches.
        subprocess.run([*exe, *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env=user_env())
        median, times = time_command([*exe, *args], runs)
        out[name] = {"median_s": round(median, 3), "runs_s": [round(t, 3) for t in times]}
    return out


def scale_one(corpus: Path, size: int) -> dict[str, object]:
    """Runs in a child process: load N articles, check every bundled claim, report time and peak memory."""
    from factcheck import Corpus, Settings, load_claims
    from factcheck.models import Source, SourceMeta

    t0 = time.perf_counter()
    sources = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if len(sources) >= size:
                break
            obj = json.loads(line)
            text = (obj.get("title") or "") + "\n\n" + obj["text"]
            sources.append(Source(obj["id"], corpus, text, SourceMeta(outlet=obj.get("source"))))
    t_read = time.perf_counter()
    engine = Corpus(sources)
    t_index = time.perf_counter()
    claim_set = load_claims(ROOT / "claims.yaml")
    results = engine.check_all(claim_set.claims, claim_set.glossary, Settings())
    t_check = time.perf_counter()
    sentences = len(engine.index.sentences)
    with_evidence = sum(1 for r in results for s in r.sources if s.evidence)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": len(sources),
        "sentences": sentences,
        "claims": len(claim_set.claims),
        "read_s": round(t_read - t0, 2),
        "analyse_s": round(t_index - t_read, 2),
        "check_s": round(t_check - t_index, 2),
        "total_s": round(t_check - t0, 2),
        "articles_per_s": round(len(sources) / (t_check - t0), 1),
        "claim_article_pairs_per_s": round(len(sources) * len(claim_set.claims) / (t_check - t_index), 1),
        "sources_with_evidence": with_evidence,
        "peak_rss_mb": round(peak_mb, 1),
    }


def bench_scale(corpus: Path, sizes: list[int]) -> dict[str, object]:
    if not corpus.exists():
        raise SystemExit(f"corpus not found: {corpus}")
    rows = []
    for size in sizes:
        proc = subprocess.run(
            [sys.executable, __file__, "_scale_one", str(corpus), str(size)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        rows.append(json.loads(proc.stdout))
    return {"machine": machine(), "corpus": str(corpus), "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    seeds = sub.add_parser("seeds")
    seeds.add_argument("--runs", type=int, default=5)
    scale = sub.add_parser("scale")
    scale.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    scale.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    one = sub.add_parser("_scale_one")
    one.add_argument("corpus", type=Path)
    one.add_argument("size", type=int)
    args = parser.parse_args()
    if args.what == "seeds":
        result = bench_seeds(args.runs)
    elif args.what == "scale":
        result = bench_scale(args.corpus, args.sizes)
    else:
        result = scale_one(args.corpus, args.size)
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
