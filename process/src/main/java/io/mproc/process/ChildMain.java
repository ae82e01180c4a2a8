package io.mproc.process;

import io.mproc.internal.wire.Values;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.ObjectInputStream;

/**
 * The entry point of a child JVM started by a {@link ChildProcess}; not for direct use. Reads its
 * {@link ChildBootstrap} from standard input, runs the target with its arguments and exits: 0 when the target
 * returns, 1 when it throws (after printing the stack trace), or whatever the target passed to
 * {@code System.exit}.
 */
public final class ChildMain {

    private ChildMain() {
    }

    public static void main(String[] ignored) throws Exception {
        ChildBootstrap bootstrap = ChildBootstrap.read(new DataInputStream(System.in));
        if (bootstrap.daemon()) {
            ProcessHandle.of(bootstrap.parentPid()).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(1)),
                    () -> Runtime.getRuntime().halt(1));
        }
        ManagerLinks.register(bootstrap.address(), new RemoteLink(bootstrap.address(), bootstrap.token()));
        int exitCode = 0;
        try {
            run(bootstrap);
        } catch (Throwable failure) {
            System.err.println("Process " + bootstrap.name() + ":");
            failure.printStackTrace();
            exitCode = 1;
        }
        Feeder.flushAll();
        System.out.flush();
        System.exit(exitCode);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void run(ChildBootstrap bootstrap) throws Throwable {
        Object[] arguments = new Object[bootstrap.arguments().size()];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = Values.MAPPER.readValue(bootstrap.arguments().get(i),
                    Class.forName(bootstrap.argumentTypes().get(i)));
        }
        if (!bootstrap.staticTarget().isEmpty()) {
            StaticTarget.call(bootstrap.staticTarget(), arguments);
            return;
        }
        Object target;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bootstrap.target()))) {
            target = in.readObject();
        }
        if (target instanceof ProcessTarget run) {
            run.run();
        } else if (target instanceof ProcessTarget1 run) {
            run.run(arguments[0]);
        } else if (target instanceof ProcessTarget2 run) {
            run.run(arguments[0], arguments[1]);
        } else {
            ((ProcessTarget3) target).run(arguments[0], arguments[1], arguments[2]);
        }
    }
}
