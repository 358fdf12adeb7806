package com.fulfillment.query.web;

import com.fulfillment.query.QueryProjectionsConfiguration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every error of the read side's endpoints (queries and projection admin), Spring MVC's own
 * included (an unreadable parameter, an unsupported media type), as an RFC 9457 problem body. Limited
 * to the read side's packages so that it decides nothing for the other contexts' controllers in the
 * same application, and placed first so that an application-wide handler does not render these
 * differently.
 */
@RestControllerAdvice(basePackageClasses = QueryProjectionsConfiguration.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class QueryProblemHandler extends ResponseEntityExceptionHandler {
}
