package com.dealerkpi.api.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.dealerkpi.api.http.ApiException;
import com.dealerkpi.api.http.ApiRequest;
import com.dealerkpi.api.http.Identity;
import com.dealerkpi.domain.Ids;
import com.dealerkpi.domain.access.Caller;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one authorization point. The caller comes only from the JWT authorizer's claims
 * ({@code requestContext.authorizer.jwt.claims}); it fails closed on anything missing or malformed, and
 * nothing in the path, query, body or headers can widen what the claims allow. A token with the role or
 * dealership claim (custom attributes: Cognito ID tokens) is read by them, and refused if its groups name another
 * caller; one without either is read by its
 * groups (Cognito access tokens carry {@code cognito:groups}, never custom attributes): the national group, or
 * exactly one {@code group-<group>} group (a dealer group's managers) or one {@code dealer-<dealershipId>} group.
 * Several of those and no national one is a 403: the API does not choose a dealership or a group for the caller.
 *
 * <p>The one exception is opt-in and local: {@code sam local start-api} runs no JWT authorizer, so with
 * {@code localPrincipalHeader} a request that carries no authorizer block at all and was served by the local
 * emulator (domain {@code localhost}) may name its principal in {@link LocalPrincipal#HEADER}. The wiring never
 * turns this on in a deployed function, and there every route has the JWT authorizer, so no event reaches a
 * deployed function without claims.
 */
public record Authorizer(ClaimNames names, boolean localPrincipalHeader) implements Identity {

    @Override
    public Caller of(APIGatewayV2HTTPEvent event) {
        Map<String, String> claims = claims(event);
        String roleClaim = names.roleClaim();
        String subject = claims.get("sub");
        if (subject == null || subject.isBlank()) {
            throw ApiException.unauthorized("No caller identity: the token has no subject.");
        }
        String role = claims.get(roleClaim);
        String dealershipId = claims.get(names.dealershipClaim());
        String groupsClaim = claims.get(names.groupsClaim());
        if (role == null && dealershipId == null && groupsClaim != null) {
            return fromGroups(subject, groups(groupsClaim));
        }
        Caller byAttributes = fromAttributes(subject, role, dealershipId);
        Set<String> groups = groupsClaim == null ? Set.of() : groups(groupsClaim);
        if (namesARole(groups) && !sameCaller(byAttributes, subject, groups)) {
            // an ID token carries both, an access token only the groups: a user moved to another group whose
            // attributes still name the old place would otherwise keep its rights by sending the ID token
            throw ApiException.forbidden("The token's role attributes and its groups name different callers; this "
                    + "API serves neither until an administrator makes them agree.");
        }
        return byAttributes;
    }

    /** Whether the groups name the caller the attributes name (groups that name none, or several, do not). */
    private boolean sameCaller(Caller byAttributes, String subject, Set<String> groups) {
        try {
            return fromGroups(subject, groups).equals(byAttributes);
        } catch (ApiException noneOrSeveral) {
            return false;
        }
    }

    private Caller fromAttributes(String subject, String role, String dealershipId) {
        if (names.nationalRole().equals(role)) {
            return Caller.national(subject);
        }
        if (role != null && !ClaimNames.DEALER_ROLES.contains(role)) {
            throw ApiException.unauthorized("The token's role claim is not one this API knows.");
        }
        if (!Ids.isValid(dealershipId)) {
            throw ApiException.unauthorized("The token names no valid dealership for this caller.");
        }
        return Caller.dealership(subject, dealershipId);
    }

    /** Whether any of the groups is one this API reads a caller from. */
    private boolean namesARole(Set<String> groups) {
        return groups.stream().anyMatch(group -> group.equals(names.nationalRole())
                || group.startsWith(ClaimNames.GROUP_MANAGERS_PREFIX) || group.startsWith(ClaimNames.DEALER_GROUP_PREFIX));
    }

    private Caller fromGroups(String subject, Set<String> groups) {
        if (groups.contains(names.nationalRole())) {
            return Caller.national(subject);
        }
        List<String> dealerships = new ArrayList<>();
        // one group however many spellings the user pool has of it (group-Arnold_Clark, group-arnold_clark)
        Set<String> dealerGroups = new LinkedHashSet<>();
        for (String group : groups) {
            if (group.startsWith(ClaimNames.GROUP_MANAGERS_PREFIX)) {
                // as the user pool names it: spaces written as underscores (a space here is a list that was not split)
                String name = group.substring(ClaimNames.GROUP_MANAGERS_PREFIX.length());
                if (!Ids.isValid(name)) {
                    throw ApiException.unauthorized("The token's group " + ClaimNames.GROUP_MANAGERS_PREFIX
                            + "… names no valid dealer group.");
                }
                dealerGroups.add(Ids.groupKey(name));
            } else if (group.startsWith(ClaimNames.DEALER_GROUP_PREFIX)) {
                String id = group.substring(ClaimNames.DEALER_GROUP_PREFIX.length());
                if (!Ids.isValid(id)) {
                    throw ApiException.unauthorized("The token's group " + ClaimNames.DEALER_GROUP_PREFIX
                            + "… names no valid dealership.");
                }
                dealerships.add(id);
            }
        }
        if (dealerships.size() + dealerGroups.size() > 1) {
            throw ApiException.forbidden("The caller belongs to several dealerships' or dealer groups' groups; this "
                    + "API serves a caller one dealership, or one dealer group, at a time.");
        }
        if (!dealerGroups.isEmpty()) {
            return Caller.group(subject, dealerGroups.iterator().next());
        }
        if (dealerships.isEmpty()) {
            throw ApiException.unauthorized("The token's groups name no role this API knows.");
        }
        return Caller.dealership(subject, dealerships.get(0));
    }

    /**
     * The groups of a claim as the HTTP API's JWT authorizer passes an array ({@code [national dealer-D1]}: split on
     * whitespace alone, which a user pool's group names cannot hold), or comma-separated, or one name. A name is taken
     * as it stands: a user pool's group names may hold commas and quotes, so {@code [group-Lookers,national]} is one
     * group (no valid dealer group's), never {@code national}.
     */
    static Set<String> groups(String claim) {
        String text = claim.trim();
        List<String> names = text.startsWith("[") && text.endsWith("]")
                ? List.of(text.substring(1, text.length() - 1).split("\\s+"))
                : List.of(text.split(","));
        Set<String> groups = new LinkedHashSet<>();
        names.stream().map(String::trim).filter(name -> !name.isEmpty()).forEach(groups::add);
        return groups;
    }

    private Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context != null && context.getAuthorizer() == null && localPrincipalHeader
                && "localhost".equals(context.getDomainName()) && event.getHeaders() != null) {
            if (!LocalPrincipal.addressedToLoopback(ApiRequest.header(event, "Host").orElse(null))) {
                throw ApiException.forbidden("A local principal is taken only from requests addressed to localhost,"
                        + " 127.0.0.1 or [::1].");
            }
            String spec = ApiRequest.header(event, LocalPrincipal.HEADER).orElse(null);
            return LocalPrincipal.claims(spec, names).orElseThrow(() -> ApiException.unauthorized(
                    "No caller identity: send " + LocalPrincipal.HEADER + ": national, group:<group> or dealer:<dealershipId>."));
        }
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null
                || context.getAuthorizer().getJwt().getClaims() == null) {
            throw ApiException.unauthorized("No caller identity: the request carries no authorizer claims.");
        }
        return context.getAuthorizer().getJwt().getClaims();
    }
}
