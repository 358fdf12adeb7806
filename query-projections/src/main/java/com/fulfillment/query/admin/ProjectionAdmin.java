package com.fulfillment.query.admin;

import com.fulfillment.query.ProcessingGroups;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.StreamSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.stereotype.Component;

/**
 * Operates the projections' processors: their status, a rebuild from the first event, and their dead
 * letters. Works on this node's processors; in a deployment with several read-side nodes, stop the
 * others' processors before a rebuild, since a reset needs every segment unclaimed.
 */
@Component
public class ProjectionAdmin {

    private final EventProcessingConfiguration processing;

    public ProjectionAdmin(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    public static boolean isProjection(String group) {
        return ProcessingGroups.ALL.contains(group);
    }

    public List<ProjectionStatus> statuses() {
        return ProcessingGroups.ALL.stream().map(this::status).toList();
    }

    public ProjectionStatus status(String group) {
        PooledStreamingEventProcessor processor = processor(group);
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        // Axon keeps a segment "replaying" until it handles an event newer than the reset; one that has
        // caught up has nothing of the replay left to do.
        boolean replaying = segments.stream().anyMatch(segment -> segment.isReplaying() && !segment.isCaughtUp());
        return new ProjectionStatus(
                group, processor.isRunning(), replaying,
                !segments.isEmpty() && segments.stream().allMatch(EventTrackerStatus::isCaughtUp),
                segments.size(),
                lowest(segments.stream().map(EventTrackerStatus::getCurrentPosition).toList()),
                highest(segments.stream().map(EventTrackerStatus::getResetPosition).toList()),
                replaying ? replayProgress(segments) : null,
                deadLetterQueue(group).map(SequencedDeadLetterQueue::size).orElse(0L),
                segments.stream().filter(EventTrackerStatus::isErrorState).findFirst()
                        .map(segment -> String.valueOf(segment.getError())).orElse(null));
    }

    /**
     * Empties the projection's documents and dead letters (its reset handler) and replays every event
     * into it. The old documents are gone at once; queries answer from the rebuilt ones as they come.
     */
    public synchronized ProjectionStatus rebuild(String group) {
        PooledStreamingEventProcessor processor = processor(group);
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        return status(group);
    }

    public List<DeadLetterSequence> deadLetters(String group) {
        List<DeadLetterSequence> sequences = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue(group).deadLetters()) {
            List<DeadLetterView> letters = StreamSupport.stream(sequence.spliterator(), false)
                                                        .map(ProjectionAdmin::toView)
                                                        .toList();
            if (!letters.isEmpty()) {
                sequences.add(new DeadLetterSequence(sequenceOf(group, sequence.iterator().next()), letters));
            }
        }
        return sequences;
    }

    /** Retries one sequence, in order; empty if the projection has no such sequence parked. */
    public Optional<RetryOutcome> retry(String group, String sequenceId) {
        if (!queue(group).contains(sequenceId)) {
            return Optional.empty();
        }
        boolean succeeded = deadLetterProcessor(group).process(letter -> sequenceOf(group, letter).equals(sequenceId));
        return Optional.of(succeeded ? new RetryOutcome(List.of(sequenceId), List.of())
                                     : new RetryOutcome(List.of(), List.of(sequenceId)));
    }

    /** Retries every parked sequence once; one failing again does not keep the others from being retried. */
    public RetryOutcome retryAll(String group) {
        List<String> succeeded = new ArrayList<>();
        List<String> failedAgain = new ArrayList<>();
        for (DeadLetterSequence sequence : deadLetters(group)) {
            String sequenceId = sequence.sequenceId();
            boolean done = deadLetterProcessor(group).process(letter -> sequenceOf(group, letter).equals(sequenceId));
            (done ? succeeded : failedAgain).add(sequenceId);
        }
        return new RetryOutcome(succeeded, failedAgain);
    }

    /** Gives up on one event for good: it is never applied. Returns whether the projection had it parked. */
    public boolean evict(String group, String eventId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (letter.message().getIdentifier().equals(eventId)) {
                    queue.evict(letter);
                    return true;
                }
            }
        }
        return false;
    }

    private PooledStreamingEventProcessor processor(String group) {
        return processing.eventProcessor(group, PooledStreamingEventProcessor.class)
                         .orElseThrow(() -> new IllegalStateException("no pooled streaming processor for " + group));
    }

    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> deadLetterQueue(String group) {
        return processing.deadLetterQueue(group);
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return deadLetterQueue(group).orElseThrow(() -> new IllegalStateException("no dead-letter queue for " + group));
    }

    private SequencedDeadLetterProcessor<EventMessage<?>> deadLetterProcessor(String group) {
        return processing.sequencedDeadLetterProcessor(group)
                         .orElseThrow(() -> new IllegalStateException("no dead-letter processor for " + group));
    }

    /** The group's own sequencing policy names the sequence: an order id, or a product id. */
    private String sequenceOf(String group, DeadLetter<? extends EventMessage<?>> letter) {
        return String.valueOf(processing.sequencingPolicy(group).getSequenceIdentifierFor(letter.message()));
    }

    private static DeadLetterView toView(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        return new DeadLetterView(event.getIdentifier(), event.getPayloadType().getSimpleName(), event.getTimestamp(),
                                  letter.enqueuedAt(), letter.lastTouched(),
                                  letter.cause().map(Cause::type).orElse(null),
                                  letter.cause().map(Cause::message).orElse(null));
    }

    /** Each segment replays the whole stream up to where it was reset; the slowest tells how far the rebuild is. */
    private static Double replayProgress(Collection<EventTrackerStatus> segments) {
        return segments.stream()
                       .filter(EventTrackerStatus::isReplaying)
                       .mapToDouble(segment -> {
                           long until = segment.getResetPosition().orElse(0L);
                           long at = segment.getCurrentPosition().orElse(0L);
                           return until <= 0 ? 1.0 : Math.min(1.0, (double) at / until);
                       })
                       .min()
                       .orElse(1.0);
    }

    private static Long lowest(List<OptionalLong> positions) {
        return positions.stream().filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).boxed()
                        .min(Long::compare).orElse(null);
    }

    private static Long highest(List<OptionalLong> positions) {
        return positions.stream().filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).boxed()
                        .max(Long::compare).orElse(null);
    }
}
