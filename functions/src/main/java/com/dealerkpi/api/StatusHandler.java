package com.dealerkpi.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.api.http.ApiException;
import com.dealerkpi.api.http.ApiRequest;
import com.dealerkpi.api.http.FunctionHandler;
import com.dealerkpi.api.http.Identity;
import com.dealerkpi.api.http.JsonFields;
import com.dealerkpi.api.http.Responses;
import com.dealerkpi.api.http.Route;
import com.dealerkpi.api.views.AgreementViews;
import com.dealerkpi.app.status.Agreements;
import com.dealerkpi.app.status.StatusRecorder;
import com.dealerkpi.domain.access.Caller;
import com.dealerkpi.domain.status.KpiEntry;
import com.dealerkpi.domain.status.Status;
import com.dealerkpi.domain.status.StatusRequest;
import com.dealerkpi.domain.status.VoidedUpdate;
import com.dealerkpi.telemetry.Metric;
import com.dealerkpi.telemetry.Telemetry;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The status function: status updates ({@code POST …/agreements/{agreementId}/status}) and their corrections
 * ({@code POST …/updates/{eventId}/void}).
 */
public final class StatusHandler extends FunctionHandler {
    private static final Set<String> FIELDS = Set.of("status", "occurredAt", "userId");
    private static final Set<String> VOID_FIELDS = Set.of("reason");
    /** Four-digit years and an explicit offset only: no expanded years, no local times. */
    private static final java.util.regex.Pattern INSTANT_SHAPE = java.util.regex.Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})");

    private final StatusRecorder recorder;
    private final Agreements agreements;
    private final Clock clock;

    public StatusHandler(Identity identity, Telemetry telemetry, StatusRecorder recorder, Agreements agreements,
                         Clock clock) {
        super(identity, Caller.GroupOf.NONE, telemetry);
        this.recorder = recorder;
        this.agreements = agreements;
        this.clock = clock;
        on(Route.POST_STATUS, this::postStatus);
        on(Route.VOID_UPDATE, this::voidUpdate);
    }

    private APIGatewayV2HTTPResponse voidUpdate(ApiRequest request) {
        String dealershipId = request.id("dealershipId");
        String agreementId = request.id("agreementId");
        String eventId = request.id("eventId");
        request.allowQuery(Set.of());
        JsonFields body = new JsonFields(request.jsonBody(), VOID_FIELDS);
        String reason = body.string("reason", true);
        if (reason != null && reason.isBlank()) {
            body.error("reason", "must not be blank: say why the update is voided");
        } else if (reason != null && reason.length() > VoidedUpdate.MAX_REASON) {
            body.error("reason", "must be at most " + VoidedUpdate.MAX_REASON + " characters (it has " + reason.length() + ")");
        } else if (reason != null && reason.codePoints().anyMatch(Character::isISOControl)) {
            body.error("reason", "must not contain control characters (line breaks, tabs)");
        }
        body.throwIfInvalid();
        return agreements.voidUpdate(dealershipId, agreementId, eventId, reason, request.caller().subject())
                .map(view -> {
                    // counted once voided: a void of no update is a 404, counted under Rejected
                    request.telemetry().count(Metric.VOIDS);
                    return Responses.json(200, AgreementViews.agreement(view));
                })
                .orElseThrow(() -> ApiException.notFound("Agreement " + agreementId + " at dealership " + dealershipId
                        + " has no update " + eventId + "."));
    }

    private APIGatewayV2HTTPResponse postStatus(ApiRequest request) {
        StatusRequest command = command(request);
        StatusRecorder.Outcome outcome = recorder.record(command, request.caller().subject());
        request.telemetry().count(outcome.replayed() ? Metric.STATUS_UPDATES_REPLAYED : Metric.STATUS_UPDATES_RECORDED);
        if (!outcome.replayed()) {
            for (KpiEntry entry : outcome.recorded().kpi()) {
                request.telemetry().count(switch (entry.outcome()) {
                    case RECORDED -> Metric.MILESTONES_RECORDED;
                    case BACKFILLED -> Metric.MILESTONES_BACKFILLED;
                    case MOVED_EARLIER -> Metric.MILESTONES_MOVED_EARLIER;
                    case UNCHANGED -> Metric.MILESTONES_UNCHANGED;
                });
            }
        }
        return Responses.json(outcome.replayed() ? 200 : 201, AgreementViews.recordedUpdate(outcome.recorded()));
    }

    /** Event to command: every problem with the path, the key and the body in one 400. */
    private StatusRequest command(ApiRequest request) {
        String dealershipId = request.id("dealershipId");
        String agreementId = request.id("agreementId");
        request.allowQuery(Set.of());
        String idempotencyKey = request.header("Idempotency-Key").orElse(null);
        JsonFields body = new JsonFields(request.jsonBody(), FIELDS);
        String statusText = body.string("status", true);
        String occurredText = body.string("occurredAt", false);
        String userId = body.string("userId", false);

        Status status = null;
        if (statusText != null) {
            status = Status.parse(statusText).orElse(null);
            if (status == null) {
                body.error("status", "is not a known status; valid statuses: " + Status.catalogue());
            }
        }
        Instant occurredAt = null;
        if (occurredText != null && !INSTANT_SHAPE.matcher(occurredText).matches()) {
            body.error("occurredAt", "must be an ISO-8601 instant with an offset, e.g. 2026-03-01T09:30:00Z");
        } else if (occurredText != null) {
            try {
                occurredAt = OffsetDateTime.parse(occurredText, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                // the shape is right, so a field is out of range: say which (e.g. "Invalid date 'FEBRUARY 30'")
                String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
                body.error("occurredAt", "is not a moment that exists: " + why);
            }
        }
        body.errors(StatusRequest.check(occurredAt, userId, idempotencyKey, clock.instant()));
        body.throwIfInvalid();
        return new StatusRequest(dealershipId, agreementId, status, occurredAt, userId, idempotencyKey);
    }
}
