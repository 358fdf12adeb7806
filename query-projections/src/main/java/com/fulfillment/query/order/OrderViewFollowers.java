package com.fulfillment.query.order;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.query.api.OrderView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The order view's changes, handed to whoever in this process follows an order (its event streams), found by the
 * order's id.
 *
 * <p>Axon's subscription queries carry the same changes ({@code FindOrderQuery}), for clients of the query bus. But
 * Axon 4's {@code SimpleQueryUpdateEmitter} tests every change against every subscription query the process holds,
 * whatever their type: with one per followed order, every projection's every change cost as much as the orders being
 * followed, 8.7 % of the app's CPU at 50 orders a second with 1,434 streams open (BENCHMARKS.md, "What stands in
 * the way of 250 orders a second now"). Here a change costs one lookup by its order's id.
 *
 * <p>A change is handed over once the projection's batch has committed, as Axon's emitter does, so that whoever
 * reads the order on hearing of it reads at least that state.
 */
@Component
public class OrderViewFollowers {

    private static final Logger log = LoggerFactory.getLogger(OrderViewFollowers.class);

    /** The unit of work's resource holding the changes it has yet to hand over. */
    private final String pendingKey = OrderViewFollowers.class.getName() + ".pending@" + System.identityHashCode(this);
    private final Map<OrderId, List<Consumer<OrderView>>> byOrder = new ConcurrentHashMap<>();
    private final AtomicInteger following = new AtomicInteger();

    /** Hands {@code listener} each change of the order from now on, until the returned action is run. */
    public Runnable follow(OrderId orderId, Consumer<OrderView> listener) {
        byOrder.computeIfAbsent(orderId, id -> new CopyOnWriteArrayList<>()).add(listener);
        following.incrementAndGet();
        return () -> byOrder.computeIfPresent(orderId, (id, listeners) -> {
            if (listeners.remove(listener)) {
                following.decrementAndGet();
            }
            return listeners.isEmpty() ? null : listeners;
        });
    }

    /** Listeners registered and not yet removed. */
    public int following() {
        return following.get();
    }


    /**
     * Hands {@code view} to the order's followers once the unit of work that is still handling its messages has
     * committed, or now if it is committing already (the batch's documents are written then): as Axon's emitter does.
     */
    void publish(OrderView view) {
        // Who follows the order is looked up on delivery: one who starts following before then, after this change
        // was made but before it was committed, read the order without it.
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().phase() == UnitOfWork.Phase.STARTED) {
            // One list per unit of work, handed over in order by one handler: a unit of work runs its after-commit
            // handlers in the reverse order of their registration.
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
            unitOfWork.getOrComputeResource(pendingKey, key -> {
                List<OrderView> pending = new ArrayList<>();
                unitOfWork.afterCommit(committed -> pending.forEach(this::deliver));
                return pending;
            }).add(view);
        } else {
            deliver(view);
        }
    }

    private void deliver(OrderView view) {
        List<Consumer<OrderView>> listeners = byOrder.get(view.orderId());
        if (listeners == null) {
            return;
        }
        for (Consumer<OrderView> listener : listeners) {
            try {
                listener.accept(view);
            } catch (RuntimeException failure) {
                // one follower's failure must not keep the change from the others, nor fail the projection
                log.warn("A follower of order {} failed to take its change", view.orderId(), failure);
            }
        }
    }
}
