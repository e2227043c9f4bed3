"""The corpus in parts on a Dask cluster (``factcheck verify --engine dask``).

Each part of the corpus (``parts.Part``) is built on a Dask worker and kept
there as a future; the three rounds of a run (``parts.PartedCorpus``) are
tasks on those futures, so only claims, counts and findings cross the network.
Without a scheduler address a local cluster is started, one worker process per
core. A real cluster needs factcheck, at the same version, installed on every
worker (``pip install "factcheck[dask]"``); the articles are sent from here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from factcheck.parts import Part, PartSpec, default_jobs


class DaskUnavailable(RuntimeError):
    """Dask is not installed, or the scheduler cannot be reached."""


def _call(part: Part, method: str, *args: Any) -> Any:
    return getattr(part, method)(*args)


class DaskRunner:
    """Parts held by the workers of a Dask cluster: the one at ``scheduler``, or a local one."""

    def __init__(self, scheduler: str | None = None, workers: int | None = None) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:
            raise DaskUnavailable('the Dask engine needs Dask: pip install "factcheck[dask]"') from exc
        self._cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout=10)
            else:
                self._cluster = LocalCluster(
                    n_workers=workers or default_jobs(),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=40,  # errors only: a command's output is its results
                )
                self.client = Client(self._cluster)
        except OSError as exc:
            raise DaskUnavailable(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        self._parts: list[Any] = []

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info()["workers"])

    def start(self, specs: Sequence[PartSpec]) -> None:
        # One part per worker in turn; pure=False: every part is its own object, even when two specs are equal.
        addresses = sorted(self.client.scheduler_info()["workers"])
        self._parts = [
            self.client.submit(Part, spec, pure=False, workers=[addresses[i % len(addresses)]])
            for i, spec in enumerate(specs)
        ]
        self.client.gather(self._parts)  # built now, all at once; a failure shows here

    def call(self, method: str, *args: Any, each: Callable[[Any], Any] | None = None) -> list[Any]:
        # Claims and the corpus's counts go once to every worker, not once per part.
        shared = [self.client.scatter([a], broadcast=True, hash=False)[0] for a in args]
        tasks = [self.client.submit(_call, part, method, *shared, pure=False) for part in self._parts]
        answers = self.client.gather(tasks)
        return answers if each is None else [each(answer) for answer in answers]

    def close(self) -> None:
        self._parts = []
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
