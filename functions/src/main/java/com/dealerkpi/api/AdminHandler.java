package com.dealerkpi.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.api.auth.Authorizer;
import com.dealerkpi.api.http.ApiRequest;
import com.dealerkpi.api.http.FunctionHandler;
import com.dealerkpi.api.http.JsonFields;
import com.dealerkpi.api.http.Responses;
import com.dealerkpi.api.http.Route;
import com.dealerkpi.api.views.KpiViews;
import com.dealerkpi.app.settings.Settings;
import com.dealerkpi.app.settings.SettingsStore;
import com.dealerkpi.domain.FieldError;
import com.dealerkpi.domain.InvalidInputException;
import com.dealerkpi.domain.Months;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.settings.ProfileChange;
import com.dealerkpi.domain.settings.ScopeTargets;
import com.dealerkpi.domain.settings.TargetField;
import com.dealerkpi.domain.settings.TargetScope;
import com.dealerkpi.telemetry.Telemetry;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The admin function: national management's writes to profiles and target overrides. */
public final class AdminHandler extends FunctionHandler {
    private static final Set<String> PROFILE_FIELDS = Set.of("name", "region", "brand", "timezone", "databaseSize",
            "effectiveFrom", "goLiveDate");
    private static final Set<String> RATE_FIELDS = Set.of("contactRatePerMonth", "appointedRate", "attendedRate", "soldRate");
    private static final Set<String> TARGET_FIELDS = Set.of("contactRatePerMonth", "appointedRate", "attendedRate", "soldRate",
            "effectiveFrom");

    private final Settings settings;
    private final Clock clock;

    public AdminHandler(Authorizer authorizer, Telemetry telemetry, Settings settings, Clock clock) {
        super(authorizer, telemetry);
        this.settings = settings;
        this.clock = clock;
        on(Route.PUT_PROFILE, this::putProfile);
        for (Route route : Route.of(Route.Function.ADMIN)) {
            if (route.path().startsWith("/targets/")) {
                switch (route.method()) {
                    case "GET" -> on(route, this::getTargets);
                    case "PUT" -> on(route, this::putTargets);
                    case "DELETE" -> on(route, this::deleteTargets);
                    default -> throw new IllegalStateException("unexpected method on " + route);
                }
            }
        }
    }

    private APIGatewayV2HTTPResponse putProfile(ApiRequest request) {
        String dealershipId = request.id("dealershipId");
        request.allowQuery(Set.of());
        JsonFields body = new JsonFields(request.jsonBody(), PROFILE_FIELDS);
        List<FieldError> errors = new ArrayList<>();
        ProfileChange change = ProfileChange.check(body.string("name", false), body.string("region", false),
                body.string("brand", false), body.string("timezone", false), body.number("databaseSize"),
                body.string("effectiveFrom", false), body.string("goLiveDate", false), errors);
        body.errors(errors);
        body.throwIfInvalid();
        SettingsStore.Versioned<Profile> saved = settings.updateProfile(dealershipId, change, request.caller().subject());
        return Responses.json(saved.version() == 1 && saved.history().size() == 1 ? 201 : 200,
                KpiViews.profile(saved, LocalDate.now(clock.withZone(saved.value().timezone()))));
    }

    private APIGatewayV2HTTPResponse getTargets(ApiRequest request) {
        TargetScope scope = scope(request);
        request.allowQuery(Set.of());
        return Responses.json(200, view(scope, settings.targets(scope).map(SettingsStore.Versioned::value)
                .orElse(ScopeTargets.none()), List.of()));
    }

    private APIGatewayV2HTTPResponse putTargets(ApiRequest request) {
        TargetScope scope = scope(request);
        request.allowQuery(Set.of());
        JsonFields body = new JsonFields(request.jsonBody(), TARGET_FIELDS);
        Map<TargetField, Double> values = new EnumMap<>(TargetField.class);
        for (TargetField field : TargetField.values()) {
            Double value = body.number(field.json());
            if (value != null) {
                values.put(field, value);
            }
        }
        if (RATE_FIELDS.stream().noneMatch(body::has)) {
            body.error("body", "give at least one of contactRatePerMonth, appointedRate, attendedRate, soldRate");
        }
        body.errors(TargetField.check(values));
        YearMonth effectiveFrom = effectiveFrom(body.string("effectiveFrom", false), body);
        body.throwIfInvalid();
        Settings.TargetsChanged changed = settings.putTargets(scope, values, effectiveFrom, request.caller().subject());
        return Responses.json(200, view(scope, changed.targets().value(), changed.warnings()));
    }

    /** {@code DELETE} takes its effective month as a query parameter (a DELETE has no body). */
    private APIGatewayV2HTTPResponse deleteTargets(ApiRequest request) {
        TargetScope scope = scope(request);
        request.allowQuery(Set.of("effectiveFrom"));
        List<FieldError> errors = new ArrayList<>();
        YearMonth effectiveFrom = request.query("effectiveFrom").map(text -> Months.parse("effectiveFrom", text, errors))
                .orElse(null);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Settings.TargetsChanged changed = settings.deleteTargets(scope, effectiveFrom, request.caller().subject());
        return Responses.json(200, view(scope, changed.targets().value(), changed.warnings()));
    }

    private static YearMonth effectiveFrom(String text, JsonFields body) {
        if (text == null) {
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        YearMonth month = Months.parse("effectiveFrom", text, errors);
        body.errors(errors);
        return month;
    }

    /** Months of changes without their own month: the dealership's zone for its own scope, UTC for the wider ones. */
    private Map<String, Object> view(TargetScope scope, ScopeTargets targets, List<String> warnings) {
        ZoneId zone = scope.kind() == TargetScope.Kind.DEALERSHIP
                ? settings.profile(scope.name()).map(p -> p.value().timezone()).orElse(Profile.DEFAULT_ZONE)
                : ZoneOffset.UTC;
        return KpiViews.targets(scope.label(), targets, zone, YearMonth.now(clock.withZone(zone)), warnings);
    }

    private static TargetScope scope(ApiRequest request) {
        String path = request.route().path();
        if (path.equals("/targets/national")) {
            return TargetScope.national();
        }
        if (path.startsWith("/targets/regions/")) {
            return TargetScope.region(request.pathParameter("region"));
        }
        if (path.startsWith("/targets/brands/")) {
            return TargetScope.brand(request.pathParameter("brand"));
        }
        return TargetScope.dealership(request.pathParameter("dealershipId"));
    }
}
