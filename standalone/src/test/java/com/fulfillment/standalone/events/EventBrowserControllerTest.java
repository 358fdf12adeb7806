package com.fulfillment.standalone.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fulfillment.platform.web.ApiProblems;
import com.fulfillment.standalone.events.EventBrowserController.EventEntry;
import com.fulfillment.standalone.events.EventBrowserController.EventPage;
import com.fulfillment.standalone.storage.EventTables;
import com.fulfillment.standalone.storage.PositionedJdbcEventStorageEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.h2.jdbcx.JdbcDataSource;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The event browser's global stream, page by page over the embedded store: an event whose transaction commits after
 * a later one's is on a later page, not skipped.
 */
class EventBrowserControllerTest {

    private final JdbcDataSource dataSource = EventTables.create(getClass().getSimpleName());
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new PositionedJdbcEventStorageEngine(EventTables.builder(dataSource)))
            .build();
    private final EventBrowserController browser = new EventBrowserController(eventStore);

    @AfterEach
    void close() {
        eventStore.shutDown();
    }

    @Test
    void anEventCommittedAfterALaterOneIsOnTheNextPage() throws InterruptedException {
        stored(Instant.now(), 1, 2, 4); // 3: a transaction that has not committed yet

        EventPage first = browser.stream(-1, null, 50);
        assertThat(first.events()).extracting(EventEntry::globalIndex).containsExactly(1L, 2L, 4L);
        assertThat(first.next()).isEqualTo(4);
        assertThat(first.gaps()).containsExactly(3L);

        EventPage meanwhile = browser.stream(first.next(), first.gaps(), 50);
        assertThat(meanwhile.events()).isEmpty();
        assertThat(meanwhile.next()).isEqualTo(4);
        assertThat(meanwhile.gaps()).as("still asked for while uncommitted").containsExactly(3L);

        stored(Instant.now(), 3, 5); // it commits, and one more after it
        EventPage second = browser.stream(meanwhile.next(), meanwhile.gaps(), 50);

        assertThat(second.events()).extracting(EventEntry::globalIndex).containsExactly(3L, 5L);
        assertThat(second.events()).extracting(EventEntry::metaData)
                                   .allSatisfy(metaData -> assertThat(metaData).containsEntry("stored", "yes"));
        assertThat(second.next()).isEqualTo(5);
        assertThat(second.gaps()).isEmpty();
    }

    @Test
    void aPageStopsAtItsLimitAndTheNextGoesOnAfterIt() throws InterruptedException {
        stored(Instant.now(), 1, 3, 4, 5);

        EventPage first = browser.stream(-1, null, 2);
        EventPage second = browser.stream(first.next(), first.gaps(), 2);

        assertThat(first.events()).extracting(EventEntry::globalIndex).containsExactly(1L, 3L);
        assertThat(first.gaps()).containsExactly(2L);
        assertThat(second.events()).extracting(EventEntry::globalIndex).containsExactly(4L, 5L);
        assertThat(second.gaps()).containsExactly(2L);
    }

    @Test
    void aGapBehindEventsOlderThanTheGapTimeoutIsNotCarried() throws InterruptedException {
        // the store counts such a transaction as rolled back or killed, as it does for tracking processors' tokens
        stored(Instant.now().minus(Duration.ofMinutes(5)), 1, 2, 4);

        EventPage page = browser.stream(-1, null, 50);

        assertThat(page.events()).extracting(EventEntry::globalIndex).containsExactly(1L, 2L, 4L);
        assertThat(page.gaps()).isEmpty();
    }

    @Test
    void gapsThatNoPageCouldHaveNamedAreRefusedByName() throws Exception {
        MockMvc mvc = MockMvcBuilders.standaloneSetup(browser).setControllerAdvice(new ApiProblems()).build();
        String tooMany = LongStream.range(0, EventBrowserController.MAX_GAPS + 1)
                                   .mapToObj(Long::toString).collect(Collectors.joining(","));

        for (String query : List.of("after=4&gaps=4", "after=4&gaps=-1,3", "after=-1&gaps=0",
                                    "after=1000&gaps=" + tooMany)) {
            mvc.perform(get("/api/admin/events?" + query))
               .andExpect(status().isBadRequest())
               .andExpect(jsonPath("$.detail", Matchers.startsWith("gaps: ")))
               .andExpect(jsonPath("$.errors[*].field", Matchers.contains("gaps")))
               .andExpect(jsonPath("$.instance").value("/api/admin/events"));
        }
        mvc.perform(get("/api/admin/events?after=4&gaps=2,3"))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.next").value(4))
           .andExpect(jsonPath("$.gaps", Matchers.contains(2, 3)));
    }

    private void stored(Instant timestamp, long... globalIndexes) {
        EventTables.storeEvents(dataSource, timestamp, globalIndexes);
    }
}
