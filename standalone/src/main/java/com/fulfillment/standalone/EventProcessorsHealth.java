package com.fulfillment.standalone;

import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Where each streaming event processor stands, under {@code /actuator/health} as {@code eventProcessors}: for
 * every processor whether it is running, whether each of its segments has caught up with the head of the
 * event stream, and the position it reached. After a restart this says when the sagas, policies and views
 * have caught up with what was stored before. Always UP: a processor that is behind still accepts work.
 */
@Component("eventProcessors")
class EventProcessorsHealth extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;

    EventProcessorsHealth(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        boolean allCaughtUp = true;
        Map<String, Object> processors = new TreeMap<>();
        for (StreamingEventProcessor processor : processing.eventProcessors().values().stream()
                                                           .filter(StreamingEventProcessor.class::isInstance)
                                                           .map(StreamingEventProcessor.class::cast).toList()) {
            Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
            boolean caughtUp = processor.isRunning() && !segments.isEmpty()
                               && segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
            long position = segments.values().stream()
                                    .mapToLong(status -> status.getCurrentPosition().orElse(-1)).min().orElse(-1);
            processors.put(processor.getName(), Map.of("running", processor.isRunning(), "caughtUp", caughtUp,
                                                       "segments", segments.size(), "position", position));
            allCaughtUp &= caughtUp;
        }
        health.up().withDetail("caughtUp", allCaughtUp).withDetail("processors", processors);
    }
}
