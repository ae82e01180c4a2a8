package io.mproc.runtime;

/**
 * Counts over a pool's life.
 *
 * @param workersStarted worker JVMs launched, replacements included
 * @param workerCrashes  workers that died without being asked to stop (crash, kill, timeout, cancel)
 * @param tasksRetried   tasks run again because their worker died while running them
 */
public record PoolStats(long workersStarted, long workerCrashes, long tasksRetried) {
}
