package com.dealerkpi.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.api.http.ApiRequest;
import com.dealerkpi.api.http.FunctionHandler;
import com.dealerkpi.api.http.Identity;
import com.dealerkpi.api.http.JsonFields;
import com.dealerkpi.api.http.Responses;
import com.dealerkpi.api.http.Route;
import com.dealerkpi.api.views.AggregatesViews;
import com.dealerkpi.api.views.SettingsViews;
import com.dealerkpi.app.counts.Aggregates;
import com.dealerkpi.app.settings.Settings;
import com.dealerkpi.app.settings.SettingsStore;
import com.dealerkpi.domain.FieldError;
import com.dealerkpi.domain.InvalidInputException;
import com.dealerkpi.domain.Months;
import com.dealerkpi.domain.access.Caller;
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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The admin function: national management's writes to profiles and target overrides, and the aggregates' state. */
public final class AdminHandler extends FunctionHandler {
    private static final Set<String> PROFILE_FIELDS = Set.of("name", "region", "brand", "group", "timezone", "databaseSize",
            "effectiveFrom", "goLiveDate");
    private static final List<String> RATE_FIELDS = Arrays.stream(TargetField.values()).map(TargetField::json).toList();
    private static final Set<String> TARGET_FIELDS = Stream.concat(RATE_FIELDS.stream(), Stream.of("effectiveFrom"))
            .collect(Collectors.toUnmodifiableSet());

    private final Settings settings;
    private final Aggregates aggregates;
    private final Clock clock;

    public AdminHandler(Identity identity, Telemetry telemetry, Settings settings, Aggregates aggregates, Clock clock) {
        super(identity, Caller.GroupOf.NONE, telemetry);
        this.settings = settings;
        this.aggregates = aggregates;
        this.clock = clock;
        on(Route.PUT_PROFILE, this::putProfile);
        on(Route.GET_AGGREGATES, this::getAggregates);
        targets(Route.GET_TARGETS_NATIONAL, Route.PUT_TARGETS_NATIONAL, Route.DELETE_TARGETS_NATIONAL,
                request -> TargetScope.national());
        targets(Route.GET_TARGETS_REGION, Route.PUT_TARGETS_REGION, Route.DELETE_TARGETS_REGION,
                request -> TargetScope.region(request.pathParameter("region")));
        targets(Route.GET_TARGETS_BRAND, Route.PUT_TARGETS_BRAND, Route.DELETE_TARGETS_BRAND,
                request -> TargetScope.brand(request.pathParameter("brand")));
        targets(Route.GET_TARGETS_GROUP, Route.PUT_TARGETS_GROUP, Route.DELETE_TARGETS_GROUP,
                request -> TargetScope.group(request.pathParameter("group")));
        targets(Route.GET_TARGETS_DEALERSHIP, Route.PUT_TARGETS_DEALERSHIP, Route.DELETE_TARGETS_DEALERSHIP,
                request -> TargetScope.dealership(request.pathParameter("dealershipId")));
    }

    /** A target scope's three routes, each with the scope its path names. */
    private void targets(Route get, Route put, Route delete, Function<ApiRequest, TargetScope> scope) {
        on(get, request -> getTargets(request, scope.apply(request)));
        on(put, request -> putTargets(request, scope.apply(request)));
        on(delete, request -> deleteTargets(request, scope.apply(request)));
    }

    private APIGatewayV2HTTPResponse putProfile(ApiRequest request) {
        String dealershipId = request.id("dealershipId");
        request.allowQuery(Set.of());
        JsonFields body = new JsonFields(request.jsonBody(), PROFILE_FIELDS);
        List<FieldError> errors = new ArrayList<>();
        ProfileChange change = ProfileChange.check(body.string("name", false), body.string("region", false),
                body.string("brand", false), body.string("group", false), body.string("timezone", false), body.number("databaseSize"),
                body.string("effectiveFrom", false), body.string("goLiveDate", false), errors);
        body.errors(errors);
        body.throwIfInvalid();
        SettingsStore.Versioned<Profile> saved = settings.updateProfile(dealershipId, change, request.caller().subject());
        return Responses.json(saved.version() == 1 && saved.history().size() == 1 ? 201 : 200,
                SettingsViews.profile(saved, LocalDate.now(clock.withZone(saved.value().timezone()))));
    }

    private APIGatewayV2HTTPResponse getAggregates(ApiRequest request) {
        request.allowQuery(Set.of());
        return Responses.json(200, AggregatesViews.state(aggregates.state()));
    }

    private APIGatewayV2HTTPResponse getTargets(ApiRequest request, TargetScope scope) {
        request.allowQuery(Set.of());
        return Responses.json(200, view(scope, settings.targets(scope).map(SettingsStore.Versioned::value)
                .orElse(ScopeTargets.none()), List.of()));
    }

    private APIGatewayV2HTTPResponse putTargets(ApiRequest request, TargetScope scope) {
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
            body.error("body", "give at least one of " + String.join(", ", RATE_FIELDS));
        }
        body.errors(TargetField.check(values));
        YearMonth effectiveFrom = effectiveFrom(body.string("effectiveFrom", false), body);
        body.throwIfInvalid();
        Settings.TargetsChanged changed = settings.putTargets(scope, values, effectiveFrom, request.caller().subject());
        return Responses.json(200, view(scope, changed.targets().value(), changed.warnings()));
    }

    /** {@code DELETE} takes its effective month as a query parameter (a DELETE has no body). */
    private APIGatewayV2HTTPResponse deleteTargets(ApiRequest request, TargetScope scope) {
        request.allowQuery(Set.of("effectiveFrom"));
        request.refuseBody("give the month as a query parameter: ?effectiveFrom=YYYY-MM");
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
        return SettingsViews.targets(scope.label(), targets, zone, YearMonth.now(clock.withZone(zone)), warnings);
    }
}
