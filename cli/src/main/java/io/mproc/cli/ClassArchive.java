package io.mproc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The class-data sharing recording the {@code ./mproc} launcher asks this JVM to write at exit (its path in the
 * {@code mproc.cds.recording} property). The launcher keeps a recording as the archive of later runs of the same
 * command only if the run marked it: a run that printed help or stopped on a usage error loaded few of the classes
 * its command needs, and an archive of those would leave every later run to load the rest from jars.
 */
final class ClassArchive {

    static final String RECORDING = "mproc.cds.recording";

    private ClassArchive() {
    }

    /** Marks this run's recording as worth keeping: the command has done its work. */
    static void keepRecording() {
        String recording = System.getProperty(RECORDING);
        if (recording == null) {
            return;
        }
        try {
            Files.createFile(Path.of(recording + ".keep"));
        } catch (IOException e) {
            // already marked; or unmarked, and the launcher drops the recording so that a later run records again
        }
    }
}
