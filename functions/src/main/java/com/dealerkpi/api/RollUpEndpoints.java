package com.dealerkpi.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.app.RollUps;
import com.dealerkpi.domain.Ids;
import com.dealerkpi.domain.RollUp;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** National management's views across dealerships: region, brand and national roll-ups, and the scopes' lists. */
final class RollUpEndpoints {
    private final RollUps rollUps;

    RollUpEndpoints(RollUps rollUps) {
        this.rollUps = rollUps;
    }

    Map<Route, FunctionHandler.Endpoint> endpoints() {
        Map<Route, FunctionHandler.Endpoint> endpoints = new EnumMap<>(Route.class);
        endpoints.put(Route.GET_REGION_KPI, r -> rollUp(r, sort -> rollUps.region(
                Ids.requireName("region", r.pathParameter("region")), ReportQueries.range(r), sort)));
        endpoints.put(Route.GET_BRAND_KPI, r -> rollUp(r, sort -> rollUps.brand(
                Ids.requireName("brand", r.pathParameter("brand")), ReportQueries.range(r), sort)));
        endpoints.put(Route.GET_NATIONAL_KPI, r -> rollUp(r, sort -> rollUps.national(ReportQueries.range(r), sort)));
        endpoints.put(Route.GET_REGIONS, r -> scopes(r, rollUps.regions()));
        endpoints.put(Route.GET_BRANDS, r -> scopes(r, rollUps.brands()));
        return endpoints;
    }

    private static APIGatewayV2HTTPResponse rollUp(ApiRequest request, Function<RollUp.Sort, RollUp> build) {
        request.allowQuery(ReportQueries.ROLL_UP);
        ReportQueries.Format format = ReportQueries.format(request);
        if (format == ReportQueries.Format.HTML) {
            throw ApiException.badRequest("format", "html is offered for a dealership's report; use json or csv here");
        }
        RollUp rollUp = build.apply(ReportQueries.sort(request));
        return format == ReportQueries.Format.CSV
                ? ReportQueries.csv("kpi-" + rollUp.scope().replace(':', '-') + "-" + rollUp.kind().wire(),
                KpiCsv.render(rollUp.monthly(), rollUp.counts(), rollUp.targetCounts()))
                : Responses.json(200, KpiViews.rollUp(rollUp));
    }

    private static APIGatewayV2HTTPResponse scopes(ApiRequest request, java.util.List<RollUps.ScopeCount> counts) {
        request.allowQuery(Set.of());
        return Responses.json(200, KpiViews.scopeCounts(counts));
    }
}
