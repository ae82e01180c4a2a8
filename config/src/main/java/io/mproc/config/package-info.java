/**
 * The configuration model of the {@code mproc} command line, in layers that each override the ones before: defaults, a
 * YAML or JSON file, {@code MPROC_*} environment variables, then flags. {@link ConfigLoader} checks every value given,
 * also one that a later layer overrides, and builds an {@link EffectiveConfig}: the {@link MprocConfig} together with
 * the {@link ConfigSource} of each value (flags come in as {@link ConfigFlag}s); what it rejects fails with one
 * {@link ConfigException} that has a line per problem. {@link MprocConfig#toPoolSettings()} turns a configuration into
 * the {@code io.mproc.PoolSettings} a pool is built with. The records are immutable and the loader's static methods
 * keep no state, so all of it may be shared between threads. Public API: the loader, the records and the exception; key
 * parsing and file reading ({@code ConfigKey}, {@code ConfigFile}, {@code ValueSyntax}) are package-private.
 */
package io.mproc.config;
