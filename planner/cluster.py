"""Work handed to a Dask cluster: plain data out, plain data back, results as they finish.

Both `whatif` (one variant a task) and the routing stage (`route.decompose`: one process's
share of a split campaign's parts a task) plan beyond this machine through `Cluster`. What
travels must pickle, so tasks get plain values and build their OR-Tools models themselves
(solver objects do not pickle); the cluster's workers need songnuan installed, with the
scenario's plugins, and `dask.distributed` is an extra (`songnuan[cluster]`), imported only
when a cluster is asked for.

Everything that can go wrong with the cluster itself (no dask.distributed here, no scheduler
at the address, no worker behind it, the connection lost, no answer by the deadline) is a
`ClusterError` whose message says so in Chinese: the commands turn it into exit status 2
without a traceback, while an error raised by the task itself (a `RoutingError`, say) comes
back as the error it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import CancelledError
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from distributed import Client

CONNECT_TIMEOUT = 10.0
"""Seconds to keep trying to reach a Dask scheduler, and for it to have a worker, before
saying it cannot be used."""
INSTALL = "pip install 'songnuan[cluster]'"

Item = TypeVar("Item")
Result = TypeVar("Result")


class ClusterError(Exception):
    """The Dask cluster cannot be used: dask.distributed is missing, the scheduler is away or
    has no worker, the connection broke, or the results did not come back in time."""


class Cluster:
    """A connection to the Dask scheduler at `address`, open inside a `with` block."""

    def __init__(self, address: str) -> None:
        self.address = address
        self._client: Client | None = None

    def __enter__(self) -> Cluster:
        try:
            from distributed import Client
        except ImportError as error:
            raise ClusterError(f"--cluster 需要 dask.distributed：请安装 {INSTALL}") from error
        try:
            client = Client(self.address, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError, ValueError) as error:
            wait = f"{CONNECT_TIMEOUT:g} 秒内无应答"
            message = f"无法连接 Dask 调度器 {self.address}（{wait}）：{error}"
            raise ClusterError(message) from error
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as error:
            client.close()  # type: ignore[no-untyped-call]
            message = (
                f"Dask 调度器 {self.address} 在 {CONNECT_TIMEOUT:g} 秒内没有可用的工作进程"
                f"（在各机器上启动：dask worker {self.address} --nthreads 1）"
            )
            raise ClusterError(message) from error
        self._client = client
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._client is not None:
            self._client.close()  # type: ignore[no-untyped-call]
            self._client = None

    @property
    def workers(self) -> tuple[str, ...]:
        """The addresses of the scheduler's workers now, in a fixed order."""
        threads: dict[str, int] = self._connected().nthreads()  # type: ignore[no-untyped-call]
        return tuple(sorted(threads))

    def finished(
        self,
        function: Callable[[Item], Result],
        items: Sequence[Item],
        *,
        spread: bool = False,
        timeout: float | None = None,
    ) -> Iterator[tuple[int, Result]]:
        """`function` of each item on the cluster: (the item's index, its result) as each ends.

        `spread`: item i goes to worker i (of `workers`, round the list), so that with no more
        items than workers each worker runs one however many threads it has; it goes to another
        worker only when its own is gone. The routing searches hold Python's interpreter lock
        while they search, so two on one worker process would take turns and overrun their time
        limits. `timeout`: seconds after which the results not yet back are given up.
        """
        from distributed import KilledWorker, as_completed

        client = self._connected()
        workers = self.workers
        try:
            futures = []
            for i, item in enumerate(items):
                home = [workers[i % len(workers)]] if spread else None
                sent = client.scatter([item], workers=home, hash=False)  # type: ignore[no-untyped-call]
                where = {"workers": home, "allow_other_workers": spread}
                futures.append(client.submit(function, sent[0], pure=False, **where))
            index = {future.key: i for i, future in enumerate(futures)}
            for future in as_completed(futures, timeout=timeout):  # type: ignore[no-untyped-call]
                yield index[future.key], future.result()
        except TimeoutError as error:
            message = (
                f"Dask 集群 {self.address} 在 {timeout or 0:.0f} 秒内没有交回全部结果"
                "（工作进程忙、太慢或已断开）"
            )
            raise ClusterError(message) from error
        except (OSError, CancelledError, KilledWorker) as error:
            message = f"Dask 集群 {self.address} 的任务中断（工作进程或连接断开）：{error}"
            raise ClusterError(message) from error

    def _connected(self) -> Client:
        if self._client is None:
            raise RuntimeError("Cluster is used outside its `with` block")
        return self._client
