package io.mproc.examples;

import io.mproc.process.ChildProcess;
import io.mproc.process.Connection;
import io.mproc.process.MprocContext;
import io.mproc.process.Pipe;
import java.util.List;

/** The seed's Pipe example: one process sends messages until "Bye", another prints what it receives. */
public final class PipeMessages {

    private PipeMessages() {
    }

    public static void main(String[] args) {
        try (MprocContext context = MprocContext.builder().prefixOutput(false).build()) {
            List<String> data = List.of("Hello", "How are You", "Good, Thanks", "Bye");
            Pipe pipe = context.pipe();
            ChildProcess p1 = context.process(PipeMessages::msgSender, pipe.first(), data);
            ChildProcess p2 = context.process(PipeMessages::msgReceiver, pipe.second());
            p1.start();
            p2.start();
            p1.join();
            p2.join();
        }
    }

    static void msgSender(Connection conn, List<String> data) throws InterruptedException {
        for (String msg : data) {
            Thread.sleep(100);
            conn.send(msg);
            System.out.println("Sender : " + msg);
        }
        conn.close();
    }

    static void msgReceiver(Connection conn) {
        while (true) {
            String msg = conn.recv();
            System.out.println("Received : " + msg);
            if (msg.equals("Bye")) {
                break;
            }
        }
    }
}
