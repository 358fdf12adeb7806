package com.fulfillment.query.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.query.api.OrderView;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** A change reaches the followers of its order only, after the projection's unit of work has committed. */
class OrderViewFollowersTest {

    private static final OrderId FOLLOWED = OrderId.of("followed");
    private static final OrderId OTHER = OrderId.of("other");

    private final OrderViewFollowers followers = new OrderViewFollowers();

    @Test
    void aChangeReachesItsOrdersFollowersOnly() {
        List<OrderView> heard = new ArrayList<>();
        List<OrderView> heardToo = new ArrayList<>();
        followers.follow(FOLLOWED, heard::add);
        Runnable stop = followers.follow(FOLLOWED, heardToo::add);
        assertThat(followers.following()).isEqualTo(2);

        followers.publish(view(OTHER));
        followers.publish(view(FOLLOWED));
        stop.run();
        stop.run();
        followers.publish(view(FOLLOWED));

        assertThat(heard).extracting(OrderView::orderId).containsExactly(FOLLOWED, FOLLOWED);
        assertThat(heardToo).extracting(OrderView::orderId).containsExactly(FOLLOWED);
        assertThat(followers.following()).as("stopping twice counts once").isEqualTo(1);
    }

    @Test
    void insideAUnitOfWorkAChangeIsHandedOverOnceItHasCommitted() {
        List<OrderView> heard = new ArrayList<>();
        followers.follow(FOLLOWED, heard::add);
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);

        followers.publish(view(FOLLOWED));
        assertThat(heard).as("before the commit").isEmpty();
        batch.commit();

        assertThat(heard).hasSize(1);
    }

    @Test
    void theChangesOfOneUnitOfWorkAreHandedOverInTheirOrder() {
        List<OrderView> heard = new ArrayList<>();
        followers.follow(FOLLOWED, heard::add);
        OrderView first = view(FOLLOWED);
        OrderView second = view(FOLLOWED);
        OrderView third = view(FOLLOWED);
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);

        followers.publish(first);
        followers.publish(second);
        followers.publish(third);
        batch.commit();

        assertThat(heard).containsExactly(first, second, third);
    }

    @Test
    void aFollowerWhoStartsBeforeTheCommitHearsAChangeMadeBeforeItStarted() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        followers.publish(view(FOLLOWED));
        List<OrderView> heard = new ArrayList<>();
        followers.follow(FOLLOWED, heard::add);

        batch.commit();

        assertThat(heard).hasSize(1);
    }

    @Test
    void aChangeRolledBackIsNotHandedOver() {
        List<OrderView> heard = new ArrayList<>();
        followers.follow(FOLLOWED, heard::add);
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);

        followers.publish(view(FOLLOWED));
        batch.rollback();

        assertThat(heard).isEmpty();
    }

    @Test
    void aFailingFollowerKeepsTheChangeFromNoOtherOne() {
        List<OrderView> heard = new ArrayList<>();
        followers.follow(FOLLOWED, view -> {
            throw new IllegalStateException("failed on purpose");
        });
        followers.follow(FOLLOWED, heard::add);

        followers.publish(view(FOLLOWED));

        assertThat(heard).hasSize(1);
    }

    private static OrderView view(OrderId orderId) {
        OrderView view = Mockito.mock(OrderView.class);
        Mockito.when(view.orderId()).thenReturn(orderId);
        return view;
    }
}
