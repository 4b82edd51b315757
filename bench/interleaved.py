#!/usr/bin/env python3
"""Runs shell commands in turn, round after round, and prints each one's median wall time
and median CPU time (user + system of the command and its children) and its wall-time
ratio to the first command.

    python3 bench/interleaved.py ROUNDS 'COMMAND' 'COMMAND' ...

Running the commands in turn spreads a shared machine's changing load over all of them
alike (hyperfine times all runs of one command, then the next). Output is discarded; each
command runs once untimed first, to warm the page cache. Standard library only.
"""

import resource
import statistics
import subprocess
import sys
import time


def main():
    rounds, commands = int(sys.argv[1]), sys.argv[2:]
    wall = {c: [] for c in commands}
    cpu = {c: [] for c in commands}
    quiet = {"shell": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    for c in commands:
        subprocess.run(c, **quiet)
    for _ in range(rounds):
        for c in commands:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(c, **quiet)
            wall[c].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[c].append(
                after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            )
    first = statistics.median(wall[commands[0]])
    print("| command | wall | CPU | first ÷ this (wall) |")
    print("|---|---:|---:|---:|")
    for c in commands:
        w = statistics.median(wall[c])
        print(f"| `{c}` | {w * 1000:.0f} ms | {statistics.median(cpu[c]) * 1000:.0f} ms | {first / w:.2f}× |")


if __name__ == "__main__":
    main()
