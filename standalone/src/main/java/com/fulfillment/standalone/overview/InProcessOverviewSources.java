package com.fulfillment.standalone.overview;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.overview.OverviewSources;
import com.fulfillment.payment.api.FindPaymentAttemptsQuery;
import com.fulfillment.payment.api.PaymentAttemptsView;
import com.fulfillment.query.api.FindOrderQuery;
import com.fulfillment.query.api.FindProductQuery;
import com.fulfillment.query.api.OrderLineView;
import com.fulfillment.query.api.OrderView;
import com.fulfillment.query.api.ProductView;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

/**
 * An overview's parts from the query handlers in this JVM. Axon's in-process query bus runs a handler on the
 * caller's thread, so each query is sent from a pool thread of its own: that is what lets the parts run in
 * parallel and a slow one be given up when its time limit passes.
 */
final class InProcessOverviewSources implements OverviewSources<OrderView, PaymentAttemptsView, ProductView>,
                                                AutoCloseable {

    /**
     * Bounded, so that read models that hang cannot pile up threads: a query the pool has no room for fails its
     * part at once, as a slow one does when its time limit passes.
     */
    private static final int THREADS = 4;
    private static final int QUEUED = 64;

    private final QueryGateway queries;
    private final ThreadPoolExecutor executor;

    InProcessOverviewSources(QueryGateway queries) {
        this.queries = queries;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(QUEUED),
                                               task -> {
                                                   Thread thread = new Thread(task, "order-overview-" + threads.incrementAndGet());
                                                   thread.setDaemon(true);
                                                   return thread;
                                               });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    @Override
    public CompletionStage<Optional<OrderView>> order(String orderId) {
        return onPool(() -> queries.query(new FindOrderQuery(OrderId.of(orderId)),
                                          ResponseTypes.optionalInstanceOf(OrderView.class)));
    }

    @Override
    public CompletionStage<Optional<PaymentAttemptsView>> payment(String orderId) {
        return onPool(() -> queries.query(new FindPaymentAttemptsQuery(OrderId.of(orderId)),
                                          ResponseTypes.optionalInstanceOf(PaymentAttemptsView.class)));
    }

    @Override
    public List<String> productIds(OrderView order) {
        return order.lines().stream().map(OrderLineView::productId).map(ProductId::value).distinct().toList();
    }

    @Override
    public CompletionStage<Optional<ProductView>> product(String productId) {
        return onPool(() -> queries.query(new FindProductQuery(ProductId.of(productId)),
                                          ResponseTypes.optionalInstanceOf(ProductView.class)));
    }

    private <T> CompletableFuture<T> onPool(Supplier<CompletableFuture<T>> query) {
        return CompletableFuture.supplyAsync(query, executor).thenCompose(answer -> answer);
    }
}
