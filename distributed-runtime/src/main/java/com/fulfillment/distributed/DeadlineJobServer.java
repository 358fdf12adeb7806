package com.fulfillment.distributed;

import org.jobrunr.server.BackgroundJobServer;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * Runs due deadlines. It starts only when the service is ready, since a deadline is handled by a saga or an
 * aggregate that Axon must have set up first, and it stops as the service begins to shut down, before Axon
 * does.
 */
class DeadlineJobServer {

    private final BackgroundJobServer server;

    DeadlineJobServer(BackgroundJobServer server) {
        this.server = server;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        server.start();
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        if (server.isRunning()) {
            server.stop();
        }
    }

    boolean isRunning() {
        return server.isRunning();
    }
}
