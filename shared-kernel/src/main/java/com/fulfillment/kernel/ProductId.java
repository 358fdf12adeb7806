package com.fulfillment.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/** Identifies a product; its {@code toString()} is the raw value, which is also how it reads in JSON. */
public record ProductId(@JsonValue String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ProductId {
        Objects.requireNonNull(value, "product id must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("product id must not be blank");
        }
    }

    public static ProductId of(String value) {
        return new ProductId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
