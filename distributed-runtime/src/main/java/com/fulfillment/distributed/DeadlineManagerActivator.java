package com.fulfillment.distributed;

import java.util.function.Supplier;
import org.axonframework.deadline.DeadlineManager;
import org.jobrunr.server.JobActivator;

/**
 * Hands JobRunr the instance a due job runs on. Every job of this service is a call on Axon's JobRunr
 * deadline manager, so that is the only instance there is to hand out; the supplier is asked late, since
 * the deadline manager is built after the job server.
 */
class DeadlineManagerActivator implements JobActivator {

    private final Supplier<DeadlineManager> deadlineManager;

    DeadlineManagerActivator(Supplier<DeadlineManager> deadlineManager) {
        this.deadlineManager = deadlineManager;
    }

    @Override
    public <T> T activateJob(Class<T> type) {
        DeadlineManager manager = deadlineManager.get();
        return type.isInstance(manager) ? type.cast(manager) : null;
    }
}
