package com.fulfillment.scenarios;

import org.junit.jupiter.api.Test;

/**
 * The scenarios as JUnit tests, for each runtime shape to run by extending this class and saying where its
 * system is. Both shapes run exactly these, so neither can quietly pass a smaller set.
 */
public abstract class FulfillmentScenarioSuite {

    /** The scenarios bound to the running system under test. */
    protected abstract FulfillmentScenarios scenarios();

    @Test
    void anOrderIsConfirmedWhenStockAndPaymentGoThrough() {
        scenarios().anOrderIsConfirmedWhenStockAndPaymentGoThrough();
    }

    @Test
    void aPlacedOrdersLinkAndStatusStreamLeadToTheOrder() {
        scenarios().aPlacedOrdersLinkAndStatusStreamLeadToTheOrder();
    }

    @Test
    void anOrdersOverviewGathersItsPaymentAndItsProductsAvailability() {
        scenarios().anOrdersOverviewGathersItsPaymentAndItsProductsAvailability();
    }

    @Test
    void anOrderForMoreThanIsInStockIsRejectedNamingTheShortage() {
        scenarios().anOrderForMoreThanIsInStockIsRejectedNamingTheShortage();
    }

    @Test
    void aDeclinedPaymentRejectsTheOrderAndReleasesItsStock() {
        scenarios().aDeclinedPaymentRejectsTheOrderAndReleasesItsStock();
    }

    @Test
    void aConfirmedOrderThatIsCancelledIsRefundedAndRestocked() {
        scenarios().aConfirmedOrderThatIsCancelledIsRefundedAndRestocked();
    }

    @Test
    void aRetriedPlacementIsAnsweredAsTheFirstAndPlacesNothingMore() {
        scenarios().aRetriedPlacementIsAnsweredAsTheFirstAndPlacesNothingMore();
    }

    @Test
    void concurrentOrdersForScarceStockAllEndAndAddUp() {
        scenarios().concurrentOrdersForScarceStockAllEndAndAddUp();
    }

    @Test
    void refusedCommandsAreAnsweredWithProblemsThatSayWhy() {
        scenarios().refusedCommandsAreAnsweredWithProblemsThatSayWhy();
    }

    @Test
    void pathsTheWebServerRefusesAreAnsweredWithProblems() {
        scenarios().pathsTheWebServerRefusesAreAnsweredWithProblems();
    }
}
