package com.fulfillment.query.web;

import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.annotation.Nonnull;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.query.QuerySerializer;
import org.axonframework.axonserver.connector.query.subscription.SubscriptionMessageSerializer;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.queryhandling.DefaultSubscriptionQueryResult;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.queryhandling.QueryResponseMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.axonframework.queryhandling.SubscriptionQueryUpdateMessage;
import org.axonframework.serialization.Serializer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A query bus whose subscription queries take the way they take between two services through Axon Server,
 * without the server: the subscriber's query is serialized as Axon Server's query bus sends it, the handling
 * side reads it back and answers its initial result as a direct query (as the connector's query processing
 * does), and that answer and every update are serialized and read back as the subscriber's side reads them.
 * Everything else is the local bus's.
 */
final class AcrossAxonServerQueryBus implements QueryBus {

    private final QueryBus local;
    private final SubscriptionMessageSerializer subscriptions;
    private final QuerySerializer queries;

    AcrossAxonServerQueryBus(QueryBus local, Serializer messageSerializer, Serializer serializer) {
        this.local = local;
        AxonServerConfiguration configuration = new AxonServerConfiguration();
        this.subscriptions = new SubscriptionMessageSerializer(messageSerializer, serializer, configuration);
        this.queries = new QuerySerializer(messageSerializer, serializer, configuration);
    }

    @Override
    public <Q, I, U> SubscriptionQueryResult<QueryResponseMessage<I>, SubscriptionQueryUpdateMessage<U>> subscriptionQuery(
            @Nonnull SubscriptionQueryMessage<Q, I, U> query, int updateBufferSize) {
        QueryRequest sent = subscriptions.serializeQuery(query);
        SubscriptionQueryResult<QueryResponseMessage<I>, SubscriptionQueryUpdateMessage<U>> handled =
                local.subscriptionQuery(query, updateBufferSize);
        Mono<QueryResponseMessage<I>> initialResult = Mono.fromFuture(() -> local.query(queries.deserializeRequest(sent)))
                .map(answer -> queries.serializeResponse(answer, sent.getMessageIdentifier()))
                .map(this::<I>received);
        Flux<SubscriptionQueryUpdateMessage<U>> updates =
                handled.updates().map(update -> subscriptions.deserialize(subscriptions.serialize(update)));
        return new DefaultSubscriptionQueryResult<>(initialResult, updates, handled::cancel);
    }

    private <I> QueryResponseMessage<I> received(QueryResponse response) {
        return subscriptions.deserialize(response);
    }

    @Override
    public <R> Registration subscribe(@Nonnull String queryName, @Nonnull Type responseType,
                                      @Nonnull MessageHandler<? super QueryMessage<?, R>> handler) {
        return local.subscribe(queryName, responseType, handler);
    }

    @Override
    public <Q, R> CompletableFuture<QueryResponseMessage<R>> query(@Nonnull QueryMessage<Q, R> query) {
        return local.query(query);
    }

    @Override
    public <Q, R> Stream<QueryResponseMessage<R>> scatterGather(@Nonnull QueryMessage<Q, R> query, long timeout,
                                                                 @Nonnull TimeUnit unit) {
        return local.scatterGather(query, timeout, unit);
    }

    @Override
    public QueryUpdateEmitter queryUpdateEmitter() {
        return local.queryUpdateEmitter();
    }

    @Override
    public Registration registerHandlerInterceptor(
            @Nonnull MessageHandlerInterceptor<? super QueryMessage<?, ?>> interceptor) {
        return local.registerHandlerInterceptor(interceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(
            @Nonnull MessageDispatchInterceptor<? super QueryMessage<?, ?>> interceptor) {
        return local.registerDispatchInterceptor(interceptor);
    }
}
