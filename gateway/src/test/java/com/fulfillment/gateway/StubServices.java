package com.fulfillment.gateway;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Stand-ins for the four services behind the gateway, by name, each on a port of its own. */
final class StubServices {

    final StubService order = StubService.start("order-service");
    final StubService inventory = StubService.start("inventory-service");
    final StubService payment = StubService.start("payment-service");
    final StubService query = StubService.start("query-projections");
    final Map<String, StubService> byName = Stream.of(order, inventory, payment, query)
            .collect(Collectors.toUnmodifiableMap(stub -> stub.name, Function.identity()));

    /** Sends the gateway's routes to the stand-ins. */
    void register(DynamicPropertyRegistry registry) {
        byName.forEach((name, stub) -> registry.add("fulfillment.gateway.services." + name, stub::url));
    }

    /** Forgets what the stand-ins received and the answers tests gave them. */
    void reset() {
        byName.values().forEach(StubService::reset);
    }

    void close() {
        byName.values().forEach(StubService::close);
    }
}
