package com.fulfillment.inventory.command;

import static com.fulfillment.inventory.command.Products.KEYBOARD;
import static com.fulfillment.inventory.command.Products.PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.inventory.api.ChangeProductPriceCommand;
import com.fulfillment.inventory.api.CommitStockCommand;
import com.fulfillment.inventory.api.ProductPriceChangedEvent;
import com.fulfillment.inventory.api.ProductRestockedEvent;
import com.fulfillment.inventory.api.ReleaseStockCommand;
import com.fulfillment.inventory.api.ReserveStockCommand;
import com.fulfillment.inventory.api.RestockProductCommand;
import com.fulfillment.inventory.api.ReturnStockCommand;
import com.fulfillment.inventory.api.StockReleasedEvent;
import com.fulfillment.inventory.api.StockReservationRefusedEvent;
import com.fulfillment.inventory.api.StockReservedEvent;
import com.fulfillment.inventory.api.StockReturnedEvent;
import com.fulfillment.inventory.api.StockSoldEvent;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;

/**
 * Drives a {@link Product} through random sequences of commands (restock, reserve for a handful of
 * orders, release, commit, return, change the price), each through the aggregate test fixture with
 * every event so far as history. After every step the product must keep its stock invariant, and agree
 * with a ledger kept from the events alone: the reservations the events say are open, and
 * on hand = initial + restocked - sold + returned. The ledger also predicts each command's exact
 * events, so a handler that emits the wrong quantity fails as surely as an event sourcing handler that
 * forgets to give stock back. jqwik reports the seed and the shrunk sequence of a failure.
 */
class ProductStockPropertyTest {

    private static final List<OrderId> ORDERS =
            List.of(OrderId.of("order-a"), OrderId.of("order-b"), OrderId.of("order-c"), OrderId.of("order-d"));
    private static final List<Money> PRICES = List.of(PRICE, Money.of("39.90", "EUR"), Money.of("59.00", "EUR"));

    @Property(tries = 200)
    void stockAddsUpAfterEveryCommand(@ForAll @IntRange(max = 20) int initialStock,
                                      @ForAll("commandSequences") List<Step> steps) {
        AggregateTestFixture<Product> fixture = new AggregateTestFixture<>(Product.class);
        Ledger ledger = new Ledger(initialStock);
        fixture.givenNoPriorActivity()
               .when(Products.addKeyboard(initialStock))
               .expectEvents(Products.keyboardAdded(initialStock))
               .expectState(product -> ledger.assertAgreesWith(product, "adding the product"));
        List<Object> history = new ArrayList<>(List.of(Products.keyboardAdded(initialStock)));

        for (Step step : steps) {
            Object command = step.command();
            Expectation expected = ledger.expect(command);
            ResultValidator<Product> result = fixture.given(history).when(command);
            if (expected.refusal() != null) {
                // Refused without events: the state is the one checked after the previous step. The
                // fixture cannot show state after a rolled-back command any more, so a fresh one goes on.
                result.expectNoEvents().expectException(expected.refusal());
                fixture = new AggregateTestFixture<>(Product.class);
                continue;
            }
            result.expectSuccessfulHandlerExecution().expectEvents(expected.events().toArray());
            expected.events().forEach(ledger::record);
            history.addAll(expected.events());
            result.expectState(product -> ledger.assertAgreesWith(product, step));
        }
    }

    @Provide
    Arbitrary<List<Step>> commandSequences() {
        Arbitrary<Integer> order = Arbitraries.integers().between(0, ORDERS.size() - 1);
        Arbitrary<Integer> quantity = Arbitraries.integers().between(1, 8);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(2, quantity.map(q -> new Step(Kind.RESTOCK, 0, q))),
                Tuple.of(5, Combinators.combine(order, quantity).as((o, q) -> new Step(Kind.RESERVE, o, q))),
                Tuple.of(3, order.map(o -> new Step(Kind.RELEASE, o, 0))),
                Tuple.of(3, order.map(o -> new Step(Kind.COMMIT, o, 0))),
                Tuple.of(2, order.map(o -> new Step(Kind.RETURN, o, 0))),
                Tuple.of(1, Arbitraries.integers().between(0, PRICES.size() - 1)
                                                     .map(p -> new Step(Kind.CHANGE_PRICE, p, 0))));
        return step.list().ofMaxSize(40);
    }

    enum Kind { RESTOCK, RESERVE, RELEASE, COMMIT, RETURN, CHANGE_PRICE }

    /** One random command; {@code index} picks an order (or a price), {@code amount} a quantity. */
    record Step(Kind kind, int index, int amount) {

        Object command() {
            return switch (kind) {
                case RESTOCK -> new RestockProductCommand(KEYBOARD, amount);
                case RESERVE -> new ReserveStockCommand(KEYBOARD, ORDERS.get(index), amount);
                case RELEASE -> new ReleaseStockCommand(KEYBOARD, ORDERS.get(index));
                case COMMIT -> new CommitStockCommand(KEYBOARD, ORDERS.get(index));
                case RETURN -> new ReturnStockCommand(KEYBOARD, ORDERS.get(index));
                case CHANGE_PRICE -> new ChangeProductPriceCommand(KEYBOARD, PRICES.get(index));
            };
        }
    }

    /** What a command should do: the exact events, or a refusal by exception with no events. */
    record Expectation(List<Object> events, Class<? extends Throwable> refusal) {

        static Expectation emits(Object... events) {
            return new Expectation(List.of(events), null);
        }

        static Expectation refused(Class<? extends Throwable> exception) {
            return new Expectation(List.of(), exception);
        }
    }

    /** The stock of the product as the events tell it, kept apart from the aggregate under test. */
    static final class Ledger {

        private final int initial;
        private int restocked;
        private int sold;
        private int returned;
        private Money price = PRICE;
        private final Map<OrderId, Integer> reserved = new HashMap<>();
        private final Map<OrderId, Integer> bought = new HashMap<>();
        private final Map<OrderId, Integer> takenBack = new HashMap<>();

        Ledger(int initial) {
            this.initial = initial;
        }

        int onHand() {
            return initial + restocked - sold + returned;
        }

        int reservedTotal() {
            return reserved.values().stream().mapToInt(Integer::intValue).sum();
        }

        Expectation expect(Object command) {
            if (command instanceof RestockProductCommand restock) {
                return Expectation.emits(new ProductRestockedEvent(KEYBOARD, restock.quantity()));
            }
            if (command instanceof ChangeProductPriceCommand change) {
                return change.newPrice().equals(price)
                        ? Expectation.emits()
                        : Expectation.emits(new ProductPriceChangedEvent(KEYBOARD, price, change.newPrice()));
            }
            if (command instanceof ReserveStockCommand reserve) {
                OrderId order = reserve.orderId();
                Integer held = reserved.getOrDefault(order, bought.getOrDefault(order, takenBack.get(order)));
                if (held != null) {
                    return held == reserve.quantity()
                            ? Expectation.emits()
                            : Expectation.refused(IllegalStateException.class);
                }
                int available = onHand() - reservedTotal();
                return reserve.quantity() <= available
                        ? Expectation.emits(new StockReservedEvent(KEYBOARD, order, reserve.quantity(), price))
                        : Expectation.emits(
                                new StockReservationRefusedEvent(KEYBOARD, order, reserve.quantity(), available));
            }
            if (command instanceof ReleaseStockCommand release) {
                Integer held = reserved.get(release.orderId());
                return held == null
                        ? Expectation.emits()
                        : Expectation.emits(new StockReleasedEvent(KEYBOARD, release.orderId(), held));
            }
            if (command instanceof CommitStockCommand commit) {
                OrderId order = commit.orderId();
                if (bought.containsKey(order) || takenBack.containsKey(order)) {
                    return Expectation.emits();
                }
                Integer held = reserved.get(order);
                return held == null
                        ? Expectation.refused(IllegalStateException.class)
                        : Expectation.emits(new StockSoldEvent(KEYBOARD, order, held));
            }
            if (command instanceof ReturnStockCommand giveBack) {
                OrderId order = giveBack.orderId();
                if (takenBack.containsKey(order)) {
                    return Expectation.emits();
                }
                Integer held = reserved.get(order);
                if (held != null) {
                    // the return overtook its commit: sold and returned at once
                    return Expectation.emits(new StockSoldEvent(KEYBOARD, order, held),
                                             new StockReturnedEvent(KEYBOARD, order, held));
                }
                Integer sale = bought.get(order);
                return sale == null
                        ? Expectation.refused(IllegalStateException.class)
                        : Expectation.emits(new StockReturnedEvent(KEYBOARD, order, sale));
            }
            throw new IllegalArgumentException("no expectation for " + command);
        }

        void record(Object event) {
            if (event instanceof ProductRestockedEvent e) {
                restocked += e.quantity();
            } else if (event instanceof ProductPriceChangedEvent e) {
                price = e.newPrice();
            } else if (event instanceof StockReservedEvent e) {
                reserved.put(e.orderId(), e.quantity());
            } else if (event instanceof StockReleasedEvent e) {
                reserved.remove(e.orderId());
            } else if (event instanceof StockSoldEvent e) {
                reserved.remove(e.orderId());
                bought.put(e.orderId(), e.quantity());
                sold += e.quantity();
            } else if (event instanceof StockReturnedEvent e) {
                bought.remove(e.orderId());
                takenBack.put(e.orderId(), e.quantity());
                returned += e.quantity();
            }
        }

        void assertAgreesWith(Product product, Object after) {
            assertThat(product.onHand())
                    .as("on hand = available + reserved after %s", after)
                    .isEqualTo(product.available() + product.reserved());
            assertThat(product.available()).as("available after %s", after).isNotNegative();
            assertThat(product.reserved()).as("reserved after %s", after).isNotNegative();
            assertThat(product.onHand()).as("on hand after %s", after).isNotNegative();
            assertThat(product.onHand())
                    .as("on hand = initial + restocked - sold + returned after %s", after)
                    .isEqualTo(onHand());
            assertThat(product.reserved())
                    .as("reserved = what the events left reserved after %s", after)
                    .isEqualTo(reservedTotal());
        }
    }
}
