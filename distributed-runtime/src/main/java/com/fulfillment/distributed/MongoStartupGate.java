package com.fulfillment.distributed;

import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import java.time.Duration;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Holds a service's start until its MongoDB answers. Started before MongoDB (a compose file without start
 * order, a restart of the database host), a service would otherwise fail on its first read and exit, and
 * be restarted over and over; this way it waits, says so in its log, and carries on once MongoDB is there.
 * Its health endpoint is not served while it waits, so its readiness probe fails until then.
 *
 * <p>Wrong credentials are not waited out: they are a configuration error, and the start fails at once.
 */
class MongoStartupGate implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(MongoStartupGate.class);

    private final Duration retryInterval;

    MongoStartupGate(Duration retryInterval) {
        this.retryInterval = retryInterval;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof MongoClient client) {
            awaitReachable(client);
        }
        return bean;
    }

    void awaitReachable(MongoClient client) {
        // Stopping the service while it waits must work: Spring's own shutdown hook waits for the start to
        // end, so this one ends the wait.
        Thread waiting = Thread.currentThread();
        Thread stopWaiting = new Thread(waiting::interrupt, "stop-waiting-for-mongodb");
        Runtime.getRuntime().addShutdownHook(stopWaiting);
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    client.getDatabase("admin").runCommand(new Document("ping", 1));
                    if (attempt > 1) {
                        log.info("MongoDB answers after {} attempts; starting", attempt);
                    }
                    return;
                } catch (MongoSecurityException misconfigured) {
                    throw misconfigured;
                } catch (MongoInterruptedException stopped) {
                    throw new IllegalStateException("stopped while waiting for MongoDB", stopped);
                } catch (MongoException unreachable) {
                    log.warn("MongoDB is not reachable yet ({}); waiting for it, attempt {}, next in {}",
                             unreachable.getMessage(), attempt, retryInterval);
                    pause();
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopWaiting);
            } catch (IllegalStateException shuttingDown) {
                // The hook has run or is running; nothing to remove.
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(retryInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped while waiting for MongoDB", e);
        }
    }
}
