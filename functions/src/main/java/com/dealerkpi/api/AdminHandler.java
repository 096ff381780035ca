package com.dealerkpi.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.app.Settings;
import com.dealerkpi.domain.Ids;
import com.dealerkpi.domain.Profile;
import com.dealerkpi.domain.TargetField;
import com.dealerkpi.domain.TargetRates;
import com.dealerkpi.domain.TargetScope;
import com.dealerkpi.store.SettingsStore;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** The admin function: national management's writes to profiles and target overrides. */
public final class AdminHandler extends FunctionHandler {
    private static final Set<String> PROFILE_FIELDS = Set.of("name", "region", "brand", "timezone", "databaseSize", "goLiveDate");
    private static final Set<String> TARGET_FIELDS = Set.of("contactRatePerMonth", "appointedRate", "attendedRate", "soldRate");
    private static final int MAX_NAME = 200;

    private final Settings settings;

    /** Used by the Lambda runtime: wired from the environment, primed before a SnapStart snapshot. */
    public AdminHandler() {
        this(Composition.fromEnvironment());
        Priming.register(this);
    }

    public AdminHandler(Composition composition) {
        super(composition.authorizer());
        this.settings = composition.settings();
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
        String name = body.string("name", false);
        if (name != null && (name.isBlank() || name.length() > MAX_NAME || name.codePoints().anyMatch(Character::isISOControl))) {
            body.error("name", "must be 1-200 characters with no control characters");
        }
        String region = name(body, "region");
        String brand = name(body, "brand");
        String zoneText = body.string("timezone", false);
        ZoneId zone = null;
        if (zoneText != null) {
            if (Profile.isIanaZone(zoneText)) {
                zone = ZoneId.of(zoneText);
            } else {
                body.error("timezone", "must be an IANA time zone such as Europe/London or Australia/Sydney");
            }
        }
        Long databaseSize = wholeNumber(body, "databaseSize");
        LocalDate goLive = date(body, "goLiveDate");
        body.throwIfInvalid();

        ZoneId finalZone = zone;
        SettingsStore.Versioned<Profile> saved = settings.updateProfile(dealershipId,
                p -> p.with(name, region, brand, finalZone, databaseSize, goLive), request.caller().subject());
        return Responses.json(saved.version() == 1 && saved.history().size() == 1 ? 201 : 200, KpiViews.profile(saved));
    }

    private APIGatewayV2HTTPResponse getTargets(ApiRequest request) {
        TargetScope scope = scope(request);
        request.allowQuery(Set.of());
        return Responses.json(200, view(scope, settings.targets(scope)
                .orElse(new SettingsStore.Versioned<>(TargetRates.none(), 0, java.util.List.of()))));
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

    private static String name(JsonFields body, String field) {
        String value = body.string(field, false);
        if (value != null && !Ids.isValidName(value)) {
            body.error(field, "must be 1-64 characters of A-Z a-z 0-9 . _ - and inner spaces");
            return null;
        }
        return value;
    }

    private static Long wholeNumber(JsonFields body, String field) {
        Double value = body.number(field);
        if (value == null) {
            return null;
        }
        if (value < 0 || value > Profile.MAX_DATABASE_SIZE || value != Math.rint(value)) {
            body.error(field, "must be a whole number from 0 to " + Profile.MAX_DATABASE_SIZE);
            return null;
        }
        return value.longValue();
    }

    private static LocalDate date(JsonFields body, String field) {
        String text = body.string(field, false);
        if (text == null) {
            return null;
        }
        try {
            LocalDate date = text.matches("\\d{4}-\\d{2}-\\d{2}") ? LocalDate.parse(text) : null;
            if (date != null && !date.isBefore(com.dealerkpi.domain.DateRange.MIN_DATE)
                    && !date.isAfter(com.dealerkpi.domain.DateRange.MAX_DATE)) {
                return date;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        body.error(field, "must be a date YYYY-MM-DD between 2000-01-01 and 2099-12-31");
        return null;
    }

}
