package com.fulfillment.query.order;

import com.fulfillment.query.api.OrderView;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The order views the operators' endpoints look for. These finds are not by id, so they scan the orders:
 * fine for an operator's occasional look, never for a customer's request.
 */
@Component
public class OrderDocuments {

    private static final String FAILURE_IDS = "compensationFailures.failureId";

    private final MongoTemplate mongo;

    public OrderDocuments(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public List<OrderView> withCompensationFailures() {
        return mongo.find(Query.query(Criteria.where(FAILURE_IDS).exists(true)), OrderDocument.class).stream()
                    .map(OrderDocument::toView)
                    .toList();
    }

    public Optional<OrderView> withCompensationFailure(String failureId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where(FAILURE_IDS).is(failureId)),
                                                 OrderDocument.class))
                       .map(OrderDocument::toView);
    }
}
