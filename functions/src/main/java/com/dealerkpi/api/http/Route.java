package com.dealerkpi.api.http;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every route of the contract: method, path template, the function that serves it and who may call it.
 * The handlers dispatch on it, the local runner and template.yaml must agree with it (a test checks).
 */
public enum Route {
    POST_STATUS("POST", "/dealerships/{dealershipId}/agreements/{agreementId}/status", Function.STATUS, Access.DEALERSHIP),
    VOID_UPDATE("POST", "/dealerships/{dealershipId}/agreements/{agreementId}/updates/{eventId}/void", Function.STATUS,
            Access.NATIONAL),
    GET_AGREEMENT("GET", "/dealerships/{dealershipId}/agreements/{agreementId}", Function.REPORT, Access.DEALERSHIP),
    GET_KPI("GET", "/dealerships/{dealershipId}/kpi", Function.REPORT, Access.DEALERSHIP),
    GET_KPI_AGREEMENTS("GET", "/dealerships/{dealershipId}/kpi/{stage}/agreements", Function.REPORT, Access.DEALERSHIP),
    GET_KPI_COHORTS("GET", "/dealerships/{dealershipId}/kpi/cohorts", Function.REPORT, Access.DEALERSHIP),
    GET_USAGE("GET", "/dealerships/{dealershipId}/usage", Function.REPORT, Access.DEALERSHIP),
    GET_PROFILE("GET", "/dealerships/{dealershipId}/profile", Function.REPORT, Access.DEALERSHIP),
    PUT_PROFILE("PUT", "/dealerships/{dealershipId}/profile", Function.ADMIN, Access.NATIONAL),
    GET_TARGETS_NATIONAL("GET", "/targets/national", Function.ADMIN, Access.NATIONAL),
    PUT_TARGETS_NATIONAL("PUT", "/targets/national", Function.ADMIN, Access.NATIONAL),
    DELETE_TARGETS_NATIONAL("DELETE", "/targets/national", Function.ADMIN, Access.NATIONAL),
    GET_TARGETS_REGION("GET", "/targets/regions/{region}", Function.ADMIN, Access.NATIONAL),
    PUT_TARGETS_REGION("PUT", "/targets/regions/{region}", Function.ADMIN, Access.NATIONAL),
    DELETE_TARGETS_REGION("DELETE", "/targets/regions/{region}", Function.ADMIN, Access.NATIONAL),
    GET_TARGETS_BRAND("GET", "/targets/brands/{brand}", Function.ADMIN, Access.NATIONAL),
    PUT_TARGETS_BRAND("PUT", "/targets/brands/{brand}", Function.ADMIN, Access.NATIONAL),
    DELETE_TARGETS_BRAND("DELETE", "/targets/brands/{brand}", Function.ADMIN, Access.NATIONAL),
    GET_TARGETS_DEALERSHIP("GET", "/targets/dealerships/{dealershipId}", Function.ADMIN, Access.NATIONAL),
    PUT_TARGETS_DEALERSHIP("PUT", "/targets/dealerships/{dealershipId}", Function.ADMIN, Access.NATIONAL),
    DELETE_TARGETS_DEALERSHIP("DELETE", "/targets/dealerships/{dealershipId}", Function.ADMIN, Access.NATIONAL),
    GET_REGION_KPI("GET", "/regions/{region}/kpi", Function.REPORT, Access.NATIONAL),
    GET_BRAND_KPI("GET", "/brands/{brand}/kpi", Function.REPORT, Access.NATIONAL),
    GET_NATIONAL_KPI("GET", "/kpi", Function.REPORT, Access.NATIONAL),
    GET_REGIONS("GET", "/regions", Function.REPORT, Access.NATIONAL),
    GET_BRANDS("GET", "/brands", Function.REPORT, Access.NATIONAL);

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

    /** Who may call a route. */
    public enum Access {
        /** The dealership named by the path's {dealershipId}, or national management. */
        DEALERSHIP,
        /** National management only. */
        NATIONAL
    }

    private final String method;
    private final String path;
    private final Function function;
    private final Access access;
    private final PathTemplate template;

    Route(String method, String path, Function function, Access access) {
        this.method = method;
        this.path = path;
        this.function = function;
        this.access = access;
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

    public Access access() {
        return access;
    }

    public static Optional<Route> byRouteKey(String routeKey) {
        return Arrays.stream(values()).filter(r -> r.routeKey().equals(routeKey)).findFirst();
    }

    public static List<Route> of(Function function) {
        return Arrays.stream(values()).filter(r -> r.function == function).toList();
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
