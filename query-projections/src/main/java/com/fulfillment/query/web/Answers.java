package com.fulfillment.query.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** Waits for a query's answer on the request thread, which is how a servlet endpoint answers. */
final class Answers {

    /** A read model answers in milliseconds; a query still unanswered after this is an outage. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Answers() {
    }

    static <R> R of(CompletableFuture<R> answer) {
        try {
            return answer.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
