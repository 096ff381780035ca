package com.dealerkpi.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.app.Agreements;
import com.dealerkpi.app.KpiReports;
import com.dealerkpi.app.ReportStore;
import com.dealerkpi.app.RollUps;
import com.dealerkpi.app.Settings;
import com.dealerkpi.domain.DateRange;
import com.dealerkpi.domain.Ids;
import com.dealerkpi.domain.KpiReport;
import com.dealerkpi.domain.Profile;
import com.dealerkpi.domain.RangeRequest;
import com.dealerkpi.domain.RollUp;
import com.dealerkpi.domain.Stage;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The report function: everything that reads. It holds read-only rights on the table. */
public final class ReportHandler extends FunctionHandler {
    private static final Set<String> RANGE = Set.of("range", "from", "to");
    private static final Set<String> RANGE_AND_FORMAT = Set.of("range", "from", "to", "format");
    private static final Set<String> PAGE = Set.of("range", "from", "to", "limit", "cursor");
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final Agreements agreements;
    private final Settings settings;
    private final KpiReports reports;
    private final RollUps rollUps;
    private final Cursors cursors;

    public ReportHandler(Authorizer authorizer, Agreements agreements, Settings settings, KpiReports reports,
                         RollUps rollUps, Cursors cursors) {
        super(authorizer);
        this.agreements = agreements;
        this.settings = settings;
        this.reports = reports;
        this.rollUps = rollUps;
        this.cursors = cursors;
        on(Route.GET_AGREEMENT, this::getAgreement);
        on(Route.GET_KPI, this::getKpi);
        on(Route.GET_KPI_AGREEMENTS, this::getKpiAgreements);
        on(Route.GET_USAGE, this::getUsage);
        on(Route.GET_PROFILE, this::getProfile);
        on(Route.GET_REGION_KPI, r -> rollUp(r, () -> rollUps.region(Ids.requireName("region", r.pathParameter("region")), range(r))));
        on(Route.GET_BRAND_KPI, r -> rollUp(r, () -> rollUps.brand(Ids.requireName("brand", r.pathParameter("brand")), range(r))));
        on(Route.GET_NATIONAL_KPI, r -> rollUp(r, () -> rollUps.national(range(r))));
    }

    private APIGatewayV2HTTPResponse getAgreement(ApiRequest request) {
        String dealershipId = request.id("dealershipId");
        String agreementId = request.id("agreementId");
        request.allowQuery(Set.of());
        return agreements.find(dealershipId, agreementId)
                .map(view -> Responses.json(200, Views.agreement(view)))
                .orElseThrow(() -> ApiException.notFound("No status update has been recorded for agreement "
                        + agreementId + " at dealership " + dealershipId + "."));
    }

    private APIGatewayV2HTTPResponse getKpi(ApiRequest request) {
        String dealershipId = request.id("dealershipId");
        request.allowQuery(RANGE_AND_FORMAT);
        RangeRequest range = range(request);
        Format format = format(request);
        Profile profile = reports.profile(dealershipId);
        KpiReport report = reports.kpi(profile, range);
        return switch (format) {
            case JSON -> Responses.json(200, KpiViews.kpi(report));
            case CSV -> csv("kpi-" + dealershipId + "-" + report.range().kind().wire(), KpiCsv.render(report.monthly(), report.counts()));
            case HTML -> html(KpiHtml.render(report, profile.name()));
        };
    }

    private APIGatewayV2HTTPResponse getKpiAgreements(ApiRequest request) {
        String dealershipId = request.id("dealershipId");
        Stage stage = Stage.parse(request.pathParameter("stage")).orElseThrow(() ->
                ApiException.badRequest("stage", "must be one of contacted, appointed, attended, sold"));
        request.allowQuery(PAGE);
        RangeRequest rangeRequest = range(request);
        int limit = limit(request);
        Optional<String> cursor = request.query("cursor");
        Profile profile = reports.profile(dealershipId);
        DateRange range = reports.resolve(profile, rangeRequest);
        Cursors.Query query = new Cursors.Query(dealershipId, stage.name(), range.from().toString(), range.to().toString());
        Optional<ReportStore.MilestoneRow> after = cursor.map(c -> cursors.open(c, query));
        ReportStore.MilestonePage page = reports.agreements(profile, stage, range, limit, after);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dealershipId", dealershipId);
        body.put("stage", stage.name());
        body.put("range", KpiViews.range(range));
        body.put("items", page.rows().stream().map(row -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("agreementId", row.agreementId());
            item.put("at", row.at().toString());
            item.put("backfilled", row.backfilled());
            return item;
        }).toList());
        page.next().ifPresent(next -> body.put("nextCursor", cursors.issue(query, next)));
        return Responses.json(200, body);
    }

    private APIGatewayV2HTTPResponse getUsage(ApiRequest request) {
        String dealershipId = request.id("dealershipId");
        request.allowQuery(RANGE);
        return Responses.json(200, KpiViews.usage(dealershipId, reports.usage(dealershipId, range(request))));
    }

    private APIGatewayV2HTTPResponse getProfile(ApiRequest request) {
        String dealershipId = request.id("dealershipId");
        request.allowQuery(Set.of());
        return settings.profile(dealershipId)
                .map(stored -> Responses.json(200, KpiViews.profile(stored)))
                .orElseThrow(() -> ApiException.notFound("Dealership " + dealershipId + " has no profile yet."));
    }

    private APIGatewayV2HTTPResponse rollUp(ApiRequest request, java.util.function.Supplier<RollUp> build) {
        request.allowQuery(RANGE_AND_FORMAT);
        Format format = format(request);
        if (format == Format.HTML) {
            throw ApiException.badRequest("format", "html is offered for a dealership's report; use json or csv here");
        }
        RollUp rollUp = build.get();
        return format == Format.CSV
                ? csv("kpi-" + rollUp.scope().replace(':', '-') + "-" + rollUp.kind().wire(), KpiCsv.render(rollUp.monthly(), rollUp.counts()))
                : Responses.json(200, KpiViews.rollUp(rollUp));
    }

    private static RangeRequest range(ApiRequest request) {
        return RangeRequest.parse(request.query("range"), request.query("from"), request.query("to"));
    }

    enum Format { JSON, CSV, HTML }

    private static Format format(ApiRequest request) {
        String value = request.query("format").orElse("json").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "json" -> Format.JSON;
            case "csv" -> Format.CSV;
            case "html" -> Format.HTML;
            default -> throw ApiException.badRequest("format", "must be json, csv or html");
        };
    }

    private static int limit(ApiRequest request) {
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

    private static APIGatewayV2HTTPResponse csv(String name, String body) {
        APIGatewayV2HTTPResponse response = Responses.of(200, "text/csv", body);
        response.getHeaders().put("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + ".csv\"");
        return response;
    }

    private static APIGatewayV2HTTPResponse html(String body) {
        APIGatewayV2HTTPResponse response = Responses.of(200, "text/html", body);
        response.getHeaders().put("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        return response;
    }

}
