package com.dealerkpi.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.api.http.ApiRequest;
import com.dealerkpi.api.http.FunctionHandler;
import com.dealerkpi.api.http.Responses;
import com.dealerkpi.api.http.Route;
import com.dealerkpi.api.views.RollUpHtml;
import com.dealerkpi.api.views.RollUpViews;
import com.dealerkpi.app.report.RollUps;
import com.dealerkpi.domain.Ids;
import com.dealerkpi.domain.report.CompareWith;
import com.dealerkpi.domain.report.RollUp;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Views across dealerships: region, brand, dealer group and national roll-ups, and the scopes' lists (a group's
 * managers see their own group's roll-up only).
 */
final class RollUpEndpoints {
    private final RollUps rollUps;

    RollUpEndpoints(RollUps rollUps) {
        this.rollUps = rollUps;
    }

    Map<Route, FunctionHandler.Endpoint> endpoints() {
        Map<Route, FunctionHandler.Endpoint> endpoints = new EnumMap<>(Route.class);
        endpoints.put(Route.GET_REGION_KPI, r -> rollUp(r, query -> rollUps.region(
                Ids.requireName("region", r.pathParameter("region")), query)));
        endpoints.put(Route.GET_BRAND_KPI, r -> rollUp(r, query -> rollUps.brand(
                Ids.requireName("brand", r.pathParameter("brand")), query)));
        endpoints.put(Route.GET_GROUP_KPI, r -> rollUp(r, query -> rollUps.group(
                Ids.requireName("group", r.pathParameter("group")), query)));
        endpoints.put(Route.GET_NATIONAL_KPI, r -> rollUp(r, rollUps::national));
        endpoints.put(Route.GET_REGIONS, r -> scopes(r, rollUps.regions(r.caller())));
        endpoints.put(Route.GET_BRANDS, r -> scopes(r, rollUps.brands(r.caller())));
        endpoints.put(Route.GET_GROUPS, r -> scopes(r, rollUps.groups(r.caller())));
        return endpoints;
    }

    private static APIGatewayV2HTTPResponse rollUp(ApiRequest request, Function<RollUps.Query, RollUp> build) {
        request.allowQuery(ReportQueries.ROLL_UP);
        ReportQueries.Format format = ReportQueries.format(request);
        Optional<CompareWith> compare = ReportQueries.compare(request, format);
        RollUp rollUp = build.apply(new RollUps.Query(request.caller(), ReportQueries.range(request), ReportQueries.sort(request), compare));
        if (format == ReportQueries.Format.CSV) {
            return ReportQueries.csv("kpi-" + rollUp.scope().replace(':', '-') + "-" + rollUp.kind().wire(),
                    RollUpViews.csv(rollUp));
        }
        if (format == ReportQueries.Format.HTML) {
            return ReportQueries.html(RollUpHtml.render(rollUp));
        }
        Map<String, Object> body = RollUpViews.rollUp(rollUp);
        compare.ifPresent(with -> body.put("comparison", RollUpViews.comparison(rollUp, with)));
        return Responses.json(200, body);
    }

    private static APIGatewayV2HTTPResponse scopes(ApiRequest request, java.util.List<RollUps.ScopeCount> counts) {
        request.allowQuery(Set.of());
        return Responses.json(200, RollUpViews.scopeCounts(counts));
    }
}
