package com.fulfillment.query.batch;

import com.fulfillment.kernel.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;

/**
 * Values as Spring Data's mapping stores them, for a document that writes its fields itself
 * ({@link ProjectedDocument#stored}): the same BSON, read back by the same mapping.
 */
public final class StoredValues {

    private StoredValues() {
    }

    /** Puts {@code value} under {@code key} unless it is {@code null}, which the mapping leaves out. */
    public static void putSet(Document stored, String key, Object value) {
        if (value != null) {
            stored.put(key, value);
        }
    }

    /** An amount of money: its amount as a string and its currency. */
    public static Document money(Money money) {
        return money == null ? null
                             : new Document("amount", money.amount().toString()).append("currency", money.currency());
    }

    public static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public static String name(Enum<?> constant) {
        return constant == null ? null : constant.name();
    }

    /** A list's elements, each as {@code element} stores it ({@code null} for no list). */
    public static <T> List<Object> list(List<T> values, Function<? super T, ?> element) {
        if (values == null) {
            return null;
        }
        List<Object> stored = new ArrayList<>(values.size());
        for (T value : values) {
            stored.add(value == null ? null : element.apply(value));
        }
        return stored;
    }
}
