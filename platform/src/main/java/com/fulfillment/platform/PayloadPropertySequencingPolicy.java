package com.fulfillment.platform;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Sequences events by one property of their payload, whatever the payload type, so that the events
 * of one order, which come from an order, a payment and several products, are applied one after
 * another and in the order they were stored. Axon's {@code PropertySequencingPolicy} is bound to a
 * single payload type, which does not fit events from three contexts.
 *
 * <p>The identifier is the property's string form: segments are chosen by its hash, and a
 * {@code String}'s hash is the same on every node. Payloads without the property fall back to
 * sequencing per aggregate.
 */
public final class PayloadPropertySequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private final String propertyName;
    private final Map<Class<?>, Optional<Method>> accessors = new ConcurrentHashMap<>();

    public PayloadPropertySequencingPolicy(String propertyName) {
        this.propertyName = Objects.requireNonNull(propertyName, "property name must not be null");
    }

    public String propertyName() {
        return propertyName;
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Optional<Object> property = propertyOf(event.getPayload());
        if (property.isPresent()) {
            return property.get().toString();
        }
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }

    /** The property of {@code payload}, if its type has one. */
    public Optional<Object> propertyOf(Object payload) {
        return payload == null
               ? Optional.empty()
               : accessors.computeIfAbsent(payload.getClass(), this::accessorOf).map(accessor -> read(accessor, payload));
    }

    private Optional<Method> accessorOf(Class<?> payloadType) {
        if (payloadType.isRecord()) {
            return Arrays.stream(payloadType.getRecordComponents())
                         .filter(component -> component.getName().equals(propertyName))
                         .map(RecordComponent::getAccessor)
                         .findFirst()
                         .map(PayloadPropertySequencingPolicy::accessible);
        }
        try {
            return Optional.of(payloadType.getMethod(propertyName)).map(PayloadPropertySequencingPolicy::accessible);
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    private static Method accessible(Method accessor) {
        accessor.trySetAccessible();
        return accessor;
    }

    private static Object read(Method accessor, Object payload) {
        try {
            return accessor.invoke(payload);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + accessor + " to sequence " + payload.getClass(), e);
        }
    }

    @Override
    public String toString() {
        return "PayloadPropertySequencingPolicy{" + propertyName + "}";
    }
}
