package com.fulfillment.inventory.saga;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fulfillment.inventory.api.PricedLine;
import com.fulfillment.inventory.api.Shortage;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.ProductId;

/**
 * What the reservation saga knows about one line of its order: the first answer the product gave, and
 * whether the product still holds stock for the order. The two differ when a reservation succeeds after
 * the saga has already given up on the order, so both are kept.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY,
                getterVisibility = Visibility.NONE,
                isGetterVisibility = Visibility.NONE)
class LineReservation {

    enum Outcome { PENDING, RESERVED, REFUSED }

    private ProductId productId;
    private int quantity;
    private Outcome outcome = Outcome.PENDING;
    private Money unitPrice;
    private int available;
    private boolean held;
    private boolean releaseRequested;
    private boolean released;

    private LineReservation() {
        // for the saga serializer
    }

    LineReservation(ProductId productId, int quantity) {
        this.productId = productId;
        this.quantity = quantity;
    }

    ProductId productId() {
        return productId;
    }

    int quantity() {
        return quantity;
    }

    boolean isAnswered() {
        return outcome != Outcome.PENDING;
    }

    boolean isReserved() {
        return outcome == Outcome.RESERVED;
    }

    /** Whether a reservation of this line has been seen; a repeat of it changes nothing. */
    boolean isHeld() {
        return held;
    }

    /** Records a reservation. The first answer stands: stock reserved after a refusal is only held. */
    void reserved(Money price) {
        held = true;
        if (outcome == Outcome.PENDING) {
            outcome = Outcome.RESERVED;
            unitPrice = price;
        }
    }

    void refused(int availableStock) {
        if (outcome == Outcome.PENDING) {
            outcome = Outcome.REFUSED;
            available = availableStock;
        }
    }

    /** Whether stock is held for the order and nobody has asked to give it back yet. */
    boolean needsRelease() {
        return held && !releaseRequested && !released;
    }

    void releaseRequested() {
        releaseRequested = true;
    }

    void releasedStock() {
        released = true;
    }

    /** Answered, and holding no stock that is still to be released. */
    boolean isSettled() {
        return isAnswered() && (!held || released);
    }

    PricedLine pricedLine() {
        return new PricedLine(productId, quantity, unitPrice, unitPrice.times(quantity));
    }

    Shortage shortage() {
        return new Shortage(productId, quantity, available);
    }
}
