package com.dealerkpi.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.api.http.ApiException;
import com.dealerkpi.api.http.ApiRequest;
import com.dealerkpi.api.http.Responses;
import com.dealerkpi.domain.report.CompareWith;
import com.dealerkpi.domain.report.RangeRequest;
import com.dealerkpi.domain.report.RollUp;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What report routes share: their query parameters, and their CSV and HTML answers. */
final class ReportQueries {
    static final Set<String> RANGE = Set.of("range", "from", "to");
    static final Set<String> RANGE_AND_FORMAT = Set.of("range", "from", "to", "format");
    static final Set<String> KPI = Set.of("range", "from", "to", "format", "compare");
    static final Set<String> ROLL_UP = Set.of("range", "from", "to", "format", "sort", "compare");
    static final Set<String> PAGE = Set.of("range", "from", "to", "limit", "cursor");
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    enum Format { JSON, CSV, HTML }

    private ReportQueries() {
    }

    static RangeRequest range(ApiRequest request) {
        return RangeRequest.parse(request.query("range"), request.query("from"), request.query("to"));
    }

    static Format format(ApiRequest request) {
        String value = request.query("format").orElse("json").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "json" -> Format.JSON;
            case "csv" -> Format.CSV;
            case "html" -> Format.HTML;
            default -> throw ApiException.badRequest("format", "must be json, csv or html");
        };
    }

    /** {@code compare}: what a JSON report is compared with; CSV and HTML carry no comparison. */
    static Optional<CompareWith> compare(ApiRequest request, Format format) {
        Optional<CompareWith> compare = request.query("compare").map(text -> CompareWith.parse(text).orElseThrow(() ->
                ApiException.badRequest("compare", "must be previous or last-year")));
        if (compare.isPresent() && format != Format.JSON) {
            throw ApiException.badRequest("compare", "is given in the JSON answer only; leave format out or use json");
        }
        return compare;
    }

    static RollUp.Sort sort(ApiRequest request) {
        return request.query("sort").map(text -> RollUp.Sort.parse(text).orElseThrow(() ->
                ApiException.badRequest("sort", "must be name, contactToSale, ofTarget or sold"))).orElse(RollUp.Sort.NAME);
    }

    static int limit(ApiRequest request) {
        Optional<String> text = request.query("limit");
        if (text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.get().trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    static APIGatewayV2HTTPResponse csv(String name, String body) {
        APIGatewayV2HTTPResponse response = Responses.of(200, "text/csv", body);
        response.getHeaders().put("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + ".csv\"");
        return response;
    }

    static APIGatewayV2HTTPResponse html(String body) {
        APIGatewayV2HTTPResponse response = Responses.of(200, "text/html", body);
        response.getHeaders().put("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        return response;
    }
}
