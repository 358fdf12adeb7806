package com.fulfillment.payment.saga;

import com.fulfillment.kernel.FulfillmentStatus;
import org.axonframework.modelling.saga.ResourceInjector;

/**
 * Remembers the saga instance the fixture last created or loaded. The fixture keeps sagas in memory
 * without copying them, so after the when-step this is the instance in the state the step left it,
 * even when the step ended it.
 */
final class LastLoadedSaga implements ResourceInjector {

    private PaymentSaga saga;

    @Override
    public void injectResources(Object saga) {
        this.saga = (PaymentSaga) saga;
    }

    FulfillmentStatus status() {
        if (saga == null) {
            throw new IllegalStateException("no saga was created or loaded");
        }
        return saga.status();
    }
}
