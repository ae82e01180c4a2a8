package io.mproc.process;

import java.util.List;

/**
 * One operation on a managed object.
 *
 * @param object    the object's id at the manager
 * @param method    the operation, such as {@code append}
 * @param arguments its arguments
 */
record Call(long object, String method, List<Object> arguments) {
}
