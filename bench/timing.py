"""Best-of-N wall timing shared by the benchmark's Python peers."""
import time


def best_of(repeats, work):
    """Runs `work` `repeats` times: the shortest wall time, every time, and the last result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), times, result
