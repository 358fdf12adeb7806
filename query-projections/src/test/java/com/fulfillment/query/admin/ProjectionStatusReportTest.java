package com.fulfillment.query.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fulfillment.query.ProcessingGroups;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;

/** How the figures of a processor's segments become one projection status. */
class ProjectionStatusReportTest {

    private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    private final PooledStreamingEventProcessor processor = mock(PooledStreamingEventProcessor.class);
    private final ProjectionAdmin admin = new ProjectionAdmin(processing);

    @Test
    void aRebuildIsAsFarAsItsSlowestSegment() {
        running(Map.of(0, segment(true, false, 50, 200), 1, segment(true, false, 150, 200)));

        ProjectionStatus status = admin.status(ProcessingGroups.ORDER_VIEW);

        assertThat(status.replaying()).isTrue();
        assertThat(status.caughtUp()).isFalse();
        assertThat(status.replayProgress()).isEqualTo(0.25);
        assertThat(status.position()).isEqualTo(50L);
        assertThat(status.replayUntil()).isEqualTo(200L);
        assertThat(status.claimedSegments()).isEqualTo(2);
    }

    @Test
    void aRebuildWhoseSegmentsHaveCaughtUpIsDoneThoughAxonStillCallsItAReplay() {
        running(Map.of(0, segment(true, true, 200, 200), 1, segment(true, true, 200, 200)));

        ProjectionStatus status = admin.status(ProcessingGroups.ORDER_VIEW);

        assertThat(status.replaying()).isFalse();
        assertThat(status.caughtUp()).isTrue();
        assertThat(status.replayProgress()).isNull();
    }

    @Test
    void aProcessorThatHasClaimedNoSegmentHasNotCaughtUp() {
        running(Map.of());

        ProjectionStatus status = admin.status(ProcessingGroups.ORDER_VIEW);

        assertThat(status.caughtUp()).isFalse();
        assertThat(status.position()).isNull();
    }

    private void running(Map<Integer, EventTrackerStatus> segments) {
        when(processing.eventProcessor(ProcessingGroups.ORDER_VIEW, PooledStreamingEventProcessor.class))
                .thenReturn(Optional.of(processor));
        when(processing.deadLetterQueue(ProcessingGroups.ORDER_VIEW)).thenReturn(Optional.empty());
        when(processor.isRunning()).thenReturn(true);
        when(processor.processingStatus()).thenReturn(segments);
    }

    private static EventTrackerStatus segment(boolean replaying, boolean caughtUp, long position, long resetPosition) {
        EventTrackerStatus segment = mock(EventTrackerStatus.class);
        when(segment.isReplaying()).thenReturn(replaying);
        when(segment.isCaughtUp()).thenReturn(caughtUp);
        when(segment.getCurrentPosition()).thenReturn(OptionalLong.of(position));
        when(segment.getResetPosition()).thenReturn(OptionalLong.of(resetPosition));
        return segment;
    }
}
