package com.fulfillment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.benchmarks.OrderHops.ClientTimes;
import com.fulfillment.benchmarks.OrderHops.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderHopsTest {

    @Test
    void eachOrderIsSplitIntoTheStepsBetweenItsEventsWhichAddUpToTheWhole() {
        Map<String, ClientTimes> orders = Map.of(
                "confirmed", new ClientTimes(1_000, 1_100),
                "rejected", new ClientTimes(2_000, 2_050));
        Map<String, List<Event>> events = Map.of(
                "confirmed", List.of(new Event(1, "OrderPlacedEvent", 1_010),
                                     new Event(2, "PaymentCompletedEvent", 1_040),
                                     new Event(3, "OrderConfirmedEvent", 1_070),
                                     // after the final event: not a step of the order's latency
                                     new Event(4, "StockSoldEvent", 1_090)),
                "rejected", List.of(new Event(5, "OrderPlacedEvent", 2_005),
                                    new Event(6, "OrderRejectedEvent", 2_030)));

        Map<String, List<Double>> steps = OrderHops.steps(orders, events);

        assertThat(steps.get("POST sent → OrderPlacedEvent")).containsExactlyInAnyOrder(10.0, 5.0);
        assertThat(steps.get("OrderPlacedEvent → PaymentCompletedEvent")).containsExactly(30.0);
        assertThat(steps.get("PaymentCompletedEvent → OrderConfirmedEvent")).containsExactly(30.0);
        assertThat(steps.get("OrderConfirmedEvent → final status seen by the client")).containsExactly(30.0);
        assertThat(steps.get("OrderPlacedEvent → OrderRejectedEvent")).containsExactly(25.0);
        assertThat(steps.get("OrderRejectedEvent → final status seen by the client")).containsExactly(20.0);
        assertThat(steps.get(OrderHops.WHOLE)).containsExactlyInAnyOrder(100.0, 50.0);
        assertThat(steps).as("no step after the final event (StockSoldEvent)").hasSize(7);
        assertThat(steps.keySet()).as("the step every order takes first, the whole last")
                                  .startsWith("POST sent → OrderPlacedEvent").endsWith(OrderHops.WHOLE);
    }

    @Test
    void ordersWithoutAFinalStatusSeenOrWithoutAFinalEventAreLeftOut() {
        Map<String, ClientTimes> orders = Map.of(
                "unseen", new ClientTimes(1_000, -1),
                "in-flight", new ClientTimes(2_000, 2_100));
        Map<String, List<Event>> events = Map.of(
                "unseen", List.of(new Event(1, "OrderPlacedEvent", 1_010),
                                  new Event(2, "OrderConfirmedEvent", 1_020)),
                "in-flight", List.of(new Event(3, "OrderPlacedEvent", 2_010)),
                "not-in-the-csv", List.of(new Event(4, "OrderPlacedEvent", 3_010),
                                          new Event(5, "OrderConfirmedEvent", 3_020)));

        assertThat(OrderHops.steps(orders, events)).isEmpty();
    }
}
