/**
 * The protocol a pool's coordinator ({@code io.mproc.runtime}) and its workers ({@code io.mproc.worker}) speak over
 * their socket. A {@link Frame} is a 16-byte little-endian header and a payload; {@link FrameReader} checks the header
 * before it allocates anything for the payload, and {@link FrameWriter} builds many frames into one buffer to leave in
 * one write. The messages are {@link Bootstrap} (a worker's settings, on its standard input), {@link Hello},
 * {@link FunctionDefinition} for DEFINE and INIT, the TASK and RESULT payloads of {@link PayloadLayout}, and
 * {@link RemoteError} for a failure, with {@link WorkerExit} naming a worker's exit codes. Values are CBOR:
 * {@link ValueCodec} writes numbers, strings and booleans on Jackson's streaming layer and leaves the rest to
 * {@link WireCodec}'s databind mapper, loaded only when such a value first appears, so a worker starts quickly. A
 * reader and a writer belong to one connection and are not thread-safe. Internal: used by mproc's own modules only; no
 * compatibility promise.
 */
package io.mproc.internal.wire;
