package com.fulfillment.query.product;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.fulfillment.query.ReadModelIndexes;
import com.fulfillment.query.api.FindProductQuery;
import com.fulfillment.query.api.FindProductsQuery;
import com.fulfillment.query.api.Paging;
import com.fulfillment.query.api.ProductPage;
import com.fulfillment.query.api.ProductView;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Answers the catalogue queries from the product view. */
@Component
public class ProductViewQueries implements InitializingBean {

    private final MongoTemplate mongo;

    public ProductViewQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The index behind the catalogue. */
    public static final String CATALOGUE = "catalogue_by_name_by_id";

    /** Behind the catalogue, which is listed by name. */
    @Override
    public void afterPropertiesSet() {
        createIndexes(mongo);
    }

    static void createIndexes(MongoTemplate mongo) {
        ReadModelIndexes.ensure(mongo, ProductDocument.class, new String[] {"by_name"},
                                new Index().on("name", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named(CATALOGUE));
    }

    @QueryHandler
    public Optional<ProductView> handle(FindProductQuery query) {
        return Optional.ofNullable(mongo.findById(query.productId().value(), ProductDocument.class))
                       .filter(ProductDocument::isListed)
                       .map(ProductDocument::toView);
    }

    @QueryHandler
    public ProductPage handle(FindProductsQuery query) {
        Query listed = Query.query(where("name").ne(null));
        long total = mongo.count(listed, ProductDocument.class);
        Query page = Query.query(where("name").ne(null))
                          .with(Sort.by(Sort.Order.asc("name"), Sort.Order.asc("_id")))
                          .skip((long) query.page() * query.size())
                          .limit(query.size());
        page.fields().exclude("applied");
        return new ProductPage(mongo.find(page, ProductDocument.class).stream().map(ProductDocument::toView).toList(),
                               query.page(), query.size(), total, Paging.pageCount(total, query.size()));
    }
}
