package io.mproc.process;

import java.util.List;

/** An object held by the {@link ManagerServer}; each operation runs there, on the caller's behalf. */
@FunctionalInterface
interface ManagedObject {

    Object invoke(Op op, List<Object> arguments) throws Exception;
}
