"""CPU and memory of processes from /proc, in seconds and bytes.

Field numbers follow proc(5): 14 utime, 15 stime, 16 cutime, 17 cstime (clock ticks).
For a multi-threaded process /proc/<pid>/stat already sums every thread.
"""
import os

TICK = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid):
    with open(f"/proc/{pid}/stat") as f:
        data = f.read()
    # The command name may contain spaces and parentheses; fields resume after the last ')'.
    rest = data[data.rindex(")") + 2:].split()
    return rest  # rest[0] is field 3 (state), so field n is rest[n - 3]


def _field(fields, n):
    return int(fields[n - 3])


def cpu_seconds(pid):
    """utime + stime of a process (all its threads), fields 14-15."""
    f = _stat_fields(pid)
    return (_field(f, 14) + _field(f, 15)) / TICK


def cpu_seconds_with_reaped(pid):
    """utime + stime + cutime + cstime: the process and the children it has already reaped."""
    f = _stat_fields(pid)
    return sum(_field(f, n) for n in (14, 15, 16, 17)) / TICK


def children(pid):
    """Live children of a single-threaded process (the postmaster is one)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except FileNotFoundError:
        out = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    if _field(_stat_fields(entry), 4) == pid:
                        out.append(int(entry))
                except (FileNotFoundError, ProcessLookupError, IndexError):
                    pass
        return out


def postgres_cpu_seconds(postmaster):
    """CPU of a whole PostgreSQL instance: the postmaster with its reaped children (fields 14-17)
    plus every live child (backends, autovacuum, checkpointer, ...), each with its own reaped children.
    A backend that exits between two samples moves from the live sum into the postmaster's cutime/cstime."""
    total = cpu_seconds_with_reaped(postmaster)
    for child in children(postmaster):
        try:
            total += cpu_seconds_with_reaped(child)
        except (FileNotFoundError, ProcessLookupError):
            pass  # exited between listing and reading; counted once reaped
    return total


def rss_bytes(pid):
    """VmRSS from /proc/<pid>/status."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def threads(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("Threads:"):
                return int(line.split()[1])
    return 0


def machine_busy_seconds():
    """CPU seconds all cores spent busy (user, nice, system, irq, softirq, steal) since boot: with the
    two processes' own CPU it shows how much else ran on the machine during a window."""
    with open("/proc/stat") as f:
        cpu = f.readline().split()
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in cpu[1:9])
    return (user + nice + system + irq + softirq + steal) / TICK


def postgres_pss_bytes(postmaster):
    """Proportional set size of the postmaster and all its children: shared buffers counted once,
    split among the processes that touch them, so the sum is PostgreSQL's real memory."""
    total = 0
    for pid in [postmaster] + children(postmaster):
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            pass
    return total
