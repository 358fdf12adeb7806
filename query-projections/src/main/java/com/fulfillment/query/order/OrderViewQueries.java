package com.fulfillment.query.order;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.fulfillment.query.api.FindOrderQuery;
import com.fulfillment.query.api.FindOrdersQuery;
import com.fulfillment.query.api.OrderPage;
import com.fulfillment.query.api.OrderView;
import com.fulfillment.query.ReadModelIndexes;
import com.fulfillment.query.api.Paging;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Answers the order queries from the order view, each with one read of it (plus a count for a page). */
@Component
public class OrderViewQueries implements InitializingBean {

    private final MongoTemplate mongo;

    public OrderViewQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Index names this class uses, for tests and operators. */
    public static final String BY_CUSTOMER = "customer_newest_first_by_id";
    public static final String BY_STATUS = "status_newest_first_by_id";
    public static final String NEWEST_FIRST = "newest_first_by_id";

    /** Behind the order lists: a customer's orders, the orders in one status, all orders; newest first. */
    @Override
    public void afterPropertiesSet() {
        createIndexes(mongo);
    }

    static void createIndexes(MongoTemplate mongo) {
        ReadModelIndexes.ensure(mongo, OrderDocument.class, new String[] {"customer_newest_first", "status_newest_first"},
                                newestFirst(new Index().on("customerId", Sort.Direction.ASC)).named(BY_CUSTOMER),
                                newestFirst(new Index().on("status", Sort.Direction.ASC)).named(BY_STATUS),
                                newestFirst(new Index()).named(NEWEST_FIRST));
    }

    /** The lists' order: newest first, then by id, so that pages do not overlap among orders placed together. */
    private static Index newestFirst(Index leading) {
        return leading.on("createdAt", Sort.Direction.DESC).on("_id", Sort.Direction.ASC);
    }

    @QueryHandler
    public Optional<OrderView> handle(FindOrderQuery query) {
        return Optional.ofNullable(mongo.findById(query.orderId().value(), OrderDocument.class))
                       .filter(OrderDocument::isPlaced)
                       .map(OrderDocument::toView);
    }

    @QueryHandler
    public OrderPage handle(FindOrdersQuery query) {
        Criteria criteria = query.customerId() == null
                ? where("customerId").ne(null)
                : where("customerId").is(query.customerId().value());
        if (query.status() != null) {
            criteria = criteria.and("status").is(query.status());
        }
        long total = mongo.count(new Query(criteria), OrderDocument.class);
        Query page = new Query(criteria)
                .with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("_id")))
                .skip((long) query.page() * query.size())
                .limit(query.size());
        // A list shows no timelines; leaving them out keeps a page small.
        page.fields().exclude("timeline").exclude("lines").exclude("payment").exclude("applied");
        return new OrderPage(mongo.find(page, OrderDocument.class).stream().map(OrderDocument::toSummary).toList(),
                             query.page(), query.size(), total, Paging.pageCount(total, query.size()));
    }
}
