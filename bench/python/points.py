"""A record type for pool_bench.py's fresh-process map of records; spawned workers import it to unpickle."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Point:
    x: int
    y: int
    label: str


def moved(point):
    return Point(point.x + 1, point.y + 1, point.label)
