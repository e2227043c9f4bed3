"""Benchmarks for factcheck: wall time of the CLI on the seeds, and scale on a news corpus.

Usage (from the repo root, with the project installed):

    python benchmarks/bench.py seeds [--runs 5]
    python benchmarks/bench.py scale [--corpus PATH.jsonl] [--sizes 1000 5000 20000] [--claims 1000] [--jobs 2]
    python benchmarks/bench.py index [--size 1000] [--claims 50]

``seeds`` times whole ``factcheck list`` and ``factcheck verify`` processes (start-up
included, as a user waits for them) and prints the median of ``--runs`` runs, with the
analysis cache warm (a re-run) and with ``--no-cache`` (every article analysed afresh).
``scale`` checks the bundled claims plus corpus headlines (``--claims`` in all) against
the first N articles of a JSON Lines corpus (read in place, never copied), in one
worker process per job: a cold run with an empty analysis cache, then a warm one with
the articles cached and the claims checked afresh. Each size runs in a fresh process
and its peak memory is that of the process and its workers together.
``index`` times the candidate index against scoring every sentence, on the same
claims in one process, and checks that both find the same evidence.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
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


class MemoryWatch:
    """Peak resident memory of this process and all its worker processes together, sampled every 0.1 s."""

    def __init__(self) -> None:
        import threading

        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def _tree(pid: int) -> list[int]:
        out = [pid]
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in children:
                out += MemoryWatch._tree(int(child))
        return out

    @staticmethod
    def _rss_mb(pid: int) -> float:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            total = sum(self._rss_mb(pid) for pid in self._tree(os.getpid()))
            self.peak_mb = max(self.peak_mb, total)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return round(max(self.peak_mb, own), 1)


def read_articles(corpus: Path, size: int) -> list:
    from factcheck.models import Source, SourceMeta

    sources = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if len(sources) >= size:
                break
            obj = json.loads(line)
            text = (obj.get("title") or "") + "\n\n" + obj["text"]
            sources.append(Source(obj["id"], corpus, text, SourceMeta(outlet=obj.get("source"))))
    return sources


def benchmark_claims(corpus: Path, count: int) -> list:
    """The bundled claims, then headlines taken evenly across the whole corpus (most name events of
    articles outside a small sample, some of articles inside it), ``count`` in all."""
    from factcheck import load_claims
    from factcheck.models import Claim

    claims = list(load_claims(ROOT / "claims.yaml").claims)
    titles = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            title = (json.loads(line).get("title") or "").strip()
            if title:
                titles.append(title)
    wanted = max(0, count - len(claims))
    step = max(1, len(titles) // max(wanted, 1))
    claims += [Claim(f"headline-{i}", t) for i, t in enumerate(titles[::step][:wanted])]
    return claims[:count]


def answers_digest(results: list) -> str:
    """SHA-256 of every claim's verdict, voices and evidence, and what each source that is not
    silent says (as ``repr``), claim by claim: no whole JSON document is built or held."""
    from factcheck.models import SourceStance

    digest = hashlib.sha256()
    for r in results:
        said = [(i, s.stance, s.evidence) for i, s in enumerate(r.sources) if s.stance is not SourceStance.SILENT]
        digest.update(repr((r.claim.id, r.verdict, r.voices, said, r.evidence)).encode())
    return digest.hexdigest()


def scale_one(corpus: Path, size: int, claims_count: int, jobs: int) -> dict[str, object]:
    """Runs in a child process: a cold run (empty analysis cache), then a warm one (articles cached, claims
    checked afresh), with the peak memory of this process and its workers together."""
    from factcheck import Settings, load_claims
    from factcheck.parts import PartedCorpus, ProcessRunner

    watch = MemoryWatch()
    glossary = load_claims(ROOT / "claims.yaml").glossary
    claims = benchmark_claims(corpus, claims_count)
    sources = read_articles(corpus, size)
    cache_dir = Path(tempfile.mkdtemp(prefix="factcheck-bench-scale-"))
    row: dict[str, object] = {"articles": len(sources), "claims": len(claims), "jobs": jobs}
    answers = []  # per run, a digest of its JSON answers: the answers themselves are not kept from one run to the next
    try:
        for run in ("cold", "warm"):
            t0 = time.perf_counter()
            with PartedCorpus(sources, ProcessRunner(), parts=jobs, cache_dir=cache_dir) as engine:
                t1 = time.perf_counter()
                results = engine.check_all(claims, glossary, Settings())
                t2 = time.perf_counter()
                row["sentences"] = engine._base.sentences
            del engine  # this run's parent-side state is not held while the next run builds its own
            answers.append(answers_digest(results))
            row[f"{run}_analyse_s"] = round(t1 - t0, 2)
            row[f"{run}_check_s"] = round(t2 - t1, 2)
            row[f"{run}_total_s"] = round(t2 - t0, 2)
            row["claims_with_evidence"] = sum(1 for r in results if r.evidence)
            row["evidence_sentences"] = sum(len(r.evidence) for r in results)
            del results
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)  # some hundreds of MB at 20,000 articles
    row["warm_same_as_cold"] = answers[0] == answers[1]
    row["check_ms_per_claim_warm"] = round(1000 * float(row["warm_check_s"]) / len(claims), 1)
    row["peak_rss_mb"] = watch.stop()
    return row


def bench_scale(corpus: Path, sizes: list[int], claims: int, jobs: int) -> dict[str, object]:
    if not corpus.exists():
        raise SystemExit(f"corpus not found: {corpus}")
    rows = []
    for size in sizes:
        proc = subprocess.run(
            [sys.executable, __file__, "_scale_one", str(corpus), str(size), str(claims), str(jobs)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        rows.append(json.loads(proc.stdout))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return {"machine": machine(), "cpu_calibration_s": calibration(), "corpus": str(corpus), "rows": rows}


def bench_index(corpus: Path, size: int, claims_count: int) -> dict[str, object]:
    """The candidate index against scoring every sentence, side by side in one process, same claims."""
    from factcheck import Corpus, Settings, load_claims

    glossary = load_claims(ROOT / "claims.yaml").glossary
    claims = benchmark_claims(corpus, 1000)
    claims = claims[:: max(1, len(claims) // claims_count)][:claims_count]
    engine = Corpus(read_articles(corpus, size))
    out: dict[str, object] = {"articles": size, "sentences": len(engine.index.sentences), "claims": len(claims)}
    engine.check_all(claims, glossary, Settings())  # first: spelling neighbours looked up, candidates analysed
    timings = {}
    answers = {}
    for way, exhaustive in (("index", False), ("every_sentence", True)):
        start = time.perf_counter()
        answers[way] = [engine.check(c, glossary, Settings(), exhaustive=exhaustive) for c in claims]
        timings[way] = time.perf_counter() - start
    out["index_s"] = round(timings["index"], 2)
    out["every_sentence_s"] = round(timings["every_sentence"], 2)
    out["speed_up"] = round(timings["every_sentence"] / timings["index"], 1)
    out["same_results"] = answers["index"] == answers["every_sentence"]
    out["evidence_sentences"] = sum(len(r.evidence) for r in answers["index"])
    return {"machine": machine(), "cpu_calibration_s": calibration(), **out}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    seeds = sub.add_parser("seeds")
    seeds.add_argument("--runs", type=int, default=5)
    scale = sub.add_parser("scale")
    scale.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    scale.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    scale.add_argument("--claims", type=int, default=1000)
    scale.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    index = sub.add_parser("index")
    index.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    index.add_argument("--size", type=int, default=1000)
    index.add_argument("--claims", type=int, default=50)
    one = sub.add_parser("_scale_one")
    one.add_argument("corpus", type=Path)
    one.add_argument("size", type=int)
    one.add_argument("claims", type=int)
    one.add_argument("jobs", type=int)
    args = parser.parse_args()
    if args.what == "seeds":
        result = bench_seeds(args.runs)
    elif args.what == "scale":
        result = bench_scale(args.corpus, args.sizes, args.claims, args.jobs)
    elif args.what == "index":
        result = bench_index(args.corpus, args.size, args.claims)
    else:
        result = scale_one(args.corpus, args.size, args.claims, args.jobs)
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
