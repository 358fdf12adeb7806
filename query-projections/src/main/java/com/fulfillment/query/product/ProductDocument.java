package com.fulfillment.query.product;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.query.StoredTime;
import com.fulfillment.query.batch.ProjectedDocument;
import com.fulfillment.query.api.ProductView;
import java.time.Instant;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One product of the catalogue with its stock figures, kept so that on hand = available + reserved
 * as the product aggregate keeps it. Written only by the product-view projection, one product at a time.
 */
@Document(ProductDocument.COLLECTION)
class ProductDocument extends ProjectedDocument {

    static final String COLLECTION = "product_views";

    @Id
    private String productId;
    private String name;
    private Money unitPrice;
    private int onHand;
    private int reserved;
    private int available;
    private int sold;
    private Instant createdAt;
    private Instant updatedAt;

    ProductDocument() {
        // Spring Data fills a stored document in field by field.
    }

    static ProductDocument startedBy(ProductId productId) {
        ProductDocument product = new ProductDocument();
        product.productId = productId.value();
        return product;
    }

    @Override
    public String documentId() {
        return productId;
    }

    boolean isListed() {
        return name != null;
    }

    void added(String productName, Money price, int initialStock, Instant at) {
        name = productName;
        unitPrice = price;
        onHand += initialStock;
        createdAt = at;
    }

    void restocked(int quantity) {
        onHand += quantity;
    }

    void repriced(Money newPrice) {
        unitPrice = newPrice;
    }

    void reserved(int quantity) {
        reserved += quantity;
    }

    void released(int quantity) {
        reserved -= quantity;
    }

    /** A sale takes the reserved stock out of the warehouse. */
    void sold(int quantity) {
        reserved -= quantity;
        onHand -= quantity;
        sold += quantity;
    }

    void returned(int quantity) {
        onHand += quantity;
        sold -= quantity;
    }

    void recorded(EventMessage<?> event) {
        markApplied(event);
        available = onHand - reserved;
        Instant at = StoredTime.of(event);
        if (updatedAt == null || at.isAfter(updatedAt)) {
            updatedAt = at;
        }
    }

    ProductView toView() {
        return new ProductView(ProductId.of(productId), name, unitPrice, onHand, available, reserved, sold, updatedAt);
    }
}
