package com.dealerkpi.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.app.Settings;
import com.dealerkpi.app.SettingsStore;
import com.dealerkpi.domain.FieldError;
import com.dealerkpi.domain.ProfileChange;
import com.dealerkpi.domain.TargetField;
import com.dealerkpi.domain.TargetRates;
import com.dealerkpi.domain.TargetScope;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The admin function: national management's writes to profiles and target overrides. */
public final class AdminHandler extends FunctionHandler {
    private static final Set<String> PROFILE_FIELDS = Set.of("name", "region", "brand", "timezone", "databaseSize", "goLiveDate");
    private static final Set<String> TARGET_FIELDS = Set.of("contactRatePerMonth", "appointedRate", "attendedRate", "soldRate");

    private final Settings settings;

    public AdminHandler(Authorizer authorizer, Settings settings) {
        super(authorizer);
        this.settings = settings;
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
                body.string("goLiveDate", false), errors);
        body.errors(errors);
        body.throwIfInvalid();
        SettingsStore.Versioned<com.dealerkpi.domain.Profile> saved =
                settings.updateProfile(dealershipId, change::applyTo, request.caller().subject());
        return Responses.json(saved.version() == 1 && saved.history().size() == 1 ? 201 : 200, KpiViews.profile(saved));
    }

    private APIGatewayV2HTTPResponse getTargets(ApiRequest request) {
        TargetScope scope = scope(request);
        request.allowQuery(Set.of());
        return Responses.json(200, view(scope, settings.targets(scope)
                .orElse(new SettingsStore.Versioned<>(TargetRates.none(), 0, List.of()))));
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
        if (TARGET_FIELDS.stream().noneMatch(body::has)) {
            body.error("body", "give at least one of contactRatePerMonth, appointedRate, attendedRate, soldRate");
        }
        body.errors(TargetRates.check(values));
        body.throwIfInvalid();
        return Responses.json(200, view(scope, settings.putTargets(scope, new TargetRates(values), request.caller().subject())));
    }

    private APIGatewayV2HTTPResponse deleteTargets(ApiRequest request) {
        TargetScope scope = scope(request);
        request.allowQuery(Set.of());
        return Responses.json(200, view(scope, settings.deleteTargets(scope, request.caller().subject())));
    }

    private static Map<String, Object> view(TargetScope scope, SettingsStore.Versioned<TargetRates> stored) {
        return KpiViews.targets(scope.label(), new SettingsStore.Versioned<>(Settings.fields(stored.value()),
                stored.version(), stored.history()));
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
