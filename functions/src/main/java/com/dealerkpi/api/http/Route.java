package com.dealerkpi.api.http;

import com.dealerkpi.domain.access.Caller;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.dealerkpi.domain.access.Caller.Kind.DEALERSHIP;
import static com.dealerkpi.domain.access.Caller.Kind.GROUP;
import static com.dealerkpi.domain.access.Caller.Kind.NATIONAL;

/**
 * Every route of the contract: method, path template, the function that serves it and who may call it.
 * The handlers dispatch on it, the local runner and template.yaml must agree with it (a test checks).
 */
public enum Route {
    POST_STATUS("POST", "/dealerships/{dealershipId}/agreements/{agreementId}/status", Function.STATUS, NATIONAL, DEALERSHIP),
    VOID_UPDATE("POST", "/dealerships/{dealershipId}/agreements/{agreementId}/updates/{eventId}/void", Function.STATUS,
            NATIONAL),
    GET_AGREEMENT("GET", "/dealerships/{dealershipId}/agreements/{agreementId}", Function.REPORT, NATIONAL, GROUP, DEALERSHIP),
    GET_KPI("GET", "/dealerships/{dealershipId}/kpi", Function.REPORT, NATIONAL, GROUP, DEALERSHIP),
    GET_KPI_AGREEMENTS("GET", "/dealerships/{dealershipId}/kpi/{stage}/agreements", Function.REPORT, NATIONAL, GROUP, DEALERSHIP),
    GET_KPI_COHORTS("GET", "/dealerships/{dealershipId}/kpi/cohorts", Function.REPORT, NATIONAL, GROUP, DEALERSHIP),
    GET_USAGE("GET", "/dealerships/{dealershipId}/usage", Function.REPORT, NATIONAL, GROUP, DEALERSHIP),
    GET_PROFILE("GET", "/dealerships/{dealershipId}/profile", Function.REPORT, NATIONAL, DEALERSHIP),
    PUT_PROFILE("PUT", "/dealerships/{dealershipId}/profile", Function.ADMIN, NATIONAL),
    GET_TARGETS_NATIONAL("GET", "/targets/national", Function.ADMIN, NATIONAL),
    PUT_TARGETS_NATIONAL("PUT", "/targets/national", Function.ADMIN, NATIONAL),
    DELETE_TARGETS_NATIONAL("DELETE", "/targets/national", Function.ADMIN, NATIONAL),
    GET_TARGETS_REGION("GET", "/targets/regions/{region}", Function.ADMIN, NATIONAL),
    PUT_TARGETS_REGION("PUT", "/targets/regions/{region}", Function.ADMIN, NATIONAL),
    DELETE_TARGETS_REGION("DELETE", "/targets/regions/{region}", Function.ADMIN, NATIONAL),
    GET_TARGETS_BRAND("GET", "/targets/brands/{brand}", Function.ADMIN, NATIONAL),
    PUT_TARGETS_BRAND("PUT", "/targets/brands/{brand}", Function.ADMIN, NATIONAL),
    DELETE_TARGETS_BRAND("DELETE", "/targets/brands/{brand}", Function.ADMIN, NATIONAL),
    GET_TARGETS_GROUP("GET", "/targets/groups/{group}", Function.ADMIN, NATIONAL),
    PUT_TARGETS_GROUP("PUT", "/targets/groups/{group}", Function.ADMIN, NATIONAL),
    DELETE_TARGETS_GROUP("DELETE", "/targets/groups/{group}", Function.ADMIN, NATIONAL),
    GET_TARGETS_DEALERSHIP("GET", "/targets/dealerships/{dealershipId}", Function.ADMIN, NATIONAL),
    PUT_TARGETS_DEALERSHIP("PUT", "/targets/dealerships/{dealershipId}", Function.ADMIN, NATIONAL),
    DELETE_TARGETS_DEALERSHIP("DELETE", "/targets/dealerships/{dealershipId}", Function.ADMIN, NATIONAL),
    GET_AGGREGATES("GET", "/admin/aggregates", Function.ADMIN, NATIONAL),
    GET_REGION_KPI("GET", "/regions/{region}/kpi", Function.REPORT, NATIONAL),
    GET_BRAND_KPI("GET", "/brands/{brand}/kpi", Function.REPORT, NATIONAL),
    GET_GROUP_KPI("GET", "/groups/{group}/kpi", Function.REPORT, NATIONAL, GROUP),
    GET_NATIONAL_KPI("GET", "/kpi", Function.REPORT, NATIONAL),
    GET_REGIONS("GET", "/regions", Function.REPORT, NATIONAL),
    GET_BRANDS("GET", "/brands", Function.REPORT, NATIONAL),
    GET_GROUPS("GET", "/groups", Function.REPORT, NATIONAL);

    /** The Lambda functions, by their logical id in template.yaml. */
    public enum Function {
        STATUS("StatusFunction"), REPORT("ReportFunction"), ADMIN("AdminFunction");

        private final String logicalId;

        Function(String logicalId) {
            this.logicalId = logicalId;
        }

        public String logicalId() {
            return logicalId;
        }
    }


    private final String method;
    private final String path;
    private final Function function;
    private final Set<Caller.Kind> admitted;
    private final PathTemplate template;

    Route(String method, String path, Function function, Caller.Kind first, Caller.Kind... more) {
        this.method = method;
        this.path = path;
        this.function = function;
        this.admitted = Collections.unmodifiableSet(EnumSet.of(first, more));
        this.template = new PathTemplate(path);
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** As API Gateway names it in {@code routeKey}. */
    public String routeKey() {
        return method + " " + path;
    }

    public Function function() {
        return function;
    }

    /**
     * The kinds of caller this route admits (a dealership's staff only for the dealership its path names, a group's
     * managers only for their group and the dealerships in it).
     */
    public Set<Caller.Kind> admitted() {
        return admitted;
    }

    /**
     * Refuses (403) a caller of a kind the route does not admit, or one outside the dealership or group its path
     * names; the caller's claims alone decide, with the dealership's group as its profile says now ({@code groups},
     * read only for a group's managers), nothing else in the request. Fails closed: a request that names no
     * dealership reaches only callers who may see every dealership, or a group's managers their own group.
     */
    public void authorize(Caller caller, Map<String, String> pathParameters, Caller.GroupOf groups) {
        if (!admitted.contains(caller.kind())) {
            throw ApiException.forbidden(admitted.size() == 1 ? "Only national management may use this route."
                    : "This route is not open to your role.");
        }
        if (caller instanceof Caller.Group group && path.contains("{group}")) {
            if (!group.isOwn(pathParameters.get("group"))) {
                throw ApiException.forbidden("This group is outside your access.");
            }
            return;
        }
        if (!caller.mayAccess(pathParameters.get("dealershipId"), groups)) {
            throw ApiException.forbidden("This dealership is outside your access.");
        }
    }

    public static Optional<Route> byRouteKey(String routeKey) {
        return Arrays.stream(values()).filter(r -> r.routeKey().equals(routeKey)).findFirst();
    }

    /** The route a request is for: the most literal match, as API Gateway picks it. */
    public static Optional<Matched> find(String method, String rawPath) {
        return PathTemplate.mostLiteral(Arrays.asList(values()), Route::method, r -> r.template, method, rawPath)
                .map(m -> new Matched(m.route(), m.pathParameters()));
    }

    /** A route and the path parameters a request gave it. */
    public record Matched(Route route, Map<String, String> pathParameters) {
    }
}
