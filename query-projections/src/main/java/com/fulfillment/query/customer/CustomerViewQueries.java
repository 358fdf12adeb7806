package com.fulfillment.query.customer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.fulfillment.query.ReadModelIndexes;
import com.fulfillment.query.api.CustomerView;
import com.fulfillment.query.api.FindCustomerQuery;
import com.fulfillment.query.api.Paging;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Answers the customer query: the customer's totals and one page of their orders, newest first. */
@Component
public class CustomerViewQueries implements InitializingBean {

    private final MongoTemplate mongo;

    public CustomerViewQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The index behind a customer's order history. */
    public static final String HISTORY = "customer_history_newest_first_by_id";

    /** Behind a customer's order history, newest first. */
    @Override
    public void afterPropertiesSet() {
        createIndexes(mongo);
    }

    static void createIndexes(MongoTemplate mongo) {
        ReadModelIndexes.ensure(mongo, CustomerOrderDocument.class, new String[] {"customer_newest_first"},
                                new Index().on("customerId", Sort.Direction.ASC)
                                           .on("placedAt", Sort.Direction.DESC)
                                           .on("_id", Sort.Direction.ASC)
                                           .named(HISTORY));
    }

    @QueryHandler
    public Optional<CustomerView> handle(FindCustomerQuery query) {
        String customerId = query.customerId().value();
        CustomerDocument customer = mongo.findById(customerId, CustomerDocument.class);
        if (customer == null) {
            return Optional.empty();
        }
        Query page = Query.query(where("customerId").is(customerId))
                          .with(Sort.by(Sort.Order.desc("placedAt"), Sort.Order.asc("_id")))
                          .skip((long) query.page() * query.size())
                          .limit(query.size());
        page.fields().exclude("applied");
        return Optional.of(new CustomerView(
                query.customerId(), customer.totalOrders(), customer.confirmedOrders(), List.copyOf(customer.spent()),
                customer.lastOrderAt(),
                mongo.find(page, CustomerOrderDocument.class).stream().map(CustomerOrderDocument::toView).toList(),
                query.page(), query.size(), Paging.pageCount(customer.totalOrders(), query.size())));
    }
}
