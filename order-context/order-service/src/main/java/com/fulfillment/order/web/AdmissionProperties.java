package com.fulfillment.order.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many order placements are taken on at once, and how many a user may send ({@code fulfillment.admission.*}).
 * The defaults leave a load the app can carry alone and refuse only what would otherwise queue up inside it.
 *
 * @param maxConcurrentPlacements placements worked on at once (checked, stored), whoever sent them
 * @param maxWait                 how long a placement may wait for one of those to finish before it is refused
 *                                with 503
 * @param maxProcessorLag         how far behind the events it handles an event processor of this process may be
 *                                while placements are let in; beyond it they are refused with 503 (see
 *                                {@link PlacementAdmission}); 0 turns the check off
 * @param retryAfter              the {@code Retry-After} of either 503
 * @param ordersPerUser           placements one user may send per {@code ordersPerUserPeriod}; more are refused
 *                                with 429
 * @param ordersPerUserPeriod     the period of {@code ordersPerUser}
 */
@ConfigurationProperties("fulfillment.admission")
public record AdmissionProperties(
        @DefaultValue("32") int maxConcurrentPlacements,
        @DefaultValue("500ms") Duration maxWait,
        @DefaultValue("2s") Duration maxProcessorLag,
        @DefaultValue("1s") Duration retryAfter,
        @DefaultValue("100") int ordersPerUser,
        @DefaultValue("1s") Duration ordersPerUserPeriod) {
}
