package com.dealerkpi.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.api.http.ApiException;
import com.dealerkpi.api.http.ApiRequest;
import com.dealerkpi.api.http.Cursors;
import com.dealerkpi.api.http.FunctionHandler;
import com.dealerkpi.api.http.Identity;
import com.dealerkpi.api.http.Responses;
import com.dealerkpi.api.http.Route;
import com.dealerkpi.api.views.AgreementViews;
import com.dealerkpi.api.views.CohortViews;
import com.dealerkpi.api.views.DrillDownViews;
import com.dealerkpi.api.views.InsightViews;
import com.dealerkpi.api.views.KpiCsv;
import com.dealerkpi.api.views.KpiHtml;
import com.dealerkpi.api.views.SettingsViews;
import com.dealerkpi.api.views.UsageViews;
import com.dealerkpi.app.report.KpiReports;
import com.dealerkpi.app.report.ReportStore;
import com.dealerkpi.app.report.RollUps;
import com.dealerkpi.app.settings.Settings;
import com.dealerkpi.app.status.Agreements;
import com.dealerkpi.domain.report.Cohorts;
import com.dealerkpi.domain.report.CompareWith;
import com.dealerkpi.domain.report.DateRange;
import com.dealerkpi.domain.report.KpiReport;
import com.dealerkpi.domain.report.RangeRequest;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.status.Stage;
import com.dealerkpi.telemetry.Dimension;
import com.dealerkpi.telemetry.Metric;
import com.dealerkpi.telemetry.RequestMetrics;
import com.dealerkpi.telemetry.Telemetry;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The report function: everything that reads. It holds read-only rights on the table. */
public final class ReportHandler extends FunctionHandler {
    private final Agreements agreements;
    private final Settings settings;
    private final KpiReports reports;
    private final Cursors cursors;
    private final Clock clock;

    public ReportHandler(Identity identity, Telemetry telemetry, Agreements agreements, Settings settings,
                         KpiReports reports, RollUps rollUps, Cursors cursors, Clock clock) {
        super(identity, settings::groupOf, telemetry);
        this.agreements = agreements;
        this.settings = settings;
        this.reports = reports;
        this.cursors = cursors;
        this.clock = clock;
        on(Route.GET_AGREEMENT, this::getAgreement);
        on(Route.GET_KPI, this::getKpi);
        on(Route.GET_KPI_AGREEMENTS, this::getKpiAgreements);
        on(Route.GET_KPI_COHORTS, this::getCohorts);
        on(Route.GET_USAGE, this::getUsage);
        on(Route.GET_PROFILE, this::getProfile);
        new RollUpEndpoints(rollUps).endpoints().forEach(this::on);
    }

    /** Report latency by kind: the KPI report, a drill-down page, usage, a roll-up, ... */
    @Override
    protected void describe(Route route, RequestMetrics record) {
        record.dimension(Dimension.REPORT, switch (route) {
            case GET_KPI -> "kpi";
            case GET_KPI_AGREEMENTS -> "drill-down";
            case GET_KPI_COHORTS -> "cohorts";
            case GET_USAGE -> "usage";
            case GET_AGREEMENT -> "agreement";
            case GET_PROFILE -> "profile";
            case GET_REGIONS, GET_BRANDS, GET_GROUPS -> "scopes";
            default -> "roll-up";
        });
        record.latencyAs(Metric.REPORT_LATENCY);
    }

    private APIGatewayV2HTTPResponse getAgreement(ApiRequest request) {
        String dealershipId = request.id("dealershipId");
        String agreementId = request.id("agreementId");
        request.allowQuery(Set.of());
        return agreements.find(dealershipId, agreementId)
                .map(view -> Responses.json(200, AgreementViews.agreement(view)))
                .orElseThrow(() -> ApiException.notFound("No status update has been recorded for agreement "
                        + agreementId + " at dealership " + dealershipId + "."));
    }

    private APIGatewayV2HTTPResponse getKpi(ApiRequest request) {
        String dealershipId = request.id("dealershipId");
        request.allowQuery(ReportQueries.KPI);
        RangeRequest range = ReportQueries.range(request);
        ReportQueries.Format format = ReportQueries.format(request);
        Optional<CompareWith> compare = ReportQueries.compare(request, format);
        return kpi(profileFor(request, dealershipId), range, format, compare);
    }

    /**
     * The dealership's profile the report is built from, checked again against the caller: access was decided on an
     * earlier read, and a dealership moved out of a group in between must not show its new group's name and targets
     * to the old group's managers.
     */
    private Profile profileFor(ApiRequest request, String dealershipId) {
        Profile profile = reports.dealership(dealershipId).profile();
        if (!request.caller().mayAccess(dealershipId, id -> Optional.ofNullable(profile.group()))) {
            throw ApiException.forbidden("This dealership is outside your access.");
        }
        return profile;
    }

    private APIGatewayV2HTTPResponse kpi(Profile profile, RangeRequest range, ReportQueries.Format format,
                                         Optional<CompareWith> compare) {
        if (format == ReportQueries.Format.JSON) {
            return Responses.json(200, InsightViews.kpi(reports.insight(profile, range, compare)));
        }
        KpiReport report = reports.kpi(profile, range);
        return format == ReportQueries.Format.CSV
                ? ReportQueries.csv("kpi-" + profile.dealershipId() + "-" + report.range().kind().wire(),
                KpiCsv.render(report))
                : ReportQueries.html(KpiHtml.render(report));
    }

    private APIGatewayV2HTTPResponse getCohorts(ApiRequest request) {
        String dealershipId = request.id("dealershipId");
        request.allowQuery(ReportQueries.RANGE_AND_FORMAT);
        RangeRequest range = ReportQueries.range(request);
        ReportQueries.Format format = ReportQueries.format(request);
        return cohorts(profileFor(request, dealershipId), range, format);
    }

    private APIGatewayV2HTTPResponse cohorts(Profile profile, RangeRequest request, ReportQueries.Format format) {
        KpiReports.CohortTable table = reports.cohorts(profile, request);
        DateRange range = table.range();
        List<Cohorts.Row> rows = table.rows();
        return switch (format) {
            case JSON -> Responses.json(200, CohortViews.json(profile.dealershipId(), range, rows));
            case CSV -> ReportQueries.csv("cohorts-" + profile.dealershipId() + "-" + range.kind().wire(),
                    CohortViews.csv(rows));
            case HTML -> ReportQueries.html(CohortViews.html(profile.name(), profile.dealershipId(), range, rows));
        };
    }

    private APIGatewayV2HTTPResponse getKpiAgreements(ApiRequest request) {
        String dealershipId = request.id("dealershipId");
        Stage stage = Stage.parse(request.pathParameter("stage")).orElseThrow(() ->
                ApiException.badRequest("stage", "must be one of contacted, appointed, attended, sold"));
        request.allowQuery(ReportQueries.PAGE);
        RangeRequest rangeRequest = ReportQueries.range(request);
        int limit = ReportQueries.limit(request);
        Optional<String> cursor = request.query("cursor");
        return agreementsPage(profileFor(request, dealershipId), stage, rangeRequest, limit, cursor);
    }

    private APIGatewayV2HTTPResponse agreementsPage(Profile profile, Stage stage, RangeRequest rangeRequest, int limit,
                                                    Optional<String> cursor) {
        String dealershipId = profile.dealershipId();
        DateRange range = reports.resolve(profile, rangeRequest);
        Cursors.Query query = new Cursors.Query(dealershipId, stage.name(), range.from().toString(), range.to().toString());
        Optional<ReportStore.MilestoneRow> after = cursor.map(c -> cursors.open(c, query));
        ReportStore.MilestonePage page = reports.agreements(profile, stage, range, limit, after);

        Optional<String> nextCursor = page.next().map(next -> cursors.issue(query, next));
        return Responses.json(200, DrillDownViews.page(dealershipId, stage, range, page.rows(), nextCursor));
    }

    private APIGatewayV2HTTPResponse getUsage(ApiRequest request) {
        String dealershipId = request.id("dealershipId");
        request.allowQuery(ReportQueries.RANGE);
        RangeRequest range = ReportQueries.range(request);
        return usage(profileFor(request, dealershipId), range);
    }

    private APIGatewayV2HTTPResponse usage(Profile profile, RangeRequest range) {
        return Responses.json(200, UsageViews.usage(profile.dealershipId(), reports.usage(profile, range)));
    }

    /**
     * SnapStart priming: every report of a dealership, rendered in every format as its endpoints render them, without
     * looking the dealership up (an id no dealership has would stop at the 404), and a cursor issued and opened. The
     * answers are thrown away; the reads find nothing.
     */
    public void primeReports(String dealershipId) {
        Profile profile = Profile.unknown(dealershipId);
        RangeRequest ytd = RangeRequest.parse(Optional.empty(), Optional.empty(), Optional.empty());
        for (ReportQueries.Format format : ReportQueries.Format.values()) {
            kpi(profile, ytd, format, Optional.empty());
            cohorts(profile, ytd, format);
        }
        RangeRequest all = RangeRequest.parse(Optional.of("all"), Optional.empty(), Optional.empty());
        kpi(profile, all, ReportQueries.Format.JSON, Optional.of(CompareWith.LAST_YEAR));
        usage(profile, ytd);
        DateRange range = reports.resolve(profile, ytd);
        Cursors.Query query = new Cursors.Query(dealershipId, Stage.SOLD.name(), range.from().toString(), range.to().toString());
        String cursor = cursors.issue(query, new ReportStore.MilestoneRow("A", range.start(), false));
        agreementsPage(profile, Stage.SOLD, ytd, ReportQueries.DEFAULT_LIMIT, Optional.of(cursor));
    }

    private APIGatewayV2HTTPResponse getProfile(ApiRequest request) {
        String dealershipId = request.id("dealershipId");
        request.allowQuery(Set.of());
        return settings.profile(dealershipId)
                .map(stored -> Responses.json(200, SettingsViews.profile(stored,
                        LocalDate.now(clock.withZone(stored.value().timezone())))))
                .orElseThrow(() -> ApiException.notFound("Dealership " + dealershipId + " has no profile yet."));
    }
}
