package io.mproc.runtime;

import io.mproc.MprocException;
import io.mproc.TaskFailedException;
import io.mproc.internal.wire.PayloadLayout;
import io.mproc.internal.wire.RemoteError;
import io.mproc.internal.wire.ValueCodec;
import io.mproc.internal.wire.WireCodec;
import java.nio.ByteBuffer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;

/** Turns the values of a RESULT or TIMEOUT frame into outcomes in its chunk's sink. Coordinator thread only. */
final class ResultDecoder {

    private final PoolMetrics metrics;

    ResultDecoder(PoolMetrics metrics) {
        this.metrics = metrics;
    }

    /** Delivers the outcome of each item the frame carries; {@code pid} is the worker's, for task failures. */
    void deliver(Chunk chunk, ByteBuffer payload, long pid) {
        ResultSink sink = chunk.batch.sink;
        if (sink.isClosed()) {
            return;
        }
        int count = payload.getInt(PayloadLayout.RESULT_COUNT_OFFSET);
        int errorCount = payload.getInt(PayloadLayout.RESULT_ERROR_COUNT_OFFSET);
        int valuesOffset = PayloadLayout.RESULT_ERRORS_OFFSET + errorCount * Integer.BYTES;
        metrics.finished(PoolMetrics.Outcome.FAILED, errorCount);
        metrics.finished(PoolMetrics.Outcome.SUCCESS, count - errorCount);
        int nextError = 0;
        int errorIndex = errorCount > 0 ? payload.getInt(PayloadLayout.RESULT_ERRORS_OFFSET) : -1;
        try (JsonParser parser = ValueCodec.parser(payload.array(), payload.arrayOffset() + valuesOffset,
                payload.remaining() - valuesOffset)) {
            for (int i = 0; i < count; i++) {
                parser.nextToken();
                if (i == errorIndex) {
                    RemoteError error = WireCodec.ERROR_READER.readValue(parser);
                    sink.fail(chunk.index(i), new TaskFailedException(error.toThrowable(), pid));
                    nextError++;
                    errorIndex = nextError < errorCount
                            ? payload.getInt(PayloadLayout.RESULT_ERRORS_OFFSET + nextError * Integer.BYTES) : -1;
                } else {
                    sink.succeed(chunk.index(i), chunk.batch.function.resultReader.read(parser));
                }
            }
        } catch (JacksonException e) {
            MprocException error = new MprocException("the coordinator could not decode a result as "
                    + chunk.batch.function.definition.resultType() + ": " + e.getOriginalMessage(), e);
            for (int i = 0; i < count; i++) {
                sink.fail(chunk.index(i), error);
            }
        }
    }
}
