"""The Dask runner: a cluster of worker processes writes the same bytes as the in-process build."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager, suppress

import pytest

from claimcorpus.build import chain, cluster
from claimcorpus.build.chain import write_tables
from claimcorpus.cli import main
from claimcorpus.errors import CorpusError
from claimcorpus.perf.synthetic import write_corpus

from .conftest import DOC, ROOT, tree_digest

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler():
    """The address of a local cluster of 2 worker processes (reached over TCP like a remote one)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    return write_corpus(ROOT / "annotations" / "documents" / DOC, tmp_path_factory.mktemp("synth"), 5)


def test_batches_joined_on_the_cluster_give_the_same_files(synthetic, scheduler, tmp_path):
    on_cluster = write_tables(synthetic, tmp_path / "cluster", batch_rows=50, shard_rows=100, row_group_rows=32,
                              scheduler=scheduler)
    in_process = write_tables(synthetic, tmp_path / "local", batch_rows=50, shard_rows=100, row_group_rows=32)
    assert on_cluster.batches == in_process.batches > 2
    assert on_cluster.files == in_process.files
    assert {"load + JSON Schema", "invariants", "join + encode"} <= set(on_cluster.seconds)
    assert tree_digest(tmp_path / "cluster") == tree_digest(tmp_path / "local")


def test_a_fault_on_a_cluster_worker_arrives_located(scheduler, tmp_path):
    root = write_corpus(ROOT / "annotations" / "documents" / DOC, tmp_path / "broken", 3)
    labels = root / "documents" / "synth-000002" / "gold" / "sentence_labels.jsonl"
    labels.write_text(labels.read_text().replace('"hedge_level": "attributed"', '"hedge_level": "maybe"', 1))
    with pytest.raises(CorpusError) as caught:
        write_tables(root, tmp_path / "out", batch_rows=42, scheduler=scheduler)
    assert caught.value.file == str(labels.resolve()) and caught.value.field == "hedge_level"
    assert caught.value.found == "maybe"


def test_a_local_clusters_workers_allocate_arrow_memory_from_the_system_pool(monkeypatch):
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)

    def pool():
        import os

        import pyarrow as pa

        return os.environ.get("ARROW_DEFAULT_MEMORY_POOL"), pa.default_memory_pool().backend_name

    with cluster.cluster_client(cluster.LOCAL, 2) as client:
        assert sorted(client.run(pool).values()) == [("system", "system")] * 2


def test_a_local_clusters_workers_keep_the_allocators_own_trimming_unless_this_process_sets_it(monkeypatch):
    def threshold():
        import os

        return os.environ.get("MALLOC_TRIM_THRESHOLD_")

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with cluster.cluster_client(cluster.LOCAL, 1) as client:
        assert list(client.run(threshold).values()) == [None]
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "262144")
    with cluster.cluster_client(cluster.LOCAL, 1) as client:
        assert list(client.run(threshold).values()) == ["262144"]


@pytest.mark.filterwarnings("ignore:Port .* is already in use")
def test_a_local_cluster_runs_without_the_monitoring_only_a_dashboard_shows():
    def intervals(dask_worker=None, dask_scheduler=None):  # what runs, and every how many ms
        server = dask_worker or dask_scheduler
        return {name: callback.callback_time for name, callback in server.periodic_callbacks.items()}

    import dask

    memory_ms = 1000 * dask.utils.parse_timedelta(dask.config.get("distributed.worker.memory.monitor-interval"))
    with cluster.cluster_client(cluster.LOCAL, 2) as client:
        for worker in client.run(intervals).values():
            assert "profile" not in worker and "profile-cycle" not in worker
            assert (worker["tick"], worker["monitor"], worker["memory_monitor"]) == (500, 5000, memory_ms)
        scheduler = client.run_on_scheduler(intervals)
        assert (scheduler["tick"], scheduler["monitor"]) == (500, 5000)
        nannies = client.cluster.workers.values()  # the memory monitor that restarts a worker keeps Dask's pace
        assert [nanny.periodic_callbacks["memory_monitor"].callback_time for nanny in nannies] == [memory_ms] * 2
    with distributed.LocalCluster(n_workers=1, processes=True, dashboard_address=None) as default, \
            distributed.Client(default) as client:  # the same checks see Dask's own settings otherwise
        worker = next(iter(client.run(intervals).values()))
        configured = [dask.config.get(f"distributed.{key}") for key in ("admin.tick.interval",
                                                                         "admin.system-monitor.interval")]
        assert configured != ["500ms", "5s"]  # else the first half would not tell the settings from Dask's
        assert "profile" in worker and [worker["tick"], worker["monitor"]] == [
            1000 * dask.utils.parse_timedelta(value) for value in configured]


def test_cli_build_on_a_local_cluster_writes_the_committed_release(project, capsys, handed_over):
    received = handed_over
    assert main(["--root", str(project), "build", "--scheduler", "local", "--workers", "2"]) == 0
    assert len(received) == 1  # the one batch came over as files from the local cluster
    assert tree_digest(project / "dataset") == tree_digest(ROOT / "dataset")
    for card in ("README.md", "dataset_card.md"):
        assert (project / card).read_bytes() == (ROOT / card).read_bytes()
    assert "42 sentences" in capsys.readouterr().out


@pytest.mark.filterwarnings("ignore:Port .* is already in use")  # the scheduler's HTTP endpoint takes another port
def test_a_scheduler_without_workers_is_one_line_and_exit_2(project, capsys, monkeypatch):
    monkeypatch.setattr(cluster, "WORKERS_TIMEOUT", 1.0)
    before = tree_digest(project / "dataset")
    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=None,
                                  silence_logs=logging.ERROR) as empty:
        assert main(["--root", str(project), "build", "--scheduler", empty.scheduler_address]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: --scheduler: ") and "Traceback" not in err
    assert "at least one worker within 1 s" in err and f"{empty.scheduler_address} (no worker)" in err
    assert tree_digest(project / "dataset") == before


def test_an_unreachable_scheduler_is_one_line_and_exit_2(project, capsys, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1.0)
    before = tree_digest(project / "dataset")
    assert main(["--root", str(project), "build", "--scheduler", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: --scheduler: ")
    assert "tcp://127.0.0.1:9" in err and "reachable within 1 s" in err and "Traceback" not in err
    assert tree_digest(project / "dataset") == before


def test_without_distributed_the_error_names_the_extra(project, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    assert main(["--root", str(project), "build", "--scheduler", "local"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "claimcorpus[cluster]" in err and "not installed" in err


def test_a_batch_whose_cluster_workers_die_is_one_line_exit_1(scheduler, project, capsys, monkeypatch):
    from .worker_jobs import die

    monkeypatch.setattr(chain, "runner_for", lambda workers, items, address: lambda job, work:
                        cluster.run_cluster(die, work, scheduler))
    before = tree_digest(project / "dataset")
    assert main(["--root", str(project), "build", "--scheduler", scheduler]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Dask workers died in turn while joining one batch" in err
    assert "--batch-rows" in err and "Traceback" not in err
    assert tree_digest(project / "dataset") == before


@pytest.mark.filterwarnings("ignore:Port .* is already in use")
def test_a_cluster_whose_workers_all_leave_mid_build_stops_with_one_line_exit_1(project, capsys, monkeypatch):
    """Dask reschedules the batches of a worker that leaves; with no worker left they would wait forever."""
    import threading

    from .worker_jobs import slow

    monkeypatch.setattr(cluster, "WORKERS_TIMEOUT", 1.0)
    monkeypatch.setattr(cluster, "POLL_SECONDS", 0.2)
    before = tree_digest(project / "dataset")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR) as local:
        monkeypatch.setattr(chain, "runner_for", lambda workers, items, address: lambda job, work:
                            cluster.run_cluster(slow, work, local.scheduler_address))
        threading.Timer(1.0, local.scale, (0,)).start()  # the worker leaves while its batch runs
        assert main(["--root", str(project), "build", "--scheduler", local.scheduler_address]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"the Dask cluster at {local.scheduler_address} has had no worker for 1 s while a batch waited" in err
    assert tree_digest(project / "dataset") == before


def test_a_batch_that_raises_timeout_error_is_its_error_not_a_wait(scheduler):
    from .worker_jobs import time_out

    with pytest.raises(TimeoutError, match="reading batch 0 timed out"):
        list(cluster.run_cluster(time_out, range(2), scheduler))


@pytest.mark.filterwarnings("ignore:Port .* is already in use")
def test_a_cluster_whose_scheduler_goes_away_mid_build_stops_with_one_line_exit_1(project, capsys, monkeypatch):
    import threading

    from .worker_jobs import slow

    before = tree_digest(project / "dataset")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.CRITICAL) as local:
        monkeypatch.setattr(chain, "runner_for", lambda workers, items, address: lambda job, work:
                            cluster.run_cluster(slow, work, local.scheduler_address))
        threading.Timer(1.0, local.close).start()  # the scheduler and its worker shut down while a batch runs
        assert main(["--root", str(project), "build", "--scheduler", local.scheduler_address]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"the Dask cluster at {local.scheduler_address} cancelled a batch (" in err, err
    assert tree_digest(project / "dataset") == before


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="stops the scheduler's process with a POSIX signal")
@pytest.mark.parametrize(("signal_name", "allowance", "message"), [
    ("SIGSTOP", 1.0, "has not answered for 1 s while a batch waited, so nothing was written; restart its scheduler"),
    ("SIGKILL", 20.0, "cancelled a batch (scheduler-connection-lost), so nothing was written"),
])
def test_a_scheduler_stopped_or_killed_mid_build_stops_it_with_one_line_exit_1(signal_name, allowance, message,
                                                                              project, capsys, monkeypatch, tmp_path):
    """Connected but stopped, the scheduler answers nothing (without a timeout the build would wait for good);
    killed, it cancels the build's batches. Either way one line, and no traceback logged by Dask."""
    import io
    import threading

    from .worker_jobs import slow

    for name, seconds in (("POLL_SECONDS", 0.2), ("ANSWER_SECONDS", 0.5)):
        monkeypatch.setattr(cluster, name, seconds)
    before = tree_digest(project / "dataset")
    logged = logging.StreamHandler(io.StringIO())  # what Dask's own log handlers would print
    logging.getLogger("distributed").addHandler(logged)
    try:
        with dask_processes(tmp_path) as (address, scheduler_pid):
            monkeypatch.setattr(chain, "runner_for", lambda workers, items, address: lambda job, work:
                                cluster.run_cluster(slow, work, address))
            signal_when_awaited(monkeypatch, scheduler_pid, getattr(signal, signal_name), workers_timeout=allowance)
            watchdog = threading.Timer(40.0, os.kill, (scheduler_pid, signal.SIGKILL))  # a hung build fails
            watchdog.start()
            try:
                assert main(["--root", str(project), "build", "--scheduler", address]) == 1
            finally:
                watchdog.cancel()
    finally:
        logging.getLogger("distributed").removeHandler(logged)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"the Dask cluster at {address} {message}" in err, err
    assert logged.stream.getvalue() == ""
    assert tree_digest(project / "dataset") == before


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="stops the scheduler's process with a POSIX signal")
def test_a_scheduler_stopped_for_less_than_the_allowance_lets_the_build_go_on(monkeypatch, tmp_path):

    from .worker_jobs import nap

    for name, seconds in (("WORKERS_TIMEOUT", 8.0), ("POLL_SECONDS", 0.2), ("ANSWER_SECONDS", 0.5)):
        monkeypatch.setattr(cluster, name, seconds)
    with dask_processes(tmp_path) as (address, scheduler_pid):
        signal_when_awaited(monkeypatch, scheduler_pid, signal.SIGSTOP, then=(2.0, signal.SIGCONT))  # 2 s of 8
        assert list(cluster.run_cluster(nap, range(3), address)) == [0, 1, 2]


class StalledCluster:
    """Stand-ins for the ``distributed`` module and a future that finishes after ``waits`` waits (``None``:
    never), with a scheduler whose thread count comes from ``answer(seconds allowed)``; records the allowances."""

    def __init__(self, answer, waits: int | None = None):
        self.answer, self.waits, self.allowed = answer, waits, []

    def wait(self, future, timeout):
        if self.waits is not None:
            self.waits -= 1
        raise TimeoutError

    def done(self):
        return self.waits is not None and self.waits <= 0

    def result(self):
        return "joined"

    def threads(self, client, seconds):
        self.allowed.append(seconds)
        return self.answer(seconds)


def test_a_scheduler_slower_than_the_first_check_but_within_the_allowance_keeps_the_build(monkeypatch):
    """Each answer takes 1 s, more than the first check's 0.5 s: the next check allows the rest of the 3 s, so
    the batch is awaited to its end (checks allowing 0.5 s only would give up after 3 s of no answer)."""
    for name, seconds in (("WORKERS_TIMEOUT", 3.0), ("POLL_SECONDS", 0.01), ("ANSWER_SECONDS", 0.5)):
        monkeypatch.setattr(cluster, name, seconds)
    slow = StalledCluster(lambda seconds: 1 if seconds >= 1.0 else None, waits=40)
    monkeypatch.setattr(cluster, "worker_threads", slow.threads)
    assert cluster.awaited(slow, None, "tcp://x:1", slow) == "joined"
    assert slow.allowed[0::2] == [0.5] * len(slow.allowed[0::2]) and all(2.5 < a <= 3 for a in slow.allowed[1::2])
    assert len(slow.allowed) == 39  # a check after each wait but the last


def test_a_stalled_cluster_is_named_by_what_it_did(monkeypatch):
    import itertools

    from claimcorpus.errors import WorkerDied

    for name, seconds in (("WORKERS_TIMEOUT", 0.2), ("POLL_SECONDS", 0.01), ("ANSWER_SECONDS", 0.01)):
        monkeypatch.setattr(cluster, name, seconds)
    turns = itertools.cycle([0, None])
    for answer, state in ((lambda s: 0, "had no worker for 0.2 s while a batch waited, so nothing was written; "
                           "start workers for it"),
                          (lambda s: None, "not answered for 0.2 s while a batch waited, so nothing was written; "
                           "restart its scheduler"),
                          (lambda s: next(turns), "had no worker or not answered for 0.2 s")):
        stalled = StalledCluster(answer)
        monkeypatch.setattr(cluster, "worker_threads", stalled.threads)
        with pytest.raises(WorkerDied, match=f"^the Dask cluster at tcp://x:1 has {state}"):
            cluster.awaited(stalled, None, "tcp://x:1", stalled)


def test_a_scheduler_that_does_not_answer_at_the_start_is_one_line(monkeypatch):
    from contextlib import nullcontext

    from claimcorpus.errors import WorkerDied

    monkeypatch.setattr(cluster, "cluster_client", lambda address, workers: nullcontext(object()))
    monkeypatch.setattr(cluster, "worker_threads", lambda client, seconds: None)
    with pytest.raises(WorkerDied, match="^the Dask scheduler at tcp://x:1 did not say how many workers it has "
                                         r"\(no answer within 60 s, or its connection closed\)"):
        list(cluster.run_cluster(len, [[1]], "tcp://x:1"))


@pytest.mark.filterwarnings("ignore:Port .* is already in use")
def test_a_local_clusters_dying_workers_are_one_line_not_also_dask_log_lines():
    import io

    import dask

    from claimcorpus.errors import WorkerDied

    from .worker_jobs import die

    logged = logging.StreamHandler(io.StringIO())  # what Dask's own log handlers would print
    logging.getLogger("distributed").addHandler(logged)
    try:
        with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
                pytest.raises(WorkerDied, match="^1 Dask workers died in turn while joining one batch"):
            list(cluster.run_cluster(die, range(1), cluster.LOCAL, 1))
    finally:
        logging.getLogger("distributed").removeHandler(logged)
    assert logged.stream.getvalue() == ""


def signal_when_awaited(monkeypatch, pid: int, signum: int, then: tuple[float, int] | None = None,
                        workers_timeout: float | None = None) -> None:
    """Send ``signum`` to ``pid`` when the build first awaits a batch (so it has reached the cluster by then);
    ``then``: (seconds later, another signal); ``workers_timeout``: the allowance from then on (the start's
    check keeps the one set before)."""
    import threading

    awaited, sent = cluster.awaited, []

    def signalled_then_awaited(*args):
        if not sent:
            if workers_timeout is not None:
                monkeypatch.setattr(cluster, "WORKERS_TIMEOUT", workers_timeout)
            os.kill(pid, signum)
            sent.append(signum)
            if then is not None:
                threading.Timer(then[0], os.kill, (pid, then[1])).start()
        return awaited(*args)

    monkeypatch.setattr(cluster, "awaited", signalled_then_awaited)


@contextmanager
def dask_processes(folder):
    """A ``dask scheduler`` process and one ``dask worker`` process on this machine: (address, scheduler pid)."""
    file = folder / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                  "--port", "0", "--no-dashboard", "--scheduler-file", str(file)], **quiet)
    processes = [scheduler]
    try:
        address = scheduler_address(file, scheduler)
        processes.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address,
                                           "--nthreads", "1", "--no-dashboard"], env=env, **quiet))
        with distributed.Client(address, timeout=30) as client:
            client.wait_for_workers(1, timeout=60)
        yield address, scheduler.pid
    finally:
        for process in processes:
            process.kill()
            process.wait()


def scheduler_address(file, scheduler, seconds: float = 60) -> str:
    """The address the ``dask scheduler`` process writes into its scheduler file (retried while it writes it)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert scheduler.poll() is None, f"dask scheduler exited with {scheduler.returncode}"
        with suppress(FileNotFoundError, json.JSONDecodeError, KeyError):
            return json.loads(file.read_text())["address"]
        time.sleep(0.1)
    raise AssertionError(f"no scheduler file {file} within {seconds:g} s")
