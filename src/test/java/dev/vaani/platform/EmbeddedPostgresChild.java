package dev.vaani.platform;

import java.nio.file.Path;

/** A JVM that starts the embedded PostgreSQL of a folder and then waits to be killed: a Vaani about to get kill -9. */
public final class EmbeddedPostgresChild {

    private EmbeddedPostgresChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedServers.postgres(Path.of(args[0]));
        System.out.println("ready");
        System.out.flush();
        new java.util.concurrent.CountDownLatch(1).await(); // until killed
    }
}
