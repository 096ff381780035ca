package com.dealerkpi.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.dealerkpi.domain.Ids;
import com.dealerkpi.domain.Principal;

import java.util.Map;

/**
 * The one authorization point. The caller comes only from the JWT authorizer's claims
 * ({@code requestContext.authorizer.jwt.claims}); it fails closed on anything missing or malformed, and
 * nothing in the path, query, body or headers can widen what the claims allow.
 *
 * <p>The one exception is opt-in and local: {@code sam local start-api} runs no JWT authorizer, so with
 * {@code localPrincipalHeader} a request that carries no authorizer block at all and was served by the local
 * emulator (domain {@code localhost}) may name its principal in {@link LocalPrincipal#HEADER}. The wiring never
 * turns this on in a deployed function, and there every route has the JWT authorizer, so no event reaches a
 * deployed function without claims.
 */
public final class Authorizer {
    private final ClaimNames names;
    private final boolean localPrincipalHeader;

    public Authorizer(ClaimNames names, boolean localPrincipalHeader) {
        this.names = names;
        this.localPrincipalHeader = localPrincipalHeader;
    }

    public Principal principal(APIGatewayV2HTTPEvent event) {
        Map<String, String> claims = claims(event);
        String roleClaim = names.roleClaim();
        String subject = claims.get("sub");
        if (subject == null || subject.isBlank()) {
            throw ApiException.unauthorized("No caller identity: the token has no subject.");
        }
        String role = claims.get(roleClaim);
        if (names.nationalRole().equals(role)) {
            return Principal.national(subject);
        }
        if (role != null && !"dealer".equals(role) && !"dealership".equals(role)) {
            throw ApiException.unauthorized("The token's role claim is not one this API knows.");
        }
        String dealershipId = claims.get(names.dealershipClaim());
        if (!Ids.isValid(dealershipId)) {
            throw ApiException.unauthorized("The token names no valid dealership for this caller.");
        }
        return Principal.dealer(subject, dealershipId);
    }

    /** Refuses a caller outside the route's scope (403). */
    public static void authorize(Route route, Principal caller, Map<String, String> pathParameters) {
        boolean allowed = switch (route.access()) {
            case NATIONAL -> caller.isNational();
            case DEALERSHIP -> caller.mayAccess(pathParameters.get("dealershipId"));
        };
        if (!allowed) {
            throw ApiException.forbidden(route.access() == Route.Access.NATIONAL
                    ? "Only national management may use this route."
                    : "This dealership is outside your access.");
        }
    }

    private Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context != null && context.getAuthorizer() == null && localPrincipalHeader
                && "localhost".equals(context.getDomainName()) && event.getHeaders() != null) {
            String spec = event.getHeaders().entrySet().stream()
                    .filter(h -> h.getKey().equalsIgnoreCase(LocalPrincipal.HEADER)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            return LocalPrincipal.claims(spec, names).orElseThrow(() -> ApiException.unauthorized(
                    "No caller identity: send " + LocalPrincipal.HEADER + ": national or dealer:<dealershipId>."));
        }
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null
                || context.getAuthorizer().getJwt().getClaims() == null) {
            throw ApiException.unauthorized("No caller identity: the request carries no authorizer claims.");
        }
        return context.getAuthorizer().getJwt().getClaims();
    }
}
